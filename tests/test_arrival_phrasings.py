"""Common phrasings of a deployment that news uses and the rules once missed (issue 15).

Every row is a sentence written for this test; the expected list is the complete output of
``extract``: (count, place, force, status) of each deployment, nothing else."""
import pytest

from geomap import extract


def _found(text):
    return [(d.figure.count, d.place.name, d.force, d.status) for d in extract(text)]


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
