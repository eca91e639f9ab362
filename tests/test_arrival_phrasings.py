"""Common phrasings of a deployment that news uses and the rules once missed (issue 15).

Every row is a sentence written for this test; the expected list is the complete output of
``extract``: (count, place, force, status) of each deployment, nothing else."""
import pytest

from geomap import extract


def _found(text):
    return [(d.figure.count, d.place.name, d.force, d.status) for d in extract(text)]


# -- arrival verbs: "reached X" names where the forces are ----------------------------------
ARRIVAL = [
    ("About 300 soldiers reached Bunia on Tuesday.", [(300, "Bunia", None, "deployed")]),
    ("A column of 400 Kenyan troops reached Goma late on Friday.", [(400, "Goma", "KE", "deployed")]),
    ("By noon some 250 marines were reaching Bunia.", [(250, "Bunia", None, None)]),
    # the words of a kind of place between the verb and the name ("the provincial capital of")
    ("Sixty peacekeepers reached the provincial capital of Goma on Monday.", [(60, "Goma", None, "deployed")]),
    ("Two hundred soldiers landed in the regional capital of Goma on Sunday.", [(200, "Goma", None, "deployed")]),
    # no forces: nothing, whatever the verb reaches
    ("The talks reached Geneva after a week in Vienna.", []),
    ("Prices reached 5,000 in Kyiv last month.", []),
    ("Some 2,000 people reached Bunia on Tuesday.", []),          # people, no military verb
    ("Floodwaters reached the provincial capital of Goma.", []),
]


@pytest.mark.parametrize("sentence, expected", ARRIVAL)
def test_arrival_verbs(pipeline, sentence, expected):
    assert _found(sentence) == expected


# -- passive and modal chains before a military verb: "members ... are to be stationed" -------
CHAINS = [
    ("About 500 GSDF members are to be stationed in Okinawa.", [(500, "Okinawa", "JP", "planned")]),
    ("About 500 GSDF members will be stationed in Okinawa.", [(500, "Okinawa", "JP", "deployed")]),
    ("Some 300 members are expected to be deployed to Okinawa.", [(300, "Okinawa", None, "planned")]),
    ("Some 300 members are set to be sent to Okinawa.", [(300, "Okinawa", None, "planned")]),
    ("Around 200 men were being moved to Okinawa.", [(200, "Okinawa", None, "deployed")]),
    # the chain ends in no military verb: people, not forces
    ("About 500 people are to be evacuated to Okinawa.", []),
    ("Some 300 members are expected to be at the meeting in Okinawa.", []),
    ("About 500 people are set to be relocated to Okinawa.", []),
]


@pytest.mark.parametrize("sentence, expected", CHAINS)
def test_auxiliary_chains_before_a_military_verb(pipeline, sentence, expected):
    assert _found(sentence) == expected


# -- a number word that opens the sentence ------------------------------------------------------
OPENING = [
    ("Sixty peacekeepers arrived in Goma on Monday.", [(60, "Goma", None, "deployed")]),
    ("Forty soldiers were sent to Bunia.", [(40, "Bunia", None, "deployed")]),
    ("Sixty delegates arrived in Goma on Monday.", []),
]


@pytest.mark.parametrize("sentence, expected", OPENING)
def test_a_number_word_opening_the_sentence(pipeline, sentence, expected):
    assert _found(sentence) == expected


# -- "entered the country", "reached the region": the place referred back to ------------------
READ_BACK = [
    # not Uganda, the forces' own state: the country they entered, named before
    ("Fighting spread across Congo. Uganda, whose troops entered the country in March, has 4,000 soldiers there.",
     [(4000, "Democratic Republic of the Congo", "UG", "deployed")]),
    ("Fighting spread across Congo. Uganda said its 4,000 soldiers reached the country in March.",
     [(4000, "Democratic Republic of the Congo", "UG", "deployed")]),
    # no place named before: nothing to refer back to, no dot
    ("About 300 soldiers reached the region on Tuesday.", []),
    ("Fighting spread across Congo. The talks reached the country's capital on Friday.", []),
]


@pytest.mark.parametrize("sentence, expected", READ_BACK)
def test_a_place_entered_or_reached_is_read_back(pipeline, sentence, expected):
    assert _found(sentence) == expected


# -- a bare number after a figure, with an auxiliary chain: "and 1,000 are to be based in X" ----
ELLIPTIC = [
    ("The US will send 2,000 troops to Germany, and 1,000 are to be based in Romania.",
     [(2000, "Germany", "US", "planned"), (1000, "Romania", "US", "planned")]),
    ("The US will send 2,000 troops to Germany, and 1,000 are expected to be based in Romania.",
     [(2000, "Germany", "US", "planned"), (1000, "Romania", "US", "planned")]),
    ("The US will send 2,000 troops to Germany, and 1,000 were being moved to Romania.",
     [(2000, "Germany", "US", "planned"), (1000, "Romania", "US", "planned")]),
    # a number with a unit of its own is no part of the figure
    ("The US will send 2,000 troops to Germany, and 1,000 tourists are to be in Romania.",
     [(2000, "Germany", "US", "planned")]),
]


@pytest.mark.parametrize("sentence, expected", ELLIPTIC)
def test_a_bare_number_with_an_auxiliary_chain(pipeline, sentence, expected):
    assert _found(sentence) == expected


# -- "a further 200 reached ...": more of the figure before, arriving later ----------------------
FURTHER = [
    ("About 300 soldiers arrived in Bunia on Monday. A further 200 reached the town on Tuesday.",
     [(300, "Bunia", None, "deployed"), (200, "Bunia", None, "deployed")]),
    ("About 300 soldiers arrived in Bunia on Monday. Another 200 entered Goma on Tuesday.",
     [(300, "Bunia", None, "deployed"), (200, "Goma", None, "deployed")]),
    # reaching no place: no second dot
    ("About 300 soldiers arrived in Bunia on Monday. Another 200 reached a deal on Tuesday.",
     [(300, "Bunia", None, "deployed")]),
    ("About 300 soldiers arrived in Bunia on Monday. Prices rose another 20 percent and reached a record.",
     [(300, "Bunia", None, "deployed")]),
]


@pytest.mark.parametrize("sentence, expected", FURTHER)
def test_a_further_number_that_reaches_a_place(pipeline, sentence, expected):
    assert _found(sentence) == expected
