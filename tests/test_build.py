"""End to end on the seed articles: facts an analyst would check."""
import json
import math
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def built(tmp_path_factory, pipeline):
    from geomap.builder import build

    out = tmp_path_factory.mktemp("maps")
    summary = build([ROOT / "corpus"], out, pipeline)
    collection = json.loads((out / "deployments.geojson").read_text(encoding="utf-8"))
    return out, summary, collection


def deployments(collection, doc_prefix):
    return [f for f in collection["features"]
            if f["properties"]["kind"] == "deployment" and f["properties"]["doc"].startswith(doc_prefix)]


def km(a, b):
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def test_russian_troops_in_belarus_not_moscow(built):
    _, _, collection = built
    hits = [f for f in deployments(collection, "000_") if f["properties"]["count"] == 5000]
    assert len(hits) == 1  # said twice in the article, one claim
    p = hits[0]["properties"]
    assert (p["place_id"], p["force"], p["unit"], p["date"]) == ("cc:BY", "RU", "troops", "2022-02-01")
    assert km(hits[0]["geometry"]["coordinates"], (37.62, 55.75)) > 400  # not at Moscow


def test_polish_troops_in_poland(built):
    _, _, collection = built
    hits = [f["properties"] for f in deployments(collection, "003_") if f["properties"]["count"] == 15000]
    assert [(p["place_id"], p["force"]) for p in hits] == [("cc:PL", "PL")]


def test_money_and_casualties_are_not_deployments(built):
    _, _, collection = built
    counts = {f["properties"]["count"] for f in collection["features"] if f["properties"]["kind"] == "deployment"}
    assert not counts & {2_500_000_000, 14000, 250_000_000, 300_000_000, 75_000_000}


def test_every_deployment_has_its_source(built):
    out, _, collection = built
    texts = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob("*.txt")}
    for f in collection["features"]:
        p = f["properties"]
        text = texts[p["doc"]]
        assert text[p["quote_start"]:p["quote_start"] + len(p["quote"])] == p["quote"]
        assert p["quote_start"] <= p["start"] < p["end"] <= p["quote_start"] + len(p["quote"])
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_summary_and_report(built):
    out, summary, _ = built
    assert summary.articles == 5 and summary.deployments >= 8 and not summary.skipped
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["articles"] == 5 and "unresolved" in report


def test_scorer_on_seeds(built):
    # the shared scorer, as the issue measures it
    import subprocess
    import sys

    scorer = SHARED / "eval" / "score.py"
    if not scorer.exists():
        pytest.skip("../shared is not beside the checkout")
    out, _, _ = built
    result = subprocess.run([sys.executable, str(scorer), str(SHARED / "eval" / "seeds_gold.json"),
                             str(out / "deployments.geojson"), "--json"], capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout)
    assert figures["deployments"]["f1"] >= 0.95
    assert figures["mentions"]["f1"] >= 0.95
    assert figures["force_accuracy"] == 1.0 and figures["unit_accuracy"] == 1.0


def test_same_input_same_bytes(built, tmp_path, pipeline):
    from geomap.builder import build

    out, _, _ = built
    build([ROOT / "corpus"], tmp_path, pipeline)
    for name in ("deployments.geojson", "deployments.html"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_bad_file_is_reported_and_the_rest_built(tmp_path, pipeline, caplog, capsys):
    from geomap.builder import build

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    summary = build([corpus], tmp_path / "out", pipeline, warn=True)
    # logged, not printed: the command line decides where it goes
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        ("geomap.builder", "WARNING", f"skipped {corpus / 'broken.txt'}: binary (NUL bytes), not a text article")]
    assert capsys.readouterr().err == ""
    assert summary.articles == 5
    assert [s.reason for s in summary.skipped] == ["binary (NUL bytes), not a text article"]
    assert summary.skipped[0].path.endswith("broken.txt")
    assert any(line.startswith("  skipped ") and "broken.txt: binary" in line for line in summary.lines())


def test_api_geodataframe(pipeline):
    import geomap

    gdf = geomap.build([ROOT / "corpus"])
    assert gdf.crs.to_epsg() == 4326
    dep = gdf[gdf["kind"] == "deployment"]
    assert {"count", "unit", "force", "place", "quote"} <= set(gdf.columns)
    assert len(dep) >= 8


