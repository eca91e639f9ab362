"""Strength over time: how many forces were reported where, by month, each claim counted once.

One row per period (month by default), force, unit kind and area. An area is either a
place as reported (``scope`` ``place``: "Belarus" named as the place, or "Gomel") or every
place lying in a larger area (``scope`` ``within``): the place's country, and each named
region of the gazetteer whose members hold its country or first-level division ("Eastern
Europe" holds Ukraine, "Donbas" holds Donetsk Oblast). Columns:

* ``largest``: the largest count reported (vague figures, "thousands", have none);
* ``median``: the median of the claims' counts, each claim once (its largest report in
  the period); exact: the values are kept per row, one per claim, not per report;
* ``total``: what the area holds, never counting a claim twice: at a place, its largest
  claim; within an area, the largest claim at each of its places added up, except that
  where a country (or the area itself) is named as the place, the larger of that figure
  and the sum of its parts is taken ("100,000 in Ukraine" and "10,000 in Kharkiv" give
  100,000, not 110,000);
* ``claims``, ``reports``, ``articles``: how many claims, deployments and articles.

A report's period is that of the day it speaks of (:func:`geomap.claims.report_day`).
Reports without a date, and background figures (status ``historical``) unless asked for,
are left out.

Streaming: :class:`Strength` takes one deployment at a time in corpus order and keeps
per row counters and one value per claim; :class:`StrengthCSV` writes ``strength.csv``
through ``open``/``add``/``finish``.
"""

from __future__ import annotations

import csv
import io
import statistics
from sys import intern
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .claims import Claims, report_day

PERIODS = ("day", "week", "month", "quarter", "year")
COLUMNS = [
    "period",
    "force",
    "unit",
    "scope",
    "area_id",
    "area",
    "area_type",
    "largest",
    "median",
    "total",
    "claims",
    "reports",
    "articles",
]


def period_of(day: str, by: str = "month") -> str:
    """``2022-02-10`` as a day, ISO week (``2022-W06``), month, quarter (``2022-Q1``) or year."""
    if by == "day":
        return day[:10]
    if by == "month":
        return day[:7]
    if by == "year":
        return day[:4]
    if by == "quarter":
        return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"
    if by == "week":
        y, w, _ = date.fromisoformat(day[:10]).isocalendar()
        return f"{y}-W{w:02d}"
    raise ValueError(f"by: expected one of {', '.join(PERIODS)}, instead got {by!r}")


@lru_cache(maxsize=1)
def _regions() -> list[tuple[str, frozenset[str]]]:
    """(region id, the country and division codes it holds) for each region of the gazetteer."""
    from gazetteer.store import load_tsv

    rows = load_tsv(resources.files("gazetteer") / "sources" / "regions.tsv")
    return [("rg:" + r["id"], frozenset(m for m in r["members"].split("|") if m)) for r in rows if r.get("members")]


_AREA_KINDS = ("country", "admin1", "region", "disputed", "continent", "sea")


class Areas:
    """The larger areas a place lies in: its country, and the named regions holding it."""

    def __init__(self, gazetteer=None):
        self._gazetteer = gazetteer
        self._cache: dict[str, list[tuple[str, str, str]]] = {}

    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from gazetteer import Gazetteer

            self._gazetteer = Gazetteer.default()
        return self._gazetteer

    def of(self, place_id: str, country: str | None) -> list[tuple[str, str, str]]:
        """[(area id, name, type)]: the place itself when it is an area (a country, division or region), then the areas it lies in."""
        hit = self._cache.get(place_id)
        if hit is not None:
            return hit
        g = self.gazetteer
        place = g.by_id.get(place_id)
        out = []
        if place is not None and place.kind in _AREA_KINDS:
            out.append((place.id, place.name, place.kind))
        country = country or (place.country if place else None)
        codes = set()
        if country:
            codes.add(country)
            cc = g.by_id.get("cc:" + country)
            if cc is not None and cc.id != place_id:
                out.append((cc.id, cc.name, "country"))
        if place is not None and place.admin1:
            codes.add(place.admin1)
        for rid, members in _regions():
            if rid != place_id and codes & members:
                region = g.by_id.get(rid)
                if region is not None:
                    out.append((rid, region.name, region.kind))
        self._cache[place_id] = out
        return out


