"""The bundled gazetteer: places, their names, and a ranked look-up by name.

Loading reads two compressed files and splits their lines; a place becomes a ``Place``
only when it is asked for, so start-up stays well under a second.

>>> from gazetteer import Gazetteer
>>> gaz = Gazetteer.default()
>>> gaz.lookup("Kiev")[0].name
'Kyiv'
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

from .errors import GazetteerDataError
from .names import fold, key

KINDS = ("country", "admin1", "city", "region", "sea", "disputed", "continent", "base", "site", "border")
COLUMNS = ["id", "name", "kind", "cc", "admin1", "lat", "lon", "population", "names", "flags", "source"]

# How much a kind of place is worth before its population is counted: a reader who
# sees "Georgia" alone thinks of the country before the US state, of a country before
# a town of the same name.
_KIND_PRIOR = {
    "country": 9.0,
    "continent": 8.5,
    "disputed": 8.0,
    "region": 7.5,
    "sea": 7.5,
    "border": 7.5,
    "admin1": 6.5,
    "base": 6.5,
    "site": 6.0,
    "city": 0.0,
}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``id`` is stable across rebuilds (``gn:703448``, ``cc:UA``)."""

    id: str
    name: str
    kind: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    flags: str
    source: str
    # a first-level division: its country's population (its own is not known)
    country_population: int = 0

    @property
    def importance(self) -> float:
        """A prior for ranking candidates of one name: kind first, then population.

        A division of a small country ranks as a city a tenth of that country's size:
        "Manchester" is the English city before the Jamaican parish, "Hamilton" the
        Canadian city before Bermuda's parish.
        """
        prior = _KIND_PRIOR.get(self.kind, 0.0)
        if self.kind == "city":
            prior = math.log10(self.population + 10) + (2.5 if "capital" in self.flags else 0.0)
        elif self.kind == "admin1" and self.country_population:
            prior = min(prior, math.log10(self.country_population + 10) - 1.0)
        return prior

    @property
    def is_area(self) -> bool:
        return self.kind not in ("city", "base", "site")


# How far a town known by a name only as one of its other names ranks below a town that
# bears it: its own name, then a plain other name, then one that matches only once its
# apostrophes are dropped. Steps in importance, 1.0 being a tenth of the population: a
# plain other name counts as a quarter, so "Odessa" stays the Ukrainian port, not the
# Texan town that bears it as its own name.
ALIAS_STEPS = (1.0, 0.6)  # tier 0 -> 1, tier 1 -> 2


def name_tier(k: str, name: str, aliases) -> int:
    """How well a place called ``name`` (and ``aliases``) bears the name key ``k``.

    2: its own name, a qualifier in brackets aside ("Halle (Saale)"); 1: one of its
    other names, as spelt; 0: only once apostrophes are dropped ("Slov'iansk" for
    "Sloviansk").
    """
    if key(name) == k or key(_BRACKETS.sub("", name)) == k:
        return 2
    for alias in aliases:
        alias = alias.lstrip("=")
        if key(alias) == k and "'" not in fold(alias):
            return 1
    return 0


_BRACKETS = re.compile(r"\s*\([^)]*\)")


def prior_scores(places, tiers: dict[str, int] | None = None) -> dict[str, float]:
    """The importance of each of several places that share a name, read together.

    With ``tiers`` (see :func:`name_tier`), a town that bears the name less well than
    another town ranks lower (``ALIAS_STEPS``): "Pokrovsk" is a town of Donetsk Oblast
    by its own name, and Engels only by its name of a century ago. A first-level division
    named after its capital ("Voronezh", "Kharkiv", "Geneva") ranks just below that city:
    a reader takes the bare name for the city. A city that shares its country's name
    ("Mexico", "Kuwait") ranks just below the country.
    """
    base = {p.id: p.importance for p in places}
    if tiers:
        towns = [p for p in places if p.kind == "city"]
        best = max((tiers.get(p.id, 2) for p in towns), default=2)
        for p in towns:
            tier = tiers.get(p.id, 2)
            base[p.id] -= sum(ALIAS_STEPS[tier:best])
    namesake: dict[str, float] = {}
    countries = {p.country: base[p.id] for p in places if p.kind == "country"}
    for p in places:
        # a large city of the country, or the division's own seat ("Kidal" in Kidal region)
        if p.kind == "city" and p.population >= 50000:
            namesake[p.country] = max(namesake.get(p.country, 0.0), base[p.id])
        if p.kind == "city" and p.admin1 and p.population >= 5000:
            namesake[p.admin1] = max(namesake.get(p.admin1, 0.0), base[p.id])
    scores = {}
    for p in places:
        score = base[p.id]
        seat = max(namesake.get(p.country, 0.0), namesake.get(p.admin1, 0.0)) if p.kind == "admin1" else 0.0
        if seat:
            score = min(score, seat - 0.5)
        if p.kind == "city" and p.country in countries:
            score = min(score, countries[p.country] - 0.5)  # "Mexico" is the country, not Mexico City
        scores[p.id] = score
    return scores


