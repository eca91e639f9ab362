#!/usr/bin/env python3
"""geomap's whole extraction against spaCy's tokenizer and Matcher alone, on the same articles.

    python benchmarks/bench_spacy_matcher.py                 # 1,000 generated articles, 5 runs
    python benchmarks/bench_spacy_matcher.py --real ../shared/eval/geowebnews/articles

Issue 16 asks for spaCy's rule-based matching unless a concrete reason is measured against it.
geomap's rules are spaCy Matcher token patterns (geomap/lang/<lang>/rules/*.yaml) compiled to
regular expressions over the raw text (geomap/rules.py). This measures what running them with
spaCy itself would cost before any of geomap's own work: a blank English pipeline
(``spacy.blank("en")``, no model, no statistical component), in one process, one core:

- spaCy tokenizer: ``nlp.pipe(texts, batch_size=64)``, every Doc made;
- tokenizer + Matcher: the same, then a ``Matcher`` over every Doc holding the rule book's
  patterns (``geomap.lexicon.rule_book()``, list entries of several words expanded into token
  sequences as tests/test_rules.py does) and two patterns per word list of lexicon.toml: the
  list's one-word entries (``{"LOWER": {"IN": [...]}}``) and a number before them
  (``[{"LIKE_NUM": true}, {"LOWER": {"IN": [...]}}]``);
- tokenizer + PhraseMatcher: every entry of every word list of lexicon.toml (``attr="LOWER"``),
  the way spaCy finds fixed words and phrases fast (hash look-ups, no per-token predicates);
- with ``--phrases``, tokenizer + Matcher + phrases: the Matcher above plus one token-sequence
  pattern per entry of several words ("military personnel", "battalion tactical groups").

spaCy's Matcher evaluates ``IN``, ``REGEX`` and ``LIKE_NUM``-style predicates per token and
pattern; a pattern per word (``{"LOWER": "troops"}``) instead of ``IN`` lists is slower still here
(7,800 against 36,000 words/s for lexicon.toml's one-word entries, 100 articles, one try).

and ``Pipeline().process(doc)`` on every article, geomap's whole extraction (sentences, places,
figures, force names, linking, precision, event dates; what bench_commits.py times), in turn with
them, ``--runs`` times: a slow spell of the machine hits every one. The first run is shown on its
own: geomap's place finder and spaCy's tokenizer both cache what they have seen, so later runs
over the same texts are faster than a build's single pass. Words are ``len(text.split())``
as in bench_pipeline.py. CPU seconds (``time.process_time``) and wall seconds.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import generate  # noqa: E402


def word_lists(data, prefix=""):
    """Every list of strings in lexicon.toml's tables, by dotted name."""
    for key, value in data.items():
        if isinstance(value, dict):
            yield from word_lists(value, f"{prefix}{key}.")
        elif isinstance(value, list) and value and all(isinstance(w, str) for w in value):
            yield f"{prefix}{key}", value


def split(nlp, words):
    """One-token entries and several-token entries (as spaCy's tokenizer cuts them)."""
    one, many = [], []
    for w in words:
        toks = [t.text.lower() for t in nlp.make_doc(w.strip())]
        if len(toks) == 1:
            one.append(toks[0])
        elif toks:
            many.append(toks)
    return sorted(set(one)), many


def rule_patterns(nlp, book):
    """The rule book's patterns as spaCy takes them; (patterns by rule id, skipped rule ids)."""
    out, skipped = {}, []
    for rule in book:
        alts_all = []
        try:
            for pattern in rule.patterns:
                alts = [[]]
                for tok in pattern:
                    alts = [a + c for a in alts for c in token_choices(nlp, tok)]
                alts_all.extend(a for a in alts if a)
        except ValueError:
            skipped.append(rule.id)
            continue
        out[rule.id] = alts_all
    return out, skipped


