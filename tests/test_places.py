"""The place finder's points on a line. What it reads in each text: tests/cases/*.yaml (level mentions)."""
import pytest

from geomap.places import PlaceFinder


@pytest.fixture(scope="module")
def finder(gazetteer):
    return PlaceFinder(gazetteer)


def test_line_named_with_its_part(finder):
    # "the LAC in Arunachal Pradesh": the point of the line nearest the place named, not its
    # label point in Ladakh 1,500 km west; without a part named, the label point
    near = finder.find("China and India traded blame over a scuffle at the Line of Actual Control (LAC) in Arunachal Pradesh.")[0]
    lac = [m.place for m in near if m.place.id == "rg:line-of-actual-control"]
    assert [(p.lat, p.lon) for p in lac] == [(28.933, 94.25)] * 2
    alone = [m.place for m in finder.find("China and India keep troops along the LAC.")[0] if m.surface == "LAC"]
    assert [(p.lat, p.lon) for p in alone] == [(34.2, 78.6)]


@pytest.mark.parametrize("text", [
    "".join(chr(c) for c in range(0x3000)),  # every character up to CJK punctuation, ASCII runs between
    "Kyiv’s troops — near Gdańsk, Łódź and İstanbul",
    "plain ASCII, Upper Case",
])
def test_folding_run_by_run_is_the_fold(text):
    # the finder folds an article's ASCII runs with str.lower and the rest with fold: the same string
    from gazetteer.names import fold
    from geomap.places import _fold_text
    assert _fold_text(text) == fold(text)
