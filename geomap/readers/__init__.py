"""Readers of the inputs analysts hold, one per format, chosen by the file's suffix.

===================================  ==========================================  ====================
suffix                               what it holds                               read by
===================================  ==========================================  ====================
``.txt`` ``.text`` ``.md`` ...       one article                                 :mod:`geomap.corpus`
``.html`` ``.htm``                   one saved web page, with its metadata       :mod:`.pages`
``.csv`` ``.tsv``                    one article per row                         :mod:`.records`
``.jsonl`` ``.ndjson``               one article per line                        :mod:`.records`
``.json``                            an array, or an object holding one          :mod:`.records`
``.xml`` ``.rss`` ``.atom``          an RSS or Atom feed, one article per item   :mod:`.feeds`
===================================  ==========================================  ====================

Any of them may be gzip-compressed (``news.jsonl.gz``): that is handled here, once for
all. Standard input (``-``) is recognised by its first bytes.

A file of one article is read where the work runs (a worker process or a Dask worker),
as before. A file of many is read here, in the calling process, a row at a time, and its
articles go to the workers in file order: the order, hence the output, is the same
however many workers there are, and memory stays flat however large the file.
"""

from __future__ import annotations

import fnmatch
import gzip
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..corpus import (
    HTML_SUFFIXES,
    MAX_BYTES,
    TEXT_SUFFIXES,
    Skipped,
    document_from_bytes,
    iter_files,
    open_binary,
    shown,
)
from ..errors import CorpusError
from ..model import Document

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Fields:
    """Field names given on the command line (None: found by their usual names)."""

    text: str | None = None
    date: str | None = None
    title: str | None = None
    url: str | None = None
    id: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Options:
    """How to read the inputs: field names, the date range kept, the files chosen in folders."""

    fields: Fields = field(default_factory=Fields)
    since: str | None = None
    until: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def out_of_range(self, date: str | None) -> str | None:
        """Why an article of ``date`` is left out by --since/--until; None if it is kept."""
        if not (self.since or self.until):
            return None
        if date is None:
            return "undated, outside --since/--until"
        if self.since and date < self.since:
            return f"dated {date}, before --since {self.since}"
        if self.until and date > self.until:
            return f"dated {date}, after --until {self.until}"
        return None


def safe_url(value) -> str | None:
    """An http(s) URL as given, else None: a ``javascript:`` or ``data:`` link from an export never reaches a map.

    >>> safe_url(" https://a.example/x "), safe_url("javascript:alert(1)"), safe_url("/relative")
    ('https://a.example/x', None, None)
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value.lower().startswith(("http://", "https://")) or any(c in value for c in "\x00\r\n\t <>\"'`"):
        return None
    return value


@dataclass(frozen=True, slots=True)
class Problem:
    """What a reader met in a file: a row skipped (``skipped``) or a note on one it read."""

    reason: str
    skipped: bool = True


@dataclass(frozen=True, slots=True)
class Note:
    """A remark on an article that was read all the same (an unreadable date)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class FileTask:
    """A file of one article, to be read where the work runs."""

    path: str
    name: str


@dataclass(frozen=True, slots=True)
class DocTask:
    """An article already read from a file of many."""

    path: str
    document: Document


def _records():
    from . import feeds, records

    return {
        ".csv": records.read_csv,
        ".tsv": records.read_tsv,
        ".jsonl": records.read_jsonl,
        ".ndjson": records.read_jsonl,
        ".json": records.read_json,
        ".xml": feeds.read_feed,
        ".rss": feeds.read_feed,
        ".atom": feeds.read_feed,
    }


SINGLE = TEXT_SUFFIXES + HTML_SUFFIXES
MANY = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".xml", ".rss", ".atom")


def kind(name: str) -> tuple[str, bool]:
    """The format suffix of ``name`` (after any ``.gz``) and whether it is compressed.

    >>> kind("news.jsonl.gz"), kind("a/Page.HTML")
    (('.jsonl', True), ('.html', False))
    """
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    return Path(lower).suffix, gz


def accepts(name: str) -> bool:
    """Whether a file met in a folder is read."""
    suffix, _ = kind(name)
    return suffix in SINGLE or suffix in MANY


def _chosen(rel: str, options: Options) -> bool:
    """--include/--exclude: a pattern with a ``/`` matches the path below the folder, else the file name too."""

    def hit(pattern):
        return fnmatch.fnmatch(rel, pattern) or (
            "/" not in pattern and fnmatch.fnmatch(rel.rsplit("/", 1)[-1], pattern)
        )

    if options.include and not any(hit(p) for p in options.include):
        return False
    return not any(hit(p) for p in options.exclude)


