"""Tie each figure to the place its forces are at or going to, to its force and its status.

Rules, in order, within the figure's sentence:

* place: the first place after the figure that a location word introduces ("to Belarus",
  "along the Ukrainian border") before another actor, figure or count intervenes (figures
  joined by "and" share it: "71 warplanes and nine ships toward Taiwan"), skipping where
  someone spoke ("said in Brussels") and, for forces "based in" one place and moving, the
  base; else where forces that leave come from ("withdraw 1,500 soldiers from Niger"); else
  the nearest such place before the figure that no word of speech separates from it; else
  the host ("Belarus hosts 30,000 Russian troops"); else the countries that "each host" it; else
  the subject's land ("Belarus said ... troops would drill on its territory"); else,
  when the force is a state that the sentence names ("Poland has sent about 15,000
  troops"), that state, unless the sentence points at a border it does not name. A
  capital standing for its government ("Moscow has sent") is never the place.
* force: a nationality or force name inside the figure ("8,500 U.S. troops"); else the
  nearest actor before it (a subject country or a country or capital that opens the
  sentence, a capital used as actor, a seat of government, a leader, an alliance or group,
  a nationality that is not of a report or an official; never a host); for a bare number
  ("including 30,000 in Belarus"), the force of its figure; else the force of the
  article's previous figure within four sentences.
  "India and China each deployed" gives one deployment per force.
* no deployment where the figure's own clause denies or rules it out ("denied that it had
  sent 10,000 troops", "would not deploy 40,000 troops").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from gazetteer import Gazetteer, Place

from .lexicon import Lexicon
from .lexicon import load as load_lexicon
from .model import Demonym, Deployment, Document, Figure, Mention
from .patterns import alternation, whole_words
from .text import DATE_WORDS, SPEECH_VERBS, YEAR, Sentences, quote_span


_UNNAMED_PLACE = re.compile(
    r"\b(?:near|along|on|at|to|toward|towards|across|around|in|into)\s+(?:the|its|their|a)\s+(?:\w+\s+){0,2}?"
    r"(?:border|borders|frontier|front|front line|frontline)\b")
_LETTERS = re.compile(r"[a-z]+")
# a capitalised word after a word of place or direction: a destination, if it is a place
_DESTINATION = re.compile(r"\b(?:to|into|in|inside|near|toward|towards|at|across|along|outside)\s+(?:the\s+)?([A-Z][\w'’-]*)")
# capitalised words such a word often introduces that name no place ("in March", "to NATO" does)
_NOT_DESTINATIONS = DATE_WORDS | {"i", "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our"}
_LIST_GAP = re.compile(r"\s*(,|and|, and|or)\s*")
_AND_GAP = re.compile(r",?\s+(?:and|or)\s+")  # not a comma alone: "In Belarus, Russia has deployed"
_POSSESSIVE = re.compile(r"['’]s?\s")
_NEXT_TWO = re.compile(r"[\s-]+([A-Za-z]+)(?:\s+([A-Za-z]+))?")
_TAIL = re.compile(r"[\s-]+([a-z]+(?: [a-z]+)?)")
_AUXILIARY = re.compile(r"\b(?:each|have|has|had|will|would|could|can|may|might|both)\b")  # "India and China have each"
_COORDINATED = re.compile(r"\s*(?:,|and|, and|as well as|plus|&)?\s*")
# words of attribution: a place between them and the figure is where someone spoke
# ("In Kyiv, officials said 90,000 troops ..."), as is a place right after them ("said in Brussels")
_ATTRIBUTION = re.compile(r"\b(?:" + alternation(SPEECH_VERBS | {"according to"}) + r")\b")
_SPOKEN_AT = re.compile(r"\b(?:" + alternation(SPEECH_VERBS) + r")(?:\s+[\w’']+){0,3}?\s+(?:in|at|from)\s+(?:the\s+)?$")
# words of leaving: forces that leave a place named with "from" are still there
_LEAVING = re.compile(r"\b(?:withdr[ae]w\w*|pull\w*|retreat\w*|evacuat\w*|leav\w*|left|exit\w*|remov\w*|"
                      r"drawdown|draw\w* down|bring\w* home|brought home|moving out|moved out|move out)\b", re.IGNORECASE)
# "1,000 troops based in Vilseck, Germany, are moving to Romania": where they are going
_BASED = re.compile(r"\s*,?\s*(?:now\s+|currently\s+|already\s+|permanently\s+)?(?:based|stationed|garrisoned)\s+(?:in|at|near)\s+(?:the\s+)?")
_MOVING_TO = re.compile(
    r"\b(?:mov\w*|head\w*|sent|send\w*|redeploy\w*|relocat\w*|shift\w*|transferr?\w*|deploy\w*|go\w*|rotat\w*|dispatch\w*)"
    r"\s+(?:[\w’']+\s+){0,2}?(?:to|into|toward|towards)\s+(?:the\s+)?$")
# a count of something after the figure ("250,000 troops, against 900,000 in Russia"): what
# follows it is that count's, not the figure's; years are not counts
_COUNT = re.compile(r"(?<![\w.,$€£-])(?:\d{1,3}(?:,\d{3})+|\d{3,})(?![\w,]|\.\d)")


# a deployment its own clause denies or rules out, before the figure ("denies planning an
# invasion and says its 100,000 troops ..." denies something else)
_SAME_CLAUSE = r"(?:(?!\b(?:and|but|while|although|though|whereas|says|said|say)\b)[^,.;:]){{0,{}}}$"
_DENIALS = ["no plans to", "no plan to", "ruled out", "rules out", "ruling out", "rule out", "refused to", "refuses to",
            "declined to", "denied", "denies", "deny", "denying", "dismissed", "rejected", "rejects"]
# what every denial above contains, tried before the slower pattern
_DENY_HINT = re.compile(r"no|never|n['’]t|rul|refus|declin|den|dismiss|reject", re.IGNORECASE)
_SENDING = re.compile(r"\b(?:send|sends|sent|sending|dispatch|dispatches|dispatched|dispatching)\b[^,.;:]*$")
_ITS_LAND = re.compile(r"\b(?:on|in|into|onto|within|across)\s+(?:its|their)\s+(?:own\s+)?(?:territory|soil|land)\b")
# between a figure and the force it belongs to, named after it: "troops of the 82nd Airborne"
_EARLIER_REACH = 2000  # how far back the two sentences before a figure are read for its force
_OF_FORCE = re.compile(r"\s+(?:from|of)\s+(?:the\s+)?(?:\d+\s+)?")  # "troops from 11 NATO countries"


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
        self._force_names = re.compile(r"(" + alternation(self.lex.forces) + r")(?![\w-])")  # see whole_words
        # figures that share a place: "71 warplanes and nine ships", "two divisions, about 30,000 soldiers"
        self._figures_joined = re.compile(_COORDINATED.pattern + r"(?:(?:" + alternation(self.lex.qualifiers) + r")\s+)?")
        # "would not deploy 40,000 troops", "denied that it had sent 10,000 troops": a verb of the
        # lexicon's military verbs (or "have", "be") after a negation, or a word of denial
        self._denied = re.compile(
            r"(?:\b(?:not|never|no longer)|n['’]t)\s+(?!only\b|just\b|merely\b)(?:[a-z]+\s+){0,2}?"
            r"(?:" + alternation(self.lex.military_verbs | {"have", "has", "had", "be", "been"}) + r")\b"
            + _SAME_CLAUSE.format(40) + r"|\b(?:" + alternation(_DENIALS) + r")\b" + _SAME_CLAUSE.format(60),
            re.IGNORECASE)
        self._prep_before = re.compile(r"\b(?:" + alternation(self.lex.location_preps) + r")\s+(?:the\s+)?$")
        self._origin_before = re.compile(r"\b(?:" + alternation(self.lex.origin_preps) + r")\s+(?:the\s+)?$")
        # each status with the first letters-only word of its phrases: no such word, no search
        self._status_res = [(name, re.compile(r"\b(?:" + alternation(words) + r")\b"),
                             frozenset(_LETTERS.findall(w)[0] for w in words))
                            for name, words in self.lex.status]

    def force_names(self, text: str) -> list[_Actor]:
        """Alliances, groups, seats of government and leaders named in ``text``."""
        return [_Actor(m.start(), m.end(), m.group(), self.lex.forces[m.group()][0])
                for m in whole_words(self._force_names, text)]

    def link(self, doc: Document, mentions: list[Mention], demonyms: list[Demonym], figures: list[Figure],
             sentences: Sentences, actors: list[_Actor] | None = None) -> list[Deployment]:
        """``actors``: the article's force names, if the caller has already scanned for them."""
        text = doc.text
        actors_all = self.force_names(text) if actors is None else actors
        out: list[Deployment] = []
        seen: set = set()
        last_force: tuple[str, str, int] | None = None
        m_starts = [m.start for m in mentions]
        d_starts = [d.start for d in demonyms]
        a_starts = [a.start for a in actors_all]
        f_starts = [f.start for f in figures]
        previous = None  # the force read for the figure before, and where that figure starts
        for fig in figures:
            # a sentence of many kilobytes (a scrape with no full stops) is read near the figure
            ss, se = quote_span(sentences.span_of(fig.start), fig.start, fig.end)
            ms = mentions[bisect_left(m_starts, ss):bisect_left(m_starts, se)]
            ds = demonyms[bisect_left(d_starts, ss):bisect_left(d_starts, se)]
            acts = actors_all[bisect_left(a_starts, ss):bisect_left(a_starts, se)]
            others = [f for f in figures[bisect_left(f_starts, ss):bisect_left(f_starts, se)] if f is not fig]
            force, force_text, force_conf = self._force(text, fig, ms, ds, acts, ss)
            if fig.elliptic and previous is not None and previous[0] is not None and ss <= previous[3]:
                # "130,000 troops near Ukraine's borders, including 30,000 in Belarus": the same forces
                force, force_text, force_conf = previous[:3]
            previous = (force, force_text, force_conf, fig.start)
            each = self._each(text, fig, ms, ss)
            sent_idx = sentences.index_of(fig.start)
            if force is None and sent_idx > 0:
                # "the Russians were increasing their presence ... They are deploying thousands
                # of combat troops": the actor of the two sentences before
                # (within a bounded reach: a sentence of many kilobytes is not read again for each figure)
                ps = max(sentences.spans[max(0, sent_idx - 2)][0], ss - _EARLIER_REACH)
                force, force_text, force_conf = self._force(
                    text, fig, mentions[bisect_left(m_starts, ps):bisect_left(m_starts, ss)],
                    demonyms[bisect_left(d_starts, ps):bisect_left(d_starts, ss)],
                    actors_all[bisect_left(a_starts, ps):bisect_left(a_starts, ss)])
                force_conf = 0.6
            if force is None and last_force and sent_idx - last_force[2] <= 4:
                force, force_text, force_conf = last_force[0], last_force[1], 0.6
            before = text[max(ss, fig.start - 80):fig.start]
            if _DENY_HINT.search(before) and self._denied.search(before):
                continue  # "denied that it had sent 10,000 troops", "would not deploy 40,000 troops": no deployment
            places, place_text, origin, place_conf = self._place(text, fig, ms, ds, acts, others, force, ss, se)
            forces = [(force, force_text)]
            if each and len(each) > 1:
                hosts = self._hosts(text, each, fig)
                if not places and hosts:
                    # "Romania and Bulgaria each host 1,000 soldiers": one deployment per host
                    places, place_text, place_conf = [m.place for m in each], None, 0.8
                elif force_text is None or any(force_text == m.surface for m in each):
                    # "India and China each deployed 50,000 troops": one deployment per force
                    forces = [(m.place.country, m.surface) for m in each]
                    force_conf = 0.85
            if not places:
                continue
            if force:
                last_force = (force, force_text, sent_idx)
            # the words around the figure, not a whole 3 MB "sentence"
            # the words closest to the figure first: "ordered 2,000 troops to prepare to deploy ..., as Israel massed forces"
            comma = text.find(",", fig.end, fig.end + 60)
            status = self._status(text[max(ss, fig.start - 60):min(se, fig.end + 60 if comma < 0 else comma)].lower()) or \
                self._status(text[max(ss, fig.start - 200):min(se, fig.end + 200)].lower())
            for place in places:
                for force, force_text in forces:
                    claim = (place.id, fig.unit, fig.count, fig.count_min, fig.count_max, force)
                    if claim in seen:
                        continue  # the same claim repeated in one article is one deployment
                    seen.add(claim)
                    conf = round(min(place_conf, 1.0) * force_conf, 2)
                    out.append(Deployment(doc.doc, fig, place, place_text or place.name, force, force_text, status,
                                          doc.date, text[ss:se], ss, conf, origin))
        return out

    # -- force -----------------------------------------------------------------------
    def _force(self, text, fig, ms, ds, acts, ss=None):
        """``ss``: where the figure's sentence starts; a country or capital that opens it is its subject."""
        for d in ds:
            if fig.start <= d.start < fig.unit_end:
                return d.country, d.surface, 1.0
        for a in acts:
            if fig.start <= a.start < fig.unit_end or _OF_FORCE.fullmatch(text, fig.unit_end, a.start):
                return a.force, a.surface, 1.0  # "8,500 NATO troops", "3,000 troops from the 3rd Infantry Division"
        candidates = []
        for m in ms:
            if m.end > fig.start:
                continue
            if m.role in ("actor", "subject", "agent") or _POSSESSIVE.match(text, m.end, m.end + 3) or m.start == ss:
                if (m.place.kind == "country" or "capital" in m.place.flags) and not self._hosts_figure(text, m, fig):
                    candidates.append((m.start, m.place.country, m.surface))
        for d in ds:
            if d.end > fig.start:
                continue
            nxt = _NEXT_TWO.match(text, d.end, d.end + 40)
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
        # "71 warplanes and nine ships toward Taiwan": coordinated figures share what follows
        stop, end = se, fig.unit_end
        for other in sorted((o for o in others if o.start > fig.start), key=lambda o: o.start):
            if not other.elliptic and self._figures_joined.fullmatch(text[end:other.start]):
                # (a bare number after it counts a part, or other forces: "200 tanks, 50 of these near Yelnya")
                end = other.unit_end
                continue
            stop = other.start
            break
        count = _COUNT.search(text, max(end, fig.end), stop)  # not its own count, when it follows the unit
        while count is not None and YEAR.fullmatch(count.group()):
            count = _COUNT.search(text, count.end(), stop)
        if count is not None:
            stop = count.start()
        origin = None
        # after the figure: "to Belarus", "along the Ukrainian border"
        after = self._located(text, ms, ds, fig.unit_end, stop)
        for i, (kind, start, end, place, surface) in enumerate(after):
            if kind == "stop":
                break
            if kind == "origin":
                origin = origin or (place, surface)
                continue
            if _SPOKEN_AT.search(text, max(fig.unit_end, start - 50), start):
                continue  # "Stoltenberg said in Brussels"
            if _BASED.fullmatch(text, fig.unit_end, start):
                going = self._moving_to(text, after[i + 1:])
                if going is not None:  # "troops based in Vilseck, Germany, are moving to Romania"
                    return self._group(text, ms, going[3], going[1], going[2]), going[4], place, 0.9
            inner = self._possessed(text, ms, end)
            if inner is not None:  # "to Russia's Kursk region": the place inside the country
                place, start, end, surface = inner.place, inner.start, inner.end, inner.surface
            return self._group(text, ms, place, start, end), surface, origin[0] if origin else None, 0.95
        if origin and _LEAVING.search(text, ss, se):
            # "withdraw its 1,500 soldiers from Niger": no destination, so they are still there
            # (but "received 300 missiles from Washington" says where they came from, not where they are)
            return [origin[0]], origin[1], None, 0.8
        # before it, nearest first
        prev = max([o.start for o in others if o.start < fig.start] + [ss])
        items = self._located(text, ms, ds, prev, fig.start)
        # "In Kyiv, officials said 90,000 troops ...": where they spoke, not where the troops are
        located = [x for x in items if x[0] == "place" and not _ATTRIBUTION.search(text, x[2], fig.start)]
        if located:
            kind, start, end, place, surface = located[-1]
            # "moved from Kursk to Belgorod with 40 tanks": the origin read just before
            came = [x for x in items if x[0] == "origin" and x[2] <= start]
            return self._group(text, ms, place, start, end), surface, came[-1][3] if came else None, 0.85
        # "Belarus hosts 30,000 Russian troops": the subject of a verb of hosting
        for m in reversed(ms):
            if prev <= m.start and m.role in ("subject", "plain") and m.place.kind != "continent" \
                    and self._hosts_figure(text, m, fig):
                return [m.place], m.surface, None, 0.85
        # "Belarus said 30,000 Russian troops would drill on its territory": the subject's land
        if _ITS_LAND.search(text, fig.unit_end, stop):
            for m in reversed(ms):
                if m.end <= fig.start and m.place.kind == "country" and (m.role in ("subject", "actor") or m.start == ss):
                    return [m.place], m.surface, None, 0.8
        # a state's forces at home: "Poland has sent about 15,000 troops to strengthen border security";
        # but "massed 100,000 troops near the border" names a place we cannot read: no dot
        # and "sent 5,000 troops to Zolotarivka" (a name the gazetteer lacks) or "to Ukraine's
        # neighbours" gives no dot either; nor does "the US is sending 3,000 troops" (to a place
        # another sentence names), unless the sentence speaks of its border
        near = text[max(ss, fig.start - 40):fig.start]
        sending = ("sen" in near or "dispatch" in near) and _SENDING.search(near) and "border" not in text[ss:se]
        if force and len(force) == 2 and not sending and not _UNNAMED_PLACE.search(text, fig.unit_end, stop) \
                and not self._destination_named(text, fig.unit_end, stop):
            for m in ms:
                if m.place.kind == "country" and m.place.country == force and m.role not in ("location", "origin") \
                        and m.end <= fig.start:  # the state before its forces: not "10,000 US troops", "a U.S. official said"
                    return [m.place], m.surface, None, 0.7
        return [], None, None, 0.0

    @staticmethod
    def _moving_to(text, items):
        """The first of ``items`` that a verb of movement sends forces to, before any actor."""
        for item in items:
            if item[0] == "stop":
                return None
            if item[0] == "place" and _MOVING_TO.search(text, max(0, item[1] - 60), item[1]):
                return item
        return None

    @staticmethod
    def _possessed(text, ms, end) -> Mention | None:
        """The place named right after "'s" at ``end``, if any ("Russia's Kursk region")."""
        gap = _POSSESSIVE.match(text, end, end + 3)
        if gap is None:
            return None
        return next((m for m in ms if m.start == gap.end()), None)

    @staticmethod
    def _destination_named(text, lo, hi) -> bool:
        """Does a location word introduce a capitalised name in ``text[lo:hi]``?

        Asked only when no destination was read there: the name is one the gazetteer
        lacks, or not the place itself ("to Ukraine's neighbours").
        """
        return any(m.group(1).lower() not in _NOT_DESTINATIONS and not _SPOKEN_AT.search(text, max(lo, m.start() - 50), m.start(1))
                   for m in _DESTINATION.finditer(text, lo, hi))  # not where someone spoke: "said in Kyiv"

    def _located(self, text, ms, ds, lo, hi):
        """Places a location word introduces in ``text[lo:hi]``, and where an actor stops the search."""
        items = []
        for m in ms:
            if lo <= m.start < hi:
                if m.role == "location":
                    items.append(("place", m.start, m.end, m.place, m.surface))
                elif m.role == "origin":
                    items.append(("origin", m.start, m.end, m.place, m.surface))
                elif m.role in ("actor", "subject"):
                    items.append(("stop", m.start, m.end, m.place, m.surface))
        for d in ds:
            if lo <= d.start < hi:
                tail = _TAIL.match(text, d.end, d.end + 30)
                before = text[max(lo, d.start - 25):d.start].lower()
                if tail and (tail.group(1) in self.lex.border_nouns or tail.group(1).split()[0] in self.lex.border_nouns):
                    # "along the Ukrainian border": where they are; "back from the Ukrainian border": where from
                    kind = "place" if self._prep_before.search(before) else "origin" if self._origin_before.search(before) else None
                    country = self.gaz.country(d.country) if kind else None
                    if country:
                        items.append((kind, d.start, d.end + len(tail.group(0)), country, text[d.start:d.end + len(tail.group(0))]))
        items.sort(key=lambda x: x[1])
        for i in range(1, len(items)):
            kind, start, end, place, surface = items[i]
            before = items[i - 1]
            if kind == "stop" and before[0] in ("place", "origin") and _AND_GAP.fullmatch(text, before[2], start):
                # "troops from Chad and Niger were deployed": listed with the place before, not an actor
                items[i] = (before[0], start, end, place, surface)
        return items

    def _each(self, text, fig, ms, ss) -> list[Mention]:
        """Coordinated countries before "each" and the figure: "India and China each deployed"."""
        head = text[ss:fig.start]
        at = head.rfind(" each ")
        if at < 0:
            return []
        at += ss
        group = [m for m in ms if m.end <= at and m.place.kind == "country"]
        out = []
        for m in reversed(group):
            if not out:
                if _COORDINATED.fullmatch(_AUXILIARY.sub("", text[m.end:at])) or not text[m.end:at].strip():
                    out.append(m)
                continue
            if _COORDINATED.fullmatch(text[m.end:out[-1].start]):
                out.append(m)
            else:
                break
        return list(reversed(out))

    def _hosts_figure(self, text, m, fig) -> bool:
        """Is ``m`` the subject of a verb of hosting whose object is ``fig``? ("Belarus hosts 30,000 ...")"""
        if m.end > fig.start or fig.start - m.end > 600:
            return False  # (six words do not fill 600 characters)
        between = text[m.end:fig.start].lower().split()
        # "Romania and Bulgaria each host": one deployment per host, read by the caller
        return len(between) <= 6 and "each" not in between and not self.lex.host_verbs.isdisjoint(between)

    def _hosts(self, text, each, fig) -> bool:
        between = text[each[-1].end:fig.start].lower().split()
        return any(w in self.lex.host_verbs for w in between)

    def _group(self, text, ms, place, start, end) -> list[Place]:
        """"Romania and Bulgaria each host 1,000 soldiers": every place of a coordinated list."""
        group = [place]
        for m in ms:
            if m.start >= end and _LIST_GAP.fullmatch(text[end:m.start]) and m.place.kind == place.kind:
                if m.role in ("actor", "subject", "agent"):
                    break  # "In Belarus, Russia has deployed": the next name acts, it is not listed
                if "," in text[end:m.start] and _POSSESSIVE.match(text, m.end, m.end + 3) and "and" not in text[end:m.start]:
                    break  # "to Russia, South Korea's spy agency said": a source, not a second place
                group.append(m.place)
                end = m.end
        return group

    # -- status ----------------------------------------------------------------------
    def _status(self, sentence: str) -> str | None:
        present = set(_LETTERS.findall(sentence))
        for name, pattern, firsts in self._status_res:
            if not firsts.isdisjoint(present) and pattern.search(sentence):
                return name
        return None
