"""Every row of tests/cases/*.yaml: the complete output of one stage for one text (see tests/cases.py)."""
import difflib

import pytest

from cases import files, load, rows, run_case, show


def _params():
    out = []
    for stem, n, level, row in rows():
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
        out.append(pytest.param(level, row, id=f"{stem}:{n}", marks=marks))
    return out


@pytest.mark.parametrize("level, row", _params())
def test_case(level, row):
    got = run_case(level, row["text"], row.get("date"))
    want = row["expect"]
    if got != want:
        diff = "\n".join(difflib.unified_diff([show(x) for x in want], [show(x) for x in got],
                                              "expected", "got", lineterm="", n=len(want) + len(got)))
        fields = [f"item {i + 1}, {k}: expected {w.get(k)!r}, got {g.get(k)!r}"
                  for i, (w, g) in enumerate(zip(want, got)) for k in {**w, **g} if w.get(k) != g.get(k)]
        count = [] if len(want) == len(got) else [f"expected {len(want)} items, got {len(got)}"]
        pytest.fail("\n".join([f"{level} of {row['text']!r}:", diff, *fields, *count]), pytrace=False)


def test_every_file_is_well_formed_and_no_text_repeats_within_a_level():
    seen = {}
    for path in files():
        data = load(path)
        assert data["cases"], f"{path.name}: no cases"
        for i, row in enumerate(data["cases"]):
            key = (data["level"], row["text"], str(row.get("date")))
            assert key not in seen, f"{path.name} row {i + 1} repeats {seen[key]}"
            seen[key] = f"{path.name} row {i + 1}"


def test_a_wrong_row_fails_with_a_readable_diff():
    row = {"text": "Russia has sent 5,000 troops to Belarus.", "expect": []}
    with pytest.raises(pytest.fail.Exception, match=r"(?s)\+\{count: 5000, unit: troops, place: Belarus"):
        test_case("deployments", row)


def test_run_case_reads_with_the_pipeline_it_is_given():
    import copy
    from types import SimpleNamespace

    from geomap.pipeline import default_pipeline

    text = "Russia has sent 5,000 troops to Belarus."
    blind = copy.copy(default_pipeline())
    blind.figures = SimpleNamespace(find=lambda text, lowered=None: [])  # a pipeline that finds no figure
    assert run_case("figures", text) and run_case("deployments", text)
    assert run_case("figures", text, pipeline=blind) == run_case("deployments", text, pipeline=blind) == []
