"""Sentence boundaries with exact character offsets, by pysbd."""

from __future__ import annotations

import warnings
from functools import lru_cache

import pysbd

from workbench.text.language import segmenter_language
from workbench.text.noise import dateline_end, mask_tickers

# pysbd's time grows with the square of a paragraph's length (one 200 KB paragraph took
# 40 s, a pasted 1 MB one hours), so text longer than this is segmented a window at a
# time; a window's last sentence may run past it, so the next one starts where it starts.
WINDOW = 2000


@lru_cache(maxsize=16)
def segmenter_for(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=segmenter_language(language), clean=False)


def sentence_spans(text: str, language: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``text``, whitespace trimmed, so that
    ``text[start:end]`` is the sentence exactly. Instrument codes of wire copy (".DJI")
    end no sentence, and a dateline glued to the first sentence ("BERLIN (dpa) - ") is
    left out of it.

    >>> sentence_spans("Es kamen ca. 30 Leute. Dann ging es los.", "de")
    [(0, 22), (23, 40)]
    """
    if not text.strip():
        return []
    with warnings.catch_warnings():
        # pysbd compiles some patterns with escapes newer Pythons warn about.
        warnings.simplefilter("ignore", SyntaxWarning)
        masked = mask_tickers(text)
        spans: list[tuple[int, int]] = []
        start = 0
        while start < len(masked):
            end = start + WINDOW
            found = _segment(masked[start:end], language)
            if end < len(masked) and len(found) > 1:
                found.pop()
            spans.extend((start + s, start + e) for s, e in found)
            start = start + found[-1][1] if found else end
    if spans and spans[0][0] == 0 and 0 < (cut := dateline_end(text)) < spans[0][1]:
        spans[0] = (cut, spans[0][1])
    return spans


def _sentences(text: str, language: str) -> list[str]:
    """pysbd's sentences of ``text``, before it looks each one up again. Its
    ``segment`` finds every sentence's offset with a regular expression made of the
    escaped sentence: one new pattern per sentence, which floods Python's cache of
    compiled patterns, so that pysbd's own rules and the rest of the import are compiled
    again and again (a quarter of an import's time). ``_segment`` finds the offsets with
    ``str.find`` instead."""
    if not text:
        return []
    return segmenter_for(language).processor(text).process()


def _segment(masked: str, language: str) -> list[tuple[int, int]]:
    """pysbd's sentences of ``masked`` as spans of it."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _sentences(masked, language):
        piece = piece.strip()
        if not piece:
            continue
        start = masked.find(piece, cursor)
        if start < 0:
            # pysbd changed the text (it should not with clean=False); skip rather
            # than store a wrong offset.
            continue
        end = start + len(piece)
        spans.append((start, end))
        cursor = end
    return spans
