"""How precise a place is and how the text relates the forces to it (geomap/precision.py). Each deployment's
precision and relation: tests/cases/*.yaml (level deployments, precision.yaml)."""
import pytest

from geomap.precision import classify, precision_of


def test_a_new_kind_of_place_takes_its_row():
    # the linking helper's border places: a kind listed under [precision] border
    assert precision_of("border") == "border"
    assert precision_of("something new") == "region"  # unknown kinds are never drawn as exact


@pytest.mark.parametrize("quote,place_text,kind,expected", [
    # a country the text puts forces along the border of is a border, before or after its name
    ("Azerbaijan massed 7,000 troops along the border with Armenia.", "Armenia", "country", ("border", "along the border of")),
    ("China has gathered 50,000 troops near the Indian border.", "Indian", "country", ("border", "along the border of")),
    ("Russia has 100,000 troops around Ukrainian borders.", "Ukrainian borders", "country", ("border", "along the border of")),
    ("Russia has 100,000 troops near Ukraine.", "Ukraine", "country", ("country", "near")),
])
def test_border_words_make_a_border(quote, place_text, kind, expected):
    start = quote.index("troops") - 8
    assert classify(kind, quote, start, quote.index("troops") + 6, place_text) == expected


def test_words_after_the_figure_only():
    # 'near' before the figure relates the speaker, not the forces: 'Speaking near Minsk, ... 300 troops in Grodno'
    quote = "Speaking near Minsk, he said 300 troops are in Grodno."
    assert classify("city", quote, quote.index("300"), quote.index("troops") + 6, "Grodno") == ("city", "in")
