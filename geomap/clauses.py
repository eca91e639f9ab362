"""What a sentence says, worked out once for every figure and place in it.

The place finder and the linker ask the same questions of a sentence: does it speak
("said in Brussels"), deny ("denied that it had sent"), send or move forces, host them, name a
status ("massed", "will send")? ``Clauses`` reads one article: its lower case once (every stage
slices it, none lowers its own copy) and, for each sentence a figure or name is read in, one
``Clause``: the sentence's words, the phrases in it that refer back to a place ("the
country"), which of the cue rules can match in it (the pre-checks the engine derives from
the rules, asked once for the sentence), and its status words with what each is governed by.
A stage reads a clause's cues by position: which words lie in the window it asks about.

The cue rules are the language's (``geomap/lang/<lang>/rules/linking.yaml``); this module holds
no words, only which rules a clause is read with.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon
from .rules import RuleBook
from .text import lower_keeping_offsets

_LETTER_BYTES = bytes(c if 97 <= c <= 122 else 32 for c in range(256))  # a-z kept, every other byte a space
_STATUS = "linking.status_"  # the rules that name a figure's status, in the order they are asked
_LETTERS = re.compile(r"[a-z]+")
# a status word governed by a denial stands this close after it ("denies planning an invasion")
_DENIED_STATUS_REACH = 30


def words_of(lowered: str) -> frozenset[bytes]:
    """The runs of letters a-z in ``lowered``, as bytes: a few times quicker than a pattern
    (any other character, ASCII or not, separates words)."""
    return frozenset(lowered.encode("ascii", "replace").translate(_LETTER_BYTES).split())


@dataclass(frozen=True, slots=True)
class Needs:
    """A rule's pre-check as the engine derives it from the patterns (``RuleBook.needs``: one of
    these words is in every match), made quick: the needs that begin with a letter are looked up
    among a clause's words (``words_of``), the others (a clitic "n't", a sign) looked for in its
    lower-cased text."""

    words: frozenset[bytes]
    others: tuple[str, ...]

    @classmethod
    def of(cls, book: RuleBook, rule_id: str, needs: set[str] | frozenset[str] | None = None) -> Needs:
        """The pre-check of ``rule_id`` (or of the words ``needs``); one that always passes for
        a rule that needs no fixed word."""
        needs = book.needs(rule_id) if needs is None else needs
        if needs is None:
            return ALWAYS
        letters, others = set(), []
        for word in needs:
            first = _LETTERS.match(word)
            if first is None or word.startswith(("n'", "n’")):
                others.append(word)  # (a clitic joins the word before: not a word of its own)
            else:
                letters.add(first.group().encode())
        return cls(frozenset(letters), tuple(others))

    def may_match(self, lowered: str, words: frozenset[bytes]) -> bool:
        """Can the rule match in the text whose lower case is ``lowered`` and words are ``words``?"""
        if not self.words.isdisjoint(words):
            return True
        for other in self.others:
            if other in lowered:
                return True
        return False


ALWAYS = Needs(frozenset(), ("",))  # a rule that needs no fixed word: always tried


# the rules a clause is read with (geomap/lang/<lang>/rules/linking.yaml)
DENIAL_RULES = ("linking.negated_verb", "linking.denial")  # "would not deploy", "denied that"
_SPEECH = "linking.spoken_at"  # "said in Brussels"
_ANAPHOR, _ANAPHOR_NOUNS = "linking.anaphor", "linking.anaphor_nouns"  # "in the country"


@dataclass(frozen=True, slots=True)
class Clause:
    """One sentence (or, of a sentence of many kilobytes, the part read around a figure) as the
    stages read it: ``text[start:end]``, its lower case and its words, and what the cue rules
    find in it."""

    start: int
    end: int
    lowered: str
    words: frozenset[bytes]
    anaphor_phrases: tuple[re.Match, ...]  # "in the country", "to the region"
    speech: bool  # a word of speech may stand in it ("said in Brussels")
    hosting: bool  # a verb of hosting stands in it ("Belarus hosts 30,000 Russian troops")
    denials: tuple[bool, ...]  # for each of DENIAL_RULES: may it match here?


class ClauseReader:
    """The cue rules of one lexicon, compiled once; ``read`` gives an article's ``Clauses``."""

    def __init__(self, lexicon: Lexicon):
        book = self.book = lexicon.rules
        self._denial_needs = [Needs.of(book, rule_id) for rule_id in DENIAL_RULES]
        self._speech_needs = Needs.of(book, _SPEECH)
        self._host_verbs = frozenset(w.encode() for w in lexicon.host_verbs)
        self._anaphor_nouns = frozenset(w.encode() for w in book.words(_ANAPHOR_NOUNS))
        # the statuses in the order the rule file lists them, each with its pattern for lower-cased text and pre-check
        self._status_rules = [(rule.id[len(_STATUS):], _token_start(book.regex(rule.id, "anywhere", folded=True)),
                               Needs.of(book, rule.id)) for rule in book if rule.id.startswith(_STATUS)]

    def read(self, text: str, lowered: str | None = None) -> Clauses:
        """The clauses of ``text``; ``lowered``: its lower case, if the caller has it."""
        return Clauses(self, text, lowered)


def _token_start(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` held to start at a token, as ``RuleBook.search`` holds it."""
    return re.compile(r"(?<![^\W_])(?:" + pattern.pattern + ")")


class Clauses:
    """One article's clauses, each read once, by its span."""

    __slots__ = ("reader", "text", "_lowered", "_read")

    def __init__(self, reader: ClauseReader, text: str, lowered: str | None = None):
        self.reader, self.text = reader, text
        self._lowered = lowered
        self._read: dict[tuple[int, int], Clause] = {}

    @property
    def lowered(self) -> str:
        """The article's lower case, offset for offset (``lower_keeping_offsets``)."""
        if self._lowered is None:
            self._lowered = lower_keeping_offsets(self.text)
        return self._lowered

    def at(self, start: int, end: int) -> Clause:
        """The clause ``text[start:end]``, read on the first ask."""
        clause = self._read.get((start, end))
        if clause is None:
            clause = self._read[start, end] = self._clause(start, end)
        return clause

    def _clause(self, start: int, end: int) -> Clause:
        reader = self.reader
        lowered = self.lowered[start:end]
        words = words_of(lowered)
        # most sentences hold none of the nouns: a set intersection, before the pattern
        phrases = () if reader._anaphor_nouns.isdisjoint(words) else \
            tuple(reader.book.finditer(_ANAPHOR, self.text, start, end))
        negated, denial = reader._denial_needs
        return Clause(start, end, lowered, words, phrases, reader._speech_needs.may_match(lowered, words),
                      not reader._host_verbs.isdisjoint(words),
                      (negated.may_match(lowered, words), denial.may_match(lowered, words)))

    def status(self, clause: Clause, lo: int, hi: int) -> str | None:
        """The status named in ``text[lo:hi]`` (inside ``clause``): the first status rule, in the
        rule file's order, with a word there that no denial governs ("denies planning an
        invasion" plans nothing). (Read in the window, not once for the clause: a clause holds
        one figure as a rule, and its whole length costs more to read than the figure's window.)"""
        window = clause.lowered[lo - clause.start:hi - clause.start]
        present = words_of(window)
        before = self.reader.book.before
        for name, pattern, needs in self.reader._status_rules:
            if (not needs.words.isdisjoint(present) or needs.others and needs.may_match(window, present)) \
                    and any(before(DENIAL_RULES[1], window, m.start(), max(0, m.start() - _DENIED_STATUS_REACH),
                                   low=window) is None for m in pattern.finditer(window)):
                return name
        return None
