"""Sentences and word tokens, as character spans of the original text."""

from __future__ import annotations

import bisect
import re

from . import lexicon
from .patterns import alternation
from .rules import RuleBook

# The word lists are data, the language's (geomap/lang/en/rules/text.yaml), read from the rule
# book a caller gives: "text.abbreviations" (a full stop after one does not end a sentence),
# and the sets ``date_words`` and ``speech_verbs`` give.
YEAR = re.compile(r"(?:19|20)\d\d")  # a number that is a year, not a count
# A run of sentence punctuation is matched whole with the space after it: a run with none ends
# no sentence ("5.000", "U.S.", "...x"), and is not matched at all rather than skipped in Python
# (four dots in ten). Inside a run the look-behind fails at once, so a long run ("....." ) is
# not tried again at each of its characters; it stands after the first character, where a
# look-behind in front would stop the matcher from skipping ahead to the next such character.
_BOUNDARY = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"”’)\]]*\s+|\n\s*\n|\n(?=\s*[A-Z“\"‘(])")
_WORD = re.compile(r"[^\W_]+")
_WORD_REACH = 100  # a longer "word" is neither an abbreviation nor initials
# how far a quote reaches either side of what it quotes: a sentence of many kilobytes (a
# scrape with no full stops) is quoted, and read, near the figure or name
QUOTE_REACH = 600
# The seeds' header: "date 2022-02-01" before the first sentence on the same line; its own span,
# so that no quote starts with it.
_DATE_HEADER = re.compile(r"\A\s*date\s+\d{4}-\d{2}-\d{2}\b", re.IGNORECASE)


def date_words(rules: RuleBook) -> frozenset[str]:
    """Months and weekdays, written out and abbreviated, lower case: words of dates, never of places."""
    return rules.word_set("text.months", "text.weekdays")


def speech_verbs(rules: RuleBook) -> frozenset[str]:
    """Verbs that attribute words to a speaker: a place beside them is the speaker's, not the story's."""
    return rules.word_set("text.speech_verbs")


def possessive(rules: RuleBook, letters_needed: bool = False) -> str:
    """A regular expression for the ending of a possessive, an apostrophe (straight or curly) and
    the language's letters (text.possessive_letters): "'s" and "'" (``letters_needed``: "'s" only)."""
    letters = "(?:" + alternation(rules.words("text.possessive_letters")) + ")"
    return "['’]" + letters + ("" if letters_needed else "?")


def sentence_spans(text: str, rules: RuleBook | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a full stop after an abbreviation or initial does not end one.

    >>> text = "Moscow sent 5,000 troops. The U.S. said so."
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['Moscow sent 5,000 troops.', 'The U.S. said so.']
    >>> text = " date 2022-02-01 Moscow has sent 5,000 troops."
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['date 2022-02-01', 'Moscow has sent 5,000 troops.']
    """
    rules = rules or lexicon.rule_book()
    abbreviations = rules.word_set("text.abbreviations")
    spans = []
    start = 0
    header = _DATE_HEADER.match(text)
    if header:
        spans.append(_trim(text, 0, header.end()))
        start = header.end()
    for m in _BOUNDARY.finditer(text, start):
        cut = m.end()
        if not text[cut - 1].isspace():
            continue  # "5.000", "...x": no space after the stops
        if "\n" not in m.group():
            # the word before the stop, read within a bounded reach: a run of abbreviations
            # ("Gen. Gen. ...") keeps ``start`` where it is
            head = text[max(start, m.start() - _WORD_REACH) : m.start()].rsplit(None, 1)
            word = head[-1].lower().rstrip(".") if head else ""
            nxt = text[cut : cut + 1]
            if word in abbreviations or (len(word) == 1 and word.isalpha()) or (nxt and nxt.islower()):
                continue
            if word.count(".") >= 1 and all(len(p) <= 2 for p in word.split(".")):
                # "U.S." ends a sentence only before a capitalised word that starts a new one
                if not nxt or not nxt.isupper():
                    continue
                if rules.after("text.clause_start", text, cut) is not None:
                    pass
                else:
                    continue
        end = m.start() + len(m.group().rstrip())
        if start < end and not text[start].isspace() and not text[end - 1].isspace():
            spans.append((start, end))  # the usual case: nothing to trim
        elif text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = cut
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Sentences:
    """Find the sentence that holds a character offset."""

    def __init__(self, text: str, rules: RuleBook | None = None):
        self.text = text
        self.spans = sentence_spans(text, rules)
        self.starts = [a for a, _ in self.spans]  # where each sentence starts, for bisection

    def index_of(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return max(i, 0)

    def span_of(self, offset: int) -> tuple[int, int]:
        if not self.spans:
            return 0, len(self.text)
        return self.spans[max(bisect.bisect_right(self.starts, offset) - 1, 0)]  # index_of, inlined: a hot path


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the word tokens (letters and digits) of ``text[start:end]``."""
    end = len(text) if end is None else end
    return [m.span() for m in _WORD.finditer(text, start, end)]


def quote_span(sentence: tuple[int, int], start: int, end: int, reach: int = QUOTE_REACH) -> tuple[int, int]:
    """The part of ``sentence`` (its start and end) that quotes ``text[start:end]``: the
    whole sentence, or no more than ``reach`` characters either side.

    >>> quote_span((0, 100), 40, 45)
    (0, 100)
    >>> quote_span((0, 100_000), 50_000, 50_010)
    (49400, 50610)
    """
    return max(sentence[0], start - reach), min(sentence[1], end + reach)


def lower_keeping_offsets(text: str) -> str:
    """``text.lower()``, one character for one: "İ" lower-cases to two characters, which
    would shift every offset after it.

    >>> len(lower_keeping_offsets("İstanbul")) == len("İstanbul")
    True
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)
