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
    assert report["articles"] == 8 and len(report["skipped"]) == 2


def test_every_real_deployment_is_kept(hostile_build):
    out, _ = hostile_build
    found = {(f["properties"]["doc"], f["properties"]["count"], f["properties"]["place"])
             for f in json.loads((out / "deployments.geojson").read_text(encoding="utf-8"))["features"]
             if f["properties"]["kind"] == "deployment"}
    assert found >= {
        ("bom.txt", 300, "Estonia"), ("cp1251.txt", 3000, "Belarus"), ("utf16.txt", 2000, "Lithuania"),
        ("injection.html", 5000, "Belarus"), ("latin1.txt", 4000, "Belarus"), ("markdown.md", 8500, "Poland"),
        ("nested/deeper/Воронеж-отчёт.txt", 10000, "Voronezh"), ("long_line.txt", 7000, "Crimea"),
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
