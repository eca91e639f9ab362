"""Event dates: the date a figure's own sentence gives it, resolved against the article's date.

What the finder reads and each deployment's event date: tests/cases/date_words.yaml and event_dates.yaml."""
import pytest

from geomap.model import Document
from geomap.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def test_the_deployment_keeps_the_article_date(pipeline):
    d = pipeline.process(Document("a.txt", "Russia sent 5,000 troops to Belarus last month.", "2022-02-10")).deployments[0]
    assert (d.date, d.event_date) == ("2022-02-10", "2022-01")


def test_outputs_carry_event_dates_with_their_types(tmp_path):
    import csv
    import json

    import geopandas
    import pyogrio

    from geomap.builder import build

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("date 2022-02-10\nRussia sent 5,000 troops to Belarus last month.\n")
    (corpus / "b.txt").write_text("Russia sent 3,000 troops to Belarus last month.\n")
    build([corpus], tmp_path / "out", formats=("geojson", "gpkg", "csv"))
    props = [f["properties"] for f in json.loads((tmp_path / "out" / "deployments.geojson").read_text())["features"]
             if f["properties"]["kind"] == "deployment"]
    assert [(p["date"], p["event_date"], p["event_grain"], p["event_date_text"]) for p in props] == [
        ("2022-02-10", "2022-01", "month", "last month"), (None, None, None, "last month")]
    assert all(len(p["claim"]) == 12 for p in props)
    with open(tmp_path / "out" / "deployments.csv", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kind"] == "deployment"]
    assert [(r["event_date"], r["event_grain"], r["event_date_text"], r["claim"]) for r in rows] == [
        ("2022-01", "month", "last month", props[0]["claim"]), ("", "", "last month", props[1]["claim"])]
    # DATE columns in the GeoPackage (QGIS's temporal controller reads them); a month is its first day
    gpkg = tmp_path / "out" / "deployments.gpkg"
    info = pyogrio.read_info(gpkg, layer="deployments")
    types = dict(zip(info["fields"], info["dtypes"]))
    assert (types["date"], types["event_date"], types["claim"], types["count"]) == (
        "datetime64[D]", "datetime64[D]", "object", "int64")
    assert dict(zip(*[pyogrio.read_info(gpkg, layer="mentions")[k] for k in ("fields", "dtypes")]))["date"] == "datetime64[D]"
    frame = geopandas.read_file(gpkg, layer="deployments")
    assert [str(v)[:10] for v in frame["event_date"]] == ["2022-01-01", "NaT"]
    assert [str(v)[:10] for v in frame["date"]] == ["2022-02-10", "NaT"]
    assert list(frame["claim"]) == [p["claim"] for p in props]


@pytest.mark.parametrize("change, message", [
    ({"months": {"january": 1}}, "months: expected every month 1..12"),
    ({"before": "in"}, "before: expected a list of non-empty strings"),
    ({"periods": {"days": "fortnight"}}, "periods: expected words to one of"),
    ({"historical_days": -1}, "historical_days: expected a whole number of days"),
    ({"shift": {"last": "minus one"}}, "shift: expected a table of words to integers"),
])
def test_a_broken_lexicon_table_is_named(change, message):
    import tomllib
    from importlib import resources

    from geomap.errors import LexiconError
    from geomap.eventdates import _Words

    table = tomllib.loads((resources.files("geomap") / "lang" / "en" / "lexicon.toml").read_text())["event_dates"]
    _Words(table)  # the shipped table is sound
    with pytest.raises(LexiconError, match=r"lexicon \[event_dates\] " + message):
        _Words({**table, **change})


@pytest.mark.parametrize("text", [
    "Russia sent 5,000 troops to Belarus on Tuesday, March 3, 2023.", "the 3rd of March", "in mid-March",
    "troops arrived in 2014 and 1,500 more in the spring of 2021", "two weeks ago", "a couple of months ago",
    "earlier this year", "the day before", "this morning", "Chicago's agonizing weekly yearbook", "They may deploy",
    "Troops march in May", "Last Week, 300 marines landed", "20 years ago", "(March) 40 tanks", "x2021y",
    "Moscow a déployé 2 000 soldats en mars 2022", "Since 2014, 600 troops – Monday", "no date at all here",
    "Kyiv said 2,000 troops had left, the ministry said on the 3rd  of\nMarch", "sent (the 3rd of March) 30 tanks",
    "The navy sent 12 ships a couple of weeks ago", "and 400 more the day before yesterday", "in the   spring of 2021",
    "x" * 90 + " the 3rd of March", "x" * 76 + " a couple of weeks ago", "a b c d e f g h i j k l m n o p q r s t u v w x y z"
    " aa bb cc dd ee ff gg hh ii jj kk ll two weeks ago", "a week ago and last week",
])
def test_a_sentence_is_read_with_the_forms_it_holds_the_makings_of(pipeline, text):
    # the quick test that picks the forms of date to try finds the same dates as the whole pattern
    finder = pipeline.dates
    makings, first = finder._makings(text)
    assert bool(makings) is (finder.maybe.search(text) is not None)
    for article in ("2022-02-10", None):
        want = finder.find(text, article)
        got = finder._find(text, article, False, finder._variant(makings), finder._start(text, first)) if makings else []
        assert got == want
        assert bool(makings) or want == []


def test_the_same_sentence_in_two_articles_is_dated_by_each(pipeline):
    # the finder keeps the last sentence it read for the next deployment of that sentence: an
    # article of another date reads it again
    text = "Russia sent 5,000 troops and 40 tanks to Belarus last month."
    got = [[d.event_date for d in pipeline.process(Document("a", text, day)).deployments]
           for day in ("2022-02-10", "2022-02-10", "2023-07-01")]
    assert got == [["2022-01", "2022-01"], ["2022-01", "2022-01"], ["2023-06", "2023-06"]]


def test_the_periods_a_shift_moves_and_the_way_it_looks_are_the_lexicons():
    """'last week', 'next Monday', 'Sept.' are read with the [event_dates] table: its shift periods, the
    sign of its shifts and which month names are cut short, not English words in the code."""
    import copy
    import dataclasses

    from geomap.eventdates import DateFinder
    from geomap.lexicon import load

    def found(finder, text):
        return [(e.text, e.date, e.grain) for e in finder.find(text, "2022-06-15")]

    shipped = DateFinder()
    assert found(shipped, "troops came last fortnight") == []
    assert found(shipped, "troops came last week") == [("last week", "2022-06-06", "week")]
    assert found(shipped, "troops come next Monday") == [("next Monday", "2022-06-20", "day")]
    assert found(shipped, "troops came in Sept. 2021") == [("in Sept. 2021", "2021-09", "month")]
    assert found(shipped, "troops came in Febr. 2021") == []
    tables = copy.deepcopy(load().tables)
    tables["event_dates"]["shift_periods"]["fortnight"] = "week"  # a period of its own words
    tables["event_dates"]["shift"]["next"] = -1  # a language whose "next" looks back
    tables["event_dates"]["months"]["febr"] = 2  # cut short: the start of "february", so a dot may follow
    custom = DateFinder(dataclasses.replace(load(), tables=tables))
    assert found(custom, "troops came last fortnight") == [("last fortnight", "2022-06-06", "week")]
    assert found(custom, "troops come next Monday") == [("next Monday", "2022-06-13", "day")]
    assert found(custom, "troops came in Febr. 2021") == [("in Febr. 2021", "2021-02", "month")]
