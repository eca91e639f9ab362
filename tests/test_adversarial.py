"""Hostile input is read in time linear in its size, and still gives what it holds.

Each kind of input of benchmarks/bench_adversarial.py once took time more than linear in
its size (minutes for 200 KB: a pattern retried at every position of a long run, a loop
over everything read before). Here each runs at 200 KB under a generous bound: the bound
catches quadratic blow-up, it is no benchmark (linear kinds take well under 3 s).
"""
import importlib.util
import time
from pathlib import Path

import pytest

from geomap.engines import process_file
from geomap.text import QUOTE_REACH

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_adversarial", ROOT / "benchmarks" / "bench_adversarial.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

SIZE = 200_000
BOUND = 8.0  # seconds
BELARUS = {(5000, "Belarus")}
# every (count, place) each kind gives at 200 KB: what must be kept, and nothing else
EXPECTED = {
    "plain": BELARUS,
    "dots": BELARUS,
    "dots_spaced": BELARUS,
    "exclaim_quotes": BELARUS,
    "abbreviations": BELARUS,
    "initials": BELARUS,
    "force_lookup": BELARUS,
    "figures_no_place": set(),  # no place is named
    "blocked_names": BELARUS,
    "zero_width": set(),  # no word is apart from the next: no figure reads
    "no_break": BELARUS,
    "of_them": {(5000, "Belarus"), (1000, "Minsk")},
    "unresolved": set(),
    "unresolved_one": set(),
    "places_sentence": set(),  # one figure for a list of places far apart: no deployment (rule drop.list)
    "each": {(5000, "Poland"), (5000, "Latvia")},  # "... Poland and Latvia each host 5,000 troops": the last pair
    "number_words": {(11000, "Belarus")},  # the 100 characters before the unit: eleven "thousand"
    "capitals_run": BELARUS,
    "numbers_run": BELARUS,
    "digits_run": BELARUS,  # the number of 200,000 digits is no figure: no crash either
    "grouped_run": set(),  # "5 000 000 ... 000 troops": beyond any force, and no tail of it is a count
    "grouped_of_them": BELARUS,
    "commas_of_them": BELARUS,
    "units_run": BELARUS,
    "hyphens": set(),  # a run of hyphens parts the number from its unit
    "apostrophes": BELARUS,
    "turkish": BELARUS,  # 200,000 "İ" before the figure: its offsets still the text's
    "html_comments": BELARUS,
    "html_open_tags": BELARUS,
    "html_lt": BELARUS,
    "html_decl": BELARUS,
    "html_cdata": BELARUS,
    "html_pi": BELARUS,
    "html_entities": BELARUS,
    "html_nested": BELARUS,
    "html_attrs": BELARUS,
}


@pytest.mark.parametrize("kind", sorted(bench.KINDS))
def test_each_hostile_kind_is_read_in_linear_time(kind, pipeline, tmp_path):
    suffix, text = bench.article(kind, SIZE)
    path = tmp_path / f"{kind}{suffix}"
    path.write_text(text, encoding="utf-8")
    t0 = time.perf_counter()
    out = process_file(str(path), path.name)
    elapsed = time.perf_counter() - t0
    assert elapsed < BOUND, f"{kind}: {elapsed:.1f} s for {SIZE:,} characters"
    found = {(f["properties"]["count"], f["properties"]["place"]) for f in out.deployments}
    assert found == EXPECTED[kind]
    for f in out.deployments + out.mentions:  # quotes bounded, for mentions as for deployments
        p = f["properties"]
        assert len(p["quote"]) <= 2 * QUOTE_REACH + (p["end"] - p["start"])
        if suffix == ".txt":  # offsets are the text's ("İ" lower-cases to two characters)
            assert text[p["start"]:p["end"]] == p["figure_text" if p["kind"] == "deployment" else "place_text"]
            assert text[p["quote_start"]:p["quote_start"] + len(p["quote"])] == p["quote"]


def test_one_sentence_naming_many_places_gives_a_small_geojson(pipeline, tmp_path):
    # each mention carried its whole sentence: 1 MB of places gave hundreds of MB of GeoJSON
    suffix, text = bench.article("places_sentence", 1_000_000)
    path = tmp_path / f"places{suffix}"
    path.write_text(text, encoding="utf-8")
    out = process_file(str(path), path.name)
    size = len(out.deployment_lines.encode()) + len(out.mention_lines.encode())
    places = {f["properties"]["place"] for f in out.mentions}
    assert places == set(bench._PLACES) | {"Russia"}
    assert size < 200_000, size
    quotes = [f["properties"]["quote"] for f in out.mentions]
    assert max(len(q) for q in quotes) <= 2 * QUOTE_REACH + 20
