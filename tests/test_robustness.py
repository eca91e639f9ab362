"""Bad input never breaks a build, loses an article, or escapes the output folder."""
import json
import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.corpus import decode, read_document
from geomap.errors import CorpusError
from geomap.model import Document

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "hostile"


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory):
    """tests/data/hostile plus a 3 MB single line (generated: too big to commit)."""
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(HOSTILE, corpus)
    rng = random.Random(7)
    words = "the army said on Monday that troops moved along roads while officials discussed sanctions".split()
    line = " ".join(rng.choice(words) for _ in range(450_000)) + " Russia has sent 7,000 troops to Crimea. "
    (corpus / "long_line.txt").write_text(line, encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def hostile_build(hostile_corpus, tmp_path_factory, pipeline):
    from geomap.builder import build

    out = tmp_path_factory.mktemp("hostile-out")
    summary = build([hostile_corpus], out, pipeline, formats=("geojson", "html", "csv"))
    return out, summary


def test_hostile_corpus_builds_and_names_skipped_files(hostile_build):
    out, summary = hostile_build
    assert sorted((Path(s.path).name, s.reason) for s in summary.skipped) == [
        ("binary.txt", "binary (NUL bytes), not a text article"), ("empty.txt", "empty")]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["articles"] == 10 and len(report["skipped"]) == 2


def test_every_real_deployment_is_kept(hostile_build):
    out, _ = hostile_build
    found = {(f["properties"]["doc"], f["properties"]["count"], f["properties"]["place"])
             for f in json.loads((out / "deployments.geojson").read_text(encoding="utf-8"))["features"]
             if f["properties"]["kind"] == "deployment"}
    assert found >= {
        ("bom.txt", 300, "Estonia"), ("cp1251.txt", 3000, "Belarus"), ("utf16.txt", 2000, "Lithuania"),
        ("injection.html", 5000, "Belarus"), ("latin1.txt", 4000, "Belarus"), ("markdown.md", 8500, "Poland"),
        ("nested/deeper/Воронеж-отчёт.txt", 10000, "Voronezh"), ("long_line.txt", 7000, "Crimea"),
        ("no_head.html", 1200, "Latvia"),  # valid HTML needs no </head>: the page was read as empty
        # full-width digits and comma, Arabic-Indic digits and thousands separator, a thin space
        ("digits.txt", 6000, "Lithuania"), ("digits.txt", 4500, "Georgia"), ("digits.txt", 2500, "Estonia"),
    }


def test_dates_from_bom_and_markdown_headers(hostile_build):
    out, _ = hostile_build
    dates = {f["properties"]["doc"]: f["properties"]["date"]
             for f in json.loads((out / "deployments.geojson").read_text(encoding="utf-8"))["features"]}
    assert dates["bom.txt"] == "2022-03-01" and dates["markdown.md"] == "2023-03-14"


def test_html_scripts_are_not_article_text(hostile_build):
    out, _ = hostile_build
    page = (out / "deployments.html").read_text(encoding="utf-8")
    assert "window.__pwned=1" not in page  # the article's <script> was dropped when reading
    assert "<img src=x" not in page


def test_second_build_is_byte_identical(hostile_corpus, hostile_build, tmp_path, pipeline):
    from geomap.builder import build

    out, _ = hostile_build
    build([hostile_corpus], tmp_path, pipeline, formats=("geojson", "html", "csv"))
    for name in ("deployments.geojson", "deployments.html", "deployments.csv", "report.json"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_outputs_only_under_out(hostile_corpus, tmp_path, pipeline):
    from geomap.builder import build

    before = {p for p in tmp_path.rglob("*")}
    build([hostile_corpus], tmp_path / "out", pipeline)
    after = {p for p in tmp_path.rglob("*")} - before
    assert after and all(tmp_path / "out" in p.parents or p == tmp_path / "out" for p in after)


def test_huge_file_is_skipped_not_read(tmp_path, monkeypatch):
    import geomap.corpus as corpus

    monkeypatch.setattr(corpus, "MAX_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(CorpusError, match="larger than the 1000-byte limit"):
        read_document(path)


def test_unreadable_file_is_reported(tmp_path):
    missing = tmp_path / "gone.txt"
    with pytest.raises(CorpusError, match="gone.txt: unreadable"):
        read_document(missing)


# -- property-based: no exception escapes the reader or the extractor --------------------
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_decode_never_raises_anything_but_corpus_error(raw):
    try:
        text = decode(raw, Path("x.txt"))
    except CorpusError:
        return
    assert isinstance(text, str)


TROOPISH = st.sampled_from([
    "5,000 troops", " to ", "Belarus", "Moscow has sent", "thousands of", " near ", "Kyiv", "$2.5 billion",
    "Su-35", "between 3,000 and", "up to 10", "Georgia", ", ", ". ", "\n\n", "U.S.", "-strong army",
    "’s", "the Ukrainian border", "…", "forty thousand", "1.5 million", "battalion tactical groups", "\u2028",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(TROOPISH, st.text(max_size=20)), max_size=40))
def test_extractor_never_raises(pipeline, parts):
    text = "".join(parts)
    result = pipeline.process(Document("x.txt", text))
    for d in result.deployments:
        assert text[d.start:d.end] == d.figure.text
        assert d.quote == text[d.quote_start:d.quote_start + len(d.quote)]
    for m in result.mentions:
        assert text[m.start:m.end] == m.surface


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_map_of_random_text_escapes_everything(gazetteer, text):
    from geomap.webmap import build_map

    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [27.9, 53.7]}, "properties": {
        "kind": "deployment", "doc": text[:40], "count": 5, "count_min": 5, "count_max": 5, "qualifier": None,
        "unit": "troops", "unit_text": text[:30], "force": None, "force_text": None, "status": None, "date": None,
        "place": text[:20], "place_text": text[:20], "place_id": "gn:625144", "place_type": "city",
        "quote": text, "quote_start": 0, "start": 0, "end": min(3, len(text)), "confidence": 0.5}}
    page = build_map([feature], gazetteer).get_root().render()
    (data,) = [json.loads(d) for d in re.findall(r"geomap\.fill\([^,]+, (\{.*?\}), \{.*?\}\);\n", page)
               if json.loads(d)["features"] and json.loads(d)["features"][0]["properties"]["shape"] == "troops"]
    props = data["features"][0]["properties"]
    for html in (props["popup"], props["tooltip"]):
        bare = re.sub(r"</?(table|tr|th|td|small|mark|blockquote|ul|ol|li|b|p|br)( class='gm')?>", "", html)
        assert "<" not in bare and ">" not in bare and "`" not in bare and "$" not in bare



# -- reading: only regular files, sizes counted while reading -----------------------------
def _build_cli(corpus, out, *extra, timeout=120, **kw):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "geomap", "build", str(corpus), "-o", str(out), "--jobs", "1", *extra],
                          capture_output=True, timeout=timeout, cwd=ROOT, **kw)


