"""Read a corpus: every article under the given folders and files, one at a time.

Text files (``.txt``, ``.text``, ``.md``) are read as they are; HTML (``.html``, ``.htm``)
is reduced to its visible text. Encodings: UTF-8 with or without BOM, UTF-16 with BOM,
and legacy encodings detected with charset-normalizer. A file that cannot be read is
reported with the reason and the rest of the corpus goes on. Only regular files are read
(a FIFO would wait for a writer, a device such as /dev/zero never ends), and never more
than :data:`MAX_BYTES` of one, whatever size it claims. File names are shown escaped
(:func:`shown`): a name may hold bytes that are not UTF-8, or control characters that
would rewrite the terminal.
"""

from __future__ import annotations

import html
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
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


def shown(name: str) -> str:
    """``name`` safe to print and to write as UTF-8: bytes that are not UTF-8 (which Python
    keeps as lone surrogates) as ``\\xNN``, control and format characters (escape
    sequences, line breaks, bidirectional overrides) as ``\\xNN``/``\\uNNNN``.

    >>> shown("caf\\udce9.txt"), shown("a\\x1b[2Jb.txt"), shown("Воронеж.txt")
    ('caf\\\\xe9.txt', 'a\\\\x1b[2Jb.txt', 'Воронеж.txt')
    """
    if name.isprintable() and name.isascii():
        return name
    return "".join(_escape(c) if unicodedata.category(c) in _UNSAFE else c for c in name)


_UNSAFE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte that is not UTF-8, as os.fsdecode keeps it
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def iter_files(paths, accept=None) -> Iterator[tuple[Path, str]]:
    """(file, document name) for every article file under ``paths``, in a stable order.

    The document name is the path relative to the folder given (the file name itself for
    a file given directly), with ``/`` separators. ``accept(name)`` chooses the files
    read in folders (default: the text and HTML suffixes). Names are given as :func:`shown`
    prints them.
    """
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for rel in sorted(_walk(root, accept)):
                yield root / rel, shown(rel)
        else:
            yield root, shown(root.name)


def _walk(root: Path, accept=None) -> Iterator[str]:
    """Relative paths of article files below ``root``; linked folders are followed once.

    A folder that cannot be listed is given too: reading it says why it was skipped.
    """
    seen = set()
    unlisted: list[OSError] = []
    for folder, dirs, files in os.walk(root, followlinks=True, onerror=unlisted.append):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []  # a link back up the tree: do not loop
            continue
        seen.add(real)
        dirs.sort()
        base = Path(folder).relative_to(root)
        for name in files:
            if accept(name) if accept else Path(name).suffix.lower() in SUFFIXES:
                yield (base / name).as_posix()
    for err in unlisted:
        if err.filename is not None:
            yield Path(os.path.relpath(err.filename, root)).as_posix()


def read_document(path: Path, name: str | None = None) -> Document:
    """Read one article. Raises CorpusError naming the file when it cannot be read."""
    name = name or shown(path.name)
    raw = read_bytes(path)
    return document_from_bytes(raw, path, name, path.suffix.lower() in HTML_SUFFIXES)


def document_from_bytes(raw: bytes, path: Path, name: str, is_html: bool = False) -> Document:
    """One article from its bytes: decoded; a web page reduced to its article with its metadata."""
    text = decode(raw, path)
    meta: dict = {}
    date = None
    if is_html:
        from .readers.pages import read_page

        page = read_page(text)
        text = page.text
        meta = {"title": page.title, "url": page.url, "source": page.site}
        date = page.date
        if page.date_note and not find_date(text):
            meta["notes"] = (page.date_note,)
    if not text.strip():
        raise CorpusError(f"{shown(str(path))}: empty")
    return Document(doc=name, text=text, date=date or find_date(text), path=str(path), **meta)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((what for test, what in _KINDS if test(mode)), "not a file")
    return f"not a regular file ({kind})"


