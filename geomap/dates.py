"""Dates as people and feeds write them, to ``YYYY-MM-DD``; None rather than a guess.

ISO 8601 (with or without a zone), RFC 822 dates of feeds ("Tue, 01 Feb 2022 14:05:00
GMT"), "Feb 1, 2022", "1 February 2022 14:05 UTC", "01.02.2022" (day first, as written in
Europe), epoch seconds or milliseconds and GDELT's ``20220201143000``. The day is the one
written: a time with a zone is not moved to UTC (an article of "2022-02-01T23:30-05:00"
was published on 1 February where it was written); epoch values, which have no zone, are
read in UTC.

What is not a whole date is refused, never filled in: a missing year ("5 March"), a
weekday alone, or day and month that could be swapped ("01/02/2022").
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timezone

# Written day first (Europe) or year first: unambiguous as these formats say.
_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d.%m.%Y", "%B %d %Y")
_LABEL = re.compile(r"^(?:published|updated|posted|date|dated|on)\s*:?\s*", re.IGNORECASE)
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b", re.IGNORECASE)
_SWAPPABLE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")
# Two defaults that differ in every part: a part the text lacks shows as a difference.
_DEFAULTS = (datetime(1904, 1, 1), datetime(1905, 2, 2))
_EPOCH_RANGE = (date(1970, 1, 2), date(2100, 1, 1))


def parse_date(value) -> str | None:
    """``value`` (text or an epoch number) as ``YYYY-MM-DD``; None when it is not a whole date.

    >>> [parse_date(v) for v in ("2022-02-01", "Feb 1, 2022", "1 February 2022 14:05 UTC")]
    ['2022-02-01', '2022-02-01', '2022-02-01']
    >>> parse_date("Tue, 01 Feb 2022 23:05:00 -0500"), parse_date(1643673600)
    ('2022-02-01', '2022-02-01')
    >>> parse_date("5 March"), parse_date("01/02/2022"), parse_date("soon")
    (None, None, None)
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _epoch(value)
    if not isinstance(value, str):
        return None
    text = _LABEL.sub("", value.strip()).strip().rstrip(".")
    if not text or len(text) > 100:
        return None
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
        return _epoch(float(text))
    if re.fullmatch(r"\d{14}", text):  # GDELT: YYYYMMDDhhmmss
        text = text[:8]
    try:
        return _checked(datetime.fromisoformat(text.replace("z", "Z")).date())
    except ValueError:
        pass
    plain = _ORDINAL.sub(r"\1", text)
    head = re.split(r"[T ](?=\d{1,2}:\d{2})", plain)[0].strip().rstrip(",")
    for fmt in _FORMATS:
        try:
            return _checked(datetime.strptime(head, fmt).date())
        except ValueError:
            continue
    return _dateutil(plain)


def _dateutil(text: str) -> str | None:
    from dateutil import parser

    if _SWAPPABLE.match(text):
        a, b = (int(x) for x in _SWAPPABLE.match(text).groups())
        if a != b and a <= 12 and b <= 12:
            return None  # 01/02/2022: January or February, the text does not say
    found = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown zone names: the day is what we keep
        for default in _DEFAULTS:
            try:
                found.append(parser.parse(text, default=default, ignoretz=True).date())
            except (ValueError, OverflowError, TypeError):
                return None
    if found[0] != found[1]:
        return None  # a year, month or day missing: it would be filled in, so refused
    return _checked(found[0])


def _epoch(value: float) -> str | None:
    if value != value or value <= 0:
        return None
    if value >= 1e11:  # milliseconds
        value /= 1000
    try:
        day = datetime.fromtimestamp(value, tz=timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None
    return day.isoformat() if _EPOCH_RANGE[0] <= day < _EPOCH_RANGE[1] else None


def _checked(day: date) -> str | None:
    return day.isoformat() if 1800 <= day.year <= 2100 else None