def test_fifo_device_and_socket_are_skipped_with_a_reason(tmp_path):
    import os
    import socket

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russia has sent 5,000 troops to Belarus.", encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")  # no writer: opening it to read waited for ever
    (corpus / "zero.txt").symlink_to("/dev/zero")  # its size reads 0: it was read until memory ran out
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(corpus / "sock.txt"))
    try:
        result = _build_cli(corpus, tmp_path / "out", timeout=60)
    finally:
        sock.close()
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["articles"] == 1
    assert sorted((Path(s["path"]).name, s["reason"]) for s in report["skipped"]) == [
        ("pipe.txt", "not a regular file (a FIFO)"), ("sock.txt", "not a regular file (a socket)"),
        ("zero.txt", "not a regular file (a character device)")]
    assert result.stderr.decode().count("\n") == 3  # a warning line each


def test_size_is_counted_while_reading():
    from geomap.corpus import read_bytes

    status = Path("/proc/self/status")  # a regular file whose size reads 0
    assert status.stat().st_size == 0 and len(read_bytes(status)) > 100
    with pytest.raises(CorpusError, match="larger than the 100-byte limit"):
        read_bytes(status, limit=100)


# -- names printed and written safely -----------------------------------------------------
def test_names_that_are_not_utf8_or_hold_control_characters_are_escaped(tmp_path):
    import os

    corpus = tmp_path / "c"
    corpus.mkdir()
    text = b"Russia has sent 5,000 troops to Belarus."
    with open(os.path.join(os.fsencode(corpus), b"caf\xe9.txt"), "wb") as fh:  # Latin-1 bytes: not UTF-8
        fh.write(text)
    (corpus / "evil\x1b[2J\nforged.txt").write_bytes(text.replace(b"5,", b"6,"))  # clears the terminal, forges a line
    (corpus / "empty\x1b]0;x\x07.txt").write_bytes(b"")  # skipped: its name is in the warning
    result = _build_cli(corpus, tmp_path / "out")
    assert result.returncode == 0, result.stderr  # was: UnicodeEncodeError, no outputs
    for stream in (result.stdout, result.stderr):
        assert b"\x1b" not in stream and b"\x07" not in stream
        stream.decode("utf-8")  # valid UTF-8
    assert result.stderr.decode() == f"geomap: warning: skipped {corpus}/empty\\x1b]0;x\\x07.txt: empty\n"
    features = json.loads((tmp_path / "out" / "deployments.geojson").read_bytes())["features"]
    docs = sorted({f["properties"]["doc"] for f in features if f["properties"]["kind"] == "deployment"})
    assert docs == ["caf\\xe9.txt", "evil\\x1b[2J\\x0aforged.txt"]
    report = json.loads((tmp_path / "out" / "report.json").read_bytes())
    assert [Path(s["path"]).name for s in report["skipped"]] == ["empty\\x1b]0;x\\x07.txt"]


