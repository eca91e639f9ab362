"""How precise a deployment's place is and how the text relates the forces to it."""
import pytest

from geomap import extract
from geomap.precision import classify, precision_of

# sentence -> every deployment as (count, place, precision, relation)
CASES = [
    # a country named plainly is country-level, not a point
    ("Moscow has sent 4,000 troops to Armenia.", [(4000, "Armenia", "country", "in")]),
    # a city, a base and a first-level division keep their own grain
    ("Turkey deployed 600 soldiers to Erbil.", [(600, "Erbil", "city", "in")]),
    ("About 900 marines are stationed at Hmeimim air base.", [(900, "Hmeimim Air Base", "site", "in")]),
    ("Russia moved 3,000 troops into Belgorod Oblast.", [(3000, "Belgorod", "province", "in")]),
    ("The United States sent 2,000 troops to Eastern Europe.", [(2000, "Eastern Europe", "region", "in")]),
    # border words put the forces on the border: the linker's border place (kind 'border')
    ("Azerbaijan massed 7,000 troops along the border with Armenia.",
     [(7000, "Armenia-Azerbaijan border", "border", "along the border of")]),
    ("China has gathered 50,000 troops near the Indian border.",
     [(50000, "China-India border", "border", "along the border of")]),
    # 'near' and 'toward' are relations; the place keeps its grain
    ("Serbia has deployed 1,500 soldiers near Kosovo.", [(1500, "Kosovo", "country", "near")]),
    ("A column of 200 tanks was moving toward Kharkiv.", [(200, "Kharkiv", "city", "toward")]),
]


@pytest.mark.parametrize("sentence,expected", CASES)
def test_precision_and_relation(sentence, expected):
    got = [(d.figure.count, d.place.name, d.precision, d.relation) for d in extract(sentence)]
    assert got == expected


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
