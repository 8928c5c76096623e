"""Cut a matched passage into plain and highlighted pieces for display."""

from __future__ import annotations


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
