"""End to end on the seed articles: facts an analyst would check."""
import json
import math
import shutil

import pytest

from pathlib import Path

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
    assert not counts & {2.5e9, 2_500_000_000, 14000, 250_000_000, 300_000_000, 75_000_000}


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


def test_bad_file_is_reported_and_the_rest_built(tmp_path, pipeline):
    from geomap.builder import build

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    summary = build([corpus], tmp_path / "out", pipeline)
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


def test_csv_cells_are_not_formulas():
    from geomap.export import csv_text

    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]},
               "properties": {"kind": "mention", "quote": "=HYPERLINK(\"http://x\")", "place": "@x"}}
    row = csv_text([feature]).splitlines()[1]
    assert "'=HYPERLINK" in row and ",'@x," in row


def test_committed_maps_are_current(pipeline, tmp_path):
    # maps/ lets a visitor open the example without installing: it must match corpus/
    from geomap.builder import build

    build([ROOT / "corpus"], tmp_path, pipeline)
    for name in ("deployments.geojson", "deployments.html", "report.json"):
        assert (tmp_path / name).read_bytes() == (ROOT / "maps" / name).read_bytes(), (
            f"maps/{name} is stale: run `geomap build` and commit maps/")


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
