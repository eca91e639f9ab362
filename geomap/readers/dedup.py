"""Duplicate articles: the same URL, or the same text whatever its case and spacing.

Found in corpus order, in the process that gathers the results, so the first one met is
kept whatever the number of workers.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Iterator


@dataclass(frozen=True, slots=True)
class Dropped:
    """An article read and left out: the same as one before it, or outside --since/--until."""

    path: str
    doc: str
    reason: str
    duplicate: bool = False


def text_digest(text: str) -> bytes:
    """The same text, whatever its case and spacing, gives the same digest."""
    return hashlib.blake2b(" ".join(text.casefold().split()).encode("utf-8"), digest_size=16).digest()


def url_key(url: str | None) -> str | None:
    """A URL as compared for duplicates: no fragment, no trailing slash, scheme and host in lower case."""
    if not url or not url.strip():
        return None
    url = url.strip().split("#", 1)[0].rstrip("/")
    m = re.match(r"(?i)^([a-z][a-z0-9+.-]*://[^/?]*)(.*)$", url)
    return (m.group(1).lower() + m.group(2)) if m else url


def deduplicate(results: Iterable) -> Iterator:
    """The results, each article that repeats one before it (same URL or same text) as a Dropped.

    Holds one digest and name per article read, about 150 bytes each.
    """
    urls: dict[str, str] = {}
    texts: dict[bytes, str] = {}
    for r in results:
        if hasattr(r, "text_key"):  # an article read (engines.ArticleOutput)
            key = url_key(r.url)
            first = urls.get(key) if key else None
            if first is None and r.text_key:
                first = texts.get(r.text_key)
            if first is not None:
                yield Dropped(r.file, r.doc, f"duplicate of {first}", duplicate=True)
                continue
            if key:
                urls[key] = r.doc
            if r.text_key:
                texts[r.text_key] = r.doc
        yield r
