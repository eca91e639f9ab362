"""Counts of forces that are no deployment, decided by the words of their clause.

`geomap.figures` reads every count of forces; these guards say which of them place no forces
anywhere: losses ("lost 25,000 soldiers, 1,100 tanks"), strikes ("fired 11 missiles"), aid,
sales, orders and production of equipment ("the sale of 66 jets"), forces to be raised or
trained ("plans to recruit 400,000"), what a place or a kind of formation holds in general
("can accommodate 10,000 troops"), a state's whole force ("Russia's army numbers 1.15
million"). The word lists are in geomap/lang/en/lexicon.toml, section [figures].

>>> from geomap.figures import find_figures
>>> [f.text for f in find_figures("Russia lost 300 tanks and moved 500 tanks to Kursk.")]
['500 tanks']
"""
from __future__ import annotations

import re

from .lexicon import Lexicon
from .model import Figure
from .patterns import alternation

_CLAUSE_END = re.compile(r"\. |;|\n")
_NUMBER_AHEAD = re.compile(r"\d")
_TOWARD = re.compile(r"\s+(?:to|into|toward|towards)\s", re.IGNORECASE)


class Guards:
    """The clause-level tests, compiled once from one lexicon."""

    def __init__(self, lex: Lexicon):
        self._military = re.compile(r"\b(?:" + alternation(lex.military_verbs) + r")\b")
        quals = alternation([*lex.qualifiers, "an estimated"])
        firsts = alternation({"a", "an", "between", *lex.ones, *lex.tens, *(v.split()[0] for v in lex.vague)})
        self._loss_at = re.compile(rf"(?<![\w-])(?:{alternation(lex.loss_verbs)})(?![\w-])", re.IGNORECASE)
        # after a verb of loss: its count, or a list of counts that ends where the figure starts
        self._loss_list = re.compile(
            rf"\s+(?:(?:{quals})\s+)?(?:(?=\d|(?:{firsts})\b)[^;:()]*?(?:,|\sand)\s*(?:and\s+)?(?:(?:{quals})\s+)?)?",
            re.IGNORECASE)
        self._fire_before = re.compile(rf"(?<![\w-])(?:{alternation(lex.fire_verbs)})\s+(?:(?:{quals}|a|an|the)\s+)?"
                                       rf"(?:(?:more|another|further|new|fresh|large|massive|first|second)\s+)?$",
                                       re.IGNORECASE)
        self.sent_after = re.compile(
            # "are to be stationed", "are expected to be deployed", "is set to be sent", "were being moved"
            r"\s+(?:(?:were|was|are|is|have|has|had|been|being|be|will|would|also|already|then|now|later"
            r"|to|set|due|expected|scheduled|going)\s+){0,4}"
            rf"(?:{alternation(lex.military_verbs)})\b", re.IGNORECASE)
        self._general = re.compile(rf"(?<![\w-])(?:{alternation(lex.general_words)})(?![\w-])", re.IGNORECASE)
        self._whole_before = re.compile(
            r"(?:(?<![\w-])(?i:its|their|his|her|our)|[A-Z][\w.-]*['’]s|(?i:the\s+(?:country|nation|kingdom|republic))['’]s)\s+"
            r"(?:(?i:entire|whole|total|standing|regular|active|professional|own|wartime|peacetime|overall|[\d,.]+-strong)\s+)?"
            rf"(?i:{alternation(lex.whole_force_nouns)})\s+(?i:{alternation(lex.whole_force_counts)})\s+"
            rf"(?:(?i:{quals})\s+)?$")
        self._fired_after = re.compile(
            r"(?:\s+(?:and|or)\s+(?:[a-z-]+\s+){0,2}?(?:missiles|rockets|drones))?\s+"
            r"(?:(?:were|was|are|is|have|has|had|been|being|be|will|would)\s+){0,3}"
            rf"(?:{alternation(w for w in lex.fire_verbs if ' ' not in w)})\b", re.IGNORECASE)
        self._transfer = re.compile(rf"(?<![\w-])(?:{alternation(lex.transfer_words)})(?![\w-])", re.IGNORECASE)
        self._fire_at = re.compile(rf"(?<![\w-])(?:{alternation(lex.fire_verbs)})(?![\w-])", re.IGNORECASE)
        # "Russian losses near Avdiivka include 400 tanks": a noun of loss, then the verb that counts them
        self._loss_noun_before = re.compile(
            rf"(?<![\w-])(?:{alternation(lex.loss_nouns)})(?![\w-])[^.;:]{{0,60}}?(?<![\w-])"
            rf"(?:{alternation(lex.loss_counts)})\s+(?:(?:{quals})\s+)?"
            rf"(?:(?=\d|(?:{firsts})\b)[^;:()]*?(?:,|\sand)\s*(?:and\s+)?(?:(?:{quals})\s+)?)?\Z", re.IGNORECASE)
        self._raised_after = re.compile(
            r"\s+(?:(?:were|was|are|is|have|has|had|been|being|be|will|would)\s+){1,3}"
            rf"(?:{alternation(w for w in lex.raise_words if ' ' not in w and w.endswith('ed'))})\b", re.IGNORECASE)
        self._raise_before = re.compile(rf"(?<![\w-])(?:{alternation(lex.raise_words)})\s+(?:(?:{quals}|another|a further|an additional)\s+)?$",
                                        re.IGNORECASE)

    def lost(self, text: str, start: int, end: int) -> bool:
        """True when a verb of loss governs the count at ``start``, or a list of counts that it
        belongs to: "killed 20 soldiers", "lost 25,000 soldiers, 1,100 tanks and 300 guns"."""
        lo = max(0, start - 200)
        lo = max(lo, text.rfind(". ", lo, start) + 1, text.rfind(";", lo, start) + 1, text.rfind("\n", lo, start) + 1)
        last = None
        for last in self._loss_at.finditer(text, lo, start):
            pass
        if last is None or self._loss_list.fullmatch(text, last.end(), start) is None:
            return self._loss_noun_before.search(text, lo, start) is not None and \
                not self._military.search(text, lo, start)
        if self._military.search(text, last.end(), start):
            return False  # "killed 5 and sent 5,000 troops"
        return self.sent_after.match(text, end) is None  # "and 3,000 troops were sent"

    def _fired_list(self, before: str) -> bool:
        """True when the words before a figure end a list that a verb of firing governs:
        "launched 20 drones and" before "3 missiles"."""
        last = None
        for last in self._fire_at.finditer(before):
            pass
        return last is not None and self._loss_list.fullmatch(before, last.end()) is not None \
            and _NUMBER_AHEAD.search(before, last.end()) is not None and not self._military.search(before, last.end())

    def why(self, text: str, fig: Figure) -> str | None:
        """Why the figure ``fig`` of ``text`` counts forces that are deployed nowhere, or None.

        Decided by the words of its clause: a strike ("fired 11 missiles"), what a place or a
        kind of formation holds in general ("the base can accommodate 10,000 troops"), equipment that is
        aid, sold, ordered or produced ("the sale of 24 jets"), troops someone aims to raise
        ("plans to recruit 400,000 soldiers"). Losses are read with the number itself.

        >>> from geomap.figures import FigureFinder
        >>> finder = FigureFinder()
        >>> text = "China fired 11 ballistic missiles into the sea."
        >>> finder.guards.why(text, finder.find(text.replace("fired", "moved"))[0])
        'strike'
        """
        lo = max(0, fig.start - 100)
        clause = max(text.rfind(". ", lo, fig.start), text.rfind(";", lo, fig.start), text.rfind("\n", lo, fig.start))
        lo = max(lo, clause + 1)
        before = text[lo:fig.start]
        if fig.unit in ("missiles", "aircraft") and (self._fire_before.search(before) or self._fired_after.match(text, fig.end)
                                                     or self._fired_list(before)) \
                and (fig.unit == "missiles" or re.search(r"drone|uav|unmanned", fig.unit_text, re.IGNORECASE)):
            return "strike"  # "fired 11 missiles", "300 drones and missiles fired by Iran"
        if self._general.search(before):
            return "general"
        if fig.unit in ("troops", "units"):
            if self._raise_before.search(before) or self._raised_after.match(text, fig.end):
                return "raised"  # "plans to recruit 400,000", "30,000 soldiers have been trained in Britain"
            if self._whole_before.search(before):
                return "whole force"
            return None
        end = _CLAUSE_END.search(text, fig.end, fig.end + 80)
        after = text[fig.end:end.start() if end else fig.end + 80]
        words = {w.lower() for w in self._transfer.findall(before) + self._transfer.findall(after)}
        if words and not (words <= {"order", "ordered", "orders"} and _TOWARD.match(after)):
            return "transfer"  # not "ordered a carrier strike group to the Mediterranean": an order to go
        return None
