"""The bundled gazetteer: places, their names, and a ranked look-up by name.

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
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

from .errors import GazetteerDataError
from .names import key

KINDS = ("country", "admin1", "city", "region", "sea", "disputed", "continent", "base")

# How much a kind of place is worth before its population is counted: a reader who
# sees "Georgia" alone thinks of the country before the US state, of a country before
# a town of the same name.
_KIND_PRIOR = {
    "country": 9.0, "continent": 8.5, "disputed": 8.0, "region": 7.5, "sea": 7.5,
    "admin1": 6.5, "base": 6.5, "city": 0.0,
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

    @property
    def importance(self) -> float:
        """A prior for ranking candidates of one name: kind first, then population."""
        prior = _KIND_PRIOR.get(self.kind, 0.0)
        if self.kind == "city":
            prior = math.log10(self.population + 10) + (2.5 if "capital" in self.flags else 0.0)
        return prior

    @property
    def is_area(self) -> bool:
        return self.kind != "city" and self.kind != "base"


def prior_scores(places: list[Place]) -> dict[str, float]:
    """The importance of each of several places that share a name, read together.

    A first-level division named after its capital ("Voronezh", "Kharkiv", "Geneva")
    ranks just below that city: a reader takes the bare name for the city.
    """
    namesake: dict[str, float] = {}
    for p in places:
        if p.kind == "city" and p.population >= 50000:
            namesake[p.country] = max(namesake.get(p.country, 0.0), p.importance)
    scores = {}
    for p in places:
        score = p.importance
        if p.kind == "admin1" and p.country in namesake:
            score = min(score, namesake[p.country] - 0.5)
        scores[p.id] = score
    return scores


class Gazetteer:
    """Places and an index from folded name keys to the places that bear them.

    Parameters
    ----------
    places_path, shapes_path, common_path
        The data files; the defaults are the ones shipped inside the package.
    """

    def __init__(self, places_path=None, shapes_path=None, common_path=None):
        data = resources.files("gazetteer") / "data"
        self._places_path = Path(places_path) if places_path else data / "places.tsv.gz"
        self._shapes_path = Path(shapes_path) if shapes_path else data / "shapes.json.gz"
        self._common_path = Path(common_path) if common_path else data / "common_names.tsv"
        self.places: list[Place] = []
        self.by_id: dict[str, Place] = {}
        self.index: dict[str, list[Place]] = {}
        # spellings that count only as written: "US" is the country, "us" is not
        self.exact: dict[str, list[Place]] = {}
        self._load()

    _default: "Gazetteer | None" = None

    @classmethod
    def default(cls) -> "Gazetteer":
        """The shipped gazetteer, loaded once per process."""
        if cls._default is None:
            cls._default = cls()
        return cls._default

    def _load(self) -> None:
        try:
            raw = self._places_path.read_bytes()
            text = gzip.decompress(raw).decode("utf-8")
        except (OSError, EOFError, UnicodeDecodeError) as err:
            raise GazetteerDataError(f"cannot read gazetteer file {self._places_path}: {err}") from err
        lines = text.split("\n")
        header = lines[0].split("\t")
        expected = ["id", "name", "kind", "cc", "admin1", "lat", "lon", "population", "names", "flags", "source"]
        if header != expected:
            raise GazetteerDataError(f"{self._places_path}: expected columns {expected}, instead got {header}")
        index = self.index
        for lineno, line in enumerate(lines[1:], start=2):
            if not line:
                continue
            cells = line.split("\t")
            if len(cells) != 11:
                raise GazetteerDataError(f"{self._places_path}:{lineno}: expected 11 cells, instead got {len(cells)}")
            pid, name, kind, cc, a1, lat, lon, pop, names, flags, source = cells
            try:
                place = Place(pid, name, kind, cc, a1, float(lat), float(lon), int(pop), flags, source)
            except ValueError as err:
                raise GazetteerDataError(f"{self._places_path}:{lineno}: {err}") from err
            self.places.append(place)
            self.by_id[pid] = place
            seen = set()
            for alias in [name] + (names.split("|") if names else []):
                if alias.startswith("="):
                    self.exact.setdefault(alias[1:], []).append(place)
                    continue
                k = key(alias)
                if k and k not in seen:
                    seen.add(k)
                    bucket = index.get(k)
                    if bucket is None:
                        index[k] = [place]
                    else:
                        bucket.append(place)
        for bucket in list(index.values()) + list(self.exact.values()):
            if len(bucket) > 1:
                scores = prior_scores(bucket)
                bucket.sort(key=lambda p: (-scores[p.id], p.id))

    @cached_property
    def common_words(self) -> dict[str, float]:
        """Name keys that are also common English words, with their Zipf frequency."""
        out = {}
        with open(self._common_path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                out[row["key"]] = float(row["zipf"])
        return out

    @cached_property
    def shapes(self) -> dict[str, dict]:
        """GeoJSON outlines by place id (countries, first-level divisions, composite regions)."""
        with gzip.open(self._shapes_path, "rt", encoding="utf-8") as fh:
            return json.load(fh)

    def lookup(self, name: str) -> list[Place]:
        """Places called ``name`` (any case, accents or apostrophes), most important first."""
        return self.candidates(key(name), name.strip())

    def candidates(self, k: str, surface: str) -> list[Place]:
        """Places for a folded key ``k`` written as ``surface`` in the text, best first."""
        places = self.index.get(k, [])
        exact = self.exact.get(surface)
        if exact:
            merged = list({p.id: p for p in places + exact}.values())
            scores = prior_scores(merged)
            places = sorted(merged, key=lambda p: (-scores[p.id], p.id))
        return list(places)

    def country(self, code: str) -> Place | None:
        return self.by_id.get(f"cc:{code}")

    def admin1_place(self, code: str) -> Place | None:
        return self.by_id.get(f"a1:{code}")

    def nearest(self, lat: float, lon: float, kinds=("city",)) -> Place | None:
        """The nearest place of the given kinds (a plain scan: reverse look-ups are rare)."""
        return self._grid.nearest(lat, lon, kinds)

    @cached_property
    def _grid(self):
        from .spatial import Grid

        return Grid(self.places)


def load_tsv(path) -> list[dict[str, str]]:
    """Rows of a tab-separated data file with a header; lines starting with # are comments."""
    with open(path, encoding="utf-8") as fh:
        lines = [ln for ln in fh.read().splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))
