"""RSS 2.0, RSS 1.0 and Atom feeds saved to disk: one article per item or entry.

Parsed incrementally (``iterparse``), each item let go once read, so a feed of any size
takes the memory of one item. The item's full content (``content:encoded``, Atom
``content``) is preferred to its description or summary; HTML in it is reduced to text.
The outlet is the item's ``<source>``, else the feed's title. Python's XML parser fetches
no external entity and refuses entity expansion bombs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import Fields, Problem
from .records import to_document

_ITEMS = {"item", "entry"}
_FEEDS = {"rss", "feed", "rdf"}


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def read_feed(stream, name: str, fields: Fields):
    """Items of an RSS or Atom feed; ``doc`` is ``name#N`` for item N (or ``#id`` with --id-field)."""
    stack: list[ET.Element] = []
    feed_title = None
    number = 0
    try:
        for event, el in ET.iterparse(stream, events=("start", "end")):
            tag = _local(el.tag)
            if event == "start":
                if not stack and tag not in _FEEDS:
                    yield Problem(f"not an RSS or Atom feed (its root is <{tag}>)")
                    return
                stack.append(el)
                continue
            stack.pop()
            parent = _local(stack[-1].tag) if stack else ""
            if tag == "title" and parent in ("channel", "feed") and feed_title is None:
                feed_title = " ".join((el.text or "").split()) or None
            elif tag in _ITEMS:
                number += 1
                record = _record(el)
                if feed_title and not record.get("source"):
                    record["source"] = feed_title
                yield from to_document(record, name, f"item {number}", fields, html=True)
                el.clear()
                if stack:
                    stack[-1].clear()  # drop the items read from their parent: memory stays flat
    except ET.ParseError as err:
        line = err.position[0] if getattr(err, "position", None) else "?"
        yield Problem(
            f"line {line}: malformed XML ({err.msg if hasattr(err, 'msg') else err}); the rest of the feed is not read"
        )


def _record(item: ET.Element) -> dict:
    record: dict = {}
    for child in item:
        key = _local(child.tag)
        text = (child.text or "").strip()
        if key == "link":
            href = child.get("href")
            if href is not None:
                if child.get("rel", "alternate") == "alternate":
                    record.setdefault("link", href.strip())
            elif text:
                record.setdefault("link", text)
        elif key in ("encoded", "content"):
            if child.get("type") == "xhtml" or (not text and len(child)):
                text = " ".join("".join(child.itertext()).split())
            record.setdefault("content", text)
        elif key == "source":
            record["source"] = text or " ".join((child.findtext("{http://www.w3.org/2005/Atom}title") or "").split())
        elif key == "author":
            record.setdefault("author", text or (child.findtext("{http://www.w3.org/2005/Atom}name") or "").strip())
        elif text:
            record.setdefault(key, text)
    return record
