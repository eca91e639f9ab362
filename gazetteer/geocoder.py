"""A geopy geocoder over the bundled gazetteer: no network, no API key, no rate limit.

>>> from gazetteer import GazetteerGeocoder
>>> location = GazetteerGeocoder().geocode("Kiev")
>>> location.address, round(location.latitude, 1), round(location.longitude, 1)
('Kyiv, Ukraine', 50.5, 30.5)
"""

from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from .spatial import haversine_km
from .store import Gazetteer, Place

__all__ = ("GazetteerGeocoder",)


class GazetteerGeocoder(Geocoder):
    """Geocode with the offline gazetteer, through geopy's interface.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to the gazetteer shipped with the package.
    **kwargs
        Passed to :class:`geopy.geocoders.base.Geocoder` (no request is ever sent).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs):
        kwargs.setdefault("user_agent", "geomap-gazetteer")
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or Gazetteer.default()

    def geocode(self, query, *, exactly_one=True, timeout=None, limit=None):
        """The best place called ``query`` (or a ranked list with ``exactly_one=False``).

        ``query`` may be "Name" or "Name, Country/Division" ("Athens, Georgia"); the
        part after the comma narrows the candidates. Returns None when nothing matches.
        """
        if isinstance(query, dict):
            query = ", ".join(str(v) for v in query.values() if v)
        query = str(query).strip()
        places = self._ranked(query)
        if not places:
            return None
        if exactly_one:
            return self._location(places[0])
        return [self._location(p) for p in places[: limit or len(places)]]

    def reverse(self, query, *, exactly_one=True, timeout=None, kinds=("city",)):
        """The populated place at ``query`` (a ``(lat, lon)`` pair, Point or "lat, lon").

        The most populous place within 15 km, else the nearest one.
        """
        point = Point(query)
        lat, lon = point.latitude, point.longitude
        place = self.gazetteer.nearest(lat, lon, kinds=kinds)
        if place is None:
            return None
        # a city district sits nearer than the city's centre point: name the city
        near = self.gazetteer.within(lat, lon, 15.0, kinds=kinds)
        if near:
            place = max(near, key=lambda p: (p.population, -haversine_km(lat, lon, p.lat, p.lon), p.id))
        location = self._location(place)
        return location if exactly_one else [location]

    def _ranked(self, query: str) -> list[Place]:
        places = self.gazetteer.lookup(query)
        if places or "," not in query:
            return places
        name, _, context = query.partition(",")
        inner = self.gazetteer.lookup(name)
        outer = self.gazetteer.lookup(context)
        if not outer:
            return inner
        nested = [p for p in inner for o in outer if _inside(p, o)]
        return nested or inner

    def _location(self, place: Place) -> Location:
        return Location(self.address(place), (place.lat, place.lon), _raw(place))

    def address(self, place: Place) -> str:
        """ "Kyiv, Ukraine", "Athens, Georgia, United States": the place and what holds it."""
        parts = [place.name]
        if place.admin1 and place.kind not in ("admin1", "country"):
            admin = self.gazetteer.admin1_place(place.admin1)
            if admin and admin.name != place.name and place.country in ("US", "CA", "AU", "BR", "MX", "IN"):
                parts.append(admin.name)
        if place.kind != "country" and place.country:
            country = self.gazetteer.country(place.country)
            if country:
                parts.append(country.name)
        return ", ".join(parts)


def _inside(inner: Place, outer: Place) -> bool:
    if outer.kind == "country":
        return inner.country == outer.country and inner is not outer
    if outer.kind == "admin1":
        return bool(inner.admin1) and inner.admin1 == outer.admin1 and inner is not outer
    return False


def _raw(place: Place) -> dict:
    return {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "population": place.population,
        "importance": round(place.importance, 3),
        "source": place.source,
    }