def test_geopackage_and_csv(tmp_path, pipeline):
    import csv

    import geopandas

    from geomap.builder import build

    build([ROOT / "corpus"], tmp_path, pipeline, formats=("gpkg", "csv"))
    deployments = geopandas.read_file(tmp_path / "deployments.gpkg", layer="deployments")
    mentions = geopandas.read_file(tmp_path / "deployments.gpkg", layer="mentions")
    assert deployments.crs.to_epsg() == 4326 and len(deployments) >= 8 and len(mentions) >= 15
    assert ("Belarus", "RU", 5000) in set(zip(deployments["place"], deployments["force"], deployments["count"]))
    with open(tmp_path / "deployments.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(deployments) + len(mentions)
    assert {"lon", "lat", "quote", "count"} <= set(rows[0])


def test_geopackage_is_written_in_batches_and_takes_new_properties(tmp_path):
    # features stream through in batches of two; a property first met in a later batch
    # (a list, as the rule ids will be) becomes a column, and no layer is missing
    import geopandas

    from geomap.engines import ArticleOutput
    from geomap.export import GeoPackageWriter

    def feature(i, **more):
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [20.0 + i, 50.0]},
                "properties": {"kind": "deployment", "doc": f"{i}.txt", "count": 100 * i or None, "confidence": 0.5, **more}}

    writer = GeoPackageWriter()
    writer.batch = 2
    writer.open(tmp_path)
    writer.add(ArticleOutput("0.txt", [feature(0), feature(1)], []))
    assert (tmp_path / "deployments.gpkg").exists()  # written as it streams, not at the end
    writer.add(ArticleOutput("2.txt", [feature(2, rules=["figure.count", "place.to"]), feature(3)], []))
    writer.add(ArticleOutput("4.txt", [feature(4, place="Kyiv")], []))
    writer.finish("b")
    frame = geopandas.read_file(tmp_path / "deployments.gpkg", layer="deployments")
    rows = [(r["doc"], None if r["count"] != r["count"] else int(r["count"]), r["rules"], r["place"], r.geometry.x)
            for _, r in frame.iterrows()]
    assert [tuple(None if v != v else v for v in row) for row in rows] == [
        ("0.txt", None, None, None, 20.0), ("1.txt", 100, None, None, 21.0),
        ("2.txt", 200, '["figure.count", "place.to"]', None, 22.0), ("3.txt", 300, None, None, 23.0),
        ("4.txt", 400, None, "Kyiv", 24.0)]
    assert len(geopandas.read_file(tmp_path / "deployments.gpkg", layer="mentions")) == 0


def test_csv_cells_are_not_formulas():
    from geomap.export import csv_text

    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]},
               "properties": {"kind": "mention", "quote": "=HYPERLINK(\"http://x\")", "place": "@x"}}
    row = csv_text([feature]).splitlines()[1]
    assert "'=HYPERLINK" in row and ",'@x," in row


def _what_changed(name: str, fresh: bytes, committed: bytes, limit: int = 12) -> str:
    """The difference a reviewer must judge: features gained and lost, or the first differing lines."""
    import difflib

    if name.endswith(".geojson"):
        def rows(data):
            out = set()
            for f in json.loads(data)["features"]:
                p = f["properties"]
                out.add(" ".join(str(p.get(k)) for k in ("kind", "doc", "count", "unit", "force", "place_id", "figure_text")
                                 if p.get(k) is not None))
            return out

        new, old = rows(fresh), rows(committed)
        lines = [f"+ {r}" for r in sorted(new - old)] + [f"- {r}" for r in sorted(old - new)]
        if not lines:
            lines = ["(the same features; properties, order or the build id differ)"]
    else:
        lines = [line for line in difflib.unified_diff(committed.decode("utf-8", "replace").splitlines(),
                                                       fresh.decode("utf-8", "replace").splitlines(), lineterm="", n=0)
                 if not line.startswith(("---", "+++", "@@"))]
    more = f"\n  ... and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n  ".join(line[:160] for line in lines[:limit]) + more


def test_committed_maps_are_current(pipeline, tmp_path):
    # maps/ lets a visitor open the example without installing: it must match corpus/. A
    # difference is a change of behaviour to review, not a file to regenerate blindly.
    from geomap.builder import build

    build([ROOT / "corpus"], tmp_path, pipeline)
    for name in OUTPUTS:
        fresh, committed = (tmp_path / name).read_bytes(), (ROOT / "maps" / name).read_bytes()
        assert fresh == committed, (
            f"maps/{name} differs from a fresh build of corpus/ (+ fresh, - committed):\n  "
            f"{_what_changed(name, fresh, committed)}\n"
            "Review this difference before anything else: is each change intended, and why did it happen? "
            "If it is a fix, rebuild with `geomap build` and say in the commit message what changed in maps/ "
            "and why; if not, it is a regression in the change under test.")


