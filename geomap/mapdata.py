"""What the map needs from a build, gathered one feature at a time with bounded memory.

Kept apart from the map itself so that a build can gather it without importing Folium.
"""

from __future__ import annotations

from collections import Counter

from .claims import report_day
from .precision import precision_of
from .timeline import TimeData, note

UNKNOWN_FORCE = "unattributed"  # the layer of deployments with no force read
AREA = ("country", "region")  # precisions drawn as an area, never as a point


def drawing_mode(p: dict) -> str:
    """``point`` (a site, a town, a district or a province), ``border`` or ``area``."""
    precision = p.get("precision") or precision_of(p.get("place_type") or "", p.get("relation") or "in")
    return "border" if precision == "border" else ("area" if precision in AREA else "point")


class MapData:
    """What the map needs, gathered one feature at a time with bounded memory.

    Reports of one force and unit kind at one place, drawn the same way (a point, a border,
    an area), share one symbol, whose popup lists its reports in date order: up to ``keep``
    of them (the largest) while there are fewer than ``detail`` symbols, ``few`` past that,
    so a corpus of 100,000 articles still gives a map a browser can open; the symbol knows
    how many reports it stands for, the largest figure, every status and the best
    confidence among all of them, the first and last day its reports speak of, and per claim
    (up to ``keep`` claims) the articles, dates and figures that reported it. Background
    figures (status ``historical``) get symbols of their own. Mentions are always one symbol
    per place. ``time`` gathers what the time control and the strength chart read.
    """

    def __init__(self, detail: int = 3000, keep: int = 20, few: int = 3, gazetteer=None):
        self.detail, self.keep, self.few = detail, keep, few
        self.deployments: dict[tuple, dict] = {}  # (place id, force, unit, mode) -> group
        self.mentions: dict[str, dict] = {}  # place id -> first feature, articles, dates, names
        self.reports: Counter = Counter()  # place id -> deployments reported there
        self.troops: dict[tuple, int] = {}  # (place id, force) -> the largest troop figure reported
        self.named: set[str] = set()  # place ids the corpus names
        self.countries: set[str] = set()
        self.deployed_countries: Counter = Counter()  # first-level boundaries are drawn for the top ones
        self.dates: set[str] = set()
        self.places: dict[str, tuple] = {}  # place id -> (name, lat, lon, zoom) for the search box
        self.movements: dict[tuple, dict] = {}
        self.movements_left_off = 0
        self.n_deployments = 0
        self.docs = 0
        self._last_doc = None
        self.time = TimeData(gazetteer)

    @classmethod
    def of(cls, features: list[dict], **kwargs) -> "MapData":
        data = cls(**kwargs)
        for f in features:
            data.add(f)
        return data

    def add(self, f: dict) -> None:
        p = f["properties"]
        if p["doc"] != self._last_doc:
            self.docs += 1
            self._last_doc = p["doc"]
        pid = p["place_id"]
        self.named.add(pid)
        if p.get("country"):
            self.countries.add(p["country"])
        if p.get("date"):
            self.dates.add(p["date"])
        lon, lat = f["geometry"]["coordinates"]
        self.places.setdefault(pid, (p["place"], lat, lon, 6 if p["place_type"] in ("city", "base", "site") else 5))
        if p["kind"] == "mention":
            m = self.mentions.get(pid)
            if m is None:
                self.mentions[pid] = {"feature": f, "articles": 1, "date": p.get("date"), "docs": [p["doc"]]}
            else:
                m["articles"] += 1
                if p.get("date") and (m["date"] is None or p["date"] < m["date"]):
                    m["date"] = p["date"]
                if len(m["docs"]) < 9:
                    m["docs"].append(p["doc"])
            return
        self.n_deployments += 1
        self.reports[pid] += 1
        force = p.get("force") or UNKNOWN_FORCE
        if p.get("country"):
            self.deployed_countries[p["country"]] += 1
        if p.get("unit") == "troops" and _size(f) and p.get("status") != "historical":
            self.troops[(pid, force)] = max(self.troops.get((pid, force), 0), int(_size(f)))
        if len(self.deployments) >= self.detail and self.keep > self.few:
            self.keep = self.few  # many symbols: fewer example reports each keeps memory and page small
            for kept in self.deployments.values():
                del kept["features"][self.keep :]
                _trim_claims(kept, self.keep)
        self.time.add(p)
        key = (pid, force, p.get("unit") or "troops", drawing_mode(p), p.get("status") == "historical")
        group = self.deployments.get(key)
        if group is None:
            group = self.deployments[key] = _new_group()
        _add_report(group, f, self.keep)
        note(group, p, self.keep)
        if p.get("origin_id") and p["origin_id"] != pid:
            move = (p["origin_id"], pid, force)
            if move in self.movements or len(self.movements) < self.detail:
                arrow = self.movements.get(move)
                if arrow is None:
                    arrow = self.movements[move] = _new_group()
                _add_report(arrow, f, 1)
            else:
                self.movements_left_off += 1  # bounded memory: counted, and in the GeoJSON

    def drawn(self) -> list[tuple]:
        """The symbol keys the map draws: all of them, or the ``detail`` with most reports."""
        if len(self.deployments) <= self.detail:
            return list(self.deployments)
        ranked = sorted(self.deployments, key=lambda k: (-self.deployments[k]["n"], tuple(str(x) for x in k)))
        return ranked[: self.detail]

    @property
    def not_drawn(self) -> int:
        """Reports in symbols left off the map (every one is in the GeoJSON)."""
        drawn = set(self.drawn())
        return sum(g["n"] for k, g in self.deployments.items() if k not in drawn)


def _new_group() -> dict:
    return {
        "features": [],
        "n": 0,
        "first": None,
        "last": None,
        "status": set(),
        "confidence": 0.0,
        "size": 0.0,
        "dates": set(),
        "claims": {},
        "other_claims": 0,
    }


def _trim_claims(group: dict, keep: int) -> None:
    """Keep the ``keep`` claims of a symbol reported by most articles; the others are counted."""
    claims = group["claims"]
    if len(claims) > keep:
        ranked = sorted(claims, key=lambda c: (-claims[c]["articles"], claims[c]["first"] or "9999", c))
        for c in ranked[keep:]:
            del claims[c]
            group["other_claims"] += 1


def _add_report(group: dict, f: dict, keep: int) -> None:
    p = f["properties"]
    group["n"] += 1
    date = report_day(p)  # the day the report speaks of: the article's, or the event's when the text dates it
    if date:
        group["dates"].add(date)
        if group["first"] is None or date < group["first"]:
            group["first"] = date
        if group["last"] is None or date > group["last"]:
            group["last"] = date
    group["status"].add(p.get("status") or "")
    group["confidence"] = max(group["confidence"], p.get("confidence") or 0.0)
    group["size"] = max(group["size"], _size(f))
    group["features"].append(f)
    if len(group["features"]) > keep:
        group["features"].sort(key=_rank)
        del group["features"][keep:]


def _rank(f: dict) -> tuple:
    # the largest reports first; among equals the earliest, then by article: the same input keeps the same ones
    p = f["properties"]
    return (-_size(f), p.get("date") or "9999", p["doc"], p.get("start", 0))


def _size(f: dict) -> float:
    p = f["properties"]
    return p.get("count") or p.get("count_min") or 0