class Strength:
    """The strength table, one deployment at a time (its properties, with ``claim``)."""

    def __init__(self, by: str = "month", historical: bool = False, gazetteer=None):
        period_of("2000-01-01", by)  # checks ``by``
        self.by, self.historical = by, historical
        self.areas = Areas(gazetteer)
        # (period, force, unit, place_id) -> [reports, articles, {claim: largest count or None}]
        self.places: dict[tuple, list] = {}
        # (period, force, unit, area_id) -> articles (an article counts once per row)
        self.area_articles: dict[tuple, int] = {}
        self.names: dict[str, tuple[str, str]] = {}  # area id -> (name, type)
        self.country_of: dict[str, str] = {}  # place id -> its country
        self._doc = None
        self._seen: set = set()
        self.claims: Claims | None = None

    def add(self, p: dict) -> None:
        if p.get("kind", "deployment") != "deployment":
            return
        if p["doc"] != self._doc:
            self._doc, self._seen = p["doc"], set()
        if p.get("status") == "historical" and not self.historical:
            return
        day = report_day(p)
        if not day:
            return
        cid = p.get("claim")
        if not cid:  # features from elsewhere: claims formed here, in the same order
            if self.claims is None:
                self.claims = Claims()
            cid = self.claims.assign(p)
        # interned: the keys of many rows share these strings, and hold no article's copy
        period = intern(period_of(day, self.by))
        force, unit, pid = intern(p.get("force") or ""), intern(p.get("unit") or ""), intern(p["place_id"])
        value = p.get("count")
        key = (period, force, unit, pid)
        row = self.places.get(key)
        if row is None:
            row = self.places[key] = [0, 0, None]
        row[0] += 1
        first_here = key not in self._seen  # this article's first report of the row
        if first_here:
            self._seen.add(key)
            row[1] += 1
        # the row's claims: (claim, value) while it has one (most rows), a dict past that
        held = row[2]
        if held is None:
            row[2] = (cid, value)
        elif type(held) is tuple:
            row[2] = (cid, _larger(held[1], value)) if held[0] == cid else {held[0]: held[1], cid: value}
        else:
            held[cid] = _larger(held.get(cid), value)
        if pid not in self.country_of:  # a place met for the first time: its areas' names
            self.country_of[pid] = p.get("country") or ""
            for aid, name, kind in self.areas.of(pid, p.get("country")):
                self.names.setdefault(aid, (name, kind))
            self.names.setdefault(pid, (p.get("place") or pid, p.get("place_type") or ""))
        if not first_here:
            return  # the article was counted in this place's areas already
        for aid, _, _ in self.areas.of(pid, self.country_of[pid]):
            akey = (period, force, unit, aid)
            seen = ("within",) + akey
            if seen not in self._seen:
                self._seen.add(seen)
                self.area_articles[akey] = self.area_articles.get(akey, 0) + 1

    def rows(self) -> list[dict]:
        """The table: rows sorted by period, force, unit, scope and area id."""
        return list(self.iter_rows())

    def iter_rows(self):
        """The rows one by one, in the order of :meth:`rows`, one (period, force, unit) at a time in memory."""
        groups: dict[tuple, list[str]] = {}
        for period, force, unit, pid in self.places:
            groups.setdefault((period, force, unit), []).append(pid)
        for period, force, unit in sorted(groups):
            pids = sorted(groups.pop((period, force, unit)))
            places: list = []
            within: dict = {}
            for pid in pids:
                reports, articles, claims = self.places[(period, force, unit, pid)]
                claims = claims if type(claims) is dict else dict([claims])
                name, kind = self.names.get(pid, (pid, ""))
                values = [v for v in claims.values() if v is not None]
                largest = max(values) if values else None
                places.append(
                    self._row(
                        period,
                        force,
                        unit,
                        "place",
                        pid,
                        name,
                        kind,
                        largest,
                        values,
                        largest,
                        len(claims),
                        reports,
                        articles,
                    )
                )
                for aid, _, _ in self.areas.of(pid, self.country_of.get(pid)):
                    within.setdefault(aid, []).append((pid, reports, claims, largest))
            yield from places
            for aid in sorted(within):
                parts = within[aid]
                name, kind = self.names.get(aid, (aid, ""))
                values = [v for _, _, c, _ in parts for v in c.values() if v is not None]
                largest = max(values) if values else None
                yield self._row(
                    period,
                    force,
                    unit,
                    "within",
                    aid,
                    name,
                    kind,
                    largest,
                    values,
                    self._total(aid, parts),
                    sum(len(c) for _, _, c, _ in parts),
                    sum(r for _, r, _, _ in parts),
                    self.area_articles.get((period, force, unit, aid), 0),
                )

    def _total(self, aid: str, parts) -> float | None:
        own = None
        by_country: dict[str, dict[str, float]] = {}
        for pid, _, _, largest in parts:
            if largest is None:
                continue
            if pid == aid:
                own = largest
            else:
                by_country.setdefault(self.country_of.get(pid, ""), {})[pid] = largest
        total = 0.0
        for cc, values in by_country.items():
            whole = values.pop("cc:" + cc, None) if cc else None
            total += max(whole or 0, sum(values.values()))
        if own is None and not by_country:
            return None
        return max(own or 0, total)

    @staticmethod
    def _row(period, force, unit, scope, aid, name, kind, largest, values, total, claims, reports, articles):
        return {
            "period": period,
            "force": force or None,
            "unit": unit,
            "scope": scope,
            "area_id": aid,
            "area": name,
            "area_type": kind,
            "largest": _num(largest),
            "median": _num(statistics.median(values)) if values else None,
            "total": _num(total),
            "claims": claims,
            "reports": reports,
            "articles": articles,
        }


