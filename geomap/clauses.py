"""What a sentence says, worked out once for every figure and place in it.

The place finder and the linker ask the same questions of a sentence: how does it use each
place it names (``PlaceRoles``: where forces are or go, where they come from, who acts)? Does
it speak ("said in Brussels"), deny ("denied that it had sent"), host forces, name a status
("massed", "will send")? Does it, as a whole, send forces home or abroad, or away from a
place, name a destination? ``Clauses`` reads one article: its lower case once (the place
finder and the linker slice it, neither lowers its own copy) and, for each sentence a figure
is read in, one ``Clause``: the sentence's words, the phrases in it that refer back to a place
("the country"), which of the cue rules can match in it (the pre-checks the engine derives
from the rules, asked once for the sentence), the answers to whole-sentence questions
(``Clauses.search``) and how each of its places is read whatever the figure
(``Clauses.reading``: an event, a part of the place, a location), each worked out on the
first ask and kept for the sentence's other figures. What depends on the figure (is a place
after it, is a status word near it) is asked by position, in the window of the figure.

The rules are the language's (``geomap/lang/<lang>/rules/places.yaml`` for the roles,
``linking.yaml`` for the cues); this module holds no words, only which rules are read, in
which order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gazetteer import Place
from gazetteer.names import ARABIC_ARTICLES

from .lexicon import Lexicon
from .model import Mention
from .patterns import alternation
from .rules import RuleBook
from .text import lower_keeping_offsets, possessive

_LETTER_BYTES = bytes(c if 97 <= c <= 122 else 32 for c in range(256))  # a-z kept, every other byte a space
_STATUS = "linking.status_"  # the rules that name a figure's status, in the order they are asked
_LETTERS = re.compile(r"[a-z]+")
# the words before a place, and marks of punctuation, as the role of a place reads them
_BEFORE_WORDS = re.compile(r"[\w’'-]+|[,;:()“”\"]")
_HYPHEN_NAME = re.compile(r"\s*-\s*[A-Z]")
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


@dataclass(slots=True)
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
    readings: dict = field(default_factory=dict)  # how the linker reads each place named in it (``Clauses.reading``)
    cues: dict = field(default_factory=dict)  # what it says, by rule, once asked (``Clauses.search``)


class ClauseReader:
    """The cue rules of one lexicon, compiled once; ``read`` gives an article's ``Clauses``."""

    def __init__(self, lexicon: Lexicon):
        book = self.book = lexicon.rules
        self._denial_needs = [Needs.of(book, rule_id) for rule_id in DENIAL_RULES]
        self._speech_needs = Needs.of(book, _SPEECH)
        self._host_verbs = frozenset(w.encode() for w in lexicon.host_verbs)
        self._anaphor_nouns = frozenset(w.encode() for w in book.words(_ANAPHOR_NOUNS))
        # how the linker reads a place, whatever figure it is read for (``Clauses.reading``)
        self._event_needs = Needs.of(book, "linking.event_place")
        self._event_place = book.regex("linking.event_place")
        self._part_of, self._directions_of, self._action_of = (
            book.regex(f"linking.{name}") for name in ("part_of", "directions_of", "action_of")
        )
        # "Latvia's is the largest", "Lithuania's 1,632": a country's possessive whose noun is left out (a
        # battlegroup named before) is where those forces are, not whose
        self.elided = re.compile(
            possessive(book) + r"\s+(?:(?:" + alternation(book.words("linking.elided_verbs")) + r")\b|\d[\d,]*\b)"
        )
        # the statuses in the order the rule file lists them, each with its pattern for lower-cased text and pre-check
        self._status_rules = [
            (
                rule.id[len(_STATUS) :],
                book.at_token(rule.id, folded=True),
                Needs.of(book, rule.id),
            )
            for rule in book
            if rule.id.startswith(_STATUS)
        ]

    def read(self, text: str) -> Clauses:
        """The clauses of ``text``."""
        return Clauses(self, text)


