"""Claims: reports of one force, unit kind and place whose counts agree within a time window are one claim."""
import json

import pytest

from geomap.builder import build
from geomap.claims import Claims, claim_id, report_day


def report(doc, count=None, lo=None, hi=None, date="2022-02-01", force="RU", unit="troops", place="cc:BY", start=0,
           event_date=None, event_grain=None):
    lo = count if lo is None else lo
    hi = count if hi is None and count is not None and lo == count else (None if hi == "open" else hi)
    return {"doc": doc, "start": start, "force": force, "unit": unit, "place_id": place, "count": count,
            "count_min": lo, "count_max": hi, "date": date, "event_date": event_date, "event_grain": event_grain}


def groups(reports, **kw):
    """The reports' docs grouped by claim, in order of first report."""
    claims = Claims(**kw)
    out: dict[str, list[str]] = {}
    for r in reports:
        out.setdefault(claims.assign(r), []).append(r["doc"])
    return list(out.values())


CASES = [
    ("the same figure repeated", [report("a", 5000), report("b", 5000, date="2022-02-05")], [["a", "b"]]),
    ("overlapping ranges: 'about 30,000' with '30,000' and 'up to 32,000'",
     [report("a", 30000, 27000, 33000), report("b", 30000), report("c", 32000, 1, 32000)], [["a", "b", "c"]]),
    ("'more than 100,000' and '175,000' agree", [report("a", 100000, 100000, "open"), report("b", 175000)], [["a", "b"]]),
    ("counts that disagree are two claims", [report("a", 5000), report("b", 30000)], [["a"], ["b"]]),
    # every report agrees with every other: 'thousands' took 5,000, so 9,000 no longer fits
    ("a claim narrows as reports join", [report("a", None, 1000, 9999), report("b", 5000), report("c", 9000)],
     [["a", "b"], ["c"]]),
    ("another force", [report("a", 5000), report("b", 5000, force="US")], [["a"], ["b"]]),
    ("another unit kind", [report("a", 50), report("b", 50, unit="aircraft")], [["a"], ["b"]]),
    ("another place", [report("a", 5000), report("b", 5000, place="cc:UA")], [["a"], ["b"]]),
    ("within 30 days of the claim's dates", [report("a", 5000, date="2022-01-01"), report("b", 5000, date="2022-01-31")],
     [["a", "b"]]),
    ("more than 30 days apart", [report("a", 5000, date="2022-01-01"), report("b", 5000, date="2022-02-01")],
     [["a"], ["b"]]),
    # the claim runs 2022-01-01..2022-01-25 once b joined: c on 2022-02-20 is within 30 days of its last date
    ("a claim's dates grow", [report("a", 5000, date="2022-01-01"), report("b", 5000, date="2022-01-25"),
                              report("c", 5000, date="2022-02-20")], [["a", "b", "c"]]),
    # articles out of date order: c (earlier) still joins the claim within 30 days of its first date
    ("out of date order", [report("a", 5000, date="2022-03-01"), report("c", 5000, date="2022-02-05")], [["a", "c"]]),
    ("undated reports make claims among themselves",
     [report("a", 5000, date=None), report("b", 5000), report("c", 5000, date=None)], [["a", "c"], ["b"]]),
    # the day the sentence gives counts, not the article's: 'in January' in a March article
    ("the event date", [report("a", 5000, date="2022-01-10"),
                        report("b", 5000, date="2022-03-20", event_date="2022-01", event_grain="month")], [["a", "b"]]),
]


@pytest.mark.parametrize("name,reports,expected", CASES, ids=[c[0] for c in CASES])
def test_claims(name, reports, expected):
    assert groups(reports) == expected


def test_where_several_fit_the_latest_takes_it():
    # b and c are separate claims (they disagree); d ('about 4,500') agrees with both and joins c, reported last
    claims = Claims()
    ids = [claims.assign(r) for r in [report("b", 4200, 4000, 4400, start=1), report("x", 20000),
                                       report("c", 4800, 4600, 5000, start=2), report("d", 4500, 4050, 4950)]]
    assert ids[3] == ids[2] != ids[0]


def test_ids_are_the_first_reports():
    r = report("a.txt", 5000, start=17)
    assert Claims().assign(r) == claim_id(r) == claim_id(dict(r, count=9))
    assert claim_id(r) != claim_id(dict(r, start=18))
    assert len(claim_id(r)) == 12


def test_bounded():
    # a year of daily reports of new figures: old claims leave the index, which stays small
    claims = Claims(limit=1000)
    from datetime import date, timedelta
    for i in range(5000):
        day = (date(2022, 1, 1) + timedelta(days=i // 10)).isoformat()
        claims.assign(report(f"d{i}", 1000 + i, date=day))
    assert len(claims.held) <= 1000
    assert sum(len(v) for v in claims.index.values()) == len(claims.held)
    # swept by date: nothing older than window + slack before the newest date stays past a sweep
    assert min(c.last for c in claims.held.values()) >= claims.newest - 120 - 410


def test_the_build_writes_claims(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("date 2022-02-01\nRussia has sent 5,000 troops to Belarus.\n")
    (corpus / "b.txt").write_text("date 2022-02-03\nAbout 5,000 Russian troops are in Belarus.\n")
    (corpus / "c.txt").write_text("date 2022-02-04\nRussia has sent 30,000 troops to Belarus.\n")
    build([corpus], tmp_path / "out", formats=("geojson", "csv"))
    feats = [f["properties"] for f in json.loads((tmp_path / "out" / "deployments.geojson").read_text())["features"]
             if f["properties"]["kind"] == "deployment"]
    assert [(p["doc"], p["count"]) for p in feats] == [("a.txt", 5000), ("b.txt", 5000), ("c.txt", 30000)]
    assert feats[0]["claim"] == feats[1]["claim"] != feats[2]["claim"]
    assert feats[0]["claim"] == claim_id(feats[0])


@pytest.mark.parametrize("event, want", [
    ((None, None, None), "2022-02-10"),
    (("2022-02-08", "day", "on Tuesday"), "2022-02-08"),
    (("2022-01-31", "week", "last week"), "2022-01-31"),
    (("2022-01", "month", "last month"), "2022-01-01"),
    (("2022-02", "month", "earlier this month"), "2022-02-10"),  # the article's day, in that month
    (("2014", "year", "in 2014"), "2022-02-10"),
    # a figure that holds since a date is reported at the article's date, not at its start
    (("2021-03", "month", "since March 2021"), "2022-02-10"),
    (("2021-03-01", "day", "Since March 1"), "2022-02-10"),
])
def test_report_day(event, want):
    ev, grain, text = event
    assert report_day({"date": "2022-02-10", "event_date": ev, "event_grain": grain, "event_date_text": text}) == want