def _larger(a, b):
    return b if a is None else (a if b is None else max(a, b))


def _num(v):
    if v is None:
        return None
    return int(v) if float(v).is_integer() else round(float(v), 1)


def csv_text(rows, by: str = "month") -> str:
    """The table as CSV text."""
    buf = io.StringIO()
    write_csv(buf, rows, by)
    return buf.getvalue()


def write_csv(fh, rows, by: str = "month", each=None) -> None:
    """Write the header and ``rows`` (any iterable of rows) to the open file ``fh``; ``each(row)`` sees every row."""
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow([by] + COLUMNS[1:])
    for r in rows:
        if each is not None:
            each(r)
        # text that starts like a formula is kept text (force and place names come from articles)
        writer.writerow(
            [
                r["period"],
                _cell(r["force"]) if r["force"] else "",
                r["unit"],
                r["scope"],
                r["area_id"],
                _cell(r["area"]),
                r["area_type"],
            ]
            + ["" if r[c] is None else r[c] for c in COLUMNS[7:]]
        )


def _cell(value):
    # a cell that starts like a formula is read as one by spreadsheets: keep it text
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class StrengthCSV:
    """``strength.csv`` as an output writer: ``open()``, ``add(feature)`` per feature, ``finish()``.

    >>> w = StrengthCSV("/tmp/strength.csv")                  # doctest: +SKIP
    >>> w.open(); [w.add(f) for f in features]; w.finish()    # doctest: +SKIP
    """

    name = "strength.csv"

    def __init__(self, path, by: str = "month", historical: bool = False, gazetteer=None):
        self.path, self.by = Path(path), by
        self.table = Strength(by, historical, gazetteer)

    def open(self) -> None:
        pass  # nothing to hold open: the table is written whole at the end

    def add(self, feature: dict) -> None:
        self.table.add(feature["properties"])

    def finish(self, each=None) -> Path:
        """Write the file (through a temporary file and a rename, row by row) and return its path.

        ``each(row)``, if given, sees every row as it is written (the map's chart takes its
        rows so, rather than reading the table again).
        """
        import os
        import tempfile

        from .errors import OutputError

        mask = os.umask(0)
        os.umask(mask)

        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                write_csv(fh, self.table.iter_rows(), self.by, each)
            os.chmod(tmp, 0o666 & ~mask)  # what open() would give; mkstemp gives 0600
            os.replace(tmp, self.path)
        except OSError as err:
            if tmp and os.path.exists(tmp):
                os.unlink(tmp)
            raise OutputError(f"{self.path}: cannot write ({err.strerror or err})") from err
        return self.path


def strength(gdf, by: str = "month", historical: bool = False, gazetteer=None):
    """The strength table of a GeoDataFrame (or DataFrame, or list of features) of deployments.

    >>> gdf = geomap.build(["corpus"])                                   # doctest: +SKIP
    >>> s = geomap.strength(gdf)                                         # doctest: +SKIP
    >>> s[(s.scope == "within") & (s.area == "Ukraine") & (s.force == "RU")][["month", "total"]]  # doctest: +SKIP
    """
    import pandas

    table = Strength(by, historical, gazetteer)
    if isinstance(gdf, list):
        records = [f["properties"] if "properties" in f else f for f in gdf]
    else:
        frame = gdf.drop(columns=[c for c in ("geometry",) if c in gdf.columns])
        records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for p in records:
        if p.get("kind", "deployment") == "deployment":
            table.add(p)
    rows = table.rows()
    cols = [by] + COLUMNS[1:]
    frame = pandas.DataFrame([{(by if k == "period" else k): v for k, v in r.items()} for r in rows], columns=cols)
    for c in ("largest", "median", "total"):
        frame[c] = pandas.to_numeric(frame[c])
    return frame
