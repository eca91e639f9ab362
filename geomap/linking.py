"""Tie each figure to the place its forces are at or going to, to its force and its status.

Rules, in order, within the figure's sentence:

* place: the first place after the figure that a location word introduces ("to Belarus",
  "along the Ukrainian border") before another actor or figure intervenes; else the
  nearest such place before it; else, when the force is a state that the sentence names
  ("Poland has sent about 15,000 troops"), that state. A capital standing for its
  government ("Moscow has sent") is never the place.
* force: a nationality or force name inside the figure ("8,500 U.S. troops"); else the
  nearest actor before it (a subject country, a capital used as actor, a seat of
  government, a leader, an alliance or group, a nationality that is not of a report or
  an official); else the force of the article's previous figure.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from gazetteer import Gazetteer, Place

from .lexicon import Lexicon
from .lexicon import load as load_lexicon
from .model import Demonym, Deployment, Document, Figure, Mention
from .text import Sentences


@dataclass(frozen=True, slots=True)
class _Actor:
    start: int
    end: int
    surface: str
    force: str


class Linker:
    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None):
        self.gaz = gazetteer or Gazetteer.default()
        self.lex = lexicon or load_lexicon()
        names = sorted(self.lex.forces, key=len, reverse=True)
        self._force_names = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
        self._status_res = [(name, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"))
                            for name, words in self.lex.status]

    def force_names(self, text: str) -> list[_Actor]:
        """Alliances, groups, seats of government and leaders named in ``text``."""
        return [_Actor(m.start(), m.end(), m.group(), self.lex.forces[m.group()][0]) for m in self._force_names.finditer(text)]

    def link(self, doc: Document, mentions: list[Mention], demonyms: list[Demonym], figures: list[Figure],
             sentences: Sentences) -> list[Deployment]:
        text = doc.text
        actors_all = self.force_names(text)
        out: list[Deployment] = []
        seen: set = set()
        last_force: tuple[str, str, int] | None = None
        m_starts = [m.start for m in mentions]
        d_starts = [d.start for d in demonyms]
        a_starts = [a.start for a in actors_all]
        f_starts = [f.start for f in figures]
        for fig in figures:
            ss, se = sentences.span_of(fig.start)
            # a sentence of many kilobytes (a scrape with no full stops) is read near the figure
            ss, se = max(ss, fig.start - 600), min(se, fig.end + 600)
            ms = mentions[bisect_left(m_starts, ss):bisect_left(m_starts, se)]
            ds = demonyms[bisect_left(d_starts, ss):bisect_left(d_starts, se)]
            acts = actors_all[bisect_left(a_starts, ss):bisect_left(a_starts, se)]
            others = [f for f in f_starts[bisect_left(f_starts, ss):bisect_left(f_starts, se)] if f != fig.start]
            force, force_text, force_conf = self._force(text, fig, ms, ds, acts)
            sent_idx = sentences.index_of(fig.start)
            if force is None and last_force and sent_idx - last_force[2] <= 4:
                force, force_text, force_conf = last_force[0], last_force[1], 0.6
            places, place_text, origin, place_conf = self._place(text, fig, ms, ds, acts, others, force, ss, se)
            if not places:
                continue
            if force:
                last_force = (force, force_text, sent_idx)
            # the words around the figure, not a whole 3 MB "sentence"
            status = self._status(text[max(ss, fig.start - 200):min(se, fig.end + 200)].lower())
            for place in places:
                claim = (place.id, fig.unit, fig.count, fig.count_min, fig.count_max, force)
                if claim in seen:
                    continue  # the same claim repeated in one article is one deployment
                seen.add(claim)
                conf = round(min(place_conf, 1.0) * force_conf, 2)
                out.append(Deployment(doc.doc, fig, place, place_text, force, force_text, status, doc.date,
                                      text[ss:se], ss, conf, origin))
        return out

    # -- force -----------------------------------------------------------------------
    def _force(self, text, fig, ms, ds, acts):
        for d in ds:
            if fig.start <= d.start < fig.unit_end:
                return d.country, d.surface, 1.0
        for a in acts:
            if fig.start <= a.start < fig.unit_end:
                return a.force, a.surface, 1.0
        candidates = []
        for m in ms:
            if m.end > fig.start:
                continue
            if m.role in ("actor", "subject") or re.match(r"['’]s?\s", text[m.end:m.end + 3]):
                if m.place.kind == "country" or "capital" in m.place.flags:
                    candidates.append((m.start, m.place.country, m.surface))
        for d in ds:
            if d.end > fig.start:
                continue
            nxt = re.match(r"[\s-]+([A-Za-z]+)(?:\s+([A-Za-z]+))?", text[d.end:d.end + 40])
            words = [w.lower() for w in (nxt.groups() if nxt else ()) if w]
            if words and (words[0] in self.lex.not_force_nouns or words[0] in self.lex.border_nouns or
                          (len(words) > 1 and words[1] in self.lex.not_force_nouns and words[0] not in self.lex.units)):
                continue
            candidates.append((d.start, d.country, d.surface))
        for a in acts:
            if a.end <= fig.start:
                candidates.append((a.start, a.force, a.surface))
        if candidates:
            _, force, surface = max(candidates)
            return force, surface, 0.9
        return None, None, 1.0

    # -- place -----------------------------------------------------------------------
    def _place(self, text, fig, ms, ds, acts, others, force, ss, se):
        stop = min([o for o in others if o > fig.start] + [se])
        # after the figure: "to Belarus", "along the Ukrainian border"
        for kind, start, end, place, surface in self._located(text, ms, ds, fig.unit_end, stop):
            if kind == "stop":
                break
            return self._group(text, ms, place, start, end), surface, None, 0.95
        # before it, nearest first
        prev = max([o for o in others if o < fig.start] + [ss])
        located = [x for x in self._located(text, ms, ds, prev, fig.start) if x[0] == "place"]
        if located:
            kind, start, end, place, surface = located[-1]
            return self._group(text, ms, place, start, end), surface, None, 0.85
        # a state's forces at home: "Poland has sent about 15,000 troops to strengthen border security"
        if force and len(force) == 2:
            for m in ms:
                if m.place.kind == "country" and m.place.country == force and m.role not in ("location", "origin"):
                    return [m.place], m.surface, None, 0.7
        return [], None, None, 0.0

    def _located(self, text, ms, ds, lo, hi):
        """Places a location word introduces in ``text[lo:hi]``, and where an actor stops the search."""
        items = []
        for m in ms:
            if lo <= m.start < hi:
                if m.role in ("location",) and m.place.is_area or m.role == "location" and "capital" not in m.place.flags:
                    items.append(("place", m.start, m.end, m.place, m.surface))
                elif m.role == "location":
                    items.append(("place", m.start, m.end, m.place, m.surface))
                elif m.role in ("actor", "subject"):
                    items.append(("stop", m.start, m.end, None, None))
        for d in ds:
            if lo <= d.start < hi:
                tail = re.match(r"[\s-]+([a-z]+(?: [a-z]+)?)", text[d.end:d.end + 30])
                before = text[max(lo, d.start - 25):d.start].lower()
                if tail and (tail.group(1) in self.lex.border_nouns or tail.group(1).split()[0] in self.lex.border_nouns) and re.search(
                        r"\b(" + "|".join(re.escape(p) for p in self.lex.location_preps) + r")\s+(the\s+)?$", before):
                    country = self.gaz.country(d.country)
                    if country:
                        items.append(("place", d.start, d.end + len(tail.group(0)), country, text[d.start:d.end + len(tail.group(0))]))
        items.sort(key=lambda x: x[1])
        return items

    def _group(self, text, ms, place, start, end) -> list[Place]:
        """"Romania and Bulgaria each host 1,000 soldiers": every place of a coordinated list."""
        group = [place]
        for m in ms:
            if m.start >= end and re.fullmatch(r"\s*(,|and|, and|or)\s*", text[end:m.start]) and m.place.kind == place.kind:
                group.append(m.place)
                end = m.end
        return group

    # -- status ----------------------------------------------------------------------
    def _status(self, sentence: str) -> str | None:
        for name, pattern in self._status_res:
            if pattern.search(sentence):
                return name
        return None
