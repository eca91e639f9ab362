"""Counts of forces that are no deployment, decided by the words of their clause.

`geomap.figures` reads every count of forces; these guards say which of them place no forces
anywhere: losses ("lost 25,000 soldiers, 1,100 tanks"), strikes ("fired 11 missiles"), aid,
sales, orders and production of equipment ("the sale of 66 jets"), forces to be raised or
trained ("plans to recruit 400,000"), what a place or a kind of formation holds in general
("can accommodate 10,000 troops"), a state's whole force ("Russia's army numbers 1.15
million"). The rules are in geomap/lang/en/rules/guards.yaml (the order they apply is written
at its top), their word lists there and in lexicon.toml, section [figures]. What stays here: the
windows each rule reads (the clause before and after the count), the order, and the list of
counts after a verb of loss or firing, which reads the number grammar.

>>> from geomap.figures import find_figures
>>> [f.text for f in find_figures("Russia lost 300 tanks and moved 500 tanks to Kursk.")]
['500 tanks']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from .lexicon import Lexicon, number_words
from .model import Figure
from .patterns import alternation
from .rules import Rule, RuleBook, token_matches
from .text import lower_keeping_offsets

_CLAUSE_END = re.compile(r"\. |;|\n")
_NUMBER_AHEAD = re.compile(r"\d")
_NOT_IN_CLAUSE = re.compile(r"[.;:]")
_LOSS_NOUN_REACH = 60  # characters from a noun of loss to the verb that counts it


# A word of these rules joined to another by a hyphen is part of a compound, not the word:
# "test-fired", "first-aid", "hit-and-run" (the rules' tokens, as spaCy's, split at hyphens).
def _joined_before(text: str, m: re.Match) -> bool:
    return m.start() > 0 and text[m.start() - 1] == "-"


def _joined(text: str, m: re.Match) -> bool:
    return _joined_before(text, m) or text[m.end() : m.end() + 1] == "-"


def _unjoined(matches, text: str, start_only: bool = False) -> list[re.Match]:
    """The matches that are no part of a hyphenated compound."""
    joined = _joined_before if start_only else _joined
    return [m for m in matches if not joined(text, m)]


def _before_unjoined(search, text: str) -> re.Match | None:
    """The first match of a pattern that ends where ``text`` ends (a ``before`` rule's) and does
    not start inside a hyphenated compound."""
    pos = 0
    while (m := search(text, pos)) is not None and _joined_before(text, m):
        pos = m.start() + 1
    return m


_LETTERS = re.compile(r"[a-z]+")


def _letter_clitic(rule: Rule) -> bool:
    """True when a token of the rule is a clitic that starts with a letter ("n't"): the word
    before it runs into it ("don't"), so that word is no run of letters of its own."""
    for pattern in rule.patterns:
        for tok in pattern:
            for value in tok.values():
                words = [value] if isinstance(value, str) else value.get("IN", []) if isinstance(value, dict) else []
                if any(isinstance(w, str) and w.lower().startswith(("n'", "n’")) for w in words):
                    return True
    return False


class NeededWords:
    """For some rules, the words one of which every match holds (RuleBook.needs, derived from the
    patterns), to be found in the one pass over an article's runs of letters that
    geomap.figures makes (:meth:`FigureFinder._words`): a window of the article where none of
    them stands holds no match, and the rule's search there is skipped (:class:`Spots`).

    Only rules whose needed words are plain lower-case letters and that have no clitic starting
    with a letter: a token of a pattern ends where no letter or digit follows, a match starts a
    token, and so each of its words is a whole run of letters of the lower-cased text."""

    def __init__(self, rules: RuleBook, ids: Iterable[str]):
        self.slots: dict[str, int] = {}  # rule id -> its list of places in Spots.found
        self.watch: dict[str, tuple[int, ...]] = {}  # a needed word -> the slots of the rules that need it
        for rule_id in ids:
            needs = rules.needs(rule_id)
            if not needs or not all(_LETTERS.fullmatch(w) for w in needs) or _letter_clitic(rules.rule(rule_id)):
                continue  # no pre-check: such a rule is searched in every window
            slot = self.slots[rule_id] = len(self.slots)
            for w in needs:
                self.watch[w] = self.watch.get(w, ()) + (slot,)


class Spots:
    """Where the needed words of :class:`NeededWords` stand in one article: ``found[slot]``, the
    starts of the runs of letters of ``low`` (the article lower-cased, offsets kept) that are
    words the rule of that slot needs, in text order. For an article with no letter that a
    case-blind pattern reads as another letter ("ſ", the Kelvin sign, "İ", "ı"), whose runs of
    letters are those of its case-blind reading."""

    __slots__ = ("low", "found")

    def __init__(self, low: str, found: list[list[int]]):
        self.low = low
        self.found = found

    def maybe(self, slot: int | None, lo: int, hi: int) -> bool:
        """False when the rule of ``slot`` cannot match in ``low[lo:hi]``: none of its words
        stands there. A window that cuts a run of letters at an edge may: a pattern reads the
        piece as a word ("dead" of "dead|ly"); so may one whose edge has a letter of any
        script on either side, or that ends where the text does (a quick, wider test)."""
        if slot is None:
            return True
        low = self.low
        if low[hi - 1 : hi + 1].isalpha() or lo and low[lo - 1 : lo + 1].isalpha():
            return True
        found = self.found[slot]
        i = bisect_left(found, lo)
        return i < len(found) and found[i] < hi


def _anywhere(slot: int | None, lo: int, hi: int) -> bool:
    """Spots.maybe where the needed words are not known: any rule may match anywhere."""
    return True


class Guards:
    """The clause-level tests: the rules of geomap/lang/<lang>/rules/guards.yaml (their order is
    written there), and the list of counts that a verb of loss or firing governs."""

    # the rules whose searches, read for every figure, are skipped where their words are absent
    GATED = (
        "guards.loss_verb",
        "guards.loss_noun",
        "guards.fire_verb",
        "guards.general",
        "guards.transfer",
        "guards.whole_before",
        "guards.raise_before",
        "guards.raised_after",
        "guards.fire_before",
        "guards.fired_after",
    )

    def __init__(self, lex: Lexicon, needed: NeededWords | None = None):
        self.rules = rules = lex.rules
        self.needed = needed = needed or NeededWords(rules, self.GATED)
        (
            self._loss_verb_slot,
            self._loss_noun_slot,
            self._fire_verb_slot,
            self._general_slot,
            self._transfer_slot,
            self._whole_slot,
            self._raise_slot,
            self._raised_slot,
            self._fire_slot,
            self._fired_slot,
        ) = (needed.slots.get(r) for r in self.GATED)
        # the article geomap.figures reads and where the needed words stand in it (None: not known)
        self._spots: tuple[str | None, Spots | None] = (None, None)
        # the rules read for every figure, their patterns kept (RuleBook.regex): the matches of
        # rules.before() and rules.after(), without the look-ups of each call
        # (fire_before, raise_before, fired_after and sent_after are blind to case: they run on
        # the lower-cased text; whole_before and raised_after read capitals)
        self._fire_before, self._raise_before = (
            rules.before_search(r, folded=True) for r in ("guards.fire_before", "guards.raise_before")
        )
        self._whole_before = rules.regex("guards.whole_before", "before").search
        self._fired_after, self._sent_after = (
            rules.regex(r, "after", folded=True).match for r in ("guards.fired_after", "guards.sent_after")
        )
        self._raised_after = rules.regex("guards.raised_after", "after").match
        # the word lists read in the clause of every figure, over the lower-cased text
        self._loss_verbs, self._loss_counts, self._loss_nouns, self._general, self._transfers, self._fire_verbs = (
            rules.regex(r, "anywhere", folded=True)
            for r in (
                "guards.loss_verb",
                "guards.loss_count",
                "guards.loss_noun",
                "guards.general",
                "guards.transfer",
                "guards.fire_verb",
            )
        )
        quals = alternation(lex.qualifiers)
        grammar = number_words(lex)  # "a", "an", "between": what a count may start with besides number words
        firsts = alternation(
            {*grammar.one_of, *grammar.range_open, *lex.ones, *lex.tens, *(v.split()[0] for v in lex.vague)}
        )
        joins = alternation(lex.rules.words("text.list_joins"))
        # after a verb of loss: its count, or a list of counts that ends where the figure starts;
        # a list of counts reads the number grammar's first words and any words up to a comma or
        # "and", which no token pattern of a fixed length says (its words are the lexicon's)
        self._loss_list = re.compile(
            rf"\s+(?:(?:{quals})\s+)?(?:(?=\d|(?:{firsts})\b)[^;:()]*?(?:,|\s(?:{joins}))\s*(?:(?:{joins})\s+)?(?:(?:{quals})\s+)?)?",
            re.IGNORECASE,
        )

    def read(self, text: str, spots: Spots | None) -> None:
        """Where the needed words stand in ``text``, the article whose figures are read next."""
        self._spots = (text, spots)

    def _whole(self, rule_id: str, words: str) -> bool:
        """True when the rule matches all of ``words``."""
        m = self.rules.after(rule_id, words, 0)
        return m is not None and m.end() == len(words)

    def sent_after(self, text: str, end: int, low: str | None = None) -> re.Match | None:
        """A military verb right after ``end``, auxiliaries allowed ("were sent", "are to be deployed");
        ``low``: the text lower-cased, offsets kept."""
        return self._sent_after(lower_keeping_offsets(text) if low is None else low, end)

    def lost(self, text: str, start: int, end: int, low: str | None = None) -> bool:
        """True when a verb of loss governs the count at ``start``, or a list of counts that it
        belongs to: "killed 20 soldiers", "lost 25,000 soldiers, 1,100 tanks and 300 guns";
        ``low``: the text lower-cased, offsets kept."""
        rules = self.rules
        if low is None:
            low = lower_keeping_offsets(text)
        lo = max(0, start - 200)
        lo = max(lo, text.rfind(". ", lo, start) + 1, text.rfind(";", lo, start) + 1, text.rfind("\n", lo, start) + 1)
        seen, spots = self._spots  # one read: a pair of one article (see FigureFinder._low_pair)
        if text is not seen:
            spots = None
        last = None
        if spots is None or spots.maybe(self._loss_verb_slot, lo, start):
            for last in _unjoined(token_matches(self._loss_verbs, low, lo, start), text):
                pass
        if last is None or self._loss_list.fullmatch(text, last.end(), start) is None:
            if spots is not None and not spots.maybe(self._loss_noun_slot, lo, start):
                return False  # no noun of loss before the count (the test below reads it before `start`)
            return (
                self._loss_noun_before(text, lo, start, low)
                and rules.search("guards.military_verb", text, lo, start) is None
            )
        if rules.search("guards.military_verb", text, last.end(), start):
            return False  # "killed 5 and sent 5,000 troops"
        return self._sent_after(low, end) is None  # "and 3,000 troops were sent"

    def _loss_noun_before(self, text: str, lo: int, start: int, low: str) -> bool:
        """True when a noun of loss and a verb that counts it ("losses near Avdiivka include")
        govern the count at ``start``, or the list of counts it belongs to."""
        rules = self.rules
        if not rules.could_match("guards.loss_noun", low, lo, start, lowered=True):
            return False
        for count in _unjoined(token_matches(self._loss_counts, low, lo, start), text, start_only=True):
            if self._loss_list.fullmatch(text, count.end(), start) is None:
                continue
            at = count.start()
            for noun in _unjoined(token_matches(self._loss_nouns, low, lo, at), text):
                if at - noun.end() <= _LOSS_NOUN_REACH and not _NOT_IN_CLAUSE.search(text, noun.end(), at):
                    return True
        return False

    def _fired_list(self, before: str, low: str) -> bool:
        """True when the words before a figure end a list that a verb of firing governs:
        "launched 20 drones and" before "3 missiles"."""
        rules = self.rules
        last = None
        for last in _unjoined(token_matches(self._fire_verbs, low), before):
            pass
        return (
            last is not None
            and self._loss_list.fullmatch(before, last.end()) is not None
            and _NUMBER_AHEAD.search(before, last.end()) is not None
            and rules.search("guards.military_verb", before, last.end()) is None
        )

    def why(self, text: str, fig: Figure, low: str | None = None) -> str | None:
        """Why the figure ``fig`` of ``text`` counts forces that are deployed nowhere, or None.

        Decided by the words of its clause: a strike ("fired 11 missiles"), what a place or a
        kind of formation holds in general ("the base can accommodate 10,000 troops"), equipment that is
        aid, sold, ordered or produced ("the sale of 24 jets"), troops someone aims to raise
        ("plans to recruit 400,000 soldiers"). Losses are read with the number itself.
        ``low``: the text lower-cased, offsets kept (made here when not given).

        >>> from geomap.figures import FigureFinder
        >>> finder = FigureFinder()
        >>> text = "China fired 11 ballistic missiles into the sea."
        >>> finder.guards.why(text, finder.find(text.replace("fired", "moved"))[0])
        'strike'
        """
        rules = self.rules
        lo = max(0, fig.start - 100)
        clause = max(text.rfind(". ", lo, fig.start), text.rfind(";", lo, fig.start), text.rfind("\n", lo, fig.start))
        lo = max(lo, clause + 1)
        if low is None:
            low = lower_keeping_offsets(text)
        before, low_before = text[lo : fig.start], low[lo : fig.start]
        seen, spots = self._spots
        maybe = _anywhere if spots is None or text is not seen else spots.maybe
        if (
            fig.unit in ("missiles", "aircraft")
            and (
                maybe(self._fire_slot, lo, fig.start)
                and _before_unjoined(self._fire_before, low_before)
                or maybe(self._fired_slot, fig.end, len(text))
                and self._fired_after(low, fig.end)
                or maybe(self._fire_verb_slot, lo, fig.start)
                and self._fired_list(before, low_before)
            )
            and (fig.unit == "missiles" or rules.search("guards.drone_unit", fig.unit_text))
        ):
            return "strike"  # "fired 11 missiles", "300 drones and missiles fired by Iran"
        if maybe(self._general_slot, lo, fig.start) and _unjoined(token_matches(self._general, low_before), before):
            return "general"
        if fig.unit in ("troops", "units"):
            if (
                maybe(self._raise_slot, lo, fig.start)
                and _before_unjoined(self._raise_before, low_before)
                or maybe(self._raised_slot, fig.end, len(text))
                and self._raised_after(text, fig.end)
            ):
                return "raised"  # "plans to recruit 400,000", "30,000 soldiers have been trained in Britain"
            if maybe(self._whole_slot, lo, fig.start) and self._whole_before(before):
                return "whole force"
            return None
        stop = _CLAUSE_END.search(text, fig.end, fig.end + 80)
        after_end = stop.start() if stop else fig.end + 80
        after, low_after = text[fig.end : after_end], low[fig.end : after_end]
        transfers = [
            *(
                _unjoined(token_matches(self._transfers, low_before), before)
                if maybe(self._transfer_slot, lo, fig.start)
                else ()
            ),
            *(
                _unjoined(token_matches(self._transfers, low_after), after)
                if maybe(self._transfer_slot, fig.end, after_end)
                else ()
            ),
        ]
        if transfers and not (
            all(self._whole("guards.order_word", m.group()) for m in transfers)
            and rules.after("guards.toward", after, 0, low=low_after)
        ):
            return "transfer"  # not "ordered a carrier strike group to the Mediterranean": an order to go
        return None
