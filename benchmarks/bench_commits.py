#!/usr/bin/env python3
"""Extraction speed of two versions of geomap side by side: a base commit against the working tree.

    python benchmarks/bench_commits.py                       # 98f6ecc against the working tree
    python benchmarks/bench_commits.py --base 98f6ecc --head main --articles 1000 --runs 5
    python benchmarks/bench_commits.py --real ../shared/eval/geowebnews/articles

The base's ``geomap/`` and ``gazetteer/`` are taken out of git (``git archive``, no network)
into a temporary folder; ``--head`` is the working tree unless a commit is named. Both run
with this Python and its installed dependencies, each in a fresh process whose ``sys.path``
starts with its own source tree (each child prints the ``geomap`` and ``gazetteer`` it
imported). One corpus is generated once (benchmarks/corpus_gen.py, seed 1) and each child reads
it with its own ``read_document`` before the clock starts.

What is timed is extraction as a build runs it: ``Pipeline().process(doc)`` on every article
in memory, the call both versions share (the same definition as bench_pipeline.py's spaCy
comparison; the per-stage rows of bench_pipeline.py call stage APIs that differ between
versions). A child times a first pass (cold: the place finder's memory of names is empty, as in
a build) and a second pass over the same articles (warm). CPU seconds (``time.process_time``)
and wall seconds; ``--runs`` pairs of children, base and head in turn, the order swapped every
pair (base-head, head-base, ...) so a slow spell of the machine hits both. Printed per side: best
and median words/s; per pair: head/base (CPU words/s), and the median of those ratios, which is
the figure to quote on a shared machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import generate  # noqa: E402

CHILD = r'''
import hashlib, json, sys, time
src, corpora, passes, stages = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
sys.path.insert(0, src)
t0 = time.perf_counter()
import geomap, gazetteer
from pathlib import Path
from geomap.pipeline import Pipeline
try:
    from geomap.corpus import iter_files, read_document
except ImportError:  # a version without them: plain text files, in name order, no date
    from geomap.model import Document
    def iter_files(folders):
        return ((p, p.name) for f in folders for p in sorted(Path(f).rglob("*.txt")))
    def read_document(path, name):
        print(f"{src}: no geomap.corpus.read_document, reading text files as they are", file=sys.stderr)
        return Document(name, path.read_text(encoding="utf-8"), None)
for mod in (geomap, gazetteer):
    if not str(Path(mod.__file__).resolve()).startswith(str(Path(src).resolve())):
        sys.exit(f"{mod.__name__} imported from {mod.__file__}, not from {src}")
pipeline = Pipeline()


def stage_pass(docs):
    """CPU seconds per stage, calling the stages as Pipeline.process does at 98f6ecc and at main of
    2026-12-03; a version whose stages are called otherwise reports why it could not be timed."""
    import inspect
    from geomap.text import Sentences
    p = pipeline
    decisions = "decisions" in inspect.signature(p.linker.link).parameters
    try:
        from dataclasses import replace
        from geomap.precision import classify
    except ImportError:
        classify = None
    dated = hasattr(p, "dates") and classify is not None

    def with_precision(d):
        qs = d.quote_start
        precision, relation = classify(d.place.kind, d.quote, d.figure.start - qs, d.figure.end - qs, d.place_text)
        return replace(d, precision=precision, relation=relation)
    took = {}
    def tick(stage, t0):
        t = time.process_time()
        took[stage] = took.get(stage, 0.0) + t - t0
        return t
    for doc in docs:
        t = time.process_time()
        sentences = Sentences(doc.text); t = tick("sentences", t)
        mentions, demonyms = p.places.find(doc.text, sentences); t = tick("places", t)
        figures = p.figures.find(doc.text); t = tick("figures", t)
        actors = p.linker.force_names(doc.text); t = tick("force names", t)
        extra = ([],) if decisions else ()
        deps = p.linker.link(doc, mentions, demonyms, figures, sentences, actors, *extra) if figures else []
        t = tick("linking", t)
        if dated:
            deps = [with_precision(d) for d in deps]; t = tick("precision", t)
            deps = [p.dates.date(d) for d in deps]; t = tick("event dates", t)
        known = [(m.start, m.end) for m in mentions] + [(d.start, d.end) for d in demonyms]
        known += [(a.start, a.end) for a in actors]
        p._unresolved(doc.text, known); t = tick("unresolved names", t)
    return took


out = {"geomap": geomap.__file__, "gazetteer": gazetteer.__file__, "startup_s": time.perf_counter() - t0, "sets": {}}
for name, folder in corpora.items():
    docs = [read_document(p, n) for p, n in iter_files([Path(folder)])]
    digest = hashlib.sha256("\0".join(d.text for d in docs).encode()).hexdigest()[:12]
    runs = []
    for _ in range(passes):
        w, c = time.perf_counter(), time.process_time()
        results = [pipeline.process(doc) for doc in docs]
        runs.append({"cpu_s": time.process_time() - c, "wall_s": time.perf_counter() - w})
    timed = None
    if stages:
        try:
            timed = stage_pass(docs)
        except Exception as err:  # another version's stages: report, do not fail the comparison
            timed = {"error": f"{type(err).__name__}: {err}"}
    out["sets"][name] = {"stages": timed,
        "articles": len(docs), "words": sum(len(d.text.split()) for d in docs), "texts": digest, "runs": runs,
        "deployments": sum(len(r.deployments) for r in results),
        "mentions": sum(len(getattr(r, "mentions", ())) for r in results),
        "troops": sum(getattr(getattr(d, "figure", None), "count", 0) or 0 for r in results for d in r.deployments),
    }
print(json.dumps(out))
'''

PASSES = ("cold", "warm")


def materialise(commit: str, into: Path) -> Path:
    """The commit's geomap/ and gazetteer/ in ``into`` (``git archive``: no network, no checkout)."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, "geomap", "gazetteer"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def describe(rev: str) -> str:
    out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %cs %s", rev],
                         capture_output=True, text=True)
    return out.stdout.strip()[:90] if out.returncode == 0 else rev


