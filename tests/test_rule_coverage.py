"""Every rule is needed: switched off alone, it changes the output of some case-table row.

A rule whose absence no row of tests/cases/*.yaml notices is dead or untested; either way a
change to it could not be caught. Each rule is run against its own rows only: those whose text
its patterns match somewhere (a rule that matches nowhere in a text cannot change what is
read in it). Rows marked xfail are left out: they differ from their expectation anyway.
"""
from __future__ import annotations

import dataclasses
import re

from cases import rows, run_case

from gazetteer import Gazetteer
from geomap import lexicon
from geomap.pipeline import Pipeline
from geomap.rules import RuleBook


def _table() -> list[tuple[str, str, object]]:
    return [(level, row["text"], row.get("date")) for _, _, level, row in rows() if not row.get("xfail")]


def unneeded(book: RuleBook, table, base, pipeline_without) -> list[str]:
    """Rules of ``book`` whose switching off (``pipeline_without(rule_id)``) changes no row."""
    out = []
    for rule in book:
        anywhere = re.compile(rule.body)
        touched = [i for i, (_, text, _) in enumerate(table) if anywhere.search(text) or anywhere.search(text.lower())]
        pipeline = pipeline_without(rule.id)
        if not any(run_case(*table[i], pipeline=pipeline) != base[i] for i in touched):
            out.append(f"{rule.id} ({rule.source})")
    return out


def test_every_rule_is_needed_by_a_case():
    table = _table()
    base = [run_case(*row) for row in table]
    gazetteer = Gazetteer.default()
    missing = unneeded(lexicon.rule_book(), table, base,
                       lambda rule_id: Pipeline(gazetteer, lexicon.load(disabled=frozenset({rule_id}))))
    assert missing == [], ("rules no case table needs: add a row to tests/cases/*.yaml whose output depends on "
                           "each, or remove the rule if it is dead:\n  " + "\n  ".join(missing))


def test_the_check_reports_a_rule_that_decides_nothing():
    """A rule that matches the rows' words but that no code consults is reported, a used one is not."""
    files = dict(lexicon.read_rule_files())
    files["spare"] = {"rules": [{"id": "spare.troops", "does": "matches, decides nothing", "patterns": [[{"LOWER": "troops"}]],
                                 "fires": ["troops"], "not": ["tanks"]}]}
    table = [row for row in _table() if "Xylovka" in row[1]] + [row for row in _table() if "troops" in row[1]][:20]
    base = [run_case(*row) for row in table]
    gazetteer, lex = Gazetteer.default(), lexicon.load()

    def pipeline_without(rule_id):
        book = RuleBook.from_files(files, disabled={rule_id}, others=lexicon.read_toml())
        return Pipeline(gazetteer, dataclasses.replace(lex, rules=book))

    book = RuleBook.from_files({"spare": files["spare"], "pipeline": files["pipeline"]}, others=lexicon.read_toml())
    assert unneeded(book, table, base, pipeline_without) == ["spare.troops (rules/spare.yaml)"]
