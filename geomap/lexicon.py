"""Load and check a language's word lists (geomap/lang/<lang>/lexicon.toml, forces.tsv) and rule book."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from functools import cached_property, lru_cache
from importlib import resources

from gazetteer.store import load_tsv

from .errors import LexiconError
from .patterns import alternation
from .rules import RuleBook


@lru_cache(maxsize=None)
def unit_kinds() -> dict[str, dict]:
    """The kinds of forces a figure counts, in order, with their label, shape and weight
    (geomap/units.toml: the one place a kind is defined)."""
    try:
        table = tomllib.loads((resources.files("geomap") / "units.toml").read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise LexiconError(f"units.toml: {err}") from err
    for kind, row in table.items():
        if not (
            isinstance(row, dict)
            and isinstance(row.get("label"), str)
            and isinstance(row.get("shape"), str)
            and isinstance(row.get("weight"), (int, float))
            and row["weight"] > 0
        ):
            raise LexiconError(
                f"units.toml [{kind}]: expected a label, a shape and a positive weight, instead got {row!r}"
            )
    return table


UNIT_KINDS = tuple(unit_kinds())
QUALIFIER_BOUNDS = ("about", "max", "min", "exact")


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, str]  # lower-case phrase -> unit kind
    people_nouns: frozenset[str]
    military_verbs: frozenset[str]
    not_forces_after: tuple[str, ...]
    not_forces_before: frozenset[str]
    not_units: frozenset[str]
    ones: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, tuple[int, int]]
    qualifiers: dict[str, str]
    location_preps: frozenset[str]
    origin_preps: frozenset[str]
    object_verbs: frozenset[str]
    host_verbs: frozenset[str]
    false_preps: tuple[str, ...]
    border_nouns: frozenset[str]
    not_force_nouns: frozenset[str]
    actor_verbs: frozenset[str]
    status: tuple[tuple[str, tuple[str, ...]], ...]
    titles: frozenset[str]
    modifiers: frozenset[str]
    generic_places: frozenset[str]
    never_places: frozenset[str]
    strong_nouns: frozenset[str]
    count_after: tuple[str, ...]
    count_after_number: tuple[str, ...]
    count_to_verbs: tuple[str, ...]
    loss_verbs: tuple[str, ...]  # figures that are no deployment (figures.py)
    loss_nouns: tuple[str, ...]
    loss_counts: tuple[str, ...]
    fire_verbs: tuple[str, ...]
    transfer_words: tuple[str, ...]
    raise_words: tuple[str, ...]
    force_nouns: tuple[str, ...]
    general_words: tuple[str, ...]
    whole_force_nouns: tuple[str, ...]
    whole_force_counts: tuple[str, ...]
    not_after_units: tuple[str, ...]
    force_of_nouns: tuple[str, ...]
    label_nouns: tuple[str, ...]
    front_words: tuple[str, ...]
    designations: dict[str, tuple[str, ...]]  # unit kind -> designation prefixes, case as written
    demonyms: dict[str, str]  # "Russian" -> "RU" (case as written)
    forces: dict[str, tuple[str, str]]  # "NATO" -> ("NATO", "alliance"), "Kremlin" -> ("RU", "seat")
    linking: dict[str, tuple[str, ...]] = None  # the [linking] word lists, by name (geomap/linking.py)
    force_areas: dict[str, str] = None  # a mission's or group's name -> the ISO code of the country it is in
    rules: RuleBook = None  # the named rules of geomap/lang/<lang>/rules/*.yaml (geomap/rules.py)
    tables: dict = None  # lexicon.toml as read: precision.py and eventdates.py take their tables from it

    def derived(self, name: str, make: Callable[[dict], Any]) -> Any:
        """What ``make`` reads from this lexicon's tables (lexicon.toml's as shipped when it has
        none), made once per lexicon under ``name``: precision's and event dates' tables."""
        made = self.__dict__.setdefault("_derived", {})  # a frozen record's cache, as cached_property's
        if name not in made:
            made[name] = make(self.tables if self.tables is not None else read_toml())
        return made[name]

    @cached_property
    def force_pattern(self) -> re.Pattern:
        """Every force name of forces.tsv, either apostrophe ("People's", "People’s"), longest
        first: the one scan for them per article (use it with ``patterns.whole_words``)."""
        return re.compile(r"(" + alternation(self.forces).replace("'", "['’]") + r")(?![\w-])")


def _words(section: dict, name: str, where: str) -> list[str]:
    value = section.get(name)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LexiconError(f"lexicon [{where}] {name}: expected a list of non-empty strings, instead got {value!r}")
    return [v.lower() for v in value]


def _designations(table: dict) -> dict[str, tuple[str, ...]]:
    out = {}
    for kind, prefixes in table.items():
        if kind not in UNIT_KINDS:
            raise LexiconError(f"lexicon [figures.designations]: expected one of {UNIT_KINDS}, instead got {kind!r}")
        if not isinstance(prefixes, list) or not all(isinstance(p, str) and p for p in prefixes):
            raise LexiconError(
                f"lexicon [figures.designations] {kind}: expected a list of non-empty strings, instead got {prefixes!r}"
            )
        out[kind] = tuple(prefixes)
    return out


LANGUAGE = "en"  # the language of the bundled rules; a second one is a folder beside geomap/lang/en


def lang_dir(lang: str = LANGUAGE):
    """The folder of a language's data: lexicon.toml, forces.tsv and rules/*.yaml."""
    return resources.files("geomap") / "lang" / lang


