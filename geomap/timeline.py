"""What the map's time control and strength chart need, gathered with bounded memory.

:class:`TimeData` rides along with :class:`geomap.mapdata.MapData`: reports per day (the
histogram under the slider), reports per region and month (the shading follows the
slider), the strength table (the chart), and for each drawn symbol the span of its claim:
the articles that reported it, its first and last dates and the spread of its figures
(:func:`note`, per claim within the symbol).
The browser side is geomap/static/timeline.js.
"""

from __future__ import annotations

import heapq
from collections import Counter

from .claims import report_day
from .strength_table import Strength

DOCS_LISTED = 12  # articles named in a claim's popup; the rest are counted
CLAIMS_COUNTED = 20  # claims a symbol tells apart; past that its popup says "20 or more claims"
STRENGTH_ROWS = 5_000  # rows of the strength table the page carries (the most reported first)


class TimeData:
    """Reports per day and per region and month, the strength table, claim spans."""

    def __init__(self, gazetteer=None):
        self.days: Counter = Counter()  # report day -> deployments
        self.region_months: dict[str, Counter] = {}  # place id -> month -> deployments
        self.strength = Strength("month", gazetteer=gazetteer)
        self._shared = False
        self._rows = None  # the chart's rows, once collected

    def share(self, table: Strength) -> None:
        """Use the strength table a writer fills (by month), so a build keeps one."""
        self.strength, self._shared = table, True

    def add(self, p: dict) -> None:
        """One deployment's properties."""
        day = report_day(p)
        if day and p.get("status") != "historical":
            self.days[day[:10]] += 1
            months = self.region_months.get(p["place_id"])
            if months is None:
                months = self.region_months[p["place_id"]] = Counter()
            months[day[:7]] += 1
        if not self._shared:
            self.strength.add(p)

    def collect(self, row: dict) -> None:
        """Take a row of the strength table as it is written (see :meth:`payload`)."""
        if self._rows is None:
            self._rows = ([], [], {}, 0)
        places, areas, names, i = self._rows
        self._rows = (places, areas, names, i + 1)
        if row["total"] is None:
            return
        if row["scope"] == "place":
            _keep(
                places,
                (row["claims"], -i, [row["period"], row["force"] or "", row["unit"], row["area_id"], row["total"]]),
            )
        else:
            _keep(
                areas,
                (row["claims"], -i, [row["period"], row["force"] or "", row["unit"], row["area_id"], row["total"]]),
            )
            names[row["area_id"]] = row["area"]

    def payload(self, place_of) -> dict:
        """The data the page's time control and chart read. ``place_of(pid)``: (lat, lon) or None.

        The chart's rows are the STRENGTH_ROWS place rows and area rows with most claims,
        taken as strength.csv was written (:meth:`collect`), or read from the table here.
        """
        if self._rows is None:
            for r in self.strength.iter_rows():
                self.collect(r)
        places, areas, names, _ = self._rows or ([], [], {}, 0)
        located = []
        for _, _, (period, force, unit, pid, total) in places:
            at = place_of(pid)
            if at is not None:
                # the place's country, and 1 when the place is that country (the chart adds the
                # parts of a country or its own figure, whichever is larger, as strength.csv does)
                cc = self.strength.country_of.get(pid, "")
                located.append(
                    [period, force, unit, round(at[0], 3), round(at[1], 3), total, cc, int(pid == "cc:" + cc)]
                )
        areas = sorted(row for _, _, row in areas)
        chosen = {a[3] for a in areas}
        return {
            "days": sorted([d, n] for d, n in self.days.items()),
            "places": sorted(located),
            "areas": areas,
            "names": sorted([k, v] for k, v in names.items() if k in chosen),
        }

    def region_counts(self, pid: str) -> dict[str, int]:
        return dict(sorted(self.region_months.get(pid, {}).items()))


def _keep(heap: list, item) -> None:
    if len(heap) < STRENGTH_ROWS:
        heapq.heappush(heap, item)
    elif item[:2] > heap[0][:2]:
        heapq.heapreplace(heap, item)


def note(group: dict, p: dict, keep: int = CLAIMS_COUNTED) -> None:
    """Add a report to the span of its claim within the symbol ``group`` draws.

    A symbol keeps the spans of up to ``keep`` claims (the articles that reported each, up to
    DOCS_LISTED, its first and last days and the spread of its figures); past that a new
    claim is only counted (``other_claims``), so memory stays bounded.
    """
    claims = group.setdefault("claims", {})
    cid = p.get("claim") or f"{p['doc']}#{p.get('start', 0)}"  # a report without a claim id is a claim of its own
    day = report_day(p)
    value = p.get("count")
    if value is None:
        value = p.get("count_min")
    span = claims.get(cid)
    if span is None:
        if len(claims) >= keep:
            group["other_claims"] = group.get("other_claims", 0) + 1
            return
        claims[cid] = {
            "docs": [p["doc"]],
            "articles": 1,
            "reports": 1,
            "first": day,
            "last": day,
            "lo": value,
            "hi": value,
            "_doc": p["doc"],
        }
        return
    span["reports"] += 1
    if p["doc"] != span["_doc"]:
        span["_doc"] = p["doc"]
        if p["doc"] not in span["docs"]:
            span["articles"] += 1
            if len(span["docs"]) < DOCS_LISTED:
                span["docs"].append(p["doc"])
    if day:
        span["first"] = min(span["first"] or day, day)
        span["last"] = max(span["last"] or day, day)
    if value is not None:
        span["lo"] = value if span["lo"] is None else min(span["lo"], value)
        span["hi"] = value if span["hi"] is None else max(span["hi"], value)


def span_head(span: dict, esc) -> str:
    """A claim's heading in a symbol's popup: its articles, first and last dates, the spread of its figures."""
    n = span["articles"]
    dates = (
        f"{esc(span['first'])}" + (f" to {esc(span['last'])}" if span["last"] != span["first"] else "")
        if span["first"]
        else "undated"
    )
    spread = (
        ""
        if span["lo"] is None
        else (f"{span['lo']:,.0f}" if span["lo"] == span["hi"] else f"{span['lo']:,.0f} to {span['hi']:,.0f}")
    )
    head = (
        f"<p class='gm'><b>One claim</b>, reported by {esc(n)} article{'s' if n != 1 else ''} · {dates}"
        + (f" · figures {esc(spread)}" if spread else "")
        + "</p>"
    )
    listed = "".join(f"<li>{esc(d)}</li>" for d in span["docs"]) + ("<li>…</li>" if n > len(span["docs"]) else "")
    return head + f"<ul class='gm'>{listed}</ul>"
