import re

from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.patterns import alternation

WORDS = st.lists(st.text(alphabet="abc. -'", min_size=1, max_size=6), min_size=1, max_size=15)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text(alphabet="abc. -'x", max_size=40))
def test_trie_finds_what_the_longest_first_alternation_finds(words, text):
    plain = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    assert re.findall(alternation(words), text) == re.findall(plain, text)


def test_case_folding_and_word_bounds_apply_as_usual():
    pattern = re.compile(r"\b(?:" + alternation(["troops", "tanks", "tank"]) + r")\b", re.IGNORECASE)
    assert pattern.findall("Tanks, TROOPS, tankers and a tank") == ["Tanks", "TROOPS", "tank"]
