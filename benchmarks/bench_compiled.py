#!/usr/bin/env python3
"""How much would compiling the extraction modules buy? Cython on the unchanged sources.

    pip install cython                 # and a C compiler with the Python headers
    python benchmarks/bench_compiled.py --articles 2000 --runs 3

Copies geomap/ and gazetteer/ twice into a temporary folder, compiles the extraction
modules of one copy with Cython (``cythonize -i -3``, no type annotations added), and
times the extraction stages (sentences, places, figures, linking) of each copy on the
same generated articles, in fresh processes taken in turn, so that a slow spell of the
machine hits both. Prints words/s per run and the median ratio.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ["geomap/places.py", "geomap/figures.py", "geomap/linking.py", "geomap/text.py", "gazetteer/names.py"]


def child(copy: str, corpus: str) -> None:
    """Time extraction over ``corpus`` with the modules of ``copy``; print words/s."""
    sys.path.insert(0, copy)
    from geomap.corpus import iter_files, read_document
    from geomap.pipeline import Pipeline
    from geomap.text import Sentences

    import geomap.places
    assert geomap.places.__file__.startswith(copy), geomap.places.__file__
    pipeline = Pipeline()
    docs = [read_document(p, n) for p, n in iter_files([Path(corpus)])]
    words = sum(len(d.text.split()) for d in docs)
    took = []
    for _ in range(2):  # the first pass fills the caches a long run would have filled
        t = time.perf_counter()
        for doc in docs:
            sentences = Sentences(doc.text)
            mentions, demonyms = pipeline.places.find(doc.text, sentences)
            figures = pipeline.figures.find(doc.text)
            if figures:
                pipeline.linker.link(doc, mentions, demonyms, figures, sentences)
        took.append(time.perf_counter() - t)
    print(f"{words / took[-1]:.0f} {geomap.places.__file__.endswith('.so')}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus_gen import generate

    tmp = Path(tempfile.mkdtemp(prefix="geomap-compiled-"))
    words = generate(tmp / "corpus", args.articles)
    copies = {}
    for label in ("pure", "compiled"):
        copies[label] = tmp / label
        for package in ("geomap", "gazetteer"):
            shutil.copytree(ROOT / package, copies[label] / package)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "Cython.Build.Cythonize", "-i", "-3", "-q", *MODULES],
                   cwd=copies["compiled"], check=True, capture_output=True)
    print(f"{args.articles:,} generated articles, {words:,} words; compiled {len(MODULES)} modules "
          f"in {time.perf_counter() - t:.0f} s")
    rates: dict[str, list[float]] = {label: [] for label in copies}
    for run in range(args.runs):
        for label, copy in copies.items():
            out = subprocess.run([sys.executable, __file__, "--child", str(copy), str(tmp / "corpus")],
                                 check=True, capture_output=True, text=True).stdout.split()
            assert (out[1] == "True") == (label == "compiled"), out
            rates[label].append(float(out[0]))
        print(f"  run {run + 1}: pure {rates['pure'][-1]:,.0f} words/s, compiled {rates['compiled'][-1]:,.0f} words/s")
    ratios = [c / p for p, c in zip(rates["pure"], rates["compiled"])]
    print(f"extraction, one core: compiled / pure = {statistics.median(ratios):.2f}x "
          f"(runs: {', '.join(f'{r:.2f}' for r in ratios)})")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
