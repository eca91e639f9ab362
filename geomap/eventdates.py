"""The date a figure's own sentence gives it: "in April", "on Tuesday", "last month", "in 2014".

A deployment's ``date`` is its article's. Where the sentence dates the figure, this stage
adds ``event_date`` as precise as the text (``YYYY-MM-DD`` for a day or, for a week, its
Monday; ``YYYY-MM``; ``YYYY``), its grain (``day``, ``week``, ``month``, ``year``) and the
words (``event_date_text``). Relative words ("last month", "on Tuesday", "in April") are
resolved against the article's date; without one they stay unresolved (``event_date``
None, the words kept): nothing is invented. A month or day without its year is the latest
one on or before the article's date, or for a planned deployment the first on or after it.

Of the dates in the sentence the nearest to the figure is taken, unless another count
stands between them ("100,000 troops, up from 90,000 in April": April is the 90,000's).
A figure whose date ends more than ``historical_days`` (365) before the article's is
background and gets status ``historical``; one dated "since" a year never is.

The words are data: the ``[event_dates]`` table of geomap/lang/en/lexicon.toml.

>>> from geomap.model import Document
>>> from geomap.pipeline import Pipeline
>>> d = Pipeline().process(Document("a", "Russia sent 5,000 troops to Belarus last month.", "2022-02-10")).deployments[0]
>>> d.event_date, d.event_grain, d.event_date_text
('2022-01', 'month', 'last month')
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from .errors import LexiconError
from .lexicon import Lexicon, load
from .model import Deployment
from .patterns import alternation

Day = date  # the type, by a name that EventDate's field `date` does not hide

GRAINS = ("day", "week", "month", "year")
_YEAR = r"(?:19|20)\d\d(?![\d])(?!,\d)"
# a count between a date and the figure makes the date the count's; a year is no count
_COUNT = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{3,})(?![\w,]|\.\d)")
_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)$")


@dataclass(frozen=True, slots=True)
class EventDate:
    """A date read in a sentence: ``text[start:end]`` (offsets in the sentence)."""

    start: int
    end: int
    text: str
    date: str | None  # None: relative words and no article date to resolve them against
    grain: str
    since: bool = False  # "since 2014": the figure holds from then on
    last: Day | None = None  # the last day of the period, for the test of background figures


class _Words:
    """The ``[event_dates]`` table, checked."""

    def __init__(self, table: dict):
        def ints(name: str) -> dict[str, int]:
            value = table.get(name)
            if not isinstance(value, dict) or not all(isinstance(v, int) for v in value.values()):
                raise LexiconError(
                    f"lexicon [event_dates] {name}: expected a table of words to integers, instead got {value!r}"
                )
            return {k.lower(): v for k, v in value.items()}

        def words(name: str) -> list[str]:
            value = table.get(name)
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise LexiconError(
                    f"lexicon [event_dates] {name}: expected a list of non-empty strings, instead got {value!r}"
                )
            return [v.lower() for v in value]

        self.months = ints("months")
        if set(self.months.values()) != set(range(1, 13)):
            raise LexiconError("lexicon [event_dates] months: expected every month 1..12")
        self.weekdays = ints("weekdays")
        self.before = words("before")
        self.since = frozenset(words("since"))
        self.shift = ints("shift")
        self.days = ints("days")

        def grains(name: str) -> dict[str, str]:
            value = table.get(name)
            if not isinstance(value, dict) or not set(value.values()) <= set(GRAINS):
                raise LexiconError(
                    f"lexicon [event_dates] {name}: expected words to one of {GRAINS}, instead got {value!r}"
                )
            return {k.lower(): v for k, v in value.items()}

        self.periods = grains("periods")
        self.shift_periods = grains("shift_periods")
        self.ago = words("ago")
        self.counts_back = ints("counts_back")
        self.seasons = words("seasons")
        self.date_of = words("date_of")
        days = table.get("historical_days")
        if not isinstance(days, int) or days < 0:
            raise LexiconError(
                f"lexicon [event_dates] historical_days: expected a whole number of days, instead got {days!r}"
            )
        self.historical_days: int = days


def words(lexicon: Lexicon | None = None) -> _Words:
    """The ``[event_dates]`` words of ``lexicon`` (the shipped one by default), read once per lexicon."""
    return (lexicon or load()).derived("event_dates", _read_words)


def _read_words(tables: dict) -> _Words:
    table = tables.get("event_dates")
    if not isinstance(table, dict):
        raise LexiconError("lexicon.toml: expected an [event_dates] table")
    return _Words(table)


def _capitalised(names) -> str:
    # month and weekday names count only when capitalised: "troops march", "may deploy"
    return alternation({n[:1].upper() + n[1:] for n in names} | {n.upper() for n in names if len(n) > 3})


class DateFinder:
    """Finds the date words of a sentence and resolves them against an article's date."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.rules = (lexicon or load()).rules
        w = self.words = words(lexicon)
        # a month's name written out, or cut short ("Sept", "Jan."; a dot may follow): the start of a
        # longer name of the same month
        full = [
            m for m in w.months if not any(o != m and o.startswith(m) and w.months[o] == w.months[m] for o in w.months)
        ]
        month = r"(?:" + _capitalised(full) + r"|(?:" + _capitalised(set(w.months) - set(full)) + r")\.?)"
        weekday = r"(?:" + _capitalised(w.weekdays) + r")"
        ones = words_of_numbers(lexicon)
        number = r"(?:\d{1,3}|(?i:" + alternation(ones) + r"))"
        ordinal = alternation(self.rules.words("figures.ordinal_suffixes"))  # "3rd"
        the = alternation(self.rules.words("text.articles"))
        of = alternation(w.date_of)
        day = r"(?P<day{0}>[0-3]?\d)(?:" + ordinal + r")?"
        # the date itself; the word before it ("in", "since", "last") is read apart, from the
        # text just before the match: a pattern that tried every word before at every position
        # took 1.6 µs a character
        parts = [
            # "March 3, 2023", "Tuesday, March 3"
            r"\b(?:"
            + weekday
            + r",?\s+)?(?P<mon_a>"
            + month
            + r")\s+"
            + day.format("_a")
            + r"\b(?:,?\s+(?P<yr_a>"
            + _YEAR
            + r"))?",
            # "3 March 2023", "the 3rd of March"
            r"\b(?:(?:" + the + r")\s+)?" + day.format("_b") + r"\s+(?:(?:" + of + r")\s+)?(?P<mon_b>" + month + r")\b"
            r"(?:,?\s+(?P<yr_b>" + _YEAR + r"))?",
            # "March 2023", "April" (with a word before it)
            r"\b(?P<mon_c>" + month + r")(?![\w])(?:,?\s+(?:(?:" + of + r")\s+)?(?P<yr_c>" + _YEAR + r"))?",
            # "2014", "the spring of 2021" (with a word before it)
            r"\b(?:(?:"
            + the
            + r")\s+(?i:"
            + alternation(w.seasons)
            + r")\s+(?:"
            + of
            + r")\s+)?(?P<yr_d>"
            + _YEAR
            + r")",
            # "Tuesday"
            r"\b(?P<wd>" + weekday + r")\b",
            # "last month", "earlier this year"
            r"\b(?P<shift>(?i:"
            + alternation(w.shift)
            + r"))\s+(?P<per_f>(?i:"
            + alternation(w.shift_periods)
            + r"))\b(?!-)",
            # "yesterday"
            r"\b(?P<dayword>(?i:" + alternation(w.days) + r"))\b",
            # "two weeks ago"
            r"\b(?P<n>"
            + number
            + r")\s+(?P<per_h>(?i:"
            + alternation(w.periods)
            + r"))\s+(?i:"
            + alternation(w.ago)
            + r")\b",
        ]
        self.before = re.compile(r"(?<![\w-])(?P<pre>(?i:" + alternation(w.before) + r"))[\s-]+\Z")
        self.pattern = re.compile("|".join(f"(?:{p})" for p in parts))
        # what each form cannot do without, of what the cheap test below finds: a month's or
        # weekday's name, a year, or a word of a relative form; a sentence is read with the forms
        # it holds the makings of, in the same order (the same matches: a form left out cannot match)
        self._parts = tuple(zip(parts, (_NAMES, _NAMES, _NAMES, _YEARS, _NAMES, _WORDS, _WORDS, _WORDS)))
        self._variants: dict[int, re.Pattern] = {_NAMES | _YEARS | _WORDS: self.pattern}
        self._no_groups = dict.fromkeys(self.pattern.groupindex)
        # and no form starts more words before the first of its makings than this: "the 3rd of
        # March", "the spring of 2021" (three), a shift ("earlier this year"), a day word ("the
        # day before"), a number and its period before "ago" ("a couple of weeks ago": four);
        # the words of a form are apart by spaces
        self._reach = max(
            3,
            *(len(k.split()) for k in w.shift),
            *(d.split().index(max(d.split(), key=len)) for d in w.days),
            1 + max(len(k.split()) for k in ones),
        )
        self._words_back = re.compile(r"(?:\s+\S+){0,%d}" % self._reach)
        # the cheap test before the pattern, derived from the same words: every form of date
        # holds a month's or weekday's name (capitalised), a year, or a word its relative form
        # cannot do without (the period after a shift, the longest word of a day word, "ago")
        needed = {*w.shift_periods, *w.ago, *(max(d.split(), key=len) for d in w.days)}
        self.maybe = re.compile(
            r"(?<![\w])(?:"
            + _capitalised([*w.months, *w.weekdays])
            + r")|"
            + _YEAR
            + r"|(?i:\b(?:"
            + alternation(needed)
            + r")\b)"
        )
        # the same test in two searches for ASCII text: the names and years as written, the words
        # on the text lower-cased, where a pattern blind to case would try each of them at every position
        folded = {n.lower() for n in needed}
        self._maybe_names = re.compile(r"(?:" + _capitalised([*w.months, *w.weekdays]) + r")")  # (?<![\w]) read apart
        self._maybe_year = re.compile(_YEAR)
        # (\b read apart before the words: a pattern that starts with its words lets the matcher
        # skip ahead to their first letters)
        self._maybe_words = (
            re.compile(r"(?:" + alternation(folded) + r")\b")
            if all(n.isascii() and n[:1].isalnum() for n in folded)
            else None
        )
        self.months = {k.lower().rstrip("."): v for k, v in w.months.items()}
        self.ones = ones
        # the last sentence read (sentence, article date, planned, its dates, its relative clauses)
        self._last: tuple[str, str | None, bool, list[EventDate], list[tuple[int, int]]] | None = None

    # -- reading ---------------------------------------------------------------------------
    def find(self, sentence: str, article: str | None, planned: bool = False) -> list[EventDate]:
        """Every date of ``sentence``, resolved against the article's date ``article``."""
        return self._find(sentence, article, planned, self.pattern)

    def _find(
        self, sentence: str, article: str | None, planned: bool, pattern: re.Pattern, pos: int = 0
    ) -> list[EventDate]:
        """:meth:`find` with ``pattern`` (``_variant``'s), from ``pos`` (where a date can start at the earliest)."""
        today = _parse(article)
        out = []
        for m in pattern.finditer(sentence, pos):
            g = m.groupdict()
            if pattern is not self.pattern:  # a variant without some forms: their groups matched nothing
                g = {**self._no_groups, **g}
            start, pre = m.start(), None
            if not (g["shift"] or g["dayword"] or g["n"]):
                b = self.before.search(sentence, max(0, start - 24), start)
                if b:
                    start, pre = b.start(), b.group("pre").lower()
            if (g["mon_c"] and not (pre or g["yr_c"])) or (g["yr_d"] and not pre):
                continue  # "May" alone may be a verb, "2014" alone a count
            found = self._resolve(g, pre, today, planned)
            if found is None:
                continue
            when, grain = found
            out.append(
                EventDate(
                    start,
                    m.end(),
                    sentence[start : m.end()],
                    _format(when, grain) if when else None,
                    grain,
                    since=pre in self.words.since,
                    last=_last_day(when, grain) if when else None,
                )
            )
        return out

    def _resolve(self, g: dict, pre: str | None, today: date | None, planned: bool):
        """(first day of the period or None, grain); None when the words make no date."""
        # the word before looks back ("last May": -1) or ahead ("next Monday": 1), as its shift says
        way = self.words.shift.get(pre, 0) if pre else 0
        future = (planned or way > 0) and way >= 0
        if g["mon_a"] or g["mon_b"]:
            mon = self.months[(g["mon_a"] or g["mon_b"]).lower().rstrip(".")]
            d = int(g["day_a"] or g["day_b"])
            year = g["yr_a"] or g["yr_b"]
            if year:
                return _safe(int(year), mon, d), "day"
            if today is None:
                return None, "day"
            days = [c for c in (_safe(y, mon, d) for y in (today.year - 1, today.year, today.year + 1)) if c]
            return _nearest(days, today, future), "day"
        if g["mon_c"]:
            mon = self.months[g["mon_c"].lower().rstrip(".")]
            if g["yr_c"]:
                return date(int(g["yr_c"]), mon, 1), "month"
            if today is None:
                return None, "month"
            this = date(today.year, today.month, 1)
            months = [date(y, mon, 1) for y in (today.year - 1, today.year, today.year + 1)]
            if way < 0:
                months = [c for c in months if c < this]
            return _nearest(months, this, future), "month"
        if g["yr_d"]:
            return date(int(g["yr_d"]), 1, 1), "year"
        if g["wd"]:
            if today is None:
                return None, "day"
            wd = self.words.weekdays[g["wd"].lower()]
            if future:
                ahead = (wd - today.weekday()) % 7 or (7 if way > 0 else 0)
                return today + timedelta(days=ahead), "day"
            back = (today.weekday() - wd) % 7 or (7 if way < 0 else 0)
            return today - timedelta(days=back), "day"
        if g["shift"]:
            n, grain = self.words.shift[g["shift"].lower()], self.words.shift_periods[g["per_f"].lower()]
            return (_move(today, grain, n) if today else None), grain
        if g["dayword"]:
            n = self.words.days[g["dayword"].lower()]
            return (today + timedelta(days=n) if today else None), "day"
        if g["n"]:
            word = g["n"].lower()
            ago = int(word) if word.isdigit() else self.ones.get(word)
            if not ago:
                return None
            grain = self.words.periods[g["per_h"].lower()]
            return (_move(today, grain, -ago) if today else None), grain
        return None

    def date(self, d: Deployment) -> Deployment:
        """``d`` with the date its sentence gives the figure, if any (and status historical if background)."""
        changes = self.changes(d)
        return replace(d, **changes) if changes else d

    def _maybe(self, sentence: str) -> bool:
        """``self.maybe.search(sentence)``, as a truth value."""
        return bool(self._makings(sentence)[0])

    def _makings(self, sentence: str) -> tuple[int, int]:
        """What of a date ``sentence`` holds (``_NAMES``, ``_YEARS``, ``_WORDS``, or'ed; 0 when
        ``self.maybe`` finds nothing) and where the first of them starts: for ASCII text, three
        quick searches, the names and the words held to start a word apart from the pattern
        (see ``_starts_word``)."""
        if self._maybe_words is None or not sentence.isascii():
            return (_NAMES | _YEARS | _WORDS if self.maybe.search(sentence) is not None else 0), 0
        found, first = 0, len(sentence)
        year = self._maybe_year.search(sentence)
        if year is not None:
            found, first = _YEARS, year.start()
        at = _starts_word(self._maybe_words.search, sentence.lower())
        if at >= 0:
            found, first = found | _WORDS, min(first, at)
        at = _starts_word(self._maybe_names.search, sentence)
        if at >= 0:
            found, first = found | _NAMES, min(first, at)
        return found, first

    def _start(self, sentence: str, first: int) -> int:
        """Where a date can start at the earliest in ``sentence`` whose first making of a date
        is at ``first``: ``_reach`` words before it (a making that follows no space starts any
        form it is in, as no form holds one after another making); read backwards over at most
        80 characters, from the start where those do not hold the words."""
        lo = max(0, first - 80)
        back = self._words_back.match(sentence[lo:first][::-1])
        if back is None or not back.end():
            return first
        if lo and (back.end() == first - lo or len(back.group().split()) < self._reach):
            return 0
        return first - back.end()

    def _variant(self, makings: int) -> re.Pattern:
        """The pattern of the forms of date whose makings are in ``makings``."""
        pattern = self._variants.get(makings)
        if pattern is None:
            pattern = self._variants[makings] = re.compile(
                "|".join(f"(?:{p})" for p, needs in self._parts if needs & makings)
            )
        return pattern

    def _read(self, sentence: str, article: str | None, planned: bool) -> tuple[list[EventDate], list[tuple[int, int]]]:
        """The dates of ``sentence`` and its relative clauses (none when it dates nothing), kept
        for the next deployment of the same sentence (a figure's several places, several figures)."""
        last = self._last
        if last is not None and last[0] == sentence and last[1] == article and last[2] == planned:
            return last[3], last[4]
        makings, first = self._makings(sentence)
        found = (
            self._find(sentence, article, planned, self._variant(makings), self._start(sentence, first))
            if makings
            else []
        )
        clauses = (
            [
                (m.start(), _clause_end(sentence, m.end()))
                for m in self.rules.finditer("eventdates.relative_clause", sentence)
            ]
            if found
            else []
        )
        self._last = (sentence, article, planned, found, clauses)
        return found, clauses

    def changes(self, d: Deployment) -> dict:
        """The fields :meth:`date` sets on ``d`` (none when its sentence dates nothing)."""
        sentence = d.quote
        found, clauses = self._read(sentence, d.date, d.status == "planned")
        if not found:
            return {}
        fs, fe = d.figure.start - d.quote_start, d.figure.end - d.quote_start
        best: EventDate | None = None
        best_dist: int | None = None
        for e in found:
            if e.start < fe and e.end > fs:
                continue  # inside the figure
            if any(cs <= e.start < ce and not cs <= fs < ce for cs, ce in clauses):
                continue  # in a relative clause the figure is outside of: it dates what the clause tells
            a, b = (e.end, fs) if e.end <= fs else (fe, e.start)
            if any(not _is_year(m.group(0)) for m in _COUNT.finditer(sentence, a, b)):
                continue  # another count stands between: the date is its
            dist = b - a
            if best_dist is None or dist < best_dist:
                best, best_dist = e, dist
        if best is None:
            return {}
        status = d.status
        today = _parse(d.date)
        if best.last and today and not best.since and (today - best.last).days > self.words.historical_days:
            status = "historical"
        return {
            "event_date": best.date,
            "event_grain": best.grain if best.date else None,
            "event_date_text": best.text.strip(),
            "status": status,
        }


