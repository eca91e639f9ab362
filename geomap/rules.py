"""The rule engine: named rules, written as spaCy token patterns in data files, run as regexes.

A language's rules live in ``geomap/lang/<lang>/rules/<module>.yaml``::

    lists:                      # named word lists
      fire_verbs: [fired, launched, struck]
    rules:
      - id: guards.fired_before     # <file>.<name>, unique
        does: A verb of firing just before a count of missiles: a strike, no deployment.
        where: before               # anywhere | before (ends where the text ends) | after (starts where it starts)
        patterns:                   # spaCy Matcher token patterns, alternatives
          - [{LOWER: {IN: "@fire_verbs"}}, {LOWER: {IN: [a, an, the]}, OP: "?"}]
        fires: ["Iran fired"]       # examples the rule must match; each one is a test
        not: ["Iran moved"]         # examples it must not match

The patterns are spaCy's documented Matcher format (token attributes ``LOWER``, ``ORTH``/``TEXT``
with a string, ``IN``, ``NOT_IN`` or an anchored ``REGEX``; ``IS_DIGIT``, ``LIKE_NUM``, ``IS_TITLE``,
``IS_UPPER``, ``IS_ALPHA``, ``IS_PUNCT``; ``{}`` for any token; ``OP`` ``? * + {n} {n,m}``). Two
conveniences are expanded when a file is read: ``"@name"`` in place of an ``IN`` list names a list
of the same file, ``"@file.name"`` one of another rule file or of a table of ``lexicon.toml``; and a
list entry may hold several words ("an estimated"). tests/test_rules.py runs every example through
this engine and through spaCy's own Matcher and fails where they disagree.

Why not run spaCy's Matcher itself: the pipeline reads character offsets of raw text in every
stage, and spaCy's tokenizer with a Matcher of the rules' patterns reads about a fifth as many
words a second as geomap's whole extraction (benchmarks/bench_spacy_matcher.py; README,
"Architecture: stages, records and rules as data"). Each pattern is therefore compiled once into
a regular expression over the raw text, with the same token boundaries; spaCy stays the
reference the tests hold it to.

Quick pre-checks come from the patterns, never written beside them: ``needs(id)`` gives words
one of which every match holds, per pattern those of one required token. The token is the one a
text holds least often, judged by the language's common words (``common``: lexicon.toml
``[pre_checks] common_words``, the most frequent first; a word's frequency is taken as about
1/rank, a word not on the list as rarer than all of them, a mark as common as the first): "not,
never, no" rather than the forty verbs of "would not deploy", "them" rather than "of" in "of
them", never "the" or "in". Patterns that share a token take it where that is cheaper than their
own choices together (``_needed``). ``could_match`` and the linker's pre-checks read them.

A rule that is switched off (``load(disabled=...)`` or the environment variable
``GEOMAP_DISABLE_RULES=id,id``) never matches: tests/test_rule_coverage.py switches off each rule
in turn and fails if no case table notices.

>>> book = RuleBook.from_data("demo", {"lists": {"verbs": ["fired", "launched"]}, "rules": [
...     {"id": "demo.fired", "does": "a verb of firing", "where": "before",
...      "patterns": [[{"LOWER": {"IN": "@verbs"}}, {"LOWER": {"IN": ["a", "an", "the"]}, "OP": "?"}]],
...      "fires": ["Iran launched"], "not": ["Iran moved"]}]})
>>> bool(book.before("demo.fired", "Iran Launched 30 drones", 14))
True
>>> sorted(book.needs("demo.fired"))
['fired', 'launched']
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .errors import LexiconError
from .patterns import alternation

WHERE = ("anywhere", "before", "after")
_STRING_ATTRS = ("LOWER", "ORTH", "TEXT", "NORM")
_FLAG_ATTRS = {
    "IS_DIGIT": r"\d+",
    "LIKE_NUM": r"\d+(?:[.,]\d+)*",
    "IS_TITLE": r"[^\W\d_a-z][^\W\d_A-Z]*",
    "IS_UPPER": r"[^\W\d_a-z]+",
    "IS_ALPHA": r"[^\W\d_]+",
    "IS_PUNCT": r"[^\w\s]",
}
_ANY_TOKEN = r"(?:[^\W_]+(?:[.,][^\W_]+)*|[^\w\s])"
_OPS = re.compile(r"[?*+!]|\{\d*(?:,\d*)?\}")
_WORDLIKE = re.compile(r"[^\W_]")


def starts_token(text: str, start: int) -> bool:
    """Whether a match at ``start`` starts a token: not a letter or digit right after another.
    (The look-behind a pattern would need is done here: a pattern that starts with its words lets
    the matcher skip ahead to them, see patterns.whole_words.)"""
    return not (start and _WORDLIKE.match(text, start) and _WORDLIKE.match(text, start - 1))


def first_token_match(pattern: re.Pattern, text: str, pos: int = 0, end: int | None = None) -> re.Match | None:
    """The first match of ``pattern`` in ``text[pos:end]`` that starts a token."""
    end = len(text) if end is None else end
    while (m := pattern.search(text, pos, end)) is not None:
        if starts_token(text, m.start()):
            return m
        pos = m.start() + 1
    return None


def token_matches(pattern: re.Pattern, text: str, pos: int = 0, end: int | None = None) -> list[re.Match]:
    """The matches of ``pattern`` in ``text[pos:end]`` that start a token, left to right; for a kept
    pattern (``RuleBook.regex``) in a hot loop that has done its own pre-check."""
    end = len(text) if end is None else end
    out = []
    while (m := pattern.search(text, pos, end)) is not None:
        start = m.start()
        if starts_token(text, start):
            out.append(m)
            pos = max(m.end(), start + 1)
        else:
            pos = start + 1
    return out


_DISABLE_ENV = "GEOMAP_DISABLE_RULES"


@dataclass(frozen=True)
class Rule:
    """One named rule: what it decides, where it applies, its patterns and its examples."""

    id: str
    does: str
    where: str
    patterns: tuple[tuple[dict, ...], ...]  # token patterns, ``@`` references expanded
    fires: tuple[str, ...]
    not_: tuple[str, ...]
    source: str = ""  # the file it was read from
    body: str = field(default="", repr=False)  # the compiled regex, without anchoring
    needs: frozenset[str] | None = None  # one of these words is in every match (lower case)
    needed: tuple[int, ...] = ()  # per pattern, the position of the token they come from
    folded: str | None = field(default=None, repr=False)  # the regex over lower-cased text, if case plays no part


class RuleBook:
    """A language's rules and word lists, compiled once; see the module doc."""

    def __init__(self, rules: dict[str, Rule], lists: dict[str, tuple[str, ...]], disabled: Iterable[str] = ()):
        self.rules = rules
        self.lists = lists
        off = set(disabled) | {i for i in os.environ.get(_DISABLE_ENV, "").split(",") if i.strip()}
        unknown = sorted(i.strip() for i in off if i.strip() not in rules)
        if unknown:
            raise LexiconError(f"rules: cannot switch off unknown rules {', '.join(unknown)}")
        self.disabled = frozenset(i.strip() for i in off)
        self._compiled: dict[tuple[str, str, bool], re.Pattern] = {}
        self._pre: dict[str, re.Pattern | None] = {}
        self._pre_low: dict[str, re.Pattern | None] = {}  # the same, for lower-cased text
        self._word_sets: dict[tuple[str, ...], frozenset[str]] = {}

    @classmethod
    def from_data(
        cls, name: str, data: dict, disabled: Iterable[str] = (), others: Any = None, common: Iterable[str] = ()
    ) -> "RuleBook":
        """A rule book from one file's parsed data (``name`` is the file's name without .yaml)."""
        return cls.from_files({name: data}, disabled=disabled, others=others, common=common)

    @classmethod
    def from_files(
        cls, files: dict[str, dict], disabled: Iterable[str] = (), others: Any = None, common: Iterable[str] = ()
    ) -> "RuleBook":
        """A rule book from parsed rule files by name; ``others`` resolves ``@table.name`` references
        that name no rule file (lexicon.toml's tables); ``common``: the language's most frequent
        words, the most frequent first, which the pre-checks avoid (see ``needs``)."""
        rank: dict[str, int] = {}
        for word in common:
            if not isinstance(word, str) or not word.strip() or word.lower() in rank:
                raise LexiconError(f"common words: expected distinct non-empty words, instead got {word!r}")
            rank[word.lower()] = len(rank) + 1
        lists: dict[str, tuple[str, ...]] = {}
        for name, data in files.items():
            if not isinstance(data, dict) or set(data) - {"lists", "rules"}:
                raise LexiconError(
                    f"rules/{name}.yaml: expected a mapping with 'lists' and 'rules', "
                    f"instead got {sorted(data) if isinstance(data, dict) else type(data).__name__}"
                )
            for key, words in (data.get("lists") or {}).items():
                if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                    raise LexiconError(f"rules/{name}.yaml: list {key}: expected a list of non-empty strings")
                lists[f"{name}.{key}"] = tuple(words)
        rules: dict[str, Rule] = {}
        for name, data in files.items():
            for raw in data.get("rules") or ():
                rule = _read_rule(name, raw, lists, others, rank)
                if rule.id in rules:
                    raise LexiconError(f"rules/{name}.yaml: rule {rule.id} is defined twice")
                rules[rule.id] = rule
        return cls(rules, lists, disabled)

    # -- looking things up -------------------------------------------------------------------

    def __contains__(self, rule_id: str) -> bool:
        return rule_id in self.rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules.values())

    def rule(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise KeyError(f"no rule {rule_id!r}") from None

    def words(self, name: str) -> tuple[str, ...]:
        """The word list ``file.name`` as written."""
        try:
            return self.lists[name]
        except KeyError:
            raise KeyError(f"no word list {name!r}") from None

    def word_set(self, *names: str) -> frozenset[str]:
        """The words of the lists ``names`` together, as a set made once per book: the language's
        month names, speech verbs, abbreviations, ... for membership tests."""
        words = self._word_sets.get(names)
        if words is None:
            words = self._word_sets[names] = frozenset(w for name in names for w in self.words(name))
        return words

    def on(self, rule_id: str) -> bool:
        self.rule(rule_id)
        return rule_id not in self.disabled

    def needs(self, rule_id: str) -> frozenset[str] | None:
        """Words (lower case) one of which every match of the rule holds, or None if the
        patterns require no fixed word; derived from the patterns, for quick pre-checks: per
        pattern, the words of the required token a text holds least often (``_needed``), judged
        by the book's common words."""
        return self.rule(rule_id).needs

    def ends(self, rule_id: str) -> frozenset[str] | None:
        """Words (lower case) one of which ends every match of the rule, or None if the patterns
        end with no fixed word; derived from the patterns (as ``before_search`` derives its
        pre-check), for a caller that reads words rather than text."""
        lasts = _last_words(self.rule(rule_id).patterns)
        return None if lasts is None else frozenset(lasts)

    def could_match(
        self, rule_id: str, text: str, pos: int = 0, endpos: int | None = None, lowered: bool = False
    ) -> bool:
        """False when the rule cannot match in ``text[pos:endpos]`` (its needed words are absent
        or it is switched off): the derived pre-check; ``lowered``: the text is lower-cased."""
        if rule_id in self.disabled:
            return False
        pres = self._pre_low if lowered else self._pre
        pre = pres[rule_id] if rule_id in pres else self._pre_check(rule_id, lowered)
        return pre is None or pre.search(text, pos, len(text) if endpos is None else endpos) is not None

    # -- matching ----------------------------------------------------------------------------
    #
    # Every method takes the text and, optionally, ``low``: the same text lower-cased with its
    # offsets kept (geomap.text.lower_keeping_offsets), made once per article or sentence. A rule
    # in which case plays no part (LOWER words, digits, punctuation) then runs on ``low`` without
    # case-insensitive groups, which Python's matcher skips through several times faster. The
    # match is then one of ``low``: read the original words by its offsets.

    def regex(self, rule_id: str, where: str | None = None, folded: bool = False) -> re.Pattern:
        """The compiled regex of the rule as applied ``where`` (its own by default), for lower-cased
        text if ``folded`` (only for rules in which case plays no part); a switched-off rule's
        never matches. For hot loops that keep the pattern; prefer the methods below."""
        if where is not None:
            pat = self._compiled.get((rule_id, where, folded))
            if pat is not None:
                return pat
        rule = self.rule(rule_id)
        where = where or rule.where
        key = (rule_id, where, folded)
        pat = self._compiled.get(key)
        if pat is None:
            body = rule.folded if folded else rule.body
            if body is None:
                raise ValueError(f"rule {rule_id} depends on case: it cannot run on lower-cased text")
            if rule_id in self.disabled:
                pat = re.compile(r"(?!)")
            elif where == "before":
                pat = re.compile(r"(?<![^\W_])(?:" + body + r")\s*\Z")
            elif where == "after":
                pat = re.compile(r"\s*(?:" + body + ")")
            elif not folded and _starts_words(rule.patterns, _FOLDED):
                # a case-blind first word is tried at every position (no first letter to skip to);
                # the look-behind rules out the positions inside a word at once, as search() would
                pat = re.compile(r"(?<![^\W_])(?:" + body + ")")
            else:
                pat = re.compile("(?:" + body + ")")
            self._compiled[key] = pat
        return pat

    def at_token(self, rule_id: str, folded: bool = False) -> re.Pattern:
        """``regex(rule_id, "anywhere", folded)`` held to start at a token, as ``search`` holds its
        matches, for a hot loop that keeps the pattern and has done the rule's pre-check itself
        (``clauses.Needs``); made once per rule."""
        key = (rule_id, "token", folded)
        pat = self._compiled.get(key)
        if pat is None:
            pat = self._compiled[key] = re.compile(
                r"(?<![^\W_])(?:" + self.regex(rule_id, "anywhere", folded).pattern + ")"
            )
        return pat

    def _pick(self, rule_id: str, where: str, text: str, low: str | None) -> tuple[re.Pattern, str, bool]:
        if low is not None and self.rules[rule_id].folded is not None:
            if len(low) != len(text):
                raise ValueError("low: expected the text lower-cased with its offsets kept")
            return self.regex(rule_id, where, True), low, True
        return self.regex(rule_id, where), text, False

    def search(
        self, rule_id: str, text: str, pos: int = 0, endpos: int | None = None, low: str | None = None
    ) -> re.Match | None:
        """The first match of the rule in ``text[pos:endpos]`` that starts a token."""
        pat, text, lowered = self._pick(rule_id, "anywhere", text, low)
        if not self.could_match(rule_id, text, pos, endpos, lowered):
            return None
        return first_token_match(pat, text, pos, endpos)

    def finditer(
        self, rule_id: str, text: str, pos: int = 0, endpos: int | None = None, low: str | None = None
    ) -> Iterator[re.Match]:
        """Matches of the rule in ``text[pos:endpos]`` that start a token, left to right."""
        pat, text, lowered = self._pick(rule_id, "anywhere", text, low)
        if not self.could_match(rule_id, text, pos, endpos, lowered):
            return
        yield from token_matches(pat, text, pos, endpos)

    def before(self, rule_id: str, text: str, end: int, start: int = 0, low: str | None = None) -> re.Match | None:
        """A match of the rule that ends where ``text[start:end]`` ends (spaces allowed after it)."""
        pat, text, lowered = self._pick(rule_id, "before", text, low)
        if not self.could_match(rule_id, text, start, end, lowered):
            return None
        return pat.search(text, start, end)

    def after(
        self, rule_id: str, text: str, pos: int, endpos: int | None = None, low: str | None = None
    ) -> re.Match | None:
        """A match of the rule that starts at ``pos`` (spaces allowed before it)."""
        if rule_id in self.disabled:
            return None
        pat, text, _ = self._pick(rule_id, "after", text, low)
        return pat.match(text, pos, len(text) if endpos is None else endpos)

    def before_search(self, rule_id: str, folded: bool = False) -> Callable[..., re.Match | None]:
        """``regex(rule_id, "before", folded).search``, for hot loops that keep it, with a pre-check
        derived from the patterns for lower-cased text: a match ends the window (but for spaces)
        with the last word of one of the values its last token can take (or, where that token is
        optional, the token before it), so a window that ends otherwise is passed over without a
        search, which tries every position of it. Takes (text, pos=0, endpos=None)."""
        search = self.regex(rule_id, "before", folded).search
        lasts = _last_words(self.rule(rule_id).patterns) if folded else None
        if not lasts:
            return search

        def checked(text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
            pos = max(pos, 0)
            end = len(text) if endpos is None or endpos > len(text) else endpos
            j = end
            while j > pos and text[j - 1].isspace():  # \s*\Z: the same characters
                j -= 1
            if not text.endswith(lasts, pos, j):
                return None
            return search(text, pos, end)

        return checked

    def applies(self, rule_id: str, text: str, low: str | None = None) -> bool:
        """Whether the rule matches the whole of an example as its ``where`` says."""
        where = self.rule(rule_id).where
        if where == "before":
            return self.before(rule_id, text, len(text), low=low) is not None
        if where == "after":
            return self.after(rule_id, text, 0, low=low) is not None
        return self.search(rule_id, text, low=low) is not None

    def _pre_check(self, rule_id: str, lowered: bool = False) -> re.Pattern | None:
        pres = self._pre_low if lowered else self._pre
        if rule_id not in pres:
            needs = self.rules[rule_id].needs
            if needs is not None and min(map(len, needs)) < 3:
                needs = None  # "a", "in", "of" are in nearly every window: a second scan that rules out little
            if needs is not None and not any(self.rules[rule_id].needed):
                needs = None  # the pattern starts with those words: its own search is the same scan
            # case-blind, needed words that start a word and no clitic: one starts a token that no
            # word runs into, so positions inside a word are ruled out at once (lower-cased text
            # needs none: the matcher skips ahead to the words' first letters)
            rule = self.rules[rule_id]
            head = (
                r"(?<![^\W_])"
                if needs and not lowered and _starts_words(rule.patterns, _STRING_ATTRS, needed=rule.needed)
                else ""
            )
            pres[rule_id] = (
                None
                if needs is None
                else re.compile(
                    head + "(?:" + alternation(needs).replace("\\ ", r"\s+") + ")", 0 if lowered else re.IGNORECASE
                )
            )
        return pres[rule_id]


# -- reading a rule --------------------------------------------------------------------------


def _read_rule(name: str, raw: Any, lists: dict[str, tuple[str, ...]], others: Any, rank: dict[str, int]) -> Rule:
    where_ = f"rules/{name}.yaml"
    if not isinstance(raw, dict):
        raise LexiconError(f"{where_}: expected each rule to be a mapping, instead got {raw!r}")
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid.startswith(name + ".") or not rid[len(name) + 1 :]:
        raise LexiconError(f"{where_}: expected a rule id '{name}.<name>', instead got {rid!r}")
    extra = set(raw) - {"id", "does", "where", "patterns", "fires", "not"}
    if extra:
        raise LexiconError(f"{where_}: rule {rid}: unknown keys {sorted(extra)}")
    does = raw.get("does")
    if not isinstance(does, str) or not does.strip():
        raise LexiconError(f"{where_}: rule {rid}: expected 'does', one sentence saying what it decides")
    where = raw.get("where", "anywhere")
    if where not in WHERE:
        raise LexiconError(f"{where_}: rule {rid}: expected 'where' one of {WHERE}, instead got {where!r}")
    pats = raw.get("patterns")
    if not isinstance(pats, list) or not pats or not all(isinstance(p, list) and p for p in pats):
        raise LexiconError(f"{where_}: rule {rid}: expected 'patterns', a list of token patterns")
    examples = {}
    for key in ("fires", "not"):
        ex = raw.get(key)
        if not isinstance(ex, list) or not ex or not all(isinstance(e, str) for e in ex):
            raise LexiconError(f"{where_}: rule {rid}: expected '{key}', a list of example texts")
        examples[key] = tuple(ex)
    try:
        patterns = tuple(tuple(_expand(tok, name, lists, others) for tok in pat) for pat in pats)
        body = "|".join(_compile_pattern(p) for p in patterns)
        re.compile(body)
        folded = "|".join(_compile_pattern(p, folded=True) for p in patterns) if all(map(_foldable, patterns)) else None
    except (LexiconError, re.error, TypeError, ValueError) as err:
        raise LexiconError(f"{where_}: rule {rid}: {err}") from err
    needed = _needed(patterns, rank)
    return Rule(
        rid,
        does.strip(),
        where,
        patterns,
        examples["fires"],
        examples["not"],
        where_,
        body,
        _needs(patterns, needed),
        needed or (),
        folded,
    )


def _expand(tok: Any, name: str, lists: dict[str, tuple[str, ...]], others: Any) -> dict:
    """A token dict with ``@`` references replaced by their lists."""
    if not isinstance(tok, dict):
        raise LexiconError(f"expected a token to be a mapping, instead got {tok!r}")
    out = {}
    for attr, value in tok.items():
        if isinstance(value, dict):
            value = {k: _resolve(v, name, lists, others) if k in ("IN", "NOT_IN") else v for k, v in value.items()}
        out[attr] = value
    return out


def _resolve(value: Any, name: str, lists: dict[str, tuple[str, ...]], others: Any) -> list[str]:
    if isinstance(value, list):
        if not all(isinstance(v, str) and v for v in value):
            raise LexiconError(f"expected a list of non-empty strings, instead got {value!r}")
        return value
    if not (isinstance(value, str) and value.startswith("@")):
        raise LexiconError(f"expected a list or an @reference, instead got {value!r}")
    ref = value[1:]
    key = ref if "." in ref else f"{name}.{ref}"
    if key in lists:
        return list(lists[key])
    found: Any = others  # a table or list of lexicon.toml: "@qualifiers", "@figures.fire_verbs"
    for part in ref.split("."):
        found = found.get(part) if isinstance(found, dict) else None
    if isinstance(found, dict):
        found = list(found)
    if not isinstance(found, list) or not all(isinstance(v, str) and v for v in found):
        raise LexiconError(
            f"no word list {value} (a list of rules/{key.split('.')[0]}.yaml or a table of lexicon.toml)"
        )
    return found


# -- compiling a token pattern into a regex ---------------------------------------------------


def _foldable(pattern: tuple[dict, ...]) -> bool:
    """True when no token of the pattern depends on case: it can run on lower-cased text."""
    return all(
        attr in ("OP", "LOWER", "NORM", "IS_DIGIT", "LIKE_NUM", "IS_ALPHA", "IS_PUNCT")
        for tok in pattern
        for attr in tok
    )


def _compile_pattern(pattern: tuple[dict, ...], folded: bool = False) -> str:
    parts = []
    for i, tok in enumerate(pattern):
        op = tok.get("OP")
        if op is not None and (not isinstance(op, str) or not _OPS.fullmatch(op) or op == "!"):
            raise LexiconError(f"unsupported OP {op!r} (one of ? * + {{n}} {{n,m}})")
        body = _token(tok, folded)
        nxt = pattern[i + 1] if i + 1 < len(pattern) else None
        if nxt is not None and _clitic(nxt):
            body = body.replace(r"(?![^\W_])", "")  # "do" + "n't", "Russia" + "'s"
        piece = body if i == 0 else r"\s*" + body
        if op and i == 0 and op != "?":
            piece = _repeated_first(body, op)  # spaces between its repetitions, none before the first
        elif op:
            piece = f"(?:{piece}){op}"
        parts.append(piece)
    return "".join(parts)


def _repeated_first(body: str, op: str) -> str:
    """The first token under a repeating OP: "have been trained" is "have", a space, "been"."""
    if op in ("*", "+"):
        low, high = (0 if op == "*" else 1), ""
    else:
        low_s, _, high_s = op[1:-1].partition(",")
        low = int(low_s or 0)
        high = (high_s if "," in op else low_s) if (high_s or "," not in op) else ""
    rest = f"(?:\\s*{body})" + ("{%d,%s}" % (max(low - 1, 0), int(high) - 1 if high else ""))
    if high and int(high) == 0:
        return ""
    return f"(?:{body}{rest})" + ("?" if low == 0 else "")


def _clitic(tok: dict) -> bool:
    values = _literal_values(tok) or []
    return bool(values) and all(v[:1] in "'’" or v.lower().startswith(("n'", "n’")) for v in values)


def _token(tok: dict, folded: bool = False) -> str:
    """The regex of one token: a conjunction of its attributes, kept to token boundaries;
    ``folded``: for lower-cased text (LOWER's words as they are, no case-insensitive groups)."""
    conds = []
    for attr, value in tok.items():
        if attr == "OP":
            continue
        if attr in _STRING_ATTRS:
            conds.append(_string_attr(attr, value, folded))
        elif attr in _FLAG_ATTRS:
            if value is not True:
                raise LexiconError(f"{attr}: only true is supported, instead got {value!r}")
            conds.append(_FLAG_ATTRS[attr])
        else:
            raise LexiconError(f"unsupported token attribute {attr!r}")
    if not conds:
        conds = [_ANY_TOKEN]
    main, *rest = conds
    head = "".join(f"(?={c}(?![^\\W_]))" for c in rest)
    values = _literal_values(tok)
    if tok.get("IS_PUNCT") or (values and not any(_WORDLIKE.match(v[-1]) for v in values)):
        return head + f"(?:{main})"  # a punctuation token: the next token may follow at once ("5,000-strong")
    return head + f"(?:{main})(?![^\\W_])"


def _string_attr(attr: str, value: Any, folded: bool = False) -> str:
    fold = attr in ("LOWER", "NORM")
    scoped = fold and not folded  # case-insensitive group, unless the text is lower-cased already
    if isinstance(value, str):
        text = re.escape(value.lower() if fold else value).replace("\\ ", r"\s+")
        return f"(?i:{text})" if scoped else text
    if not isinstance(value, dict) or len(value) != 1:
        raise LexiconError(f"{attr}: expected a string or one of IN, NOT_IN, REGEX, instead got {value!r}")
    ((op, arg),) = value.items()
    if op == "REGEX":
        if not (isinstance(arg, str) and arg.startswith("^") and arg.endswith("$")):
            raise LexiconError(f"{attr} REGEX: expected an anchored ^...$ expression, instead got {arg!r}")
        inner = arg[1:-1]
        return f"(?i:{inner})" if scoped else f"(?:{inner})"
    words = [w.lower() for w in arg] if fold else list(arg)
    alt = alternation(words).replace("\\ ", r"\s+")
    alt = f"(?i:{alt})" if scoped else f"(?:{alt})"
    if op == "IN":
        return alt
    if op == "NOT_IN":
        return f"(?!{alt}(?![^\\W_])){_ANY_TOKEN}"
    raise LexiconError(f"{attr}: unsupported operator {op!r}")


def _literal_values(tok: dict) -> list[str] | None:
    for attr in _STRING_ATTRS:
        value = tok.get(attr)
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            return value["IN"]
    return None


_FOLDED = ("LOWER", "NORM")


def _starts_words(
    patterns: tuple[tuple[dict, ...], ...], attrs: tuple[str, ...], needed: tuple[int, ...] | None = None
) -> bool:
    """True when every match starts a word at a word's start (not right after a letter or
    digit): per alternative, the first token (``needed``: the token at that position, as the
    rule's ``needed`` gives it) is required, matched by one of ``attrs`` with fixed words that
    start with a letter or digit, and not a clitic (which joins the word before it)."""
    for n, pattern in enumerate(patterns):
        tok = pattern[0] if pattern else None
        if needed is not None:
            tok = pattern[needed[n]] if n < len(needed) else None
        if tok is None or tok.get("OP") not in (None, "+") or _clitic(tok):
            return False
        values = next((_literal_values({a: tok[a]}) for a in attrs if a in tok), None)
        if not values or not all(_WORDLIKE.match(v) for v in values):
            return False
    return True


def _optional(op: str | None) -> bool:
    """True when a token with this OP may match no token at all ("?", "*", "{0,2}", "{,3}")."""
    if op in ("?", "*"):
        return True
    if op and op.startswith("{"):
        low = op[1:-1].split(",")[0].strip()
        return not low or int(low) == 0
    return False


def _last_words(patterns: tuple[tuple[dict, ...], ...]) -> tuple[str, ...] | None:
    """The words (as the lower-cased text has them) one of which ends every match, from the
    last token of each alternative, and the ones before it while those may be left out; None
    when one of them has no fixed words (a REGEX, a flag, any token) or is negated."""
    out: set[str] = set()
    for pattern in patterns:
        i = len(pattern) - 1
        while True:
            if i < 0:
                return None  # every token may be left out
            tok = pattern[i]
            op = tok.get("OP")
            first = next((a for a in tok if a != "OP"), None)
            values = _literal_values(tok) if first in _STRING_ATTRS and op != "!" else None
            if not values:
                return None
            for v in values:
                words = (v.lower() if first in _FOLDED else v).split()
                if not words:
                    return None
                out.add(words[-1])
            if not _optional(op):
                break
            i -= 1
    return tuple(sorted(out))


def _first_words(tok: dict) -> frozenset[str]:
    """The words a token's fixed values start with, lower case ("launched at": "launched");
    empty when it has none (a REGEX, a flag, any token)."""
    return _starts_of(tuple(_literal_values(tok) or ()))


@lru_cache(maxsize=None)
def _starts_of(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(v.lower().split()[0] for v in values if v.split())


def _often(words: frozenset[str], rank: dict[str, int]) -> float:
    """How often a text holds one of ``words``, roughly, for comparing tokens: by Zipf's law a
    word's frequency is about 1/rank, its rank on the common words (``rank``, the most frequent
    first); a word not on them counts as the one after their last; a mark ("," "-") as the first."""
    rarest = 1.0 / (len(rank) + 1)
    return sum(1.0 if not _WORDLIKE.search(w) else 1.0 / rank[w] if w in rank else rarest for w in words)


def _needed(patterns: tuple[tuple[dict, ...], ...], rank: dict[str, int]) -> tuple[int, ...] | None:
    """Per pattern, the position of the required token (OP none or "+") whose fixed words its
    pre-check reads: the one a text holds least often (``_often``; of equals, the one whose
    shortest word is longest, then the first): "them, these, those" rather than "of", "not,
    never, no" rather than forty verbs. A pattern takes instead a token whose words the others
    need already, which adds none; and where one token's words are in every pattern ("events
    in", "events between ... in") and found less often than all the patterns' own choices
    together, each takes that one. None when some pattern has no such token."""
    options: list[list[tuple[int, frozenset[str]]]] = []
    for pattern in patterns:
        found = [
            (i, words) for i, tok in enumerate(pattern) if tok.get("OP") in (None, "+") and (words := _first_words(tok))
        ]
        if not found:
            return None
        options.append(found)
    if all(len(found) == 1 for found in options):
        return tuple(found[0][0] for found in options)  # nothing to choose
    costs: dict[frozenset[str], float] = {}

    def often(words: frozenset[str]) -> float:
        if words not in costs:
            costs[words] = _often(words, rank)
        return costs[words]

    options = [
        sorted(found, key=lambda o: (often(o[1]), -min(map(len, o[1])), o[0])) if len(found) > 1 else found
        for found in options
    ]
    picked = [found[0] for found in options]
    if len(picked) == 1:
        return (picked[0][0],)
    for n, found in enumerate(options):
        others = frozenset().union(*(p[1] for m, p in enumerate(picked) if m != n))
        if not picked[n][1] <= others:
            picked[n] = next((o for o in found if o[1] <= others), picked[n])
    best = often(frozenset().union(*(p[1] for p in picked)))
    for shared in {o[1] for o in options[0]}:
        within = [next((o for o in found if o[1] <= shared), None) for found in options]
        if all(within) and often(shared) < best:
            picked, best = within, often(shared)  # type: ignore[assignment]
    return tuple(p[0] for p in picked)


def _needs(patterns: tuple[tuple[dict, ...], ...], needed: tuple[int, ...] | None) -> frozenset[str] | None:
    """The words one of which every match holds: those of each pattern's needed token."""
    if needed is None:
        return None
    return frozenset().union(*(_first_words(pattern[i]) for pattern, i in zip(patterns, needed)))
