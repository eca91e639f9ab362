"""How precise a place is and how the text relates the forces to it (geomap/precision.py). Each deployment's
precision and relation: tests/cases/*.yaml (level deployments, precision.yaml)."""
import pytest

from geomap.lexicon import read_toml
from geomap.precision import classify, place_offset, precision_of


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


@pytest.mark.parametrize("quote,figure_at,expected", [
    # the name after the figure nearest to it; else the last before it; None when it is not there
    ("Minsk said 300 troops are in Minsk, not Minsk.", 11, 29),
    ("Minsk and Minsk: 300 troops.", 17, 10),
    ("Grodno holds 300 troops.", 13, None),
])
def test_the_place_is_read_where_the_quote_names_it(quote, figure_at, expected):
    assert place_offset(quote, "Minsk", figure_at) == expected


def test_a_pipelines_lexicon_reaches_precision_and_event_dates():
    """The [relations], [precision] and [event_dates] tables of the lexicon a Pipeline is given are read, not
    the shipped ones: a custom lexicon reaches every stage."""
    import copy
    import dataclasses

    from geomap.lexicon import load
    from geomap.model import Document
    from geomap.pipeline import Pipeline

    text = "Russia sent 5,000 troops to Belgorod in April."
    shipped = Pipeline().process(Document("t", text, "2022-06-01")).deployments
    assert [(d.relation, d.precision, d.event_date) for d in shipped] == [("in", "city", "2022-04")]
    tables = copy.deepcopy(load().tables)
    tables["relations"]["toward"].append("to")
    tables["precision"]["city"].remove("city")
    tables["precision"]["site"].append("city")
    tables["event_dates"]["months"]["april"] = 5
    tables["event_dates"]["months"]["may"] = 4
    custom = Pipeline(lexicon=dataclasses.replace(load(), tables=tables)).process(Document("t", text, "2022-06-01"))
    assert [(d.relation, d.precision, d.event_date) for d in custom.deployments] == [("toward", "site", "2022-05")]


@pytest.mark.parametrize("phrase", read_toml()["relations"]["along the border of"])
def test_every_border_phrase_after_the_name_makes_a_border(phrase):
    # the words in and after the name are read only where the text holds one of the phrases'
    # first words (derived strings: "front" for "frontier" and "frontline"): every phrase is found
    name = f"Ukrainian {phrase.upper()}"
    quote = f"Russia has 3,000 troops at the {name} now."
    start = quote.index("3,000")
    assert classify("country", quote, start, start + 12, name) == ("border", "along the border of")
    assert classify("country", quote.replace(name, "Ukrainian coast"), start, start + 12, "Ukrainian coast") == ("country", "in")
