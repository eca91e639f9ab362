"""Regular expressions over word lists, in a shape Python's matcher runs quickly.

An alternation of many words (``troops|tanks|...``) is tried one word at a time at every
position of the text. The same words as a trie (``t(?:roops|anks)``) are ruled out at a
position after one or two characters. A longer word still wins over its prefix.

>>> import re
>>> alternation(["tank", "tanks", "troops"])
't(?:anks?|roops)'
>>> re.findall(alternation(["tank", "tanks", "troops"]), "tanks, troops and a tank")
['tanks', 'troops', 'tank']
"""

from __future__ import annotations

import re


def alternation(words) -> str:
    """A regular expression (no capturing groups) that matches any of ``words``, longest first."""
    trie: dict = {}
    for word in set(words):
        if not word:
            raise ValueError("alternation: expected non-empty words")
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _pattern(trie)


def _pattern(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if len(branches) == 1 and not ends_here:
        return branches[0]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        # optional: a longer word is tried first, the word that ends here after it
        return body + "?" if len(branches) == 1 and len(body) == 1 or body.startswith("(?:") else f"(?:{body})?"
    return body


def whole_words(pattern: re.Pattern, text: str, joiners: str = "_-"):
    """Matches of ``pattern`` in ``text`` that do not start inside a word.

    The same as a ``(?<![\\w-])`` look-behind at the front of the pattern, but a pattern
    that starts with its words lets the matcher skip ahead to their first letters, where
    the look-behind made it try every position.

    >>> [m.group() for m in whole_words(re.compile(alternation(["NATO", "UN"])), "UN, xNATO and NATO-led")]
    ['UN', 'NATO']
    """
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in joiners):
            pos = start + 1
            continue
        yield m
        pos = max(m.end(), start + 1)
