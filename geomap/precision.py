"""How precise a deployment's place is, and how the text relates the forces to it.

``precision`` comes from the kind of place (a base is a ``site``, a country a ``country``),
except that forces the text puts along a border are on a ``border``. ``relation`` comes from
the words between the figure and the place's name: ``in``, ``near``, ``along the border of``
or ``toward``. Both word lists are data ([precision] and [relations] in lexicon.toml), so a
new kind of place (a border between two countries) needs a row there, not code.

>>> relation_of("Russia has massed 100,000 troops around Ukrainian borders.", 32, 40, "Ukrainian borders")
'along the border of'
>>> precision_of("country", "along the border of"), precision_of("city", "near")
('border', 'city')
"""

from __future__ import annotations

import re

from .errors import LexiconError
from .lexicon import Lexicon, load

PRECISIONS = ("site", "city", "district", "province", "country", "region", "border")
RELATIONS = ("in", "near", "along the border of", "toward")
_WINDOW = 6  # words before the place's name that can relate the figure to it
_WORD = re.compile(r"[\w'’-]+")


_Phrases = dict[str, tuple[tuple[str, ...], ...]]  # first word -> the phrases (word tuples) it starts


# per relation: its phrases by first word, and strings one of which the lower-cased text holds
# wherever one of those first words stands (the first words none of which holds another)
_Tables = tuple[dict[str, str], tuple[tuple[str, _Phrases, tuple[str, ...]], ...]]


def _tables(lexicon: Lexicon | None = None) -> _Tables:
    """The kinds of place by precision and the relations' phrases of ``lexicon`` (the shipped one
    by default), read once per lexicon."""
    return (lexicon or load()).derived("precision", _parse)


def _parse(data: dict) -> _Tables:
    kinds: dict[str, str] = {}
    for precision, listed in data.get("precision", {}).items():
        if precision not in PRECISIONS or not isinstance(listed, list):
            raise LexiconError(
                f"lexicon [precision] {precision}: expected one of {PRECISIONS} = [kinds], instead got {listed!r}"
            )
        kinds.update((kind, precision) for kind in listed)
    relations = []
    for relation, phrases in data.get("relations", {}).items():
        if relation not in RELATIONS or not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise LexiconError(
                f"lexicon [relations] {relation}: expected one of {RELATIONS} = [phrases], instead got {phrases!r}"
            )
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in dict.fromkeys(tuple(p.lower().split()) for p in phrases):
            by_first.setdefault(phrase[0], []).append(phrase)
        marks = tuple(w for w in by_first if not any(o != w and o in w for o in by_first))
        relations.append((relation, {w: tuple(ps) for w, ps in by_first.items()}, marks))
    return kinds, tuple(relations)


def precision_of(kind: str, relation: str = "in", lexicon: Lexicon | None = None) -> str:
    """``site`` ... ``region`` from the kind of place; ``border`` for forces along a border."""
    return _precision(_tables(lexicon)[0], kind, relation)


def _precision(kinds: dict[str, str], kind: str, relation: str) -> str:
    """:func:`precision_of` with the kinds of place by precision given."""
    if relation == "along the border of":
        return "border"
    return kinds.get(kind, "region")


def _has(words: list[str], phrases: _Phrases) -> bool:
    """True when one of ``phrases`` stands in ``words`` (whole words, in order)."""
    for i, word in enumerate(words):
        for phrase in phrases.get(word, ()):
            if len(phrase) == 1 or tuple(words[i : i + len(phrase)]) == phrase:
                return True
    return False


def relation_of(
    quote: str, figure_end: int, place_at: int | None, place_text: str, lexicon: Lexicon | None = None
) -> str:
    """How the words before the place's name (after the figure) relate the forces to it.

    ``figure_end`` and ``place_at`` are offsets in ``quote``; ``place_at`` None when the
    name cannot be found in it. Border words also count inside the name and just after it
    ("the Ukrainian border").
    """
    return _relation(_tables(lexicon)[1], quote, figure_end, place_at, place_text)


def _relation(relations, quote: str, figure_end: int, place_at: int | None, place_text: str) -> str:
    """:func:`relation_of` with the relations' phrases given."""
    if place_at is None:
        return "in"
    lo = figure_end if figure_end <= place_at else 0
    head, tail = quote[lo:place_at], quote[place_at : place_at + len(place_text) + 12]
    after: list[str] | None = None
    if head.isascii() and tail.isascii():  # lower-cased whole, the same words: one lower() for all of them
        before = _WORD.findall(head.lower())[-_WINDOW:]
        low_tail = tail.lower()
    else:
        before = [w.lower() for w in _WORD.findall(head)][-_WINDOW:]
        after = [w.lower() for w in _WORD.findall(tail)][: len(place_text.split()) + 1]
    for relation, phrases, marks in relations:
        # a phrase's first word among the words, tested at once, before the walk through them
        if not phrases.keys().isdisjoint(before) and _has(before, phrases):
            return relation
        if relation == "along the border of":
            if after is None:  # the words in and after the name, read where the text holds one of the first words
                if not any(mark in low_tail for mark in marks):
                    continue
                after = _WORD.findall(low_tail)[: len(place_text.split()) + 1]
            if not phrases.keys().isdisjoint(after) and _has(after, phrases):
                return relation
    return "in"


def place_offset(quote: str, place_text: str, figure_start: int) -> int | None:
    """Where ``place_text`` stands in ``quote``: the occurrence after the figure nearest to it, else the last before."""
    if not place_text:
        return None
    at = quote.find(place_text)
    if at < 0:
        return None
    if quote.find(place_text, at + len(place_text)) < 0:
        return at  # once: after the figure or the last before it
    hits = []  # where it stands, none overlapping another (as a search for it finds them)
    while at >= 0:
        hits.append(at)
        at = quote.find(place_text, at + len(place_text))
    if not hits:
        return None
    after = [h for h in hits if h >= figure_start]
    return after[0] if after else hits[-1]


def classify(
    kind: str, quote: str, figure_start: int, figure_end: int, place_text: str, lexicon: Lexicon | None = None
) -> tuple[str, str]:
    """(precision, relation) of a deployment: offsets relative to ``quote``; the tables of
    ``lexicon`` (the shipped one by default)."""
    kinds, relations = _tables(lexicon)  # read once for both (precision_of and relation_of each read them)
    relation = _relation(relations, quote, figure_end, place_offset(quote, place_text, figure_start), place_text)
    return ("border" if relation == "along the border of" else kinds.get(kind, "region")), relation  # (_precision)
