#!/usr/bin/env python3
"""The naive pipeline the benchmark compares geomap with: geotext + a GeoNames look-up.

    python benchmarks/naive.py CORPUS OUT.geojson

geotext finds city and country names with its own GeoNames lists; the first candidate
of the bundled gazetteer (built from GeoNames) places each. No figures, no linking, no
map: a floor for what reading a corpus for places costs. Run as its own process, so its
imports and data loading are timed as geomap's are.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def naive(folder: Path, out: Path) -> int:
    from geotext import GeoText

    from gazetteer import Gazetteer

    gaz = Gazetteer.default()
    features = []
    for path in sorted(folder.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = GeoText(text)
        for name in dict.fromkeys(found.cities + found.countries):
            places = gaz.lookup(name)
            if places:
                features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [places[0].lon, places[0].lat]},
                                 "properties": {"kind": "mention", "doc": path.name, "place": places[0].name}})
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return len(features)


if __name__ == "__main__":
    print(naive(Path(sys.argv[1]), Path(sys.argv[2])))