def run_child(src: Path, corpora: dict[str, str], passes: int, child: Path, stages: bool) -> dict:
    env = dict(os.environ, PYTHONHASHSEED="0", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    env.pop("PYTHONPATH", None)  # the child puts its own tree first on sys.path
    env.pop("GEOMAP_DISABLE_RULES", None)
    proc = subprocess.run([sys.executable, str(child), str(src), json.dumps(corpora), str(passes), "1" if stages else "0"],
                          capture_output=True, text=True, env=env, cwd=str(child.parent))
    if proc.returncode:
        sys.exit(f"the child for {src} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="98f6ecc", help="the commit to compare against (default: 98f6ecc, before issue 16)")
    ap.add_argument("--head", default=None, help="a commit; default: the working tree this script is in")
    ap.add_argument("--articles", type=int, default=1000, help="generated articles (benchmarks/corpus_gen.py, seed 1)")
    ap.add_argument("--runs", type=int, default=5, help="pairs of fresh processes, base and head in turn")
    ap.add_argument("--real", type=Path, help="also a folder of real articles, e.g. ../shared/eval/geowebnews/articles")
    ap.add_argument("--stages", action="store_true",
                    help="also a third pass per process timing each stage (sentences, places, figures, ...)")
    ap.add_argument("--target", type=float, default=0.7, help="the ratio to hold head to (issue 16: 0.7)")
    ap.add_argument("--json", type=Path, help="write every run's figures here")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="geomap-commits-"))
    try:
        t = time.perf_counter()
        sides = {"base": materialise(args.base, tmp / "base")}
        sides["head"] = materialise(args.head, tmp / "head") if args.head else ROOT
        child = tmp / "child.py"  # outside both trees, so neither is on sys.path by accident
        child.write_text(CHILD, encoding="utf-8")
        words = generate(tmp / "corpus", args.articles, seed=1)
        corpora = {"generated": str(tmp / "corpus")}
        if args.real:
            if not args.real.is_dir():
                sys.exit(f"--real: no folder {args.real}")
            corpora[args.real.parent.name if args.real.name == "articles" else args.real.name] = str(args.real.resolve())
        load = os.getloadavg()
        print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
              f"{os.cpu_count()} cores; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start; "
              f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        print(f"base: {describe(args.base)}")
        print(f"head: {describe(args.head) if args.head else 'working tree at ' + describe('HEAD')}"
              f"{'' if args.head else ' (plus uncommitted changes, if any)'}")
        print(f"{args.articles:,} generated articles ({words:,} words) and the sources ready in "
              f"{time.perf_counter() - t:.1f} s; {args.runs} pairs of fresh processes, each a cold and a warm "
              f"pass of Pipeline().process over the articles in memory\n")

        got: dict[str, list[dict]] = {"base": [], "head": []}
        for i in range(args.runs):
            order = ("base", "head") if i % 2 == 0 else ("head", "base")
            for side in order:
                out = run_child(sides[side], corpora, len(PASSES), child, args.stages)
                got[side].append(out)
                if i == 0:
                    print(f"  {side} imports geomap from {out['geomap']}, gazetteer from {out['gazetteer']}")
            cells = []
            for name in corpora:
                b, h = (got[s][-1]["sets"][name]["runs"][0] for s in ("base", "head"))
                cells.append(f"{name} cold {b['cpu_s'] / h['cpu_s']:.2f}x")
            print(f"  pair {i + 1} ({'-'.join(order)}): head/base CPU words/s: {', '.join(cells)}")

        report(got, corpora)
        cold = statistics.median(b["sets"]["generated"]["runs"][0]["cpu_s"] / h["sets"]["generated"]["runs"][0]["cpu_s"]
                                 for b, h in zip(got["base"], got["head"]))
        print(f"\nhead/base on the generated articles, cold pass, CPU: {cold:.2f}x "
              f"({'at least' if cold >= args.target else 'below'} the {args.target}x asked)")
        load = os.getloadavg()
        print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end; "
              f"{time.perf_counter() - t:.0f} s in all")
        if args.json:
            args.json.write_text(json.dumps({"base": args.base, "head": args.head or "working tree", "runs": got},
                                            indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(got: dict[str, list[dict]], corpora: dict[str, str]) -> None:
    for name in corpora:
        first = {s: got[s][0]["sets"][name] for s in got}
        if first["base"]["texts"] != first["head"]["texts"]:
            print(f"\nWARNING: {name}: base and head read different texts "
                  f"({first['base']['texts']} against {first['head']['texts']})")
        words = first["head"]["words"]
        print(f"\n{name}: {first['head']['articles']:,} articles, {words:,} words (texts {first['head']['texts']})")
        for side in ("base", "head"):
            s = first[side]
            print(f"  {side}: {s['deployments']:,} deployments ({s['troops']:,} troops and items), "
                  f"{s['mentions']:,} mentions; start-up {statistics.median(o['startup_s'] for o in got[side]):.2f} s")
        dep = {s: first[s]["deployments"] for s in first}
        if not (0.5 <= (dep["head"] + 1) / (dep["base"] + 1) <= 2):
            print(f"  WARNING: the deployment counts differ by more than 2x: {dep}")
        print(f"  {'words/s, one core':<22}{'CPU best':>11}{'CPU median':>12}{'wall median':>13}")
        for k, label in enumerate(PASSES):
            for side in ("base", "head"):
                cpu = [words / o["sets"][name]["runs"][k]["cpu_s"] for o in got[side]]
                wall = [words / o["sets"][name]["runs"][k]["wall_s"] for o in got[side]]
                print(f"  {side + ', ' + label + ' pass':<22}{max(cpu):>11,.0f}{statistics.median(cpu):>12,.0f}"
                      f"{statistics.median(wall):>13,.0f}")
        stage_table(got, name, words)
        for k, label in enumerate(PASSES):
            ratios = [b["sets"][name]["runs"][k]["cpu_s"] / h["sets"][name]["runs"][k]["cpu_s"]
                      for b, h in zip(got["base"], got["head"])]
            wall = [b["sets"][name]["runs"][k]["wall_s"] / h["sets"][name]["runs"][k]["wall_s"]
                    for b, h in zip(got["base"], got["head"])]
            print(f"  head/base, {label} pass, CPU words/s per pair: {', '.join(f'{r:.2f}' for r in ratios)}; "
                  f"median {statistics.median(ratios):.2f}x (wall: median {statistics.median(wall):.2f}x)")


def stage_table(got: dict[str, list[dict]], name: str, words: int) -> None:
    """With --stages: CPU seconds per stage, median over the processes of each side."""
    timed = {side: [o["sets"][name]["stages"] for o in got[side] if o["sets"][name].get("stages")] for side in got}
    if not any(timed.values()):
        return
    for side, runs in timed.items():
        if runs and "error" in runs[0]:
            print(f"  stages of {side} not timed: {runs[0]['error']}")
    stages = list(dict.fromkeys(k for runs in timed.values() for r in runs for k in r if k != "error"))
    median = {side: {k: statistics.median(r.get(k, 0.0) for r in runs) for k in stages}
              for side, runs in timed.items() if runs and "error" not in runs[0]}
    print(f"  a third pass, per stage: CPU seconds (median of the processes){''.join(f'{s:>10}' for s in median)}")
    for k in stages:
        print(f"    {k:<62}{''.join(f'{median[s][k]:>10.3f}' for s in median)}")
    print(f"    {'all (words/s)':<62}{''.join(f'{words / sum(median[s].values()):>10,.0f}' for s in median)}")


if __name__ == "__main__":
    main()
