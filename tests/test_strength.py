"""Strength over time: a corpus with a known rise gives exactly the expected table, each claim counted once."""
import csv

import pytest

import geomap
from geomap.builder import build
from geomap.strength_table import Strength, StrengthCSV, period_of

MONTHS = range(1, 7)


def write_corpus(folder):
    """Thirty dated articles, five a month for six months, and one undated.

    Each month m: three articles repeat one claim of 10,000 x m Russian troops in Belarus
    ("about" in one of them); one gives 1,000 x m in Gomel; one gives 500 x m U.S. troops in
    Rzeszow and 700 in Warsaw, the Warsaw figure the same every month (one claim throughout,
    its reports 28 to 31 days apart... within the 30-day window of the claim's last date).
    A background sentence ("In 2014 ...") and the undated article are left out.
    """
    folder.mkdir()
    n = 0
    for m in MONTHS:
        f, g = 10_000 * m, 1_000 * m
        texts = {
            3: f"Russia has sent {f:,} troops to Belarus.",
            10: f"About {f:,} Russian troops are now in Belarus, officials said.",
            17: f"Russia has sent {f:,} troops to Belarus. In 2014, Russia had 20,000 troops in Crimea.",
            24: f"Russia has deployed {g:,} troops to Gomel.",
            28: f"The United States has sent {500 * m:,} troops to Rzeszow. The United States has sent 700 troops to Warsaw.",
        }
        for day, text in texts.items():
            n += 1
            (folder / f"{n:02d}.txt").write_text(f"date 2022-{m:02d}-{day:02d}\n{text}\n")
    (folder / "99.txt").write_text("Russia has sent 99,000 troops to Belarus.\n")
    return n


def expected_rows():
    rows = []
    for m in MONTHS:
        f, g, r = 10_000 * m, 1_000 * m, 500 * m
        month = f"2022-{m:02d}"
        ru_within = dict(largest=f, median=(f + g) / 2, total=f, claims=2, reports=4, articles=4)
        us_within = dict(largest=max(r, 700), median=(r + 700) / 2, total=r + 700, claims=2, reports=2, articles=1)
        rows += [
            (month, "RU", "troops", "place", "cc:BY", "Belarus", "country", dict(largest=f, median=f, total=f, claims=1, reports=3, articles=3)),
            (month, "RU", "troops", "place", "gn:627907", "Homyel'", "city", dict(largest=g, median=g, total=g, claims=1, reports=1, articles=1)),
            (month, "RU", "troops", "within", "cc:BY", "Belarus", "country", ru_within),
            (month, "RU", "troops", "within", "rg:eastern-europe", "Eastern Europe", "region", ru_within),
            (month, "US", "troops", "place", "gn:756135", "Warsaw", "city", dict(largest=700, median=700, total=700, claims=1, reports=1, articles=1)),
            (month, "US", "troops", "place", "gn:759734", "Rzeszów", "city", dict(largest=r, median=r, total=r, claims=1, reports=1, articles=1)),
            (month, "US", "troops", "within", "cc:PL", "Poland", "country", us_within),
            (month, "US", "troops", "within", "rg:central-europe", "Central Europe", "region", us_within),
            (month, "US", "troops", "within", "rg:eastern-europe", "Eastern Europe", "region", us_within),
        ]
    return [{"period": p, "force": fo, "unit": u, "scope": s, "area_id": a, "area": n, "area_type": t,
             **{k: (int(v) if float(v).is_integer() else v) for k, v in vals.items()}}
            for p, fo, u, s, a, n, t, vals in sorted(rows, key=lambda x: x[:5])]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("strength")
    assert write_corpus(root / "corpus") == 30
    build([root / "corpus"], root / "out", formats=("geojson", "strength"))
    return root


def test_strength_csv_is_exactly_the_known_rise(built):
    with open(built / "out" / "strength.csv", newline="") as fh:
        got = list(csv.DictReader(fh))
    want = [{("month" if k == "period" else k): str(v) for k, v in r.items()} for r in expected_rows()]
    assert got == want


def test_the_question_is_answered_without_double_counting(built):
    # "how many Russian troops were reported in Belarus, by month": the claims' largest, not the reports' sum
    gdf = geomap.build([built / "corpus"])
    s = geomap.strength(gdf)
    ru = s[(s.force == "RU") & (s.scope == "within") & (s.area_id == "cc:BY")]
    assert list(zip(ru.month, ru.total)) == [(f"2022-{m:02d}", 10_000 * m) for m in MONTHS]
    # reports summed would give 3 x 10,000 m + 1,000 m
    assert list(ru.reports) == [4] * 6


def test_python_gives_the_csv_table(built):
    gdf = geomap.build([built / "corpus"])
    s = geomap.strength(gdf)
    assert list(s.columns) == ["month", "force", "unit", "scope", "area_id", "area", "area_type", "largest",
                               "median", "total", "claims", "reports", "articles"]
    got = [{("period" if k == "month" else k): (None if v != v else v) for k, v in r.items()} for r in s.to_dict("records")]
    assert got == expected_rows()


def test_without_claim_ids_claims_are_formed_the_same(built):
    gdf = geomap.build([built / "corpus"]).drop(columns=["claim"])
    got = geomap.strength(gdf)
    assert list(got.total) == [r["total"] for r in expected_rows()]


def test_historical_on_request():
    feats = [{"kind": "deployment", "doc": "a", "start": 0, "force": "RU", "unit": "troops", "place_id": "cc:BY",
              "country": "BY", "count": 20000, "count_min": 20000, "count_max": 20000, "date": "2022-02-01",
              "event_date": "2014", "event_grain": "year", "status": "historical", "claim": "x"}]
    assert geomap.strength(feats).empty
    got = geomap.strength(feats, historical=True)
    assert list(zip(got.scope, got.area_id, got.total)) == [("place", "cc:BY", 20000), ("within", "cc:BY", 20000),
                                                            ("within", "rg:eastern-europe", 20000)]


@pytest.mark.parametrize("by,want", [("day", "2022-02-10"), ("week", "2022-W06"), ("month", "2022-02"),
                                     ("quarter", "2022-Q1"), ("year", "2022")])
def test_periods(by, want):
    assert period_of("2022-02-10", by) == want


def test_unknown_period():
    with pytest.raises(ValueError, match="by: expected one of"):
        Strength(by="fortnight")


def test_writer(tmp_path):
    w = StrengthCSV(tmp_path / "s.csv", by="year")
    w.open()
    w.add({"properties": {"kind": "deployment", "doc": "a", "start": 0, "force": "=cmd", "unit": "troops",
                          "place_id": "cc:BY", "country": "BY", "count": 5, "date": "2022-02-01", "claim": "c"}})
    w.add({"properties": {"kind": "mention", "doc": "a", "place_id": "cc:BY"}})
    assert w.finish() == tmp_path / "s.csv"
    lines = (tmp_path / "s.csv").read_text().splitlines()
    assert lines[0] == "year,force,unit,scope,area_id,area,area_type,largest,median,total,claims,reports,articles"
    assert lines[1:] == ["2022,'=cmd,troops,place,cc:BY,Belarus,country,5,5,5,1,1,1",
                         "2022,'=cmd,troops,within,cc:BY,Belarus,country,5,5,5,1,1,1",
                         "2022,'=cmd,troops,within,rg:eastern-europe,Eastern Europe,region,5,5,5,1,1,1"]