def token_choices(nlp, tok):
    for attr, value in tok.items():
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            one, many = split(nlp, value["IN"])
            if not many:
                return [[tok]]
            op = tok.get("OP")
            if op not in (None, "?"):
                raise ValueError(f"{attr} IN with several-token entries under OP {op}")
            bare = {k: v for k, v in tok.items() if k != "OP"}
            choices = [[{**bare, attr: {"IN": one}}]] if one else []
            choices += [[{attr: t} for t in seq] for seq in many]
            return choices + [[]] if op == "?" else choices
    return [[tok]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000, help="generated articles (benchmarks/corpus_gen.py, seed 1)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=64, help="nlp.pipe batch size")
    ap.add_argument("--phrases", action="store_true", help="also the Matcher with a pattern per entry of several words")
    ap.add_argument("--real", type=Path, help="also a folder of real articles, e.g. ../shared/eval/geowebnews/articles")
    args = ap.parse_args()

    import spacy
    from spacy.matcher import Matcher, PhraseMatcher

    from geomap.corpus import iter_files, read_document
    from geomap.lexicon import read_toml, rule_book
    from geomap.pipeline import Pipeline

    tmp = Path(tempfile.mkdtemp(prefix="geomap-spacy-matcher-"))
    generate(tmp / "corpus", args.articles, seed=1)
    sets = {"generated": [read_document(p, n) for p, n in iter_files([tmp / "corpus"])]}
    if args.real:
        sets[args.real.parent.name if args.real.name == "articles" else args.real.name] = [
            read_document(p, n) for p, n in iter_files([args.real])]

    nlp = spacy.blank("en")
    by_rule, skipped = rule_patterns(nlp, rule_book())
    lists = dict(word_lists(read_toml()))
    base = Matcher(nlp.vocab)
    phrases = Matcher(nlp.vocab)
    fixed = PhraseMatcher(nlp.vocab, attr="LOWER")
    n_base = n_phrases = 0
    for rule_id, patterns in by_rule.items():
        for m in (base, phrases):
            m.add(rule_id, patterns)
        n_base += len(patterns)
    for name, words in lists.items():
        one, many = split(nlp, words)
        fixed.add(f"list.{name}", [nlp.make_doc(w.strip()) for w in words])
        pats = [[{"LOWER": {"IN": one}}], [{"LIKE_NUM": True}, {"LOWER": {"IN": one}}]] if one else []
        if pats:
            for m in (base, phrases):
                m.add(f"list.{name}", pats)
            n_base += len(pats)
        if many:
            phrases.add(f"phrases.{name}", [[{"LOWER": t} for t in seq] for seq in many])
            n_phrases += len(many)
    pipeline = Pipeline()

    load = os.getloadavg()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores; spaCy {spacy.__version__} blank('en'); load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"Matcher: {n_base} token patterns ({sum(map(len, by_rule.values()))} from {len(by_rule)} rules of the rule book"
          f"{', skipped: ' + ', '.join(skipped) if skipped else ''}; 2 per word list of lexicon.toml's {len(lists)});"
          f" with phrases: {n_base + n_phrases} ({n_phrases} entries of several words); PhraseMatcher: "
          f"{sum(map(len, lists.values()))} entries")

    def geomap_pass(docs, texts):
        results = [pipeline.process(d) for d in docs]
        return f"{sum(len(r.deployments) for r in results):,} deployments, {sum(len(r.mentions) for r in results):,} mentions"

    def tokens(docs, texts):
        return f"{sum(len(d) for d in nlp.pipe(texts, batch_size=args.batch)):,} tokens"

    def matching(matcher):
        def run(docs, texts):
            n = sum(len(matcher(d)) for d in nlp.pipe(texts, batch_size=args.batch))
            return f"{n:,} matches"
        return run

    variants = {"geomap extraction (Pipeline.process)": geomap_pass, "spaCy tokenizer": tokens,
                f"spaCy tokenizer + PhraseMatcher ({sum(map(len, lists.values()))})": matching(fixed),
                f"spaCy tokenizer + Matcher ({n_base})": matching(base)}
    if args.phrases:
        variants[f"spaCy tokenizer + Matcher + phrases ({n_base + n_phrases})"] = matching(phrases)
    for name, docs in sets.items():
        texts = [d.text for d in docs]
        words = sum(len(t.split()) for t in texts)
        cpu = {v: [] for v in variants}
        wall = {v: [] for v in variants}
        found = {}
        for _ in range(args.runs):
            for label, fn in variants.items():
                w, c = time.perf_counter(), time.process_time()
                found[label] = fn(docs, texts)
                cpu[label].append(time.process_time() - c)
                wall[label].append(time.perf_counter() - w)
        print(f"\n{name}: {len(docs):,} articles, {words:,} words; words/s, one core, {args.runs} runs in turn")
        print(f"  {'':<46}{'CPU 1st run':>12}{'CPU best':>10}{'CPU median':>12}{'wall median':>13}"
              f"  geomap/this (CPU, median per run)")
        g = "geomap extraction (Pipeline.process)"
        for label in variants:
            ratio = statistics.median(a / b for a, b in zip(cpu[label], cpu[g]))
            print(f"  {label:<46}{words / cpu[label][0]:>12,.0f}{words / min(cpu[label]):>10,.0f}{words / statistics.median(cpu[label]):>12,.0f}"
                  f"{words / statistics.median(wall[label]):>13,.0f}  {ratio:>5.2f}x  {found[label]}")
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end")


if __name__ == "__main__":
    main()
