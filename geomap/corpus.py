"""Read a corpus: every article under the given folders and files, one at a time.

Text files (``.txt``, ``.text``, ``.md``) are read as they are; HTML (``.html``, ``.htm``)
is reduced to its visible text. Encodings: UTF-8 with or without BOM, UTF-16 with BOM,
and legacy encodings detected with charset-normalizer. A file that cannot be read is
reported with the reason and the rest of the corpus goes on.
"""
from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

from .errors import CorpusError
from .model import Document

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024  # a larger file is not a news article


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not read, and why."""

    path: str
    reason: str


def iter_files(paths, accept=None) -> Iterator[tuple[Path, str]]:
    """(file, document name) for every article file under ``paths``, in a stable order.

    The document name is the path relative to the folder given (the file name itself for
    a file given directly), with ``/`` separators. ``accept(name)`` chooses the files
    read in folders (default: the text and HTML suffixes).
    """
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for rel in sorted(_walk(root, accept)):
                yield root / rel, rel
        else:
            yield root, root.name


def _walk(root: Path, accept=None) -> Iterator[str]:
    """Relative paths of article files below ``root``; linked folders are followed once."""
    seen = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []  # a link back up the tree: do not loop
            continue
        seen.add(real)
        dirs.sort()
        base = Path(folder).relative_to(root)
        for name in files:
            if (accept(name) if accept else Path(name).suffix.lower() in SUFFIXES):
                yield (base / name).as_posix()


def read_document(path: Path, name: str | None = None) -> Document:
    """Read one article. Raises CorpusError naming the file when it cannot be read."""
    name = name or path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CorpusError(f"{path}: {size} bytes, larger than the {MAX_BYTES}-byte limit for one article")
        raw = path.read_bytes()
    except CorpusError:
        raise
    except OSError as err:
        raise CorpusError(f"{path}: unreadable ({err.strerror or err})") from err
    return document_from_bytes(raw, path, name, path.suffix.lower() in HTML_SUFFIXES)


def document_from_bytes(raw: bytes, path: Path, name: str, is_html: bool = False) -> Document:
    """One article from its bytes: decoded; a web page reduced to its article with its metadata."""
    text = decode(raw, path)
    meta, date = {}, None
    if is_html:
        from .readers.pages import read_page

        page = read_page(text)
        text = page.text
        meta = {"title": page.title, "url": page.url, "source": page.site}
        date = page.date
    if not text.strip():
        raise CorpusError(f"{path}: empty")
    return Document(doc=name, text=text, date=date or find_date(text), path=str(path), **meta)


def decode(raw: bytes, path: Path) -> str:
    """Bytes to text: BOMs first, then strict UTF-8, then charset-normalizer's best guess."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict(raw[3:], "utf-8", path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(raw, "utf-16", path)
    if b"\x00" in raw[:8192]:
        raise CorpusError(f"{path}: binary (NUL bytes), not a text article")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise CorpusError(f"{path}: undecodable (no text encoding fits)")
    return str(best)


def _strict(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        raise CorpusError(f"{path}: undecodable as {encoding} ({err.reason} at byte {err.start})") from err


class _TextOnly(HTMLParser):
    _SKIP = {"script", "style", "noscript", "template", "head"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, paragraphs kept apart."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text).strip()


_INLINE_DATE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_HEADER_DATE = re.compile(r"^[\s*_#>]*(?:date|published|dateline)[*_]*\s*:[*_\s]*(.+?)[\s*_]*$", re.IGNORECASE | re.MULTILINE)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATELINE = re.compile(rf"\A\s*(?:[A-Z][A-Za-z .,'-]{{0,40}}[,:]?\s+)?((?:{_MONTHS})\.?\s+\d{{1,2}},\s+\d{{4}})\s*[-–—]")


def find_date(text: str) -> str | None:
    """The article's date from its header, as ``YYYY-MM-DD``; None when it gives none.

    >>> find_date("date 2022-02-01 According to ...")
    '2022-02-01'
    >>> find_date("Title\\nDate: March 14, 2023\\n\\nText")
    '2023-03-14'
    >>> find_date("March 3, 2023 - Russia moved ...")
    '2023-03-03'
    """
    m = _INLINE_DATE.match(text)
    if m:
        return _parse(m.group(1))
    head = text[:2000]
    m = _HEADER_DATE.search(head)
    if m and head[:m.start()].count("\n") < 10:
        parsed = _parse(m.group(1))
        if parsed:
            return parsed
    m = _DATELINE.match(text[:200])
    if m:
        return _parse(m.group(1))
    return None


def _parse(value: str) -> str | None:
    from .dates import parse_date

    return parse_date(value)
