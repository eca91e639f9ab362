"""Event dates: the date a figure's own sentence gives it, resolved against the article's date."""
import pytest

from geomap.eventdates import DateFinder
from geomap.model import Document
from geomap.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def dated(pipeline, text, article="2022-02-10"):
    """(count, event_date, event_grain, event_date_text, status) of each deployment."""
    return [(d.figure.count, d.event_date, d.event_grain, d.event_date_text, d.status)
            for d in pipeline.process(Document("a.txt", text, article)).deployments]


# The article is dated Thursday 2022-02-10 unless a row says otherwise.
CASES = [
    # relative words resolved against the article's date
    ("Russia sent 5,000 troops to Belarus last month.", "2022-02-10",
     [(5000, "2022-01", "month", "last month", "deployed")]),
    ("Earlier this month Moscow moved 3,000 troops to Belarus.", "2022-02-10",
     [(3000, "2022-02", "month", "Earlier this month", "deployed")]),
    ("Last week Russia moved 7,000 troops to Crimea.", "2022-02-10",
     [(7000, "2022-01-31", "week", "Last week", "deployed")]),
    ("On Tuesday, Russia moved 10,000 troops to Belarus.", "2022-02-10",
     [(10000, "2022-02-08", "day", "On Tuesday", "deployed")]),
    ("Russia moved 2,000 troops to Belarus yesterday.", "2022-02-10",
     [(2000, "2022-02-09", "day", "yesterday", "deployed")]),
    ("Two weeks ago Russia deployed 4,000 troops to Belarus.", "2022-02-10",
     [(4000, "2022-01-24", "week", "Two weeks ago", "deployed")]),
    ("Three months ago Russia deployed 4,000 troops to Belarus.", "2022-02-10",
     [(4000, "2021-11", "month", "Three months ago", "deployed")]),
    # a month without its year: the latest on or before the article's date ...
    ("In April Russia massed 100,000 troops near Ukraine.", "2022-02-10",
     [(100000, "2021-04", "month", "In April", "massing")]),
    ("In January Russia sent 6,000 troops to Belarus.", "2022-02-10",
     [(6000, "2022-01", "month", "In January", "deployed")]),
    # ... or, planned, the first on or after it
    ("Russia will send 6,000 troops to Belarus in April.", "2022-02-10",
     [(6000, "2022-04", "month", "in April", "planned")]),
    ("On March 3 Russia moved 8,000 troops to Belarus.", "2022-02-10",
     [(8000, "2021-03-03", "day", "On March 3", "deployed")]),
    ("By March 2023 Russia had deployed 9,000 troops to Belarus.", "2023-06-01",
     [(9000, "2023-03", "month", "By March 2023", "deployed")]),
    ("Russia deployed 9,000 troops to Belarus on 3 March 2023.", "2023-06-01",
     [(9000, "2023-03-03", "day", "on 3 March 2023", "deployed")]),
    # a background figure years before the article: historical
    ("In 2014, Russia had 20,000 troops in Crimea.", "2022-02-10",
     [(20000, "2014", "year", "In 2014", "historical")]),
    ("In the spring of 2021 Russia massed 100,000 troops near Ukraine.", "2022-06-10",
     [(100000, "2021", "year", "In the spring of 2021", "massing")]),
    ("In March 2019 Russia deployed 4,000 troops to Belarus.", "2022-02-10",
     [(4000, "2019-03", "month", "In March 2019", "historical")]),
    # "since": the figure holds from then on, never background
    ("Russia has kept 1,500 troops in Transnistria since 2014.", "2022-02-10",
     [(1500, "2014", "year", "since 2014", None)]),
    # no article date: relative words stay unresolved and say so; a year is still read
    ("Russia sent 5,000 troops to Belarus last month.", None, [(5000, None, None, "last month", "deployed")]),
    ("On Tuesday, Russia moved 10,000 troops to Belarus.", None, [(10000, None, None, "On Tuesday", "deployed")]),
    ("In 2014, Russia had 20,000 troops in Crimea.", None, [(20000, "2014", "year", "In 2014", "historical")]),
    # no date in the sentence: none
    ("Russia has sent 5,000 troops to Belarus.", "2022-02-10", [(5000, None, None, None, "deployed")]),
    # not dates: a verb "may", "march", a count that looks like a year, a model number
    ("Russia may send 5,000 troops to Belarus.", "2022-02-10", [(5000, None, None, None, None)]),
    ("Some 2,014 troops march toward Belarus, Russia said.", "2022-02-10", [(2014, None, None, None, None)]),
    # the nearest date wins; one behind another count is that count's
    ("In January Russia sent 6,000 troops to Belarus, and in February it sent 3,000 troops to Crimea.", "2022-02-10",
     [(6000, "2022-01", "month", "In January", "deployed"), (3000, "2022-02", "month", "in February", "deployed")]),
]


@pytest.mark.parametrize("text,article,expected", CASES)
def test_event_dates(pipeline, text, article, expected):
    assert dated(pipeline, text, article) == expected


def test_the_deployment_keeps_the_article_date(pipeline):
    d = pipeline.process(Document("a.txt", "Russia sent 5,000 troops to Belarus last month.", "2022-02-10")).deployments[0]
    assert (d.date, d.event_date) == ("2022-02-10", "2022-01")


FIND = [
    # sentence, article date, [(text, date, grain, since)]
    ("Troops arrived on Friday.", "2022-02-11", [("on Friday", "2022-02-11", "day", False)]),
    ("Troops arrived last Friday.", "2022-02-11", [("last Friday", "2022-02-04", "day", False)]),
    ("Troops have been there since April.", "2022-02-11", [("since April", "2021-04", "month", True)]),
    ("Troops came in 2021 and left in December 2021.", None, [("in 2021", "2021", "year", False),
                                                              ("in December 2021", "2021-12", "month", False)]),
    ("Drills end next month.", "2021-12-20", [("next month", "2022-01", "month", False)]),
    ("Drills ended last year.", "2021-12-20", [("last year", "2020", "year", False)]),
    # not dates: a verb, a place word, a count, a year inside a longer number
    ("Troops may march into the city of Mayskoye; 20,000 were seen.", "2022-02-11", []),
    ("The Su-2021 and the T-2014 are models.", "2022-02-11", []),
]


@pytest.mark.parametrize("sentence,article,expected", FIND)
def test_find(sentence, article, expected):
    got = [(e.text.strip(), e.date, e.grain, e.since) for e in DateFinder().find(sentence, article)]
    assert got == expected


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