# -- numbers: every script, every separator, nothing beyond a force -----------------------
HUGE = "1" + "0" * 400  # too large for a float: OverflowError ended the build
NUMBERS = [
    ("Russia has sent ５，０００ troops to Belarus.", {(5000, "Belarus")}),  # full-width: was 0
    ("Russia has sent ٥٬٠٠٠ troops to Belarus.", {(5000, "Belarus")}),  # Arabic-Indic: was 0
    ("Russia has sent ५,००० troops to Belarus.", {(5000, "Belarus")}),  # Devanagari
    ("Russia has sent 5\u2009000 troops to Belarus.", {(5000, "Belarus")}),  # thin space: was 5
    ("Russia has sent 5\u202f000 troops to Belarus.", {(5000, "Belarus")}),  # narrow no-break space
    ("Russia has sent 5\u00a0000 troops to Belarus.", {(5000, "Belarus")}),  # no-break space
    ("Russia has sent 5'000 troops to Belarus.", {(5000, "Belarus")}),  # Swiss apostrophe: was 0
    ("Russia has sent 5’000 troops to Belarus.", {(5000, "Belarus")}),
    ("Russia has sent 5.000 troops to Belarus.", {(5000, "Belarus")}),
    ("Russia has sent 1.5 million troops to Belarus.", {(1500000, "Belarus")}),
    ("Russia has sent 0.5 million troops to Belarus.", {(500000, "Belarus")}),
    ("Russia sent ２０２２ troops to Belarus in ２０２２.", set()),  # a year, in any script
    ("Russia has sent 20,000,000 troops to Belarus.", set()),  # beyond any force: no figure
    (f"Russia has sent {HUGE} troops to Belarus.", set()),
    (f"Russia has sent 5,000 troops to Belarus. About {HUGE} of them are in Minsk.", {(5000, "Belarus")}),
    (f"Russian forces in Belarus numbered about {HUGE}.", set()),
    (f"Russia increased its forces from 90,000 troops to {HUGE} in Belarus.", set()),
    (f"Russia has sent 5,000 troops to Belarus and {HUGE} to Poland.", {(5000, "Belarus")}),
    (f"Russia has sent between {HUGE} and 2{HUGE} troops to Belarus.", set()),
    ("Russia has sent " + "hundred " * 200 + "troops to Belarus.", set()),  # 100**200: no float holds it
    ("Russia has sent 0 troops to Belarus.", set()),
    ("Russia has sent 5" + " 000" * 40 + " troops to Belarus.", set()),  # nor is a tail of it a count
]