@lru_cache(maxsize=None)
def read_toml(lang: str = LANGUAGE) -> dict:
    """The parsed lexicon.toml of ``lang`` (one read per process; callers must not change it)."""
    raw = (lang_dir(lang) / "lexicon.toml").read_bytes()
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise LexiconError(f"lexicon.toml: {err}") from err


@lru_cache(maxsize=None)
def read_rule_files(lang: str = LANGUAGE) -> dict[str, dict]:
    """The parsed rule files of ``lang`` by name (``figures`` for rules/figures.yaml)."""
    import yaml  # PyYAML; the C loader when it is built

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = {}
    folder = lang_dir(lang) / "rules"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name) if folder.is_dir() else ():
        if not entry.name.endswith(".yaml"):
            continue
        try:
            files[entry.name[:-5]] = yaml.load(entry.read_text(encoding="utf-8"), Loader=loader) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as err:
            raise LexiconError(f"rules/{entry.name}: {' '.join(str(err).split())}") from err
    return files


def rule_book(lang: str = LANGUAGE, disabled: frozenset[str] = frozenset()) -> RuleBook:
    """The rule book of ``lang`` with the rules named in ``disabled`` switched off, made once per
    process (the sentence splitter's and the lexicon's are one book, compiled once)."""
    return _rule_book(lang, frozenset(disabled))


@lru_cache(maxsize=None)
def _rule_book(lang: str, disabled: frozenset[str]) -> RuleBook:
    tables = read_toml(lang)
    return RuleBook.from_files(
        read_rule_files(lang),
        disabled=disabled,
        others=tables,
        common=tables.get("pre_checks", {}).get("common_words", ()),
    )


