#!/usr/bin/env python3
"""Gazetteer speed and memory: start-up, look-ups, reverse look-ups.

    python benchmarks/bench_gazetteer.py

Prints the figures the README quotes. Start-up is measured in a fresh interpreter.
"""
from __future__ import annotations

import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STARTUP = """
import time, resource
t = time.perf_counter()
from gazetteer import Gazetteer
g = Gazetteer.default()
g.lookup("Kyiv")
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main() -> None:
    runs = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, check=True, cwd=ROOT)
        seconds, rss_kb = out.stdout.split()
        runs.append((float(seconds), int(rss_kb)))
    startup = sorted(r[0] for r in runs)[len(runs) // 2]
    rss = max(r[1] for r in runs) / 1024

    from gazetteer import Gazetteer, GazetteerGeocoder

    gaz = Gazetteer.default()
    rng = random.Random(0)
    names = [p.name for p in rng.sample(gaz.places, 20000)] + ["Kiev", "Donbas", "Sea of Azov", "Georgia"] * 100
    t = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    lookup_us = (time.perf_counter() - t) / len(names) * 1e6
    geocoder = GazetteerGeocoder(gaz)
    points = [(rng.uniform(35, 60), rng.uniform(-10, 60)) for _ in range(2000)]
    geocoder.reverse(points[0])  # builds the grid
    t = time.perf_counter()
    for pt in points:
        geocoder.reverse(pt)
    reverse_us = (time.perf_counter() - t) / len(points) * 1e6
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{__import__('os').cpu_count()} cores")
    print(f"places: {len(gaz):,}   name keys: {len(gaz.keys()):,}")
    print(f"start-up (import + load + first look-up, median of 5): {startup * 1000:.0f} ms, peak RSS {rss:.0f} MB")
    print(f"look-up by name: {lookup_us:.1f} µs each ({len(names):,} names)")
    print(f"reverse look-up: {reverse_us:.0f} µs each ({len(points):,} points)")
    print(f"peak RSS after building every place and the grid: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
