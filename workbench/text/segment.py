"""Sentence boundaries with exact character offsets, by pysbd."""

from __future__ import annotations

import warnings
from functools import lru_cache

import pysbd

from workbench.text.language import segmenter_language


@lru_cache(maxsize=16)
def segmenter_for(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=segmenter_language(language), clean=False)


def sentence_spans(text: str, language: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``text``, whitespace trimmed, so that
    ``text[start:end]`` is the sentence exactly.

    >>> sentence_spans("Es kamen ca. 30 Leute. Dann ging es los.", "de")
    [(0, 22), (23, 40)]
    """
    if not text.strip():
        return []
    with warnings.catch_warnings():
        # pysbd compiles some patterns with escapes newer Pythons warn about.
        warnings.simplefilter("ignore", SyntaxWarning)
        pieces = segmenter_for(language).segment(text)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:
            # pysbd changed the text (it should not with clean=False); skip rather
            # than store a wrong offset.
            continue
        end = start + len(piece)
        spans.append((start, end))
        cursor = end
    return spans
