"""Candidate passages of a document: each sentence and runs of consecutive sentences."""

from __future__ import annotations

import re

from workbench.matching.types import Document, Passage

# pysbd ends a sentence at "Ver-\nweis"; such a piece is no sentence of its own.
_HYPHEN_BREAK = re.compile(r"[^\W\d_]-[ \t]*\r?\n\s*[a-zß-öø-ÿ]")


def units(doc: Document) -> tuple[tuple[int, int], ...]:
    """``doc.sentences``, but a sentence that ends inside a word hyphenated at a line
    end is joined with the next, so the word can be read whole.

    >>> text = "Ein wichtiger Ver-\\nweis folgt. Ende."
    >>> units(Document(1, text, ((0, 18), (19, 31), (32, 37))))
    ((0, 31), (32, 37))
    """
    out: list[tuple[int, int]] = []
    for start, end in doc.sentences:
        if out and _HYPHEN_BREAK.fullmatch(doc.text, out[-1][1] - 2, start + 1):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return tuple(out)


def windows(count: int, max_window: int = 3) -> list[tuple[int, int]]:
    """``(first, stop)`` sentence indices of every window of 1..``max_window`` sentences,
    ordered by first sentence, then size.

    >>> windows(3, 2)
    [(0, 1), (0, 2), (1, 2), (1, 3), (2, 3)]
    """
    return [
        (first, first + size)
        for first in range(count)
        for size in range(1, max_window + 1)
        if first + size <= count
    ]


def candidates(doc: Document, max_window: int = 3) -> list[Passage]:
    """Every sentence and every run of 2..``max_window`` consecutive sentences of
    ``doc`` (sentences as ``units`` gives them), as passages whose ``text`` is
    ``doc.text[start:end]`` (start of the first sentence, end of the last), so that
    merged or split claims find their source.
    """
    spans = units(doc)
    out = []
    for first, stop in windows(len(spans), max_window):
        start, end = spans[first][0], spans[stop - 1][1]
        out.append(Passage(doc.key, start, end, doc.text[start:end], stop - first))
    return out
