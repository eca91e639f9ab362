"""Article exports: CSV, JSON Lines and JSON, one article per row or item.

Columns are found by their usual names (``title``/``headline``, ``text``/``body``/
``content``/``description``/``summary``, ``date``/``published``/``publishedAt``/
``pubDate``/``seendate``, ``url``/``link``, ``source``/``outlet``/``domain``), matched
without regard to case, ``_`` or ``-``, or named explicitly (a dotted name reaches into
an object: ``source.name``). Each reader streams: a row is read, turned into an article
and let go, so a file of any size takes the memory of one row.
"""

from __future__ import annotations

import csv
import io
import json
import re

from ..dates import parse_date
from ..model import Document
from . import Fields, Problem, safe_url

TEXT_NAMES = ("text", "body", "content", "article", "fulltext", "maintext", "articlebody", "description", "summary")
TITLE_NAMES = ("title", "headline")
DATE_NAMES = (
    "date",
    "published",
    "publishedat",
    "pubdate",
    "seendate",
    "datepublished",
    "publishdate",
    "datepublish",
    "publicationdate",
    "created",
    "createdat",
    "timestamp",
    "updated",
    "time",
)
URL_NAMES = ("url", "link", "uri", "canonicalurl", "href", "sourceurl", "articleurl")
SOURCE_NAMES = ("source", "outlet", "domain", "site", "sitename", "publisher", "sourcename", "media")


_MARKUP = re.compile(r"</?(?:p|div|br|span|a|em|strong|b|i|li|ul|ol|h[1-6]|blockquote|figure)\b[^>]*>", re.IGNORECASE)


def _norm(key) -> str:
    return re.sub(r"[^a-z0-9]", "", str(key).lower())


def _value(record: dict, explicit: str | None, names: tuple[str, ...]):
    """The first usable value: the field named explicitly, else the first usual name present."""
    if explicit:
        node = record
        for part in explicit.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node
    keys = {}
    for k in record:
        keys.setdefault(_norm(k), k)
    for name in names:
        if name in keys:
            value = record[keys[name]]
            if value not in (None, "", [], {}):
                return value
    return None


def _text(value) -> str | None:
    """A field's text: a list of paragraphs joined, an object by its name, numbers as written."""
    if value is None:
        return None
    if isinstance(value, list):
        parts = [_text(v) for v in value]
        value = "\n\n".join(p for p in parts if p)
    elif isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("id") or value.get("href")
        return _text(value)
    return str(value).strip() or None


def to_document(record, name: str, item: str, fields: Fields, html: bool = False):
    """The article of one row or item, after a note if its date is unreadable; a Problem if it has no text.

    HTML in the text (a feed's, or a scraper's export of markup) is reduced to its visible text.
    """
    if not isinstance(record, dict):
        yield Problem(f"{item}: not an object but {type(record).__name__}")
        return
    text = _text(_value(record, fields.text, TEXT_NAMES))
    if text and "<" in text and (html or _MARKUP.search(text)):
        from ..corpus import html_to_text

        text = html_to_text(text)
    if not text:
        wanted = f"field {fields.text!r}" if fields.text else "text, body, content, description or summary"
        yield Problem(f"{item}: no text (expected {wanted})")
        return
    title = _text(_value(record, fields.title, TITLE_NAMES))
    if title:
        title = " ".join(title.split())
    raw_date = _value(record, fields.date, DATE_NAMES)
    date = None
    if raw_date not in (None, ""):
        date = parse_date(raw_date if isinstance(raw_date, (int, float)) else _text(raw_date))
        if date is None:
            yield Problem(f"{item}: unreadable date {_text(raw_date)!r}, read as undated", skipped=False)
    ident = _text(_value(record, fields.id, ())) if fields.id else None
    doc = f"{name}#{ident}" if ident else f"{name}#{item.split()[-1]}"
    url = safe_url(_text(_value(record, fields.url, URL_NAMES)))
    source = _text(_value(record, fields.source, SOURCE_NAMES))
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"  # the headline is part of the report, as on the page
    yield Document(doc=doc, text=text, date=date, path=None, title=title, url=url, source=source)


def read_csv(stream, name: str, fields: Fields, delimiter: str | None = None):
    """Rows of a CSV (or TSV) file with a header row; ``doc`` is ``name#N`` for data row N."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    csv.field_size_limit(1 << 26)
    head = text.readline()
    if not head.strip():
        yield Problem("no header row")
        return
    if delimiter is None:
        delimiter = "\t" if head.count("\t") > head.count(",") else ","
    header = next(csv.reader([head], delimiter=delimiter))
    rows = csv.reader(text, delimiter=delimiter)
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as err:
            number += 1
            yield Problem(f"row {number} (line {rows.line_num + 1}): malformed CSV ({err})")
            continue
        number += 1
        if not any(cell.strip() for cell in row):
            number -= 1  # a blank line is no row
            continue
        if len(row) != len(header):
            yield Problem(f"row {number} (line {rows.line_num + 1}): {len(row)} fields, the header has {len(header)}")
            continue
        yield from to_document(dict(zip(header, row)), name, f"row {number}", fields)


def read_tsv(stream, name: str, fields: Fields):
    return read_csv(stream, name, fields, delimiter="\t")


def read_jsonl(stream, name: str, fields: Fields):
    """One JSON object per line; ``doc`` is ``name#N`` for line N. A bad line is named and skipped."""
    from ..corpus import MAX_BYTES

    number = 0
    while line := stream.readline(MAX_BYTES + 1):
        number += 1
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # the rest of an over-long line, read and let go
            yield Problem(f"line {number}: over {MAX_BYTES} bytes, larger than the limit for one article")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as err:
            msg = err.msg if isinstance(err, json.JSONDecodeError) else str(err)
            yield Problem(f"line {number}: malformed JSON ({msg})")
            continue
        yield from to_document(record, name, f"line {number}", fields)


def read_json(stream, name: str, fields: Fields):
    """A JSON array of articles, or an object holding one (the first array in it), streamed."""
    import ijson

    events = ijson.parse(stream, use_float=True)
    number = 0
    try:
        first = next(events, None)
        if first is None:
            yield Problem("empty")
            return
        prefix, event, _ = first
        if event == "start_map":
            for prefix, event, _ in events:
                if event == "start_array" and "." not in prefix:
                    break
            else:
                yield Problem("no array of articles in the JSON object")
                return
            item_prefix = f"{prefix}.item"
        elif event == "start_array":
            item_prefix = "item"
        else:
            yield Problem(f"expected a JSON array or object, found a {event}")
            return
        for record in ijson.items(events, item_prefix, use_float=True):
            number += 1
            yield from to_document(record, name, f"item {number}", fields)
    except ijson.JSONError as err:
        # one line whichever backend ijson runs on (its C one draws a picture of the spot)
        first = (
            "the file ends inside an item"
            if "premature EOF" in str(err) or "Incomplete" in str(err)
            else (str(err).strip().splitlines() or ["?"])[0].strip()
        )
        yield Problem(f"item {number + 1}: malformed JSON ({first}); the rest of the file is not read")
