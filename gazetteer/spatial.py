"""A coarse grid over the places, for reverse look-ups by coordinates."""

from __future__ import annotations

import math


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


class Grid:
    """Places bucketed by whole degree; a query searches rings of cells outwards."""

    def __init__(self, places):
        self.cells: dict[tuple[int, int], list] = {}
        for place in places:
            self.cells.setdefault((math.floor(place.lat), math.floor(place.lon)), []).append(place)

    def nearest(self, lat: float, lon: float, kinds=("city",)):
        best, best_km = None, float("inf")
        cy, cx = math.floor(lat), math.floor(lon)
        for radius in range(0, 181):
            if (
                best is not None
                and (radius - 1) * 111.0 * max(math.cos(math.radians(min(abs(lat) + radius, 89.0))), 0.05) > best_km
            ):
                break
            for dy in range(-radius, radius + 1):
                for dx in range(-radius, radius + 1):
                    if max(abs(dy), abs(dx)) != radius:
                        continue
                    for place in self.cells.get((cy + dy, (cx + dx + 180) % 360 - 180), ()):
                        if place.kind not in kinds:
                            continue
                        d = haversine_km(lat, lon, place.lat, place.lon)
                        if d < best_km or (d == best_km and place.id < best.id):
                            best, best_km = place, d
        return best

    def within(self, lat: float, lon: float, km: float, kinds=("city",)):
        """Places of the given kinds within ``km`` of the point (``km`` up to a few hundred)."""
        cy, cx = math.floor(lat), math.floor(lon)
        dy_cells = int(km / 111.0) + 1
        dx_cells = int(km / (111.0 * max(math.cos(math.radians(min(abs(lat) + dy_cells, 89.0))), 0.05))) + 1
        out = []
        for dy in range(-dy_cells, dy_cells + 1):
            for dx in range(-dx_cells, dx_cells + 1):
                for place in self.cells.get((cy + dy, (cx + dx + 180) % 360 - 180), ()):
                    if place.kind in kinds and haversine_km(lat, lon, place.lat, place.lon) <= km:
                        out.append(place)
        return out
