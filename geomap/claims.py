"""One claim from many articles: reports that repeat one another share a ``claim`` id.

Reports of the same force, unit kind and place are one claim when their counts agree
(the same figure, or ranges that overlap: "about 30,000" is 27,000..33,000 and agrees
with "30,000" and "up to 32,000") and their dates lie within ``window`` days (30) of
the claim's: a report dated d joins a claim whose reports run from ``first`` to ``last``
when ``first - window <= d <= last + window``, and the claim then runs from the earlier
to the later. Every report of a claim agrees with every other: a report joins only if
its range overlaps what all the claim's reports allow together, and that narrows as
reports join. Where several claims fit, the one reported most recently (in corpus order)
takes it. Undated reports form claims among themselves. A report's date is the day its
sentence gives it (``event_date`` of grain day or week), the article's date when that
falls in the month the sentence gives, that month's first day otherwise, else the
article's date; a date "since" which the figure holds gives the article's date.

The builder sees articles in corpus order, which need not be date order. The index is
keyed by (force, unit, place) and holds only claims that can still grow: one whose last
date is more than ``window + slack`` days (30 + 90) before the newest date read so far is
dropped, as is the least recently reported claim once ``limit`` (100,000) are held; so
memory stays bounded, articles up to 90 days out of date order still join their claims,
and the ids depend only on corpus order (every engine gives the same).

A claim's id is the first 12 hex digits of the SHA-1 of ``force|unit|place_id|doc|start``
of its first report: deterministic and stable across runs.

>>> c = Claims()
>>> a = {"force": "RU", "unit": "troops", "place_id": "cc:BY", "doc": "a.txt", "start": 10,
...      "count": 30000, "count_min": 30000, "count_max": 30000, "date": "2022-02-01"}
>>> b = dict(a, doc="b.txt", count=None, count_min=27000, count_max=33000, date="2022-02-10")
>>> c.assign(a) == c.assign(b) == claim_id(a)
True
>>> c.assign(dict(b, doc="c.txt", count=50000, count_min=50000, count_max=50000)) == claim_id(a)
False
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from datetime import date

_INF = float("inf")


def claim_id(p: dict) -> str:
    """The id of a claim whose first report is ``p`` (a deployment's properties)."""
    key = f"{p.get('force') or ''}|{p.get('unit') or ''}|{p['place_id']}|{p['doc']}|{p['start']}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def report_day(p: dict) -> str | None:
    """The day a report speaks of (``YYYY-MM-DD``), or None: see the module's docstring."""
    ev, grain, art = p.get("event_date"), p.get("event_grain"), p.get("date")
    if ev and _since(p.get("event_date_text")):
        return art  # "since March 2021": the figure holds at the article's date
    if ev and grain in ("day", "week"):
        return ev
    if ev and grain == "month":
        return art if art and art.startswith(ev) else ev + "-01"
    return art


def _since(text: str | None) -> bool:
    """Whether the words of an event date open with a word of "since" (lexicon [event_dates] since)."""
    if not text:
        return False
    from .eventdates import words

    return text.split(None, 1)[0].lower() in words().since


def _ordinal(day: str | None) -> int | None:
    if not day:
        return None
    try:
        return date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return None


def count_range(p: dict) -> tuple[float, float]:
    lo = p.get("count_min")
    hi = p.get("count_max")
    if lo is None:
        lo = p.get("count") or 0
    if hi is None:
        hi = _INF if p.get("count_min") is not None or p.get("count") is None else p["count"]
    return float(lo), float(hi)


class _Claim:
    __slots__ = ("id", "lo", "hi", "first", "last", "key", "seen")

    def __init__(self, cid, lo, hi, day, key):
        self.id, self.lo, self.hi, self.first, self.last, self.key = cid, lo, hi, day, day, key
        self.seen = 0  # when it was last reported, in reports read


class Claims:
    """Gives each deployment's properties a ``claim`` id, one report at a time, in corpus order."""

    def __init__(self, window: int = 30, slack: int = 90, limit: int = 100_000):
        self.window, self.slack, self.limit = window, slack, limit
        self.index: dict[tuple, list[_Claim]] = {}
        self.held: OrderedDict[str, _Claim] = OrderedDict()  # least recently reported first
        self.newest: int | None = None
        self.reports = 0
        self._since_sweep = 0

    def assign(self, p: dict) -> str:
        """The claim id of the report ``p`` (a deployment's properties); ``p`` is not changed."""
        key = (p.get("force") or "", p.get("unit") or "", p["place_id"])
        day = _ordinal(report_day(p))
        lo, hi = count_range(p)
        best = None
        for c in self.index.get(key, ()):
            if max(lo, c.lo) > min(hi, c.hi):
                continue
            if (day is None) != (c.first is None):
                continue
            if day is not None and not (c.first - self.window <= day <= c.last + self.window):
                continue
            if best is None or c.seen > best.seen:
                best = c
        if best is None:
            best = _Claim(claim_id(p), lo, hi, day, key)
            self.index.setdefault(key, []).append(best)
        else:
            best.lo, best.hi = max(lo, best.lo), min(hi, best.hi)
            if day is not None:
                best.first, best.last = min(best.first, day), max(best.last, day)
        self.reports += 1
        best.seen = self.reports
        self.held[best.id] = best
        self.held.move_to_end(best.id)
        if day is not None and (self.newest is None or day > self.newest):
            self.newest = day
        self._evict()
        return best.id

    def _evict(self) -> None:
        while len(self.held) > self.limit:
            _, old = self.held.popitem(last=False)
            self._drop(old)
        self._since_sweep += 1
        if self._since_sweep >= 4096 and self.newest is not None:
            self._since_sweep = 0
            horizon = self.newest - self.window - self.slack
            for c in [c for c in self.held.values() if c.last is not None and c.last < horizon]:
                del self.held[c.id]
                self._drop(c)

    def _drop(self, c: _Claim) -> None:
        live = self.index.get(c.key)
        if live is not None:
            live.remove(c)
            if not live:
                del self.index[c.key]

    def label(self, features: list[dict], lines: str = "") -> str:
        """Set ``claim`` on each deployment feature; return ``lines`` (their GeoJSON, a line each) with the ids in."""
        out = lines.split("\n") if lines else None
        for i, f in enumerate(features):
            cid = self.assign(f["properties"])
            f["properties"]["claim"] = cid
            if out is not None:
                # the serialised feature holds '"claim": null' once, before any article text
                out[i] = out[i].replace('"claim": null', f'"claim": "{cid}"', 1)
        return "\n".join(out) if out is not None else lines