def country_populations(rows) -> dict[str, int]:
    """Population by country code, from the rows of places.tsv (countries come first)."""
    out = {}
    for row in rows:
        if not row.startswith("cc:"):
            break
        cells = row.split("\t", 8)
        out[cells[3]] = int(cells[7] or 0)
    return out


class Candidates(tuple):
    """The places that bear one name as written, best first, and ``priors``: the score of
    each (by id) for that name, from :func:`prior_scores` with the name's tiers (worked
    out when first asked for)."""

    def __new__(cls, places, tiers: dict[str, int]):
        self = super().__new__(cls, places)
        self._tiers, self._priors = tiers, None
        return self

    @property
    def priors(self) -> dict[str, float]:
        if self._priors is None:
            self._priors = prior_scores(self, self._tiers)
        return self._priors


class _ById:
    """A read-only mapping from place id to Place, over the rows."""

    def __init__(self, gazetteer: "Gazetteer", rows: dict[str, int]):
        self._gaz, self._rows = gazetteer, rows

    def __getitem__(self, pid: str) -> Place:
        return self._gaz.place(self._rows[pid])

    def get(self, pid: str, default=None):
        row = self._rows.get(pid)
        return default if row is None else self._gaz.place(row)

    def __contains__(self, pid) -> bool:
        return pid in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self):
        return iter(self._rows)


class _LightShapes(Mapping):
    """Outlines by place id, each parsed from its JSON line on first use."""

    def __init__(self, lines: dict[str, str]):
        self._lines, self._parsed = lines, {}

    def __getitem__(self, pid: str) -> dict:
        shape = self._parsed.get(pid)
        if shape is None:
            shape = self._parsed[pid] = json.loads(self._lines[pid])
        return shape

    def __contains__(self, pid) -> bool:
        return pid in self._lines

    def __iter__(self):
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)


_DIVISION = re.compile(
    r"(.+?)\s+(?:oblast|region|province|governorate|voblast|krai|kray|state|prefecture|county|district|"
    r"autonomous okrug|okrug|republic|canton|department|governorate)$",
    re.IGNORECASE,
)


