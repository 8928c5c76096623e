"""Citation markers after a sentence's full stop ("… erreicht. [Quelle](…)", "[1]",
"(Quelle: …)", "(source)"): they belong to the sentence before them, not the next one."""

from __future__ import annotations

import re
from functools import cache

from workbench import lexicon
from workbench.text.document import Link
from workbench.text.urls import find_domains

_AFTER_END = re.compile(r"[.!?…][\"”“»’'«]?\s*")
_NUMBERED = re.compile(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]")
_SEPARATOR = re.compile(r"\s*[,;|/·•–-]?\s*")
_PAREN_OPEN = re.compile(r"[(\[]\s*")
_PAREN_CLOSE = re.compile(r"\s*[)\]]")
_TERMINAL = tuple(".!?…")
# A link that ends its block right after a full stop is a citation when its anchor is this
# short; a longer one is a sentence of its own that lacks its full stop.
MAX_TRAILING_WORDS = 6


@cache
def _labelled() -> re.Pattern[str]:
    labels = sorted(lexicon.load("noise.json")["citation_labels"], key=len, reverse=True)
    words = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"[(\[]\s*(?:{words})\b[^()\[\]\n]{{0,200}}[)\]]", re.I)


@cache
def _bare_label() -> re.Pattern[str]:
    labels = sorted(lexicon.load("noise.json")["citation_labels"], key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(re.escape(label) for label in labels)})\s*:\s*", re.I)


@cache
def _labels() -> frozenset[str]:
    return frozenset(label.casefold() for label in lexicon.load("noise.json")["citation_labels"])


def marker_spans(text: str, links: list[Link]) -> list[tuple[int, int]]:
    """Where citation markers follow a sentence end (or open the text) in a block.

    In: a block's text and its links. Out: sorted (start, end) spans, each a run of one
    or more markers: a bracketed number, a bracketed or parenthesised citation label
    ("(Quelle: dpa)", "[source]"), or a link whose anchor is such a label, a URL, a
    domain or a number, or any short link that ends the block.

    >>> marker_spans("Der Wert stieg. [1] Dann fiel er.", [])
    [(16, 19)]
    """
    by_start = {link.start: link for link in links}
    spans: list[tuple[int, int]] = []
    starts = [0] + [m.end() for m in _AFTER_END.finditer(text)]
    for start in starts:
        end = _run(text, start, by_start)
        if end > start and (not spans or spans[-1][1] <= start):
            spans.append((start, end))
    return spans


def ends_with_marker(text: str, links: list[Link]) -> bool:
    """Whether ``text`` ends in citation markers that follow its last full stop."""
    body = text.rstrip()
    spans = marker_spans(body, links)
    return bool(spans) and spans[-1][1] == len(body) and spans[-1][0] > 0


def is_only_markers(text: str, links: list[Link]) -> bool:
    """Whether ``text`` is nothing but citation markers (a block holding just "[Quelle]")."""
    body = text.rstrip()
    spans = marker_spans(body, links)
    return bool(spans) and spans[0] == (0, len(body))


def fit_sentences(
    text: str, spans: list[tuple[int, int]], markers: list[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    """Sentence spans with the markers cut out, each with the end of what it owns.

    In: the block text, its sentence spans, its marker spans. Out: (start, end, owns)
    per sentence: ``text[start:end]`` holds no marker at its edges, and the sentence owns
    ``text[start:owns]``, the markers that follow it included (their links are its links).
    """
    cut: list[tuple[int, int]] = []
    for start, end in spans:
        for m_start, m_end in markers:
            if m_end <= start or m_start >= end:
                continue
            if m_start > start:
                cut.append((start, m_start))
            start = m_end
        cut.extend([(start, end)] if start < end else [])
    trimmed = [_trim(text, s, e) for s, e in cut]
    trimmed = [(s, e) for s, e in trimmed if s < e]
    owns = [s for s, _ in trimmed[1:]] + [len(text)] * bool(trimmed)
    return [(s, e, o) for (s, e), o in zip(trimmed, owns, strict=True)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _run(text: str, at: int, by_start: dict[int, Link]) -> int:
    """The end of the run of markers that starts at ``at``, or ``at`` when none does."""
    end = at
    while True:
        found = _one(text, at, by_start)
        if found is None:
            return end
        end = found
        at = _SEPARATOR.match(text, end).end()


def _one(text: str, at: int, by_start: dict[int, Link]) -> int | None:
    for pattern in (_NUMBERED, _labelled()):
        if match := pattern.match(text, at):
            return match.end()
    if labelled := _bare_label().match(text, at):  # "Quelle: [Amt](…)", "Quelle: Amt"
        link = by_start.get(labelled.end())
        if link is not None and link.end > link.start:
            return link.end
        rest = text[labelled.end() :].rstrip()
        if rest and len(rest.split()) <= MAX_TRAILING_WORDS and not rest.endswith(_TERMINAL):
            return labelled.end() + len(rest)
    opened = _PAREN_OPEN.match(text, at)
    inner = opened.end() if opened else at
    link = by_start.get(inner)
    if link is None or link.end <= link.start or not _is_citation(text, link):
        return None
    end = link.end
    if opened:
        closed = _PAREN_CLOSE.match(text, end)
        if closed is None:
            return None
        end = closed.end()
    # "[Hier](…) gibt es mehr." is a sentence that starts with a link, not a citation.
    return None if text[end:].lstrip()[:1].islower() else end


def _is_citation(text: str, link: Link) -> bool:
    anchor = text[link.start : link.end].strip("()[] :")
    label = anchor.split(":", 1)[0].strip().casefold()  # "Quelle: Statistikamt"
    if label in _labels() or anchor.isdigit() or anchor == link.url:
        return True
    if anchor.lower().startswith(("http://", "https://", "www.")):
        return True
    if (domains := find_domains(anchor)) and domains[0][:2] == (0, len(anchor)):
        return True
    rest = text[link.end :].strip()
    return (
        link.start > 0
        and not rest
        and len(anchor.split()) <= MAX_TRAILING_WORDS
        and not anchor.endswith(_TERMINAL)
    )
