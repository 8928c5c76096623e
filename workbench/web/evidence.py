"""Cut a matched passage into plain and highlighted pieces for display."""

from __future__ import annotations

from dataclasses import dataclass


def passage_pieces(passage: str, passage_start: int, highlights: list) -> list[tuple[str, bool]]:
    """``(text, highlighted)`` pieces of ``passage``; ``highlights`` are
    ``[start, end]`` offsets in the snapshot text, ``passage_start`` where the
    passage begins in it. Overlapping or out-of-range highlights are clipped.

    >>> passage_pieces("Der Bund zahlt 50 Euro.", 100, [[109, 114], [115, 117]])
    [('Der Bund ', False), ('zahlt', True), (' ', False), ('50', True), (' Euro.', False)]
    """
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in sorted((s - passage_start, e - passage_start) for s, e in highlights):
        start, end = max(start, cursor), min(end, len(passage))
        if start >= end:
            continue
        if start > cursor:
            pieces.append((passage[cursor:start], False))
        pieces.append((passage[start:end], True))
        cursor = end
    if cursor < len(passage):
        pieces.append((passage[cursor:], False))
    return pieces


@dataclass(frozen=True)
class Segment:
    """A stretch of a snapshot's text: ``start`` is its offset in the text (so the
    page's script can turn a selection into offsets), ``marked`` whether it lies in
    the highlighted passage, ``sentence`` the (start, end) of the sentence that ends
    with it, where a reviewer may pin that sentence."""

    start: int
    text: str
    marked: bool = False
    sentence: tuple[int, int] | None = None


def text_segments(
    text: str, sentences: list, highlight: tuple[int, int] | None = None
) -> list[Segment]:
    """Cut ``text`` at sentence ends and the highlight's ends.

    >>> [(s.start, s.text, s.marked) for s in text_segments("Ab. Cd.", [[0, 3], [4, 7]], (4, 6))]
    [(0, 'Ab.', False), (3, ' ', False), (4, 'Cd', True), (6, '.', False)]
    """
    cuts = {0, len(text)}
    ends = {}
    for start, end in sentences:
        if 0 <= start < end <= len(text):
            cuts.update((start, end))
            ends[end] = (start, end)
    if highlight:
        cuts.update(highlight)
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    return [
        Segment(
            a,
            text[a:b],
            bool(highlight and highlight[0] <= a and b <= highlight[1]),
            ends.get(b),
        )
        for a, b in zip(points, points[1:], strict=False)
        if a < b
    ]