@lru_cache(maxsize=None)
def load(lang: str = LANGUAGE, disabled: frozenset[str] = frozenset()) -> Lexicon:
    """The word lists and rule book of ``lang`` shipped with geomap, checked once per process.

    ``disabled`` names rules that never match (the rule-coverage test switches each off in turn).
    """
    data = read_toml(lang)
    units: dict[str, str] = {}
    for kind, phrases in data["units"].items():
        if kind not in UNIT_KINDS:
            raise LexiconError(f"lexicon [units]: expected one of {UNIT_KINDS}, instead got {kind!r}")
        for phrase in _words(data["units"], kind, "units"):
            if phrase in units and units[phrase] != kind:
                raise LexiconError(f"lexicon [units]: {phrase!r} is both {units[phrase]} and {kind}")
            units[phrase] = kind
    nums = data["numbers"]
    vague = {}
    for phrase, bounds in data["vague"].items():
        if not (isinstance(bounds, list) and len(bounds) == 2 and bounds[0] <= bounds[1]):
            raise LexiconError(f"lexicon [vague] {phrase}: expected [low, high], instead got {bounds!r}")
        vague[phrase.lower()] = (int(bounds[0]), int(bounds[1]))
    qualifiers = {}
    for phrase, bound in data["qualifiers"].items():
        if bound not in QUALIFIER_BOUNDS:
            raise LexiconError(
                f"lexicon [qualifiers] {phrase}: expected one of {QUALIFIER_BOUNDS}, instead got {bound!r}"
            )
        qualifiers[phrase.lower()] = bound
    status = tuple((name, tuple(_words(data["status"], name, "status"))) for name in data["status"])
    ctx, preps, dem, act = data["context"], data["prepositions"], data["demonyms"], data["actors"]
    sources = resources.files("gazetteer") / "sources"
    demonyms = {row["word"]: row["cc"] for row in load_tsv(sources / "demonyms.tsv")}
    force_rows = load_tsv(lang_dir(lang) / "forces.tsv")
    forces = {row["name"]: (row["force"], row["kind"]) for row in force_rows}
    return Lexicon(
        units=units,
        people_nouns=frozenset(_words(ctx, "people_nouns", "context")),
        military_verbs=frozenset(_words(ctx, "military_verbs", "context")),
        not_forces_after=tuple(_words(ctx, "not_forces_after", "context")),
        not_forces_before=frozenset(_words(ctx, "not_forces_before", "context")),
        not_units=frozenset(_words(ctx, "not_units", "context")),
        ones={k: int(v) for k, v in nums["ones"].items()},
        tens={k: int(v) for k, v in nums["tens"].items()},
        scales={k: int(v) for k, v in nums["scales"].items()},
        vague=vague,
        qualifiers=qualifiers,
        location_preps=frozenset(_words(preps, "location", "prepositions")),
        origin_preps=frozenset(_words(preps, "origin", "prepositions")),
        object_verbs=frozenset(_words(preps, "object_verbs", "prepositions")),
        host_verbs=frozenset(_words(preps, "host_verbs", "prepositions")),
        false_preps=tuple(_words(preps, "false", "prepositions")),
        border_nouns=frozenset(_words(dem, "border_nouns", "demonyms")),
        not_force_nouns=frozenset(_words(dem, "not_force_nouns", "demonyms")),
        actor_verbs=frozenset(_words(act, "verbs", "actors")),
        status=status,
        titles=frozenset(_words(data["people"], "titles", "people")),
        generic_places=frozenset(_words(data["places"], "generic", "places")),
        never_places=frozenset(data["places"]["never"]),
        modifiers=frozenset(_words(data["figures"], "modifiers", "figures")),
        strong_nouns=frozenset(_words(data["figures"], "strong_nouns", "figures")),
        count_after=tuple(_words(data["figures"], "count_after", "figures")),
        count_after_number=tuple(_words(data["figures"], "count_after_number", "figures")),
        count_to_verbs=tuple(_words(data["figures"], "count_to_verbs", "figures")),
        loss_verbs=tuple(_words(data["figures"], "loss_verbs", "figures")),
        loss_nouns=tuple(_words(data["figures"], "loss_nouns", "figures")),
        loss_counts=tuple(_words(data["figures"], "loss_counts", "figures")),
        fire_verbs=tuple(_words(data["figures"], "fire_verbs", "figures")),
        transfer_words=tuple(_words(data["figures"], "transfer_words", "figures")),
        raise_words=tuple(_words(data["figures"], "raise_words", "figures")),
        force_nouns=tuple(_words(data["figures"], "force_nouns", "figures")),
        general_words=tuple(_words(data["figures"], "general_words", "figures")),
        whole_force_nouns=tuple(_words(data["figures"], "whole_force_nouns", "figures")),
        whole_force_counts=tuple(_words(data["figures"], "whole_force_counts", "figures")),
        not_after_units=tuple(_words(data["figures"], "not_after_units", "figures")),
        force_of_nouns=tuple(_words(data["figures"], "force_of_nouns", "figures")),
        label_nouns=tuple(_words(data["figures"], "label_nouns", "figures")),
        front_words=tuple(_words(data["figures"], "front_words", "figures")),
        designations=_designations(data["figures"].get("designations", {})),
        demonyms=demonyms,
        forces=forces,
        force_areas={row["name"]: row["area"] for row in force_rows if row.get("area")},
        linking={name: tuple(_words(data["linking"], name, "linking")) for name in data.get("linking", {})},
        rules=rule_book(lang, disabled),
        tables=data,
    )


class NumberWords:
    """The number grammar's own words, lexicon.toml ``[numbers]`` (see there), checked."""

    def __init__(self, tables: dict):
        nums = tables.get("numbers")
        if not isinstance(nums, dict):
            raise LexiconError("lexicon [numbers]: expected a table")

        def values(name: str) -> dict[str, int]:
            value = nums.get(name)
            if (
                not isinstance(value, dict)
                or not value
                or not all(isinstance(v, int) and v > 0 for v in value.values())
            ):
                raise LexiconError(
                    f"lexicon [numbers] {name}: expected a table of words to whole numbers, instead got {value!r}"
                )
            return {k.lower(): v for k, v in value.items()}

        def words(name: str) -> list[str]:
            value = nums.get(name)
            if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
                raise LexiconError(f"lexicon [numbers] {name}: expected a list of words, instead got {value!r}")
            return [v.lower() for v in value]

        self.after_digits = values("after_digits")
        self.suffix_spaced = values("suffix_spaced")
        self.suffix_glued = values("suffix_glued")
        self.digits_only = frozenset(words("digits_only"))
        self.range_open, self.range_join, self.range_marks = (
            words("range_open"),
            words("range_join"),
            words("range_marks"),
        )
        self.one_of, self.one_of_scales = words("one_of"), words("one_of_scales")
        self.scale_join, self.scale_join_after = frozenset(words("scale_join")), words("scale_join_after")


def number_words(lexicon: Lexicon) -> NumberWords:
    """The number grammar's own words of ``lexicon`` (``[numbers]``), read once per lexicon."""
    return lexicon.derived("number_words", NumberWords)
