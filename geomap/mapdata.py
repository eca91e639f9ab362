"""What the map needs from a build, gathered one feature at a time with bounded memory.

Kept apart from the map itself so that a build can gather it without importing Folium.
"""
from __future__ import annotations

from collections import Counter

from .timeline import TimeData, merge, note

UNKNOWN_FORCE = "unattributed"  # the layer of deployments with no force read


class MapData:
    """What the map needs, gathered one feature at a time with bounded memory.

    Up to ``detail`` deployments are drawn one symbol each. Past that, deployments of one
    force and unit kind at one place share a symbol per day, then per month, per year, or
    for all time, whichever first keeps the symbols under ``detail``; each shows the
    largest reports and how many there were, so a corpus of 100,000 articles still gives
    a map a browser can open. Mentions are always one symbol per place.
    """

    LEVELS = ("report", "day", "month", "year", "all")

    def __init__(self, detail: int = 3000, examples: int = 2):
        self.detail, self.examples = detail, examples
        self.deployments: dict[tuple, dict] = {}     # group key -> {"features": [...], "n": reports}
        self.level = 0                               # index into LEVELS
        self.mentions: dict[str, dict] = {}          # place id -> first feature, articles, dates, names
        self.reports: Counter = Counter()            # place id -> deployments reported there
        self.named: set[str] = set()                 # place ids the corpus names
        self.countries: set[str] = set()
        self.deployed_countries: Counter = Counter()  # first-level boundaries are drawn for the top ones
        self.dates: set[str] = set()
        self.places: dict[str, tuple] = {}           # place id -> (name, lat, lon, zoom) for the search box
        self.movements: dict[tuple, dict] = {}
        self.movements_left_off = 0
        self.n_deployments = 0
        self.docs = 0
        self._last_doc = None
        self.time = TimeData()  # the time control's and strength chart's data (geomap/timeline.py)

    @classmethod
    def of(cls, features: list[dict], **kwargs) -> "MapData":
        data = cls(**kwargs)
        for f in features:
            data.add(f)
        return data

    @property
    def coarse(self) -> bool:
        return self.level > 0

    def _key(self, p: dict) -> tuple:
        level = self.LEVELS[self.level]
        date = p.get("date") or ""
        when = {"report": date, "day": date, "month": date[:7], "year": date[:4], "all": ""}[level]
        base = (p["place_id"], p.get("force") or UNKNOWN_FORCE, p.get("unit") or "troops", when)
        if level == "report" and p.get("claim"):
            return base[:3] + ("", p["claim"])  # a claim is drawn once, however many articles report it
        return base + (p["doc"], p["start"]) if level == "report" else base

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
        self.time.add(p)
        self.reports[pid] += 1
        if p.get("country"):
            self.deployed_countries[p["country"]] += 1
        while len(self.deployments) >= self.detail and self.level < len(self.LEVELS) - 1:
            self._coarsen()
        if len(self.deployments) >= self.detail and self.examples > 1:
            self.examples = 1  # still many symbols: one example report each keeps the page small
        self._group(self.deployments, self._key(p), f)
        if p.get("origin_id") and p["origin_id"] != pid:
            key = (p["origin_id"], pid, p.get("force") or UNKNOWN_FORCE)
            if key in self.movements or len(self.movements) < self.detail:
                self._group(self.movements, key, f, examples=1)
            else:
                self.movements_left_off += 1  # bounded memory: counted, and in the GeoJSON

    def _group(self, table: dict, key: tuple, f: dict, examples: int | None = None) -> None:
        group = table.get(key)
        if group is None:
            table[key] = group = {"features": [f], "n": 1}
            note(group, f["properties"])
            return
        group["n"] += 1
        note(group, f["properties"])
        group["features"].append(f)
        group["features"].sort(key=_size, reverse=True)
        del group["features"][examples or self.examples:]

    def drawn(self) -> list[tuple]:
        """The symbol keys the map draws: all of them, or the ``detail`` with most reports."""
        if len(self.deployments) <= self.detail:
            return list(self.deployments)
        ranked = sorted(self.deployments, key=lambda k: (-self.deployments[k]["n"], tuple(str(x) for x in k)))
        return ranked[:self.detail]

    @property
    def not_drawn(self) -> int:
        """Reports in symbols left off the map (every one is in the GeoJSON)."""
        drawn = set(self.drawn())
        return sum(g["n"] for k, g in self.deployments.items() if k not in drawn)

    def _coarsen(self) -> None:
        old, self.deployments = self.deployments, {}
        self.level += 1
        for group in old.values():
            key = self._key(group["features"][0]["properties"])
            merged = self.deployments.get(key)
            if merged is None:
                self.deployments[key] = {"features": list(group["features"]), "n": group["n"], "span": group.get("span")}
            else:
                merged["n"] += group["n"]
                merge(merged, group)
                merged["features"] = sorted(merged["features"] + group["features"], key=_size, reverse=True)[:self.examples]


def _size(f: dict) -> float:
    p = f["properties"]
    return p.get("count") or p.get("count_min") or 0
