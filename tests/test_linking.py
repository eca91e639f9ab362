import pytest

from geomap import extract

# sentence, (count, place id, force, unit); a comment names the mistake the row guards against
CASES = [
    ("Moscow has sent 5,000 military personnel to Belarus.", (5000, "cc:BY", "RU", "troops")),   # not at Moscow
    ("Russia has sent 5,000 troops to Belarus.", (5000, "cc:BY", "RU", "troops")),
    ("Russia will send up to 10 Su-35 fighter jets and a number of air defense units to Belarus.", (10, "cc:BY", "RU", "aircraft")),
    ("It is thought that Russia can deploy 100,000 Russian soldiers in Belarus.", (100000, "cc:BY", "RU", "troops")),
    ("In recent days, Poland has sent about 15,000 troops to strengthen border security, a situation Moscow "
     "is using to justify its bombers over Belarus.", (15000, "cc:PL", "PL", "troops")),             # not Belarus
    ("8,500 U.S. troops were put on heightened alert for a possible deployment to Eastern Europe.",
     (8500, "rg:eastern-europe", "US", "troops")),
    ("Russian President Vladimir Putin has mobilized more than 100,000 troops around Ukrainian borders.",
     (100000, "cc:UA", "RU", "troops")),                                                             # demonym + border
    ("Russia is mobilizing troops along the Ukrainian border and is expected to soon have a force of 175k troops.",
     (175000, "cc:UA", "RU", "troops")),
    ("The plans involve 2,000 Russian troops stationed near Pskov.", (2000, "gn:504341", "RU", "troops")),
    ("NATO deployed 300 troops to Estonia.", (300, "cc:EE", "NATO", "troops")),
    ("An unclassified U.S. intelligence report cited movements near Ukraine’s border in saying Russia was "
     "planning for an offensive with 175,000 troops.", (175000, "cc:UA", "RU", "troops")),             # not US
]

NONE = [
    "More than 14 thousand people lost their lives in the conflicts that lasted for about eight years in the region.",
    "The United States has provided more than $ 2.5 billion in military aid to Ukraine since 2014.",
    "Moscow has sent 5,000 troops.",   # no place but the actor: no dot rather than a wrong one
]


@pytest.mark.parametrize("sentence, expected", CASES)
def test_linked(pipeline, sentence, expected):
    found = [(d.figure.count, d.place.id, d.force, d.figure.unit) for d in extract(sentence)]
    assert expected in found, found


@pytest.mark.parametrize("sentence", NONE)
def test_no_deployment(pipeline, sentence):
    assert extract(sentence) == []


def test_repeated_claim_is_one_deployment(pipeline):
    text = "Moscow has sent 5,000 troops to Belarus. Russia has sent 5,000 troops to Belarus, the White House said."
    assert len(extract(text)) == 1


def test_shared_figure_yields_one_per_place(pipeline):
    found = {d.place.id for d in extract("NATO troops arrived: 1,000 soldiers were deployed to Romania and Bulgaria.")}
    assert found == {"cc:RO", "cc:BG"}


def test_provenance(pipeline):
    text = "date 2022-02-01 Russia has sent 5,000 troops to Belarus."
    (d,) = extract(text, date="2022-02-01")
    assert text[d.start:d.end] == "5,000 troops"
    assert d.quote in text and d.date == "2022-02-01" and 0 < d.confidence <= 1
