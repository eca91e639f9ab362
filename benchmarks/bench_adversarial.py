#!/usr/bin/env python3
"""Hostile input: how the time to read one article grows with its size, per kind of input.

    python benchmarks/bench_adversarial.py                 # every kind at 10 KB, 100 KB and 1 MB
    python benchmarks/bench_adversarial.py dots html_comments --sizes 10000,100000

Each kind is an input that once took time more than linear in its size (a pattern that
retried every position of a long run, a loop over everything read before). Each article
is read as ``geomap build`` reads it: decoded, reduced to text if it is HTML, then
sentences, places, figures, linking and the GeoJSON features; each size is timed three
times and the best kept. The growth ratio is the time at one size over the time at the
size ten times smaller: about 10 is linear, about 100 quadratic.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_PLACES = ["Belarus", "Poland", "Latvia", "Lithuania", "Estonia", "Romania", "Moldova", "Georgia", "Armenia",
           "Finland", "Norway", "Germany", "Hungary", "Slovakia", "Bulgaria", "Serbia", "Kyiv", "Kharkiv",
           "Voronezh", "Belgorod", "Kursk", "Bryansk", "Crimea", "Donbas", "Odesa", "Minsk", "Grodno"]
_SENTENCE = "Russia has sent 5,000 troops to Belarus, officials said on Monday. "


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """``head``, ``unit`` repeated to about ``size`` characters, ``tail``."""
    n = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * n + tail


def _names(size: int, template: str) -> str:
    """``template`` with {name} a distinct made-up capitalised word each time, to ``size`` characters."""
    out, n, i = [], 0, 0
    while n < size:
        word = "Q" + "".join("aeiouvzkrt"[int(d)] for d in str(i)) + "zor"
        part = template.format(name=word, i=i)
        out.append(part)
        n += len(part)
        i += 1
    return "".join(out)


def _places_sentence(size: int) -> str:
    parts, n, i = [], 0, 0
    while n < size:
        part = f"{_PLACES[i % len(_PLACES)]}, "
        parts.append(part)
        n += len(part)
        i += 1
    return "Russia has sent 5,000 troops to " + "".join(parts) + "and Belarus."


# kind -> (file suffix, generator of about ``size`` characters, what it stresses)
KINDS = {
    "plain": (".txt", lambda n: _fill(_SENTENCE, n), "ordinary sentences: the yardstick"),
    "dots": (".txt", lambda n: _fill(".", n, _SENTENCE, "x " + _SENTENCE), "one run of full stops"),
    "dots_spaced": (".txt", lambda n: _fill(". ", n, _SENTENCE, _SENTENCE), "a run of '. . .'"),
    "exclaim_quotes": (".txt", lambda n: _fill("!\"", n, _SENTENCE, "x " + _SENTENCE), "a run of !\"!\""),
    "abbreviations": (".txt", lambda n: _fill("Gen. ", n, _SENTENCE, _SENTENCE), "a run of abbreviations"),
    "initials": (".txt", lambda n: _fill("U.S. ", n, _SENTENCE, _SENTENCE), "a run of initials"),
    "force_lookup": (".txt", lambda n: _fill("5,000 troops to Belarus, ", n, "Officials spoke. Then more. ", "end."),
                     "figures without a force in one long sentence after others"),
    "figures_no_place": (".txt", lambda n: _fill("5,000 troops and ", n, "Officials spoke. ", "end."),
                         "figures with neither place nor force in one long sentence"),
    "blocked_names": (".txt", lambda n: _fill("NATO Poland ", n, _SENTENCE),
                      "places among many force names"),
    "zero_width": (".txt", lambda n: _fill(_SENTENCE.replace(" ", "\u200b"), n), "words joined by zero-width spaces"),
    "no_break": (".txt", lambda n: _fill(_SENTENCE.replace(" ", "\u00a0"), n), "words joined by no-break spaces"),
    "of_them": (".txt", lambda n: _fill("5,000 troops to Belarus, 1,000 of them in Minsk, ", n, "Russia has sent "),
                "many parts 'of them' after one figure"),
    "unresolved": (".txt", lambda n: _names(n, "Troops moved to {name}. "), "many distinct unknown names"),
    "unresolved_one": (".txt", lambda n: _names(n, "to {name} "), "many unknown names in one sentence"),
    "places_sentence": (".txt", _places_sentence, "one sentence naming many places"),
    "capitals_run": (".txt", lambda n: _fill("Kyiv ", n, _SENTENCE), "one long run of capitalised names"),
    "numbers_run": (".txt", lambda n: _fill("5,000 ", n, _SENTENCE, "troops to Belarus."), "a run of numbers before a unit"),
    "digits_run": (".txt", lambda n: _fill("5", n, _SENTENCE, " troops to Belarus."), "one number of many digits"),
    "grouped_run": (".txt", lambda n: _fill(" 000", n, "5", " troops to Belarus."), "one number of many groups"),
    "grouped_of_them": (".txt", lambda n: _fill(" 000", n, _SENTENCE + "5", " x 1,000 of them in Minsk."),
                        "one number of many groups before 'of them'"),
    "commas_of_them": (".txt", lambda n: _fill(",000", n, _SENTENCE + "5", "x 1,000 of them in Minsk."),
                       "one number of many comma groups before 'of them'"),
    "units_run": (".txt", lambda n: _fill("troops ", n, _SENTENCE), "a run of unit words"),
    "number_words": (".txt", lambda n: _fill("thousand ", n, "Russia has sent ", "troops to Belarus."),
                     "a run of number words"),
    "hyphens": (".txt", lambda n: _fill("-", n, "Russia has sent 5,000", " troops to Belarus."), "a run of hyphens"),
    "apostrophes": (".txt", lambda n: _fill("Kyiv’s ", n, _SENTENCE), "a run of possessives"),
    "each": (".txt", lambda n: _fill("Poland and Latvia each ", n, "", "host 5,000 troops."), "a run of 'each'"),
    "turkish": (".txt", lambda n: _fill("İ", n, "", " " + _SENTENCE), "characters whose lower case is longer"),
    "html_comments": (".html", lambda n: _fill("<!--", n, "<p>" + _SENTENCE + "</p>"), "repeated '<!--'"),
    "html_open_tags": (".html", lambda n: _fill("<a ", n, "<p>" + _SENTENCE + "</p>"), "repeated unclosed tags"),
    "html_lt": (".html", lambda n: _fill("<", n, "<p>" + _SENTENCE + "</p>"), "repeated '<'"),
    "html_decl": (".html", lambda n: _fill("<!", n, "<p>" + _SENTENCE + "</p>"), "repeated '<!'"),
    "html_cdata": (".html", lambda n: _fill("<![CDATA[", n, "<p>" + _SENTENCE + "</p>"), "repeated '<![CDATA['"),
    "html_pi": (".html", lambda n: _fill("<?", n, "<p>" + _SENTENCE + "</p>"), "repeated '<?'"),
    "html_entities": (".html", lambda n: _fill("&#", n, "<p>" + _SENTENCE + "</p>"), "repeated '&#'"),
    "html_nested": (".html", lambda n: _fill("<div>", n, "<p>" + _SENTENCE + "</p>"), "deeply nested elements"),
    "html_attrs": (".html", lambda n: _fill(' a="', n, "<p>" + _SENTENCE + "</p><a"), "an unclosed attribute list"),
}


def article(kind: str, size: int) -> tuple[str, str]:
    """(file suffix, text) of an article of ``kind`` of about ``size`` characters."""
    suffix, make, _ = KINDS[kind]
    return suffix, make(size)


def process(path: Path):
    """Read and process one file as a build does; the ArticleOutput or Skipped."""
    from geomap.engines import process_file

    return process_file(str(path), path.name)


def time_kind(kind: str, size: int, folder: Path, repeat: int = 1) -> float:
    """The best of ``repeat`` runs, in seconds: the least disturbed by the machine's other work."""
    suffix, text = article(kind, size)
    path = folder / f"{kind}-{size}{suffix}"
    path.write_text(text, encoding="utf-8")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        process(path)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv=None) -> int:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kinds", nargs="*", help=f"kinds to time (default: all): {', '.join(KINDS)}")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="sizes in characters (default: 10 KB, 100 KB, 1 MB)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size, the best kept (default: 3)")
    args = parser.parse_args(argv)
    kinds = args.kinds or list(KINDS)
    sizes = [int(s) for s in args.sizes.split(",")]
    from geomap.pipeline import default_pipeline

    default_pipeline()  # start-up is not the article's
    head = f"{'kind':<18}" + "".join(f"{s // 1000:>9,} KB" for s in sizes) + "".join(
        f"{'x' + str(b // a):>8}" for a, b in zip(sizes, sizes[1:]))
    print(head)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            times = [time_kind(kind, s, Path(tmp), args.repeat) for s in sizes]
            ratios = [b / a if a > 0 else float("inf") for a, b in zip(times, times[1:])]
            print(f"{kind:<18}" + "".join(f"{t:>10.3f} s" for t in times) + "".join(f"{r:>8.1f}" for r in ratios),
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