@pytest.mark.parametrize("text, expected", NUMBERS)
def test_numbers_of_every_script_and_size(pipeline, text, expected):
    deployments = pipeline.process(Document("x.txt", text)).deployments
    assert {(d.figure.count, d.place.name) for d in deployments} == expected
    for d in deployments:
        assert text[d.start:d.end] == d.figure.text


def test_longer_lower_case_does_not_shift_offsets(pipeline):
    # "İ".lower() is two characters: the unit finder searched 500 characters too far on
    text = "İ" * 500 + " Russia has sent 5,000 troops to Belarus. Russian forces in Belarus numbered about 30,000."
    deployments = pipeline.process(Document("x.txt", text)).deployments
    assert [(d.figure.count, d.place.name, text[d.start:d.end]) for d in deployments] == [
        (5000, "Belarus", "5,000 troops"), (30000, "Belarus", "Russian forces in Belarus numbered about 30,000")]


# -- HTML ---------------------------------------------------------------------------------
HTML = [
    ("<html><head><title>T</title><meta charset=utf-8><p>5,000 troops</p></html>", "5,000 troops"),  # no </head>
    ("<p>a</p><!-- c --><p>b</p><style>p{}</style><noscript>n</noscript><template>t</template>", "a\n\nb"),
    ("<p>x<script>var a = '</p>';</script>y</p>", "xy"),
    ("<p>5 &lt; 6 &amp;amp; a < b</p>", "5 < 6 &amp; a < b"),  # unescaped once, a lone "<" is text
    ('<a title="x>y">z</a><a b"c>w</a>', "zw"),  # a quote opens a value only after "="
    ("<p>kept</p><!-- open to the end <p>hidden</p>", "kept"),
    ("<p>kept</p><a href='open to the end <p>hidden</p>", "kept"),
    ("<p>kept</p><script>open to the end <p>hidden</p>", "kept"),
    ("<!DOCTYPE html><?xml x?><![CDATA[c]]><p>a</p><!--><p>b</p><!---><p>c</p></ p>", "a\n\nb\n\nc"),
    ("<div>" * 50_000 + "<p>deep</p>", "deep"),  # lxml stopped at 256 levels and dropped the rest
    ("<p>a</p>\n \n \t\n\n<p>b</p>", "a\n\nb"),
]


@pytest.mark.parametrize("markup, expected", HTML)
def test_html_to_text(markup, expected):
    from geomap.corpus import html_to_text

    assert html_to_text(markup) == expected


# -- the command line: one line and a status of its own for every error --------------------
def test_command_line_errors_are_one_line_with_a_status_each(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russia has sent 5,000 troops to Belarus.", encoding="utf-8")
    afile = corpus / "a.txt"
    (tmp_path / "dangling").symlink_to(tmp_path / "nothing")
    cases = [
        ((corpus, tmp_path / "o", "--jobs", "-1"), 64, "argument -j/--jobs: expected 0 (every core) or more processes"),
        ((corpus, tmp_path / "o", "--format", "pdf"), 64, "argument -f/--format: expected some of geojson"),
        ((corpus, tmp_path / "o", "--bogus"), 64, "unrecognized arguments: --bogus"),
        ((tmp_path / "nope", tmp_path / "o"), 66, f"{tmp_path / 'nope'}: no such file or folder"),
        ((tmp_path / "dangling", tmp_path / "o"), 66, f"{tmp_path / 'dangling'}: a link to nothing"),
        ((corpus, afile / "out"), 73, f"{afile / 'out'}: cannot create the output folder (Not a directory)"),
    ]
    import subprocess
    import sys

    for (path, out, *extra), status, message in cases:
        result = subprocess.run([sys.executable, "-m", "geomap", "build", str(path), "-o", str(out), *extra],
                                capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert (result.returncode, result.stdout) == (status, ""), (extra, result.stderr)
        assert result.stderr.startswith(f"geomap: error: {message}") and result.stderr.count("\n") == 1, result.stderr


def test_file_size_limit_is_one_line_naming_the_file(tmp_path):
    import resource

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russia has sent 5,000 troops to Belarus.", encoding="utf-8")
    limit = lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))  # noqa: E731 (the map is larger)
    result = _build_cli(corpus, tmp_path / "out", preexec_fn=limit)
    err = result.stderr.decode()
    assert result.returncode == 74 and err.count("\n") == 1, err
    assert err.startswith(f"geomap: error: {tmp_path / 'out'}/deployments.") and err.endswith(": cannot write (File too large)\n")