def iter_tasks(paths, options: Options | None = None) -> Iterator[FileTask | DocTask | Skipped | Note]:
    """The work for every input under ``paths``, in corpus order.

    Files of one article become a :class:`FileTask`; files of many are read here, each
    article a :class:`DocTask`, each row skipped a ``Skipped`` naming the file and row.
    """
    options = options or Options()
    for given in paths:
        if str(given) == STDIN:
            yield from _stdin(options)
            continue
        is_dir = Path(given).is_dir()
        for path, name in iter_files([given], accept=accepts):
            if is_dir and not _chosen(name, options):
                continue
            suffix, gz = kind(name)
            if suffix in MANY:
                yield from _many(path, name, suffix, gz, options)
            else:
                yield FileTask(str(path), name)


def _many(path: Path, name: str, suffix: str, gz: bool, options: Options):
    try:
        raw = open_binary(path)  # a regular file only: a FIFO would wait, /dev/zero never ends
    except CorpusError as err:
        where = shown(str(path))
        yield Skipped(where, str(err).removeprefix(f"{where}: "))
        return
    with raw:
        stream = gzip.GzipFile(fileobj=raw) if gz else raw
        yield from _items(_records()[suffix], stream, shown(str(path)), name, options)


def _items(reader, stream, path: str, name: str, options: Options):
    try:
        for item in reader(stream, name, options.fields):
            if isinstance(item, Problem):
                yield Skipped(path, item.reason) if item.skipped else Note(path, item.reason)
            else:
                yield DocTask(path, item)
    except (OSError, EOFError, gzip.BadGzipFile) as err:  # a truncated or corrupt .gz, a read error
        yield Skipped(path, f"unreadable ({err}); the rest of the file is not read")


def read_single(path: str, name: str) -> Document:
    """One article from a text or HTML file, compressed or not (read where the work runs)."""
    from ..corpus import read_document

    suffix, gz = kind(name)
    if not gz:
        return read_document(Path(path), name)
    try:
        with open_binary(path) as packed, gzip.GzipFile(fileobj=packed) as fh:  # a regular file only
            raw = fh.read(MAX_BYTES + 1)
    except CorpusError:
        raise
    except (OSError, EOFError) as err:
        raise CorpusError(f"{shown(path)}: unreadable ({err})") from err
    if len(raw) > MAX_BYTES:
        raise CorpusError(f"{shown(path)}: over {MAX_BYTES} bytes uncompressed, larger than the limit for one article")
    return document_from_bytes(raw, Path(path), name, suffix in HTML_SUFFIXES)


def _stdin(options: Options):
    """Standard input: gzip, JSON Lines, JSON, a feed, CSV or one article, told by its first bytes."""
    stream = (
        io.BufferedReader(sys.stdin.buffer) if not isinstance(sys.stdin.buffer, io.BufferedReader) else sys.stdin.buffer
    )
    if stream.peek(2)[:2] == b"\x1f\x8b":
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream))
    suffix = sniff(stream.peek(4096)[:4096])
    if suffix in MANY:
        yield from _items(_records()[suffix], stream, STDIN, "stdin", options)
        return
    raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        yield Skipped(STDIN, f"over {MAX_BYTES} bytes, larger than the limit for one article")
        return
    try:
        doc = document_from_bytes(raw, Path(STDIN), "stdin", suffix in HTML_SUFFIXES)
    except CorpusError as err:
        yield Skipped(STDIN, str(err).removeprefix(f"{STDIN}: "))
        return
    yield DocTask(STDIN, doc)


def sniff(head: bytes) -> str:
    """The format suffix the first bytes of a stream show.

    >>> sniff(b'{"title": "a"}\\n{"title": "b"}'), sniff(b' [{"text": "x"}]'), sniff(b'<?xml version="1.0"?><rss>')
    ('.jsonl', '.json', '.xml')
    >>> sniff(b'title,text,date\\n'), sniff(b'<!doctype html><html>'), sniff(b'Russia has sent 5,000 troops.')
    ('.csv', '.html', '.txt')
    """
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    lower = text[:2000].lower()
    if text.startswith("["):
        return ".json"
    if text.startswith("{"):
        first = text.split("\n", 1)[0].strip()
        return ".jsonl" if first.endswith("}") else ".json"
    if text.startswith("<"):
        return ".xml" if any(f"<{t}" in lower for t in ("rss", "feed", "rdf:rdf")) and "<html" not in lower else ".html"
    first = text.split("\n", 1)[0]
    names = {"".join(c for c in cell.lower() if c.isalnum()) for cell in first.replace("\t", ",").split(",")}
    if len(names) > 1 and names & {"text", "body", "content", "description", "summary", "title", "headline"}:
        return ".tsv" if "\t" in first else ".csv"
    return ".txt"
