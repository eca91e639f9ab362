"""The case tables of tests/cases/*.yaml: what one stage of the pipeline gives for a text.

Each file holds the rows of one phenomenon::

    phenomenon: Money and model numbers are no troop figures
    level: figures            # figures | mentions | deployments | dates | unresolved: the stage a row states
    cases:
      - text: "Russia will send Su-35 fighter jets"
        date: 2022-01-20        # optional: the article's date
        expect: []              # the complete output of that stage, in order; [] = nothing may appear
        xfail: why              # optional: a known wrong output; `expect` is the right one

A row states the stage's whole output as a fixed projection per level: an extra item, a
missing one or a wrong field fails.

- figures (:func:`project_figure`): ``text, count, [min, max], unit, unit_text, [qualifier], [elliptic]``
- mentions (:func:`project_mention`), places and demonyms in text order:
  ``surface, place (id), role, [border]`` or ``surface, demonym (country), [border]``
- deployments (:func:`project_deployment`): ``count, [min, max], unit, place (name), id, force,
  status, rules (figure, place, force), precision, relation, [from], [origin], [event]``; then
  each figure not drawn (:func:`project_dropped`): ``figure, dropped (the drop.* rule)``
- dates (:func:`project_date`): ``text, date, grain, [since]``
- unresolved: ``name``, each name the text places something at that the gazetteer does not know

A key in brackets is left out where it has its default: ``min``/``max`` equal to ``count``,
no ``qualifier``, ``elliptic``/``border``/``since`` false, ``from: sentence`` (the figure's own
sentence), no ``origin``, no event date. Every other key is always written (``force: null``
where the text names no force).

:func:`run_case` runs one text through a :class:`geomap.pipeline.Pipeline` (the default one, or
the one given, e.g. built from a lexicon with a rule disabled) and returns that projection.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from geomap.model import Document
from geomap.pipeline import Pipeline, default_pipeline

CASES = Path(__file__).resolve().parent / "cases"
LEVELS = ("figures", "mentions", "deployments", "dates", "unresolved")


def _date(value: Any) -> str | None:
    # YAML reads 2022-02-10 as a date; the pipeline takes the text
    return None if value is None else str(value)


def _range(count, low, high) -> dict:
    """``min`` and ``max`` where they differ from ``count`` ("thousands": null, 1000, 9999)."""
    return {} if low == high == count else {"min": low, "max": high}


def _num(x):
    # counts are floats where the text allows ("1.5 million" is exact anyway): whole ones as int
    return int(x) if isinstance(x, float) and x.is_integer() else x


def project_figure(text: str, f) -> dict:
    """A figure: its words, count (range), unit kind and unit words, qualifier, elliptic."""
    assert text[f.start:f.end] == f.text, (f, text[f.start:f.end])  # provenance holds for every figure
    out = {"text": f.text, "count": _num(f.count), **_range(_num(f.count), _num(f.count_min), _num(f.count_max)),
           "unit": f.unit, "unit_text": f.unit_text}
    if f.qualifier is not None:
        out["qualifier"] = f.qualifier
    if f.elliptic:
        out["elliptic"] = True
    return out


def project_mention(text: str, m) -> dict:
    """A place mention (surface, place id, role) or a demonym (surface, country); border sides."""
    assert text[m.start:m.end] == m.surface, (m, text[m.start:m.end])
    if hasattr(m, "place"):
        out = {"surface": m.surface, "place": m.place.id, "role": m.role}
    else:
        out = {"surface": m.surface, "demonym": m.country}
    if m.border:
        out["border"] = True
    return out


def project_deployment(d) -> dict:
    """A deployment: count (range), unit, place name and id, force, status, the rules that
    decided figure, place and force, how precise the place is and how the forces relate to it;
    where the place was read when not in the figure's sentence, the origin, the event date."""
    f = d.figure
    out = {"count": _num(f.count), **_range(_num(f.count), _num(f.count_min), _num(f.count_max)), "unit": f.unit,
           "place": d.place.name, "id": d.place.id, "force": d.force, "status": d.status, "rules": list(d.rules),
           "precision": d.precision, "relation": d.relation}
    if d.place_from != "sentence":
        out["from"] = d.place_from
    if d.origin is not None:
        out["origin"] = d.origin.name
    if d.event_date_text is not None or d.event_date is not None:
        out["event"] = {"date": d.event_date, "grain": d.event_grain, "text": d.event_date_text}
    return out


def project_dropped(decision) -> dict:
    """A figure of forces the linker did not draw, and the rule that says why (``drop.*``)."""
    return {"figure": decision.figure.text, "dropped": decision.rules[1]}


def project_date(e) -> dict:
    """A date the event-date finder reads in a sentence, resolved against the article's date."""
    out = {"text": e.text.strip(), "date": e.date, "grain": e.grain}
    if e.since:
        out["since"] = True
    return out


def run_case(level: str, text: str, date=None, pipeline: Pipeline | None = None) -> list[dict]:
    """The output of one stage for ``text`` as the case tables state it.

    ``figures``: the figures of forces (after the guards); ``mentions``: place mentions and
    demonyms in text order; ``deployments``: the deployments, then each figure that was not
    drawn with its ``drop.*`` rule; ``dates``: the dates the event-date finder reads;
    ``unresolved``: the names reported as unresolved.

    >>> run_case("deployments", "Russia has sent 5,000 troops to Belarus.")[0]["place"]
    'Belarus'
    """
    p = pipeline or default_pipeline()
    date = _date(date)
    if level == "figures":
        return [project_figure(text, f) for f in p.figures.find(text)]
    if level == "mentions":
        mentions, demonyms = p.places.find(text)
        items = sorted([*mentions, *demonyms], key=lambda m: (m.start, m.end))
        return [project_mention(text, m) for m in items]
    if level == "deployments":
        result = p.process(Document("<text>", text, date))
        return [project_deployment(d) for d in result.deployments] + [
            project_dropped(x) for x in result.decisions if not x.drawn]
    if level == "dates":
        return [project_date(e) for e in p.dates.find(text, date)]
    if level == "unresolved":
        return [{"name": name} for name in p.process(Document("<text>", text, date)).unresolved]
    raise ValueError(f"Expected a level of {', '.join(LEVELS)}, instead got: {level!r}.")


def load(path: Path) -> dict:
    """One case file, checked: its phenomenon, level and rows."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {"phenomenon", "level", "cases"}:
        raise ValueError(f"{path.name}: expected the keys phenomenon, level, cases, instead got: {sorted(data or {})}")
    if data["level"] not in LEVELS:
        raise ValueError(f"{path.name}: expected a level of {', '.join(LEVELS)}, instead got: {data['level']!r}")
    for i, row in enumerate(data["cases"]):
        extra = set(row) - {"text", "date", "expect", "xfail"}
        if "text" not in row or "expect" not in row or extra or not isinstance(row["expect"], list):
            raise ValueError(f"{path.name}, row {i + 1}: expected text, expect (a list) and optional date, xfail; "
                             f"instead got: {sorted(row)}")
    return data


def show(item: dict) -> str:
    """An item on one line, as the case files write it: ``{count: 5000, unit: troops, ...}``."""
    def value(v):
        if isinstance(v, dict):
            return show(v)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return "null" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
    return "{" + ", ".join(f"{k}: {value(v)}" for k, v in item.items()) + "}"


def files() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


def rows() -> list[tuple[str, int, str, dict]]:
    """(file stem, row number from 1, level, row) of every case of every file."""
    out = []
    for path in files():
        data = load(path)
        out += [(path.stem, i + 1, data["level"], row) for i, row in enumerate(data["cases"])]
    return out
