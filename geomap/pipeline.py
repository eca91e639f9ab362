"""The pipeline: corpus -> mentions and figures -> deployments, one article at a time."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from dataclasses import dataclass, field, fields, replace

from gazetteer import Gazetteer

from .eventdates import DateFinder
from .figures import FigureFinder
from .rules import token_matches
from .lexicon import Lexicon
from .lexicon import load as load_lexicon
from .linking import UNPLACED, Decision, Linker
from .model import Deployment, Document, Mention, new_deployment
from .places import PlaceFinder
from .precision import classify
from .text import Sentences

_WORD_AND_SPACE = re.compile(r"\S+\s+")  # the location word before the name
# the fields Pipeline._finished names when it builds a finished Deployment
_ALL_NAMED = {f.name for f in fields(Deployment)} == {
    "doc",
    "figure",
    "place",
    "place_text",
    "force",
    "force_text",
    "status",
    "date",
    "quote",
    "quote_start",
    "confidence",
    "origin",
    "place_from",
    "rules",
    "precision",
    "relation",
    "event_date",
    "event_grain",
    "event_date_text",
}


@dataclass
class Result:
    """What one article gave: its mentions, its deployments and the names left unresolved."""

    doc: Document
    mentions: list[Mention]
    deployments: list[Deployment]
    unresolved: list[str] = field(default_factory=list)
    sentences: Sentences | None = None
    decisions: list[Decision] = field(default_factory=list)  # how each figure was linked, or why not

    @property
    def unplaced(self) -> list[dict]:
        """Figures of forces the text gives no place for that could be drawn: doc, figure, why."""
        return [
            {"doc": self.doc.doc, "figure": d.figure.text, "start": d.figure.start, "rule": d.rules[1], "why": d.why}
            for d in self.decisions
            if not d.drawn and d.rules[1] in UNPLACED
        ]


class Pipeline:
    """One gazetteer and lexicon, reused for every article."""

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None):
        self.gazetteer = gazetteer or Gazetteer.default()
        self.lexicon = lexicon or load_lexicon()
        self.places = PlaceFinder(self.gazetteer, self.lexicon)
        self.figures = FigureFinder(self.lexicon)
        self.linker = Linker(self.gazetteer, self.lexicon)
        self.dates = DateFinder(self.lexicon)
        self._not_places = frozenset(self.lexicon.rules.words("pipeline.not_places"))  # see _unresolved

    def __reduce__(self):
        # sent to worker processes: the shipped gazetteer and lexicon travel as None (each
        # process loads its own once), custom ones as themselves
        gazetteer = None if self.gazetteer is Gazetteer._default else self.gazetteer
        lexicon = None if self.lexicon is load_lexicon() else self.lexicon
        return (type(self), (gazetteer, lexicon))

    @property
    def is_default(self) -> bool:
        """True when this is a plain Pipeline reading with the shipped gazetteer and lexicon."""
        return type(self) is Pipeline and self.gazetteer is Gazetteer._default and self.lexicon is load_lexicon()

    def process(self, doc: Document) -> Result:
        sentences = Sentences(doc.text, self.lexicon.rules)
        clauses = self.linker.clauses.read(doc.text)  # each sentence's cues, read once for places and figures
        actors = self.linker.force_names(doc.text)  # one scan for force names: the linker's and the place finder's
        mentions, demonyms = self.places.find(
            doc.text, sentences, [(a.start, a.end, a.surface) for a in actors], clauses
        )
        figures = self.figures.find(doc.text, clauses.lowered)
        decisions: list[Decision] = []
        deployments = (
            self.linker.link(doc, mentions, demonyms, figures, sentences, actors, decisions, clauses) if figures else []
        )
        deployments = [self._finished(d) for d in deployments]
        known = [(m.start, m.end) for m in mentions] + [(d.start, d.end) for d in demonyms]
        known += [(a.start, a.end) for a in actors]
        return Result(doc, mentions, deployments, self._unresolved(doc.text, known), sentences, decisions)

    def _finished(self, d: Deployment) -> Deployment:
        """``d`` with how precise its place is, how the text relates the forces to it, and the
        date its sentence gives the figure: one copy of the record for the three."""
        qs = d.quote_start
        precision, relation = classify(
            d.place.kind, d.quote, d.figure.start - qs, d.figure.end - qs, d.place_text, self.lexicon
        )
        dated = self.dates.changes(d)
        if not _ALL_NAMED:  # a field added to Deployment and not named below: the slower, general copy
            return replace(d, precision=precision, relation=relation, **dated)
        # the record built anew, every field named (geomap.model.maker): dataclasses.replace reads the fields one by one
        return new_deployment(
            doc=d.doc,
            figure=d.figure,
            place=d.place,
            place_text=d.place_text,
            force=d.force,
            force_text=d.force_text,
            status=dated.get("status", d.status),
            date=d.date,
            quote=d.quote,
            quote_start=qs,
            confidence=d.confidence,
            origin=d.origin,
            place_from=d.place_from,
            rules=d.rules,
            precision=precision,
            relation=relation,
            event_date=dated.get("event_date", d.event_date),
            event_grain=dated.get("event_grain", d.event_grain),
            event_date_text=dated.get("event_date_text", d.event_date_text),
        )

    def _unresolved(self, text: str, known: list[tuple[int, int]]) -> list[str]:
        out: dict[str, None] = {}  # in order of first use; a dict, not a list: many names are no slower
        known = sorted(known)
        starts = [a for a, _ in known]
        reach = list(accumulate((b for _, b in known), max))  # the furthest end among the first i spans
        rules, not_places = self.lexicon.rules, self._not_places
        # RuleBook.finditer's matches, read with its pattern in one loop (a generator costs more a match)
        for m in token_matches(rules.regex("pipeline.named_place", "anywhere"), text):
            head = _WORD_AND_SPACE.match(m.group())
            s, e = m.start() + (head.end() if head else 0), m.end()
            name = text[s:e]
            first = name.split()[0]
            i = bisect_left(starts, e)  # the spans that start before this name ends
            if first in not_places or (i and reach[i - 1] > s):
                continue
            out[name] = None
        return list(out)


_pipeline: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _pipeline
    if _pipeline is None:
        _pipeline = Pipeline()
    return _pipeline


def extract(text: str, date: str | None = None, doc: str = "<text>") -> list[Deployment]:
    """Deployments in one text.

    >>> [(d.figure.count, d.place.name, d.force) for d in extract("Russia has sent 5,000 troops to Belarus.")]
    [(5000, 'Belarus', 'RU')]
    """
    return default_pipeline().process(Document(doc, text, date)).deployments
