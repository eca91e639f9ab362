"""Saved web pages: the article's text without the page around it, and its metadata.

The text is trafilatura's (it leaves out navigation, cookie banners, share buttons and
lists of related or most-read stories, whose headlines would otherwise be read as
reports); a page where it finds no article falls back to the whole visible text.
The metadata is read here from what publishers write for search engines and social
sites, in this order: title (``og:title``, JSON-LD ``headline``, ``<title>``), date
(``article:published_time`` and its kin, JSON-LD ``datePublished``, ``<time datetime>``),
canonical URL (``<link rel=canonical>``, ``og:url``, JSON-LD ``url``/``mainEntityOfPage``)
and site (``og:site_name``, JSON-LD ``publisher.name``). trafilatura's own metadata
guesses: a page dated only by its URL's ``/2023/03/`` got the 1st of the month.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser

from ..dates import parse_date

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_ARTICLE_TYPES = {"article", "newsarticle", "reportage", "blogposting", "analysisnewsarticle", "webpage"}


@dataclass(frozen=True, slots=True)
class Page:
    """A web page read: its article text and what it says about itself (None where silent)."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    site: str | None = None
    date_note: str | None = None  # a date the page gives that could not be read, when no other could


def read_page(markup: str) -> Page:
    """The article and metadata of one saved page.

    >>> p = read_page('<html><head><meta property="og:site_name" content="Ledger">'
    ...               '<meta property="article:published_time" content="2023-06-12T08:30:00+03:00">'
    ...               '<title>Troops | Ledger</title></head><body><p>Some text.</p></body></html>')
    >>> p.title, p.date, p.site
    ('Troops | Ledger', '2023-06-12', 'Ledger')
    """
    from ..corpus import read_html

    meta = _Meta()
    # read by geomap's tokenizer, linear however broken the markup (html.parser's feed is
    # quadratic on some: repeated "<!--" took 94 s for 200 KB)
    depth = read_html(markup, meta)
    day = meta.date()
    note = None
    if day is None and meta.date_values():
        note = f"unreadable date {meta.date_values()[0][:80]!r} in the page; read as undated unless its text gives one"
    return Page(article_text(markup, deep=depth > _LXML_DEPTH), meta.title(), day, meta.url(), meta.site(), note)


_LXML_DEPTH = 255  # lxml, under trafilatura, stops at 256 nested elements and drops the rest of the page


def article_text(markup: str, deep: bool = False) -> str:
    """The page's article as text, paragraphs apart; the whole visible text if none is
    found, or if its elements nest too ``deep`` for lxml."""
    from ..corpus import html_to_text

    text = None
    try:
        if deep:
            raise ValueError("nested too deep for lxml")
        import trafilatura

        text = trafilatura.extract(
            markup,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            with_metadata=False,
            config=_config(),
        )
    except Exception:  # a page trafilatura's parser cannot take still has its visible text
        text = None
    if not text or not text.strip():
        return html_to_text(markup)
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


_CONFIG = None


def _config():
    """trafilatura's settings, but a brief of one paragraph is an article too (its default wants 250 characters)."""
    global _CONFIG
    if _CONFIG is None:
        from trafilatura.settings import use_config

        _CONFIG = use_config()
        _CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
    return _CONFIG


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.props: dict[str, str] = {}
        self.canonical: str | None = None
        self.times: list[str] = []
        self.ld: list[dict] = []
        self._title: list[str] | None = None
        self.title_tag: str | None = None
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and a.get("content", "").strip() and key not in self.props:
                self.props[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"].strip()
        elif tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"])
        elif tag == "title" and self.title_tag is None:
            self._title = []
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self._script = []

    def handle_endtag(self, tag):
        if tag == "title" and self._title is not None:
            self.title_tag = " ".join("".join(self._title).split()) or None
            self._title = None
        elif tag == "script" and self._script is not None:
            self._read_ld("".join(self._script))
            self._script = None

    def handle_data(self, data):
        if self._title is not None:
            self._title.append(data)
        elif self._script is not None:
            self._script.append(data)

    def _read_ld(self, text: str) -> None:
        try:
            data = json.loads(text)
        except ValueError:
            return
        stack = [data]
        while stack:  # articles may sit in a list or an @graph
            node = stack.pop(0)
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                kind = node.get("@type")
                kinds = {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}
                if kinds & _ARTICLE_TYPES:
                    self.ld.append(node)
                if "@graph" in node:
                    stack.append(node["@graph"])

    def _ld(self, *keys):
        for node in sorted(self.ld, key=lambda n: "webpage" in str(n.get("@type")).lower()):
            for key in keys:
                value = node.get(key)
                if isinstance(value, dict):
                    value = value.get("name") or value.get("@id") or value.get("url")
                if isinstance(value, str) and value.strip():
                    return value.strip()
        return None

    def title(self):
        return self.props.get("og:title") or self.props.get("twitter:title") or self._ld("headline") or self.title_tag

    def date_values(self) -> list[str]:
        """The dates the page gives itself, most trusted first."""
        candidates = [self.props.get(k) for k in _DATE_META] + [self._ld("datePublished", "dateCreated")]
        return [v for v in candidates + self.times if v]

    def date(self):
        for value in self.date_values():
            day = parse_date(value)
            if day:
                return day
        return None

    def url(self):
        from . import safe_url

        for value in (self.canonical, self.props.get("og:url"), self._ld("url", "mainEntityOfPage")):
            if safe_url(value):
                return safe_url(value)
        return None

    def site(self):
        return self.props.get("og:site_name") or self.props.get("application-name") or self._ld("publisher")
