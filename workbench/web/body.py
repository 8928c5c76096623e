"""Cut an article body into pieces for display: claims, plain text, and muted blocks."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.text.structure import is_excluded


@dataclass(frozen=True)
class Piece:
    """``text`` to show; ``claim`` is the claim's position when the piece is a claim,
    ``kind`` the block kind (muted when it is not a claim's block)."""

    text: str
    kind: str
    claim: int | None = None
    muted: bool = False


def body_pieces(body: str, layout: list, claims: list) -> list[list[Piece]]:
    """One list of pieces per block, in order. ``claims`` need ``start``, ``end`` and
    ``position``; ``layout`` is ``[[start, end, kind], ...]`` over ``body``."""
    ordered = sorted(claims, key=lambda c: c.start)
    blocks = []
    for start, end, kind in layout:
        if is_excluded(kind):
            blocks.append([Piece(body[start:end], kind, muted=True)])
            continue
        pieces, cursor = [], start
        for claim in ordered:
            if claim.start < start or claim.end > end:
                continue
            if claim.start > cursor:
                pieces.append(Piece(body[cursor : claim.start], kind))
            pieces.append(Piece(body[claim.start : claim.end], kind, claim=claim.position))
            cursor = claim.end
        if cursor < end:
            pieces.append(Piece(body[cursor:end], kind))
        blocks.append(pieces)
    return blocks