def open_regular(path) -> int:
    """A file descriptor open for reading on the regular file ``path``; CorpusError naming
    the file otherwise.

    A FIFO, device or socket is refused without waiting: the file is opened without
    blocking and checked again once open (a FIFO swapped in meanwhile, a link to
    /dev/zero, whose size reads 0 and which never ends).
    """
    where = shown(str(path))
    try:
        st = os.stat(path)  # follows links: what a link points to is what would be read
        if stat.S_ISDIR(st.st_mode):
            with os.scandir(path):  # a folder the walk could not list: say why
                pass
        reason = _not_regular(st.st_mode)
        if reason:
            raise CorpusError(f"{where}: {reason}")
        fd = os.open(
            path,
            os.O_RDONLY
            | getattr(os, "O_NONBLOCK", 0)
            | getattr(os, "O_NOCTTY", 0)
            | getattr(os, "O_CLOEXEC", 0)
            | getattr(os, "O_BINARY", 0),
        )
    except CorpusError:
        raise
    except (OSError, ValueError) as err:  # ValueError: a NUL byte in the name
        raise CorpusError(f"{where}: unreadable ({getattr(err, 'strerror', None) or err})") from err
    try:
        reason = _not_regular(os.fstat(fd).st_mode)
    except OSError as err:
        os.close(fd)
        raise CorpusError(f"{where}: unreadable ({err.strerror or err})") from err
    if reason:
        os.close(fd)
        raise CorpusError(f"{where}: {reason}")
    return fd


def open_binary(path):
    """:func:`open_regular` as a binary file object (for the readers of exports and feeds)."""
    return os.fdopen(open_regular(path), "rb")


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file (see :func:`open_regular`), at most ``limit`` (default
    :data:`MAX_BYTES`): the size is counted while reading, not taken from the file system."""
    limit = MAX_BYTES if limit is None else limit
    where = shown(str(path))
    fd = open_regular(path)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise CorpusError(f"{where}: {size} bytes, larger than the {limit}-byte limit for one article")
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise CorpusError(f"{where}: larger than the {limit}-byte limit for one article (it grew while read)")
        return b"".join(chunks)
    except OSError as err:
        if isinstance(err, CorpusError):
            raise
        raise CorpusError(f"{where}: unreadable ({err.strerror or err})") from err
    finally:
        os.close(fd)


def decode(raw: bytes, path: Path) -> str:
    """Bytes to text: BOMs first, then strict UTF-8, then charset-normalizer's best guess."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict(raw[3:], "utf-8", path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(raw, "utf-16", path)
    if b"\x00" in raw[:8192]:
        raise CorpusError(f"{shown(str(path))}: binary (NUL bytes), not a text article")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise CorpusError(f"{shown(str(path))}: undecodable (no text encoding fits)")
    return str(best)