class Gazetteer:
    """Places and an index from folded name keys to the places that bear them.

    Parameters
    ----------
    data_dir
        A folder with places.tsv.gz, names.tsv.gz, shapes.json.gz and common_names.tsv;
        the default is the data shipped inside the package.
    """

    def __init__(self, data_dir=None):
        self._dir = Path(data_dir) if data_dir else resources.files("gazetteer") / "data"
        self._rows: list[str] = []
        self._cache: dict[int, Place] = {}
        self._candidates: dict[tuple[str, str], tuple[Place, ...]] = {}
        self._keys: list[str] = []  # every name key, sorted: look-ups and prefixes by bisection
        self._rowsets: list[str] = []  # the rows bearing each key, "3,17,902:1", best first
        self._load()

    _default: "Gazetteer | None" = None

    @classmethod
    def default(cls) -> "Gazetteer":
        """The shipped gazetteer, loaded once per process."""
        if cls._default is None:
            cls._default = cls()
        return cls._default

    # -- loading -----------------------------------------------------------------------
    def _read(self, name: str) -> str:
        path = self._dir / name
        try:
            return gzip.decompress(path.read_bytes()).decode("utf-8")
        except (OSError, EOFError, UnicodeDecodeError) as err:
            raise GazetteerDataError(f"cannot read gazetteer file {path}: {err}") from err

    def _load(self) -> None:
        lines = self._read("places.tsv.gz").split("\n")
        if lines[0].split("\t") != COLUMNS:
            raise GazetteerDataError(
                f"{self._dir / 'places.tsv.gz'}: expected columns {COLUMNS}, instead got {lines[0].split(chr(9))}"
            )
        if lines and lines[-1] == "":
            lines.pop()
        self._rows = lines[1:]
        cells = self._read("names.tsv.gz").rstrip("\n").replace("\n", "\t").split("\t")
        if len(cells) % 2:
            raise GazetteerDataError(f"{self._dir / 'names.tsv.gz'}: expected two tab-separated columns on every line")
        self._keys, self._rowsets = cells[0::2], cells[1::2]
        self._country_population = country_populations(self._rows)
        if any(a >= b for a, b in zip(self._keys[:50], self._keys[1:51])):
            raise GazetteerDataError(f"{self._dir / 'names.tsv.gz'}: expected keys in sorted order")

    def place(self, row: int) -> Place:
        """The place on row ``row`` of places.tsv.gz (built on first use)."""
        place = self._cache.get(row)
        if place is None:
            cells = self._rows[row].split("\t")
            if len(cells) != 11:
                raise GazetteerDataError(f"places.tsv.gz row {row + 2}: expected 11 cells, instead got {len(cells)}")
            pid, name, kind, cc, a1, lat, lon, pop, _names, flags, source = cells
            if kind not in KINDS:
                raise GazetteerDataError(
                    f"places.tsv.gz row {row + 2}: expected a kind in {KINDS}, instead got {kind!r}"
                )
            try:
                place = Place(
                    pid,
                    name,
                    kind,
                    cc,
                    a1,
                    float(lat),
                    float(lon),
                    int(pop),
                    flags,
                    source,
                    self._country_population.get(cc, 0) if kind == "admin1" else 0,
                )
            except ValueError as err:
                raise GazetteerDataError(f"places.tsv.gz row {row + 2}: {err}") from err
            self._cache[row] = place
        return place

    @cached_property
    def places(self) -> list[Place]:
        """Every place (builds them all: for scans, not for look-ups)."""
        return [self.place(i) for i in range(len(self._rows))]

    @cached_property
    def by_id(self) -> "_ById":
        """Places by their stable id (a mapping that builds a place when it is asked for)."""
        # (the ids split off in one list, paired with their rows by zip: 28 ms for the 130,000
        # rows where a comprehension that sliced each took 48; an extraction meets it once, on
        # its first border or country looked up by code)
        return _ById(self, dict(zip([line.partition("\t")[0] for line in self._rows], range(len(self._rows)))))

    def __len__(self) -> int:
        return len(self._rows)

    def names(self, place: Place) -> list[str]:
        """Every name the gazetteer knows ``place`` by, its own first."""
        row = self.by_id._rows.get(place.id)
        if row is None:
            return [place.name]
        cells = self._rows[row].split("\t")
        return [cells[1]] + [n.lstrip("=") for n in cells[8].split("|") if n]

    # -- look-ups ----------------------------------------------------------------------
    def _rows_for(self, k: str) -> str | None:
        i = bisect_left(self._keys, k)
        if i < len(self._keys) and self._keys[i] == k:
            return self._rowsets[i]
        return None

    def has_key(self, k: str) -> bool:
        """True when some name folds to ``k`` (see :func:`gazetteer.names.key`)."""
        i = bisect_left(self._keys, k)
        return i < len(self._keys) and self._keys[i] == k

    def has_prefix(self, prefix: str) -> bool:
        """True when some name key starts with ``prefix``: a longer name may still match."""
        i = bisect_left(self._keys, prefix)
        return i < len(self._keys) and self._keys[i].startswith(prefix)

    def exact_spelling(self, surface: str) -> bool:
        """True when ``surface`` is a spelling that counts only as written ("US")."""
        return self.has_key("=" + surface)

    def exact_ids(self, surface: str) -> frozenset[str]:
        """Ids of the places that bear ``surface`` as a spelling that counts only as written."""
        group = self._rows_for("=" + surface)
        return frozenset(self.place(int(r.partition(":")[0])).id for r in group.split(",")) if group else frozenset()

    def keys(self) -> list[str]:
        """Every folded name key, sorted; exact spellings are prefixed with "="."""
        return self._keys

    def candidates(self, k: str, surface: str) -> list[Place]:
        """Places for a folded key ``k`` written as ``surface`` in the text, best first."""
        return list(self.candidate_tuple(k, surface))

    def candidate_tuple(self, k: str, surface: str) -> tuple[Place, ...]:
        """:meth:`candidates` as the cached tuple itself: the same object while it stays cached."""
        cached = self._candidates.get((k, surface))
        if cached is None:
            if len(self._candidates) > 100_000:  # a bounded cache: names recur across articles
                self._candidates.clear()
            cached = self._candidates[(k, surface)] = self._candidates_uncached(k, surface)
        return cached

    def _candidates_uncached(self, k: str, surface: str) -> tuple[Place, ...]:
        rows = self._rows_for(k)
        exact = self._rows_for("=" + surface)
        places: dict[str, Place] = {}
        tiers: dict[str, int] = {}
        for group in (rows, exact):
            for r in group.split(",") if group else ():
                row, _, tier = r.partition(":")  # "902:1": the place bears the name less well (see name_tier)
                place = self.place(int(row))
                places.setdefault(place.id, place)
                tiers[place.id] = max(int(tier) if tier else 2, tiers.get(place.id, 0))
        if not exact:
            return Candidates(places.values(), tiers)  # the index holds them in this order already
        merged = Candidates(places.values(), tiers)
        return Candidates(sorted(merged, key=lambda p: (-merged.priors[p.id], p.id)), tiers)

    def lookup(self, name: str) -> list[Place]:
        """Places called ``name`` (any case, accents or apostrophes), most important first.

        "Donetsk Oblast", "Gomel Region": a division word after a name asks for the
        first-level division of that name.
        """
        places = self.candidates(key(name), name.strip())
        m = _DIVISION.match(name.strip())
        if m:
            divisions = [p for p in self.candidates(key(m.group(1)), m.group(1)) if p.kind == "admin1"]
            places = divisions + [p for p in places if p not in divisions]
        return places

    def country(self, code: str) -> Place | None:
        return self.by_id.get(f"cc:{code}")

    def admin1_place(self, code: str) -> Place | None:
        return self.by_id.get(f"a1:{code}")

    def border(self, cc1: str, cc2: str, near: tuple[float, float] | None = None) -> Place | None:
        """The land border between two countries (kind ``border``, id ``bd:KH-TH``), or None.

        Its point is on the line the two outlines share, at its middle; with ``near``
        (lat, lon), the point of the line nearest there: "the border near Preah Vihear".

        >>> Gazetteer.default().border("UA", "RU").id
        'bd:RU-UA'
        """
        a, b = sorted((cc1, cc2))
        place = self.by_id.get(f"bd:{a}-{b}")
        if place is None or near is None:
            return place
        return self.at_border(place, *near)

    def borders_of(self, cc: str) -> list[str]:
        """The codes of the countries ``cc`` shares a land border with."""
        return sorted(pid[3:].replace(cc, "").strip("-") for pid in self._border_lines if cc in pid[3:].split("-"))

    def at_border(self, place: Place, lat: float, lon: float) -> Place:
        """``place``, a border or a line such as the Line of Actual Control, with its point
        moved to the point of its line nearest (lat, lon); ``place`` itself when no line is known."""
        pid = place.id if place.id.startswith("bd:") else place.flags[5:] if place.flags.startswith("line=") else ""
        if pid not in self._border_lines:
            return place
        plat, plon = self.nearest_on_border(pid, lat, lon)
        return Place(
            place.id, place.name, place.kind, place.country, place.admin1, plat, plon, 0, place.flags, place.source
        )

    def nearest_on_border(self, pid: str, lat: float, lon: float) -> tuple[float, float]:
        """The point of border ``pid``'s line nearest (lat, lon), rounded to 4 decimals."""
        from shapely.geometry import Point, shape
        from shapely.ops import nearest_points

        line = self._border_shapes.get(pid)
        if line is None:
            line = self._border_shapes[pid] = shape(json.loads(self._border_lines[pid]))
        point = nearest_points(line, Point(lon, lat))[0]
        return round(point.y, 4), round(point.x, 4)

    @cached_property
    def _border_lines(self) -> dict[str, str]:
        lines = {}
        for line in self._read("borders.tsv.gz").splitlines():
            pid, sep, geometry = line.partition("\t")
            if not sep:
                raise GazetteerDataError(f"{self._dir / 'borders.tsv.gz'}: expected 'id<TAB>geometry' lines")
            lines[pid] = geometry
        return lines

    @cached_property
    def _border_shapes(self) -> dict:
        return {}

    def nearest(self, lat: float, lon: float, kinds=("city",)) -> Place | None:
        """The nearest place of the given kinds."""
        return self._grid.nearest(lat, lon, kinds)

    def within(self, lat: float, lon: float, km: float, kinds=("city",)) -> list[Place]:
        """Places of the given kinds within ``km`` of a point."""
        return self._grid.within(lat, lon, km, kinds)

    @cached_property
    def _grid(self):
        from .spatial import Grid

        return Grid(self.places)

    @cached_property
    def common_words(self) -> dict[str, float]:
        """Name keys that are also common English words, with their Zipf frequency."""
        out = {}
        with open(self._dir / "common_names.tsv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                out[row["key"]] = float(row["zipf"])
        return out

    @cached_property
    def light_shapes(self) -> "_LightShapes":
        """The outlines simplified for drawing (about 4 km, two decimals), by place id.

        A mapping that parses an outline when it is first asked for: a map draws a few
        hundred of the 4,866.
        """
        lines = {}
        for line in self._read("shapes_light.tsv.gz").splitlines():
            pid, sep, geometry = line.partition("\t")
            if not sep:
                raise GazetteerDataError(f"{self._dir / 'shapes_light.tsv.gz'}: expected 'id<TAB>geometry' lines")
            lines[pid] = geometry
        return _LightShapes(lines)

    @cached_property
    def shapes(self) -> dict[str, dict]:
        """GeoJSON outlines by place id (countries, first-level divisions, composite regions)."""
        return json.loads(self._read("shapes.json.gz"))


def load_tsv(path) -> list[dict[str, str]]:
    """Rows of a tab-separated data file with a header; lines starting with # are comments."""
    with open(path, encoding="utf-8") as fh:
        lines = [ln for ln in fh.read().splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))