class Clauses:
    """One article's clauses, each read once, by its span."""

    __slots__ = ("reader", "text", "_lowered", "_read")

    def __init__(self, reader: ClauseReader, text: str):
        self.reader, self.text = reader, text
        self._lowered: str | None = None
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
        phrases = (
            ()
            if reader._anaphor_nouns.isdisjoint(words)
            else tuple(reader.book.finditer(_ANAPHOR, self.text, start, end))
        )
        negated, denial = reader._denial_needs
        return Clause(
            start,
            end,
            lowered,
            words,
            phrases,
            reader._speech_needs.may_match(lowered, words),
            not reader._host_verbs.isdisjoint(words),
            (negated.may_match(lowered, words), denial.may_match(lowered, words)),
        )

    def search(self, clause: Clause, rule_id: str, alone: bool = False) -> re.Match | None:
        """The first match of the rule in ``clause`` (``RuleBook.search``), worked out once for all the
        figures of the clause: "withdraw" (a verb of leaving), "at home", "abroad", "the border".
        ``alone``: read the clause's text on its own, as a string that starts and ends with it (its
        match's offsets are then the clause's)."""
        key = (rule_id, alone)
        cues = clause.cues
        if key not in cues:
            if alone:
                cues[key] = self.reader.book.search(rule_id, self.text[clause.start : clause.end])
            else:
                cues[key] = self.reader.book.search(rule_id, self.text, clause.start, clause.end)
        return cues[key]

    def within(self, clause: Clause, rule_id: str, lo: int, hi: int) -> bool:
        """Does a match of the rule lie within ``text[lo:hi]``, inside ``clause``? The matches are
        found once in the whole clause ("deployed", "en route"), then read by position for each
        figure's window: a word the window's edge cuts is no match ("landscape" has no "land").
        (A destination without a name, "to the border", "to the outskirts", is searched in the
        figure's window instead: read in the whole clause, it cost the linker 8% on the generated
        articles, most of whose sentences hold one figure.)"""
        key = ("within", rule_id)
        spans = clause.cues.get(key)
        if spans is None:
            spans = clause.cues[key] = [
                m.span() for m in self.reader.book.finditer(rule_id, self.text, clause.start, clause.end)
            ]
        return any(lo <= a and b <= hi for a, b in spans)

    def reading(self, clause: Clause, m: Mention) -> str:
        """How the linker reads the place ``m`` of ``clause``, whatever figure it is read for, once:
        "event" (where something happens: "due to events in Ukraine"), "location" (where forces
        are or go), "part" (a part of the place, "to the outskirts of Mosul", or a count of it,
        "Lithuania's 1,632") or else its role."""
        at = (m.start, m.role)  # (a phrase that refers back, "the country", is read as a location)
        how = clause.readings.get(at)
        if how is None:
            how = clause.readings[at] = self._reading(m)
        return how

    def _reading(self, m: Mention) -> str:
        reader, text = self.reader, self.text
        if m.role == "location":
            near = text[max(0, m.start - 60) : m.start]
            low = near.lower()
            if (
                reader._event_needs.may_match(low, words_of(low))
                and reader._event_place.search(near)
                and not reader.book.before("linking.event_destination", near, len(near))
            ):
                return "event"
            return "location"
        if m.place.kind == "country" and reader.elided.match(text, m.end):
            return "part"
        if m.role == "plain" and (
            reader._part_of.search(text, max(0, m.start - 80), m.start)
            or reader._directions_of.search(text, max(0, m.start - 60), m.start)
            or reader._action_of.search(text, max(0, m.start - 30), m.start)
        ):
            return "part"
        return m.role

    def status(self, clause: Clause, lo: int, hi: int) -> str | None:
        """The status named in ``text[lo:hi]`` (inside ``clause``): the first status rule, in the
        rule file's order, with a word there that no denial governs ("denies planning an
        invasion" plans nothing). (Read in the window, not once for the clause: a clause holds
        one figure as a rule, and its whole length costs more to read than the figure's window.)"""
        window = clause.lowered[lo - clause.start : hi - clause.start]
        present = words_of(window)
        before = self.reader.book.before
        for name, pattern, needs in self.reader._status_rules:
            if (not needs.words.isdisjoint(present) or needs.others and needs.may_match(window, present)) and any(
                before(DENIAL_RULES[1], window, m.start(), max(0, m.start() - _DENIED_STATUS_REACH), low=window) is None
                for m in pattern.finditer(window)
            ):
                return name
        return None