def _strict(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        raise CorpusError(f"{shown(str(path))}: undecodable as {encoding} ({err.reason} at byte {err.start})") from err


# elements whose content, up to their end tag, is no article text
_RAW_TEXT = ("script", "style", "noscript", "template", "title", "iframe", "noembed", "noframes")
_RAW_END = {name: re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE) for name in _RAW_TEXT}
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "title"}
_TAG_NAME = re.compile(r"(/?)([A-Za-z][^\t\n\f\r />]*)")
_TAG_STOP = re.compile(r"[>\"']")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n){2,}")  # three line breaks or more, only spaces between


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, paragraphs kept apart.

    Read by :func:`read_html`: comments, declarations, scripts, styles and the like are
    left out, ``<head>`` needs no ``</head>``.

    >>> html_to_text("<html><head><title>T</title><p>5,000 troops &amp; tanks<br>in Belarus")
    '5,000 troops & tanks\\n\\nin Belarus'
    """
    text = _VisibleText()
    read_html(markup, text)
    return _BLANK_LINES.sub("\n\n", "".join(text.parts)).strip()


class _VisibleText:
    def __init__(self):
        self.parts: list[str] = []

    def handle_starttag(self, name, attrs):
        if name in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, name):
        if name in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(data)

    def handle_raw(self, name, data):
        pass  # a script, a style, a title: no article text


# elements that hold no others and need no end tag, and those whose end tag may be left out:
# neither makes a page deeper
_FLAT = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
    "param",
    "keygen",
    "p",
    "li",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "option",
    "optgroup",
    "thead",
    "tbody",
    "tfoot",
    "colgroup",
    "rb",
    "rt",
    "rtc",
    "rp",
    "html",
    "head",
    "body",
}
_ATTR = re.compile(r"""([^\s/>="']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_RCDATA = {"title", "textarea"}


def read_html(markup: str, handler) -> int:
    """Tokenize ``markup`` after the HTML standard, calling ``handler`` as Python's
    ``html.parser.HTMLParser`` calls its subclasses: ``handle_starttag(name, attrs)``,
    ``handle_endtag(name)``, ``handle_data(text)`` (character references read); the
    content of a script, style, title and the like goes to ``handle_raw(name, text)`` if
    the handler has it, else to ``handle_data``. Returns how deep elements nest (those
    whose end tag may be left out not counted).

    Each step moves forward and nothing is read twice, so the time is linear in the page
    however broken the markup: a comment, tag or script left open runs to the end of the
    page, as a browser reads it. (Python's html.parser is quadratic on some markup, such
    as repeated ``<!--``; lxml stops at 256 nested elements and drops the rest; lexbor is
    quadratic on deep nesting.)
    """
    raw = getattr(handler, "handle_raw", None)
    depth = deepest = 0
    pos, n = 0, len(markup)
    while pos < n:
        lt = markup.find("<", pos)
        if lt < 0:
            lt = n
        if lt > pos:
            handler.handle_data(html.unescape(markup[pos:lt]))
        if lt == n:
            break
        pos = lt
        if markup.startswith("<!--", pos):
            if markup.startswith(("<!-->", "<!--->"), pos):
                pos = markup.index(">", pos) + 1  # an empty comment
                continue
            end = markup.find("-->", pos + 4)
            if end < 0:
                break  # a comment left open: the rest of the page
            pos = end + 3
            continue
        tag = _TAG_NAME.match(markup, pos + 1)
        if tag is None:
            if markup.startswith(("<!", "</", "<?"), pos):  # a declaration, "<?xml ...>", "</ >"
                end = markup.find(">", pos + 2)
                if end < 0:
                    break
                pos = end + 1
            else:
                handler.handle_data("<")  # "a < b": text
                pos += 1
            continue
        end = _tag_end(markup, tag.end())
        if end < 0:
            break  # a tag left open: the rest of the page is inside it
        name = tag.group(2).lower()
        if tag.group(1):
            handler.handle_endtag(name)
            depth -= name not in _FLAT and depth > 0
            pos = end + 1
            continue
        attrs = [
            (
                m.group(1).lower(),
                html.unescape(next((v for v in m.group(2, 3, 4) if v is not None), ""))
                if m.group(0) != m.group(1)
                else None,
            )
            for m in _ATTR.finditer(markup, tag.end(), end)
        ]
        handler.handle_starttag(name, attrs)
        pos = end + 1
        if name not in _FLAT and not markup.startswith("/", end - 1):
            depth += 1
            deepest = max(deepest, depth)
        if name in _RAW_END:
            close = _RAW_END[name].search(markup, pos)
            content = markup[pos : close.start() if close else n]
            if name in _RCDATA:
                content = html.unescape(content)
            (raw or (lambda _, data: handler.handle_data(data)))(name, content)
            if close is None:
                break
            pos = close.start()  # its end tag is read next
    return deepest


def _tag_end(markup: str, at: int) -> int:
    """Where the tag whose name ends at ``at`` ends (its ">"), or -1 when it never does.
    A quote opens a value only after "=": ``<a title="x>y">``."""
    while True:
        stop = _TAG_STOP.search(markup, at)
        if stop is None:
            return -1
        j = stop.start()
        if markup[j] == ">":
            return j
        if markup[at:j].rstrip().endswith("="):
            close = markup.find(markup[j], j + 1)
            if close < 0:
                return -1
            at = close + 1
        else:
            at = j + 1


_INLINE_DATE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_HEADER_DATE = re.compile(
    r"^[\s*_#>]*(?:date|published|dateline)[*_]*\s*:[*_\s]*(.+?)[\s*_]*$", re.IGNORECASE | re.MULTILINE
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATELINE = re.compile(
    rf"\A\s*(?:[A-Z][A-Za-z .,'-]{{0,40}}[,:]?\s+)?((?:{_MONTHS})\.?\s+\d{{1,2}},\s+\d{{4}})\s*[-–—]"
)


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
    if m and head[: m.start()].count("\n") < 10:
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