def test_geojson_is_rfc7946(tmp_path, pipeline):
    from geomap.builder import build

    build([ROOT / "corpus"], tmp_path, pipeline)
    text = (tmp_path / "deployments.geojson").read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    for f in collection["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


# -- a build's outputs are one set -------------------------------------------------------
SEEDS = ROOT / "corpus"
OUTPUTS = ("deployments.geojson", "deployments.html", "strength.csv", "report.json")
NAMED = ("deployments.geojson", "deployments.html", "report.json")  # the outputs that name their build


def build_ids(out: Path) -> dict[str, str]:
    """The build id each output names."""
    import re

    page = (out / "deployments.html").read_text(encoding="utf-8")
    (meta,) = re.findall(r'<meta name="geomap-build" content="([0-9a-f]+)">', page)
    return {"deployments.geojson": json.loads((out / "deployments.geojson").read_bytes())["geomap"]["build"],
            "deployments.html": meta,
            "report.json": json.loads((out / "report.json").read_bytes())["build"]}


def test_outputs_name_one_build_and_nothing_else_is_left(built):
    out, summary, collection = built
    assert build_ids(out) == dict.fromkeys(NAMED, summary.build) and len(summary.build) == 16
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["outputs"] == ["deployments.geojson", "strength.csv", "deployments.html", "report.json"]
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)  # no staging folder, no scratch file


def test_build_id_follows_the_inputs_and_options(built, tmp_path, pipeline):
    from geomap.builder import build

    _, summary, _ = built
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    assert build([corpus], tmp_path / "same", pipeline).build == summary.build  # content, not where it lies
    assert build([SEEDS], tmp_path / "offline", pipeline, online_tiles=False).build != summary.build
    assert build([SEEDS], tmp_path / "csv", pipeline, formats=("geojson", "html", "csv")).build != summary.build
    with open(corpus / "000_2022-02-01_russia_belarus_5000.txt", "a", encoding="utf-8") as fh:
        fh.write("\n")
    assert build([corpus], tmp_path / "edited", pipeline).build != summary.build


@pytest.fixture
def previous(tmp_path, pipeline):
    """An output folder holding a complete set from an earlier build (of the first two seeds)."""
    from geomap.builder import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, corpus)
    out = tmp_path / "out"
    build([corpus], out, pipeline)
    return out, {name: (out / name).read_bytes() for name in OUTPUTS}


def _unchanged(out, before):
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_build_leaves_the_previous_set_whole(previous, pipeline, monkeypatch, failure):
    # an exception or Ctrl-C after the GeoJSON was written, before the map: nothing changes
    from geomap.builder import build
    from geomap.errors import OutputError
    from geomap.export import HTMLWriter

    out, before = previous

    def fail(self, build_id):
        raise failure

    monkeypatch.setattr(HTMLWriter, "finish", fail)
    with pytest.raises(OutputError if isinstance(failure, OSError) else KeyboardInterrupt) as info:
        build([SEEDS], out, pipeline)
    if isinstance(failure, OSError):
        assert str(info.value) == f"{out / 'deployments.html'}: cannot write (No space left on device)"
    _unchanged(out, before)


KILLED = """
import os, signal, sys
from pathlib import Path
import geomap.builder as builder
from geomap.export import HTMLWriter

moment = sys.argv[3]
if moment == "staging":  # the GeoJSON is written in the staging folder, the map is not
    def finish(self, build_id):
        os.kill(os.getpid(), signal.SIGKILL)
    HTMLWriter.finish = finish
else:  # killed between two renames of the commit
    real = os.replace
    def replace(src, dst):
        real(src, dst)
        if Path(dst).name == moment:
            os.kill(os.getpid(), signal.SIGKILL)
    builder.os.replace = replace
builder.build([sys.argv[1]], sys.argv[2])
"""


def _killed_build(out, moment):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", KILLED, str(SEEDS), str(out), moment], capture_output=True, text=True)
    assert result.returncode == -9, result.stderr


def test_a_build_killed_while_writing_leaves_the_previous_set_and_is_cleaned_next_time(previous, pipeline):
    from geomap.builder import build

    out, before = previous
    old = build_ids(out)["report.json"]
    _killed_build(out, "staging")
    leftovers = [p.name for p in out.iterdir() if p.name not in OUTPUTS]
    assert len(leftovers) == 1 and leftovers[0].startswith(".geomap-build-")  # SIGKILL: nothing could clean
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert build_ids(out) == dict.fromkeys(NAMED, old)
    summary = build([SEEDS], out, pipeline)  # the next build removes the dead build's folder
    assert build_ids(out) == dict.fromkeys(NAMED, summary.build)
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def test_temporaries_of_earlier_versions_are_removed(previous, pipeline):
    # builds before output sets left these when killed; a stranger's files stay
    from geomap.builder import build

    out, _ = previous
    left = [".deployments.k2x_9a.part", ".mentions.k2x_9a.part", ".csv.k2x_9a.part", ".deployments.geojson.k2x_9a.tmp",
            ".deployments.html.k2x_9a.tmp", ".report.json.k2x_9a.tmp", ".deployments.gpkg-src.geojson",
            ".deployments.tmp.gpkg", "notes.txt", ".deployments.backup"]
    for name in left:
        (out / name).write_text("x", encoding="utf-8")
    build([SEEDS], out, pipeline)
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUTS, "notes.txt", ".deployments.backup"])


