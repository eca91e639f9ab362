"""The map's ground: country outlines (with the boundary convention the map follows), border
lines, and the country and city names for labels and the search box, all from the bundled
gazetteer. Computed once per gazetteer and reused by every map of a process.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from gazetteer import Gazetteer

if TYPE_CHECKING:
    from .mapdata import MapData

SEARCH_POPULATION = 100_000  # towns in the search index besides every named place
LABELS = ((5_000_000, 4), (1_000_000, 5), (500_000, 6))  # city labels: population -> first zoom shown


# -- outlines -----------------------------------------------------------------------
# Natural Earth's outlines draw the de facto line (Crimea and Sevastopol inside Russia).
# The map follows Natural Earth's disputed-areas convention for Ukraine instead: these
# first-level divisions are drawn as part of the country their ISO 3166-2 code names.
DE_JURE = {"a1:UA-43": "UA", "a1:UA-40": "UA"}


def light_shape(gazetteer: Gazetteer, pid: str) -> dict:
    """An outline simplified for drawing (about 4 km): keeps the page small."""
    if pid.startswith("cc:"):
        return country_shapes(gazetteer)[pid]
    return gazetteer.light_shapes[pid]


@lru_cache(maxsize=4)
def country_shapes(gazetteer: Gazetteer) -> dict[str, dict]:
    """Country outlines by id, with the divisions of :data:`DE_JURE` moved to their country."""
    from shapely.geometry import mapping, shape
    from shapely.ops import unary_union

    shapes = {pid: gazetteer.light_shapes[pid] for pid in sorted(gazetteer.light_shapes) if pid.startswith("cc:")}
    for a1, cc in sorted(DE_JURE.items()):
        if a1 not in gazetteer.light_shapes or f"cc:{cc}" not in shapes:
            continue
        part = shape(gazetteer.light_shapes[a1]).buffer(0)
        for pid in shapes:
            outline = shape(shapes[pid]).buffer(0)
            if pid == f"cc:{cc}":
                outline = outline.union(part)
            elif outline.intersects(part) and outline.intersection(part).area > 0.01 * part.area:
                # the two outlines were simplified apart: drop the slivers left along the coast
                rest = outline.difference(part.buffer(0.01))
                outline = unary_union(
                    [g for g in getattr(rest, "geoms", [rest]) if g.area > 0.005 or g.distance(part) > 0.05]
                )
            else:
                continue
            shapes[pid] = json.loads(json.dumps(mapping(_rounded(outline))))
    return shapes


def _rounded(geom):
    import shapely

    return shapely.set_precision(geom, 0.01)


@lru_cache(maxsize=256)
def _border(gazetteer: Gazetteer, pid: str, other: str):
    """The stretch of ``pid``'s outline that runs along country ``other``'s, or None."""
    from shapely.geometry import shape
    from shapely.ops import linemerge

    if other == pid or other not in country_shapes(gazetteer):
        return None
    try:
        a, b = shape(light_shape(gazetteer, pid)).buffer(0), shape(light_shape(gazetteer, other)).buffer(0)
    except KeyError:
        return None
    line = a.boundary.intersection(b.buffer(0.1))
    if line.is_empty or line.length < 0.05:
        return None
    if line.geom_type == "MultiLineString":
        line = linemerge(line)
    parts = list(getattr(line, "geoms", [line]))
    parts = [g for g in parts if g.geom_type == "LineString" and g.length > 0]
    if not parts:
        return None
    middle = max(parts, key=lambda g: g.length).interpolate(0.5, normalized=True)
    lines = [[[round(x, 3), round(y, 3)] for x, y in g.coords] for g in parts]
    return lines, [round(middle.x, 4), round(middle.y, 4)]


def border_of(gazetteer: Gazetteer, p: dict):
    """(lines, midpoint) of the border the text puts forces along: between the place and the forces'
    country; None when the text names no second country."""
    pid = p["place_id"]
    if p.get("place_type") == "border" and re.fullmatch(r"bd:[A-Z]{2}-[A-Z]{2}", pid):
        # a border place of the gazetteer (bd:RU-UA): the line the map's two outlines share, the
        # symbol where the text put it (its point lies on the line)
        found = _border(gazetteer, f"cc:{pid[3:5]}", f"cc:{pid[6:8]}")
        if found is None:
            return None
        return found[0], p.get("_point") or found[1]
    force = p.get("force") or ""
    other = f"cc:{force}" if len(force) == 2 and force.isupper() else None
    if other is None or force == p.get("country") and p.get("place_type") == "country":
        return None
    return _border(gazetteer, p["place_id"], other)


# -- labels and search ------------------------------------------------------------------
def fold(name: str) -> str:
    """Lower case, no accents: how the search box compares names ("Kyïv" ~ "kyiv")."""
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=4)
def labels(gazetteer: Gazetteer) -> list[list]:
    """Country and city names with the zoom they appear at: [name, lat, lon, zoom, kind].

    A city within half a degree of a larger one is left out (Pest beside Budapest).
    """
    out, cities = [], []
    for place in gazetteer.places:
        if place.kind == "country" and place.population >= 100_000 and place.id in gazetteer.light_shapes:
            # only countries with an outline: no label of a state that no longer exists
            zoom = 3 if place.population >= 20_000_000 else (4 if place.population >= 2_000_000 else 5)
            out.append([place.name, round(place.lat, 2), round(place.lon, 2), zoom, "country"])
        elif place.kind == "city":
            shown = next((z for pop, z in LABELS if place.population >= pop), None)
            if shown is not None:
                cities.append((-place.population, place.name, place))
    kept: list = []
    for _, _, place in sorted(cities, key=lambda c: (c[0], c[1])):
        if all(abs(place.lat - k.lat) > 0.5 or abs(place.lon - k.lon) > 0.5 for k in kept):
            kept.append(place)
            zoom = next(z for pop, z in LABELS if place.population >= pop)
            out.append([place.name, round(place.lat, 2), round(place.lon, 2), zoom, "city"])
    return sorted(out, key=lambda r: (r[3], r[4] != "country", r[0]))


_SEARCH_KINDS = {"country": 0, "disputed": 1, "region": 1, "sea": 1, "admin1": 2, "base": 3, "site": 3, "city": 4}
_ZOOM_OF = {
    "country": 5,
    "disputed": 6,
    "region": 5,
    "sea": 5,
    "continent": 3,
    "admin1": 6,
    "base": 10,
    "site": 10,
    "city": 9,
}


def _search_row(gazetteer: Gazetteer, place) -> list:
    """[name, lat, lon, zoom, "other|spellings"]: the other names folded, written with a capital (the
    lower-case ones are machine romanisations), none that is a kept name with one or two letters more
    (the box matches beginnings: "kievu" is found by "kiev")."""
    own = fold(place.name)
    keys = sorted({fold(n) for n in gazetteer.names(place)[1:] if n[:1].isupper()}, key=lambda k: (len(k), k))
    alts: list[str] = []
    kept = {own}
    for key in keys:  # shorter first: an inflected name comes after the name it inflects
        if len(key) > 2 and key.isascii() and key not in kept and key[:-1] not in kept and key[:-2] not in kept:
            alts.append(key)
            kept.add(key)
    return [place.name, round(place.lat, 2), round(place.lon, 2), _ZOOM_OF.get(place.kind, 6), "|".join(sorted(alts))]


@lru_cache(maxsize=4)
def _base_index(gazetteer: Gazetteer) -> tuple:
    chosen = [
        p
        for p in gazetteer.places
        if p.kind in _SEARCH_KINDS and (p.kind != "city" or p.population >= SEARCH_POPULATION)
    ]
    chosen.sort(
        key=lambda p: (-round(p.importance, 6), p.name, p.id)
    )  # the gazetteer's own ranking: Kyiv before Kiev Oblast
    return tuple(p.id for p in chosen), tuple(tuple(_search_row(gazetteer, p)) for p in chosen)


def search_index(data: "MapData", gazetteer: Gazetteer) -> list[list]:
    """Places the search box knows: larger places of the whole gazetteer and every place named, with
    their other spellings folded ("kiev" for Kyiv)."""
    ids, rows = _base_index(gazetteer)
    known = set(ids)
    extra = []
    for pid in sorted(data.places):
        if pid in known:
            continue
        place = gazetteer.by_id.get(pid)
        if place is not None:
            extra.append(_search_row(gazetteer, place))
        else:
            name, lat, lon, zoom = data.places[pid]
            extra.append([name, lat, lon, zoom, ""])
    return [list(r) for r in rows] + extra
