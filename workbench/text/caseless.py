"""A quick "certainly not" before a case-insensitive search for words and phrases.

``re`` cannot skip ahead to where a case-insensitive alternation of phrases could start,
so such a search tries every character of the text; most texts hold none of the phrases.
A search of the lowercased text for the lowercased phrases, case-sensitive, skips ahead,
and finding none there means the case-insensitive pattern finds none either, provided
that lowercasing the text agrees with how ``re`` compares characters. It does for the
characters of news text checked below; a text with any other character is searched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

# Characters whose lowercase is checked against re's case-insensitive comparison.
_CANDIDATES = (
    "".join(map(chr, range(128)))
    + "äöüÄÖÜßẞéèêëáàâãåíìîïóòôõøúùûçñÉÈÊËÁÀÂÃÅÍÌÎÏÓÒÔÕØÚÙÛÇÑæÆœŒ"
    + "„“”‚‘’«»‹›–—…€£§°·•©®\u00a0\u2009\u202f\u200b\u00ad"
)


def caseless_hint(phrases: Iterable[str]) -> Callable[[str], bool]:
    """A test that is False only for a text that a case-insensitive ``re`` search for
    the ``phrases`` (as literal text) cannot match in; True for any other text."""
    wanted = sorted({p.lower() for p in phrases if p}, key=len, reverse=True)
    chars = frozenset("".join(wanted))
    if not wanted or any(len(c.lower()) != 1 for c in chars):
        return lambda text: True
    safe = frozenset(x for x in _CANDIDATES if _lowers_alike(x, chars))
    ascii_safe = safe.issuperset(map(chr, range(128)))
    hint = re.compile(_alternation(wanted))

    def may_hold(text: str) -> bool:
        if not ((ascii_safe and text.isascii()) or safe.issuperset(text)):
            return True
        return hint.search(text.lower()) is not None

    return may_hold


def _alternation(phrases: list[str]) -> str:
    """A pattern that finds any of ``phrases``, their shared beginnings written once
    ("mehr als|mehrheit" as "mehr(?: als|heit)"): re tries one branch per character
    rather than every phrase at every position."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(trie)


def _branches(node: dict) -> str:
    if "" in node:
        return ""  # a phrase ends here: what longer phrases add is not needed to find one
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _lowers_alike(x: str, chars: frozenset[str]) -> bool:
    """Whether ``x`` lowercases to one character, equal to the lowercase of every
    phrase character that ``re`` takes it for when ignoring case."""
    if len(x.lower()) != 1:
        return False
    return all(x.lower() == c.lower() for c in chars if _caseless(c).fullmatch(x))


@cache
def _caseless(char: str) -> re.Pattern[str]:
    return re.compile(re.escape(char), re.IGNORECASE)
