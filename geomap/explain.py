"""`geomap explain`: for each figure of a text, the place, force and status it was given, and why.

Each decision names the rule that took it (the ids of :data:`geomap.linking.RULES`), and the
other places and forces the sentence offered say why they lost.
"""

from __future__ import annotations

from .linking import RULES, Decision
from .model import Document
from .pipeline import Result, default_pipeline


def explain(text: str, doc: str = "<text>", date: str | None = None) -> Result:
    """The pipeline's result for ``text``, with a decision per figure (``result.decisions``).

    >>> [d.rules for d in explain("Russia has sent 5,000 troops to Belarus.").decisions]
    [('figure.number', 'place.after', 'force.actor')]
    """
    return default_pipeline().process(Document(doc, text, date))


def _why_not(result: Result, d: Decision) -> list[str]:
    """Why each other place the figure's sentence names was not taken."""
    sentences = result.sentences
    s, e = sentences.span_of(d.figure.start)
    chosen = {p.id for p in d.places}
    # the figures of the sentence after this one: what follows them is theirs
    later = [x.figure.start for x in result.decisions if d.figure.end <= x.figure.start < e]
    lines = []
    for m in result.mentions:
        if not s <= m.start < e or m.place.id in chosen:
            continue
        if m.role == "actor":
            reason = "a capital standing for its government"
        elif m.role in ("subject", "agent"):
            reason = "the sentence's actor, not where forces are"
        elif m.role == "origin":
            reason = "where forces come from"
        elif later and m.start > min(later):
            reason = "after a later figure, whose place it is"
        elif m.start > d.figure.end and d.places:
            reason = "another place, after the one taken"
        elif m.place.country == d.force and m.role != "location":
            reason = "the forces' own state, not said to be where they are"
        elif m.role == "plain":
            reason = "no location word introduces it"
        else:
            reason = "a place of another part of the sentence"
        lines.append(f"{m.surface!r} ({m.place.name}, {m.role}): {reason}")
    return lines


def _other_forces(result: Result, d: Decision) -> list[str]:
    """Why each other force the sentence names (a nationality, an alliance, a state) was not taken."""
    pipe = default_pipeline()
    text = result.doc.text
    s, e = result.sentences.span_of(d.figure.start)
    named = [(x.start, x.surface, x.force) for x in pipe.linker.force_names(text[s:e])]
    named = [(s + a, w, f) for a, w, f in named]
    _, demonyms = pipe.places.find(text[s:e])
    named += [(s + x.start, x.surface, x.country) for x in demonyms]
    named += [
        (m.start, m.surface, m.place.country) for m in result.mentions if s <= m.start < e and m.place.kind == "country"
    ]
    lines = []
    for start, surface, force in sorted(set(named)):
        if force == d.force:
            continue
        if start >= d.figure.end:
            reason = "named after the figure, not as its force"
        elif d.force_text and start < text.rfind(d.force_text, s, d.figure.start):
            reason = f"farther from the figure than {d.force_text!r}"
        else:
            reason = "not an actor here (a host, a place, or a word such as 'official' or 'border' after it)"
        lines.append(f"force {force} from {surface!r}: {reason}")
    return lines


def render(result: Result) -> str:
    """The decisions of ``result`` as text, one block per figure."""
    text = result.doc.text
    out = []
    for d in result.decisions:
        f = d.figure
        count = f"{f.count:g}" if f.count is not None else f"{f.count_min:g}..{f.count_max:g}" if f.count_max else "?"
        out.append(f"{f.text!r} at {f.start}: {count} {f.unit}   [{d.rules[0]}] {RULES[d.rules[0]]}")
        if d.drawn:
            names = ", ".join(f"{p.name} ({p.id})" for p in d.places)
            out.append(
                f"  place  {names}, from {d.place_text!r} in the {d.place_from}   [{d.rules[1]}] {RULES[d.rules[1]]}"
            )
        else:
            out.append(f"  not drawn   [{d.rules[1]}] {RULES[d.rules[1]]}")
            if d.why:
                out.append(f"    the text: {d.why!r}")
        out.append(
            f"  force  {d.force or '-'}"
            + (f" from {d.force_text!r}" if d.force_text else "")
            + f"   [{d.rules[2]}] {RULES[d.rules[2]]}"
        )
        if d.drawn:
            out.append(f"  status {d.status or '-'}")
        for line in _why_not(result, d) + _other_forces(result, d):
            out.append(f"  not {line}")
        s, e = result.sentences.span_of(f.start)
        out.append(f"  sentence: {' '.join(text[s:e].split())}")
    if not result.decisions:
        out.append("no figure of forces found")
    return "\n".join(out) + "\n"