@pytest.mark.parametrize("raised, status, line", [
    ("interrupt", 130, "geomap: interrupted"),
    ("engine", 69, "geomap: error: the dask engine needs dask.distributed: pip install 'geomap[dask]'"),
    ("lexicon", 65, "geomap: error: lexicon [units] troops: expected a list of non-empty strings"),
    ("efbig", 74, "geomap: error: {out}: cannot write (File too large)"),  # a write the builder did not name
    ("bug", 70, "geomap: error: internal error: RuntimeError: boom (GEOMAP_DEBUG=1 shows the traceback)"),
])
def test_errors_met_while_building_are_one_line_each(tmp_path, monkeypatch, capsys, raised, status, line):
    import errno

    import geomap.builder
    from geomap.cli import main
    from geomap.errors import EngineError, LexiconError

    error = {"interrupt": KeyboardInterrupt(),
             "engine": EngineError("the dask engine needs dask.distributed: pip install 'geomap[dask]'"),
             "lexicon": LexiconError("lexicon [units] troops: expected a list of non-empty strings"),
             "efbig": OSError(errno.EFBIG, "File too large"), "bug": RuntimeError("boom")}[raised]

    def build(*args, **kwargs):
        raise error

    monkeypatch.setattr(geomap.builder, "build", build)
    monkeypatch.delenv("GEOMAP_DEBUG", raising=False)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out")]) == status
    assert capsys.readouterr().err == line.format(out=tmp_path / "out") + "\n"


def test_ctrl_c_stops_every_process_with_one_line(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "c"
    corpus.mkdir()
    text = "Russia has sent 5,000 troops to Belarus near Minsk, officials said on Monday. " * 40
    for i in range(3000):
        (corpus / f"a{i:04}.txt").write_text(text, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "build", str(corpus), "-o", str(tmp_path / "out"),
                             "--jobs", "2", "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, start_new_session=True)
    time.sleep(3)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: to the parent and its workers
    out, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the build ended before the signal")
    assert (proc.returncode, err) == (130, "geomap: interrupted\n")  # no traceback from any worker


def test_a_folder_that_cannot_be_listed_is_skipped_with_the_reason(tmp_path, monkeypatch):
    import os

    from geomap.engines import run

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("Russia has sent 5,000 troops to Belarus.", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("Russia has sent 5,000 troops to Belarus.", encoding="utf-8")
    scandir = os.scandir

    def denied(path="."):  # as for a folder without the read bit (root passes every permission check)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    results = list(run([tmp_path]))
    assert [getattr(r, "doc", None) for r in results] == [None, "ok/a.txt"]  # was: nothing said of it
    assert (results[0].path, results[0].reason) == (f"{tmp_path}/locked", "unreadable (Permission denied)")


def test_a_page_nested_deeper_than_lxml_reads_is_read_whole():
    from geomap.readers.pages import read_page

    # lxml (under trafilatura) stops at 256 nested elements and drops the rest of the page
    markup = ("<html><head><title>Drills</title></head><body><p>Germany has sent 1,200 troops to Latvia.</p>"
              + "<div>" * 300 + "<p>Poland has sent 800 troops to Lithuania.</p></body></html>")
    page = read_page(markup)
    assert (page.title, page.text) == (
        "Drills", "Germany has sent 1,200 troops to Latvia.\n\nPoland has sent 800 troops to Lithuania.")