_NAMES, _YEARS, _WORDS = 1, 2, 4  # the makings of a date (DateFinder._makings)


def _starts_word(search, text: str) -> int:
    """Where ``search`` (a compiled pattern's) first finds a match in ``text`` that starts a
    word: at the start or after a character that is no letter, digit or "_"; -1 if nowhere."""
    pos = 0
    while (m := search(text, pos)) is not None:
        at = m.start()
        if not at or not text[at - 1].isalnum() and text[at - 1] != "_":
            return at
        pos = at + 1
    return -1


def words_of_numbers(lexicon: Lexicon | None = None) -> dict[str, int]:
    """Number words a count of periods back is written with ("two weeks ago")."""
    lex = lexicon or load()
    return {**lex.ones, **lex.tens, **words(lexicon).counts_back}


def _is_year(s: str) -> bool:
    return len(s) == 4 and s[:2] in ("19", "20")


def _clause_end(sentence: str, start: int) -> int:
    """Where a clause that starts before ``start`` ends: the next comma, or the sentence's end."""
    comma = sentence.find(",", start)
    return comma if comma >= 0 else len(sentence)


@lru_cache(maxsize=256)
def _parse(iso: str | None) -> date | None:
    m = _ISO.match(iso or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest(candidates: list[date], today: date, future: bool) -> date:
    """The latest candidate on or before ``today`` (the earliest on or after it, for the future)."""
    if future:
        after = [c for c in candidates if c >= today]
        if after:
            return min(after)
    before = [c for c in candidates if c <= today]
    return max(before) if before else min(candidates)


def _move(today: date, grain: str, n: int) -> date:
    """The first day of the period ``n`` periods of ``grain`` from the one holding ``today``."""
    if grain == "day":
        return today + timedelta(days=n)
    if grain == "week":
        return today - timedelta(days=today.weekday()) + timedelta(weeks=n)
    if grain == "month":
        k = today.year * 12 + today.month - 1 + n
        return date(k // 12, k % 12 + 1, 1)
    return date(today.year + n, 1, 1)


def _last_day(first: date, grain: str) -> date:
    if grain == "day":
        return first
    if grain == "week":
        return first + timedelta(days=6)
    if grain == "month":
        return date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return date(first.year, 12, 31)


def _format(first: date, grain: str) -> str:
    if grain in ("day", "week"):
        return first.isoformat()
    if grain == "month":
        return first.isoformat()[:7]
    return str(first.year)


_finder: DateFinder | None = None


def date_of(d: Deployment) -> Deployment:
    """``d`` with its sentence's date of the figure (see the module's docstring)."""
    global _finder
    if _finder is None:
        _finder = DateFinder()
    return _finder.date(d)