class PlaceRoles:
    """How a sentence uses each place it names, from the words before and after the name
    (rules/places.yaml): where forces are or go ("location": "to Belarus", "surrounded El
    Fasher", "the border with Mexico"), where they come from ("origin": "from Kursk"), who acts
    ("actor": "Moscow has sent", a capital standing for its government; "agent": "a build-up by
    Russia"; "subject": "Poland has sent"), or none of these ("plain"). The place finder
    records the role on each ``Mention`` and the linker reads it (the linker reads location
    words again only where what it decides depends on the figure's window: an origin phrase,
    an event, a nationality's border)."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        rules = lexicon.rules
        words = rules.words
        self._based = frozenset(words("places.based"))
        self._based_out = frozenset(words("places.based_out"))
        self._agent_words = frozenset(words("places.agent_words"))
        self._held_endings = words("places.held_endings")
        self._border_parts = frozenset(words("places.border_parts"))
        self._direction_forms = dict(pair.split() for pair in words("places.direction_forms"))
        self._direction_joiners = frozenset(words("places.direction_joiners"))
        self._border_links = frozenset(words("places.border_links"))
        # "at the al-Tanf garrison": the Arabic articles are the gazetteer's
        self._skip_before = frozenset(words("places.skip_before_place")) | {f"{a}-" for a in ARABIC_ARTICLES}
        self._possessed_other = rules.regex("places.possessed_other")
        self._possessive = re.compile(possessive(rules) + r"\s")  # "Moscow's": the capital as its government
        self._relative = rules.regex("places.relative")
        # the words before a name, lower-cased and joined by spaces, ending with a phrase that is no
        # preposition; its quick test: the last word is one a match can end with (derived from the rule)
        self._false_prep = rules.regex("places.false_prep", folded=True)
        self._false_prep_ends = rules.ends("places.false_prep")  # None: any word may end a match

    def role(self, text: str, low: str | None, s: int, e: int, place: Place, sent_start: int, nxt: str) -> str:
        """How the sentence that starts at ``sent_start`` uses the place named at ``text[s:e]``;
        ``low``: the text's lower case when it is ASCII (else None), ``nxt``: the lower-case word
        after the name."""
        if self._possessed_other.match(text, e, e + 40):
            return "plain"  # "to Ukraine's neighbours", "Russia's allies": other places than this one
        lo = max(sent_start, s - 60)
        # in ASCII text: read the lower-cased text in place, no slice to lower
        words_before = (
            _BEFORE_WORDS.findall(low, lo, s) if low is not None else _BEFORE_WORDS.findall(text[lo:s].lower())
        )
        if "capital" in place.flags:
            # "Moscow has sent", "Kiev demands": a capital standing for its government
            if nxt in self.lex.actor_verbs or self._possessive.match(text, e, e + 3):
                return "actor"
            if _HYPHEN_NAME.match(text, e, e + 3):
                return "plain"  # "the Moscow-Kiev tension"
        if (
            words_before
            and (self._false_prep_ends is None or words_before[-1] in self._false_prep_ends)
            and self._false_prep.search(" ".join(words_before[-5:]))
        ):
            return "plain"  # "according to the U.S. report", "along with"
        skipped = 0
        lex = self.lex
        for idx in range(len(words_before) - 1, -1, -1):
            w = words_before[idx]
            if w in lex.origin_preps:
                return "origin"
            if w in self._agent_words and skipped == 0:
                return "agent"  # "a military buildup by Russia": who acts, not where
            if w in lex.object_verbs or (idx > 0 and f"{words_before[idx - 1]} {w}" in lex.object_verbs):
                return "location"  # "surrounded El Fasher"
            if w in lex.location_preps:
                # "moved from near Moscow": where they came from
                return "origin" if idx > 0 and words_before[idx - 1] in lex.origin_preps else "location"
            if (
                w in self._border_links
                and idx > 0
                and (
                    words_before[idx - 1] in lex.border_nouns
                    or (
                        idx > 1
                        and words_before[idx - 1] in self._border_parts
                        and words_before[idx - 2] in lex.border_nouns
                    )
                )
            ):
                return (
                    "location"  # "the border with Mexico", "the state border of Ukraine", "the border area with Israel"
                )
            if w in self._based_out and idx > 0 and words_before[idx - 1] in self._based:
                return "location"  # "based out of Ramstein": where they are, not where they left
            if (
                w in self._direction_joiners
                and 0 < idx < len(words_before) - 1
                and words_before[idx - 1] in self._direction_forms
                and words_before[idx + 1] in self._direction_forms
            ):
                continue  # "to north and central Queensland"
            if (
                w in self._skip_before
                or w in lex.border_nouns
                or w in lex.demonyms
                or w.capitalize() in lex.demonyms
                or w.endswith(self._held_endings)
            ):
                skipped += 1
                if skipped > 4:
                    break
                continue
            break
        if nxt in lex.actor_verbs or (place.kind == "country" and self._relative.match(text, e, e + 12)):
            return "subject"  # "Poland has sent", "Russia, which has 130,000 troops near Ukraine"
        return "plain"