def test_a_build_killed_between_two_renames_is_visible_and_finished_next_time(previous, pipeline):
    # the one moment several renames cannot cover: a reader sees report.json of the old build,
    # which names a different build than the GeoJSON; the next build finishes the commit first
    from geomap.builder import recover

    out, _ = previous
    old = build_ids(out)["report.json"]
    _killed_build(out, "deployments.geojson")
    ids = build_ids(out)
    assert ids["report.json"] == ids["deployments.html"] == old != ids["deployments.geojson"]
    (commit,) = [p.name for p in out.iterdir() if p.name not in OUTPUTS]
    assert commit == f".geomap-commit-{ids['deployments.geojson']}"
    recover(out)  # what every build does first, under the lock
    assert build_ids(out) == dict.fromkeys(NAMED, ids["deployments.geojson"])
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)


def test_ctrl_c_during_the_swap_waits_for_the_set(previous, pipeline, monkeypatch):
    # Ctrl-C between two renames is held until the last one: the set is the new build's
    import os
    import signal

    import geomap.builder as builder

    out, _ = previous
    real = os.replace

    def replace(src, dst):
        real(src, dst)
        if Path(dst).name == "deployments.geojson":
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(builder.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        builder.build([SEEDS], out, pipeline)
    monkeypatch.undo()
    ids = build_ids(out)
    assert len(set(ids.values())) == 1 and ids["report.json"] == builder.build([SEEDS], out / "again", pipeline).build
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUTS, "again"])


@pytest.mark.parametrize("moment", [".lines", "deployments.geojson"])  # while reading; while drawing the map
def test_a_reader_never_sees_two_builds_after_a_kill(previous, moment):
    # `geomap build`, unpatched, killed as soon as its staging folder holds a file named like
    # ``moment``: the folder then holds the previous set, whole (only a kill in the
    # microseconds between two renames could differ: a test above forces that moment)
    import signal
    import subprocess
    import sys
    import time

    out, before = previous
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "build", str(SEEDS), "-o", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.endswith(moment) for p in out.glob(".geomap-build-*/*")):
            assert proc.poll() is None and time.monotonic() < deadline, "the build ended before that moment"
            time.sleep(0.0005)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before


def test_a_terminated_build_cleans_up(previous):
    # SIGTERM (kill, timeout, a service manager) ends the build as Ctrl-C does: nothing left
    import signal
    import subprocess
    import sys
    import time

    out, before = previous
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "build", str(SEEDS), "-o", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        while not list(out.glob(".geomap-build-*/.deployments.lines")):
            assert proc.poll() is None, "the build ended before it was stopped"
            time.sleep(0.0005)
    finally:
        proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 128 + signal.SIGTERM and proc.stderr.read() == ""
    _unchanged(out, before)


HOLDER = """
import sys
from geomap.builder import lock
with lock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes it
"""


def test_a_second_build_into_the_same_folder_fails_or_waits(tmp_path):
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        second = subprocess.run([sys.executable, "-m", "geomap", "build", str(SEEDS), "-o", str(out)],
                                capture_output=True, text=True, cwd=ROOT)
        assert second.returncode == 75 and second.stdout == ""  # EX_TEMPFAIL: see the README's exit statuses
        assert second.stderr == (f"geomap: error: {out}: another geomap build is writing to this folder; "
                                 "wait for it to finish, or pass --wait\n")
        assert list(out.iterdir()) == []
        waiting = subprocess.Popen([sys.executable, "-m", "geomap", "build", str(SEEDS), "-o", str(out), "--wait"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        time.sleep(3)
        assert waiting.poll() is None and list(out.iterdir()) == []  # still waiting
        holder.stdin.close()
        assert holder.wait(timeout=30) == 0
        assert waiting.wait(timeout=60) == 0, waiting.stderr.read()
        assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    finally:
        holder.kill()


def _started_then_asleep(started):
    import time

    started.set()
    time.sleep(30)


def test_a_forked_worker_does_not_keep_the_folder_locked(tmp_path):
    # a pool worker forked during a build (or orphaned by a killed one) must not hold its lock
    import multiprocessing

    from geomap.builder import lock

    ctx = multiprocessing.get_context("fork")
    started = ctx.Event()
    with lock(tmp_path):
        worker = ctx.Process(target=_started_then_asleep, args=(started,))
        worker.start()
        assert started.wait(30)  # the worker runs: what it inherited is settled
    try:
        with lock(tmp_path):  # the worker still runs
            assert worker.is_alive()
    finally:
        worker.kill()
        worker.join()
