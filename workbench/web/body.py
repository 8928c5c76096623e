"""Cut an article body into pieces for display: claims, plain text, and muted blocks."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Any

from workbench.models import STATUSES
from workbench.text.structure import is_excluded


@dataclass(frozen=True)
class Piece:
    """``text`` to show; ``claim`` is the claim when the piece is one, ``kind`` the
    block kind (muted when it is not a claim's block)."""

    text: str
    kind: str
    claim: Any = None
    muted: bool = False


def body_pieces(body: str, layout: list, claims: list) -> list[list[Piece]]:
    """One list of pieces per block, in order. ``claims`` need ``start``, ``end`` and
    ``position`` (and ``status``, ``is_claim`` for display); ``layout`` is
    ``[[start, end, kind], ...]`` over ``body``. Each block finds its claims by a
    binary search over their starts, so a long article costs no more than its length."""
    ordered = sorted(claims, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    blocks = []
    for start, end, kind in layout:
        if is_excluded(kind):
            blocks.append([Piece(body[start:end], kind, muted=True)])
            continue
        pieces, cursor = [], start
        for claim in ordered[bisect_left(starts, start) : bisect_right(starts, end)]:
            if claim.end > end:
                continue
            if claim.start > cursor:
                pieces.append(Piece(body[cursor : claim.start], kind))
            pieces.append(Piece(body[claim.start : claim.end], kind, claim=claim))
            cursor = claim.end
        if cursor < end:
            pieces.append(Piece(body[cursor:end], kind))
        blocks.append(pieces)
    return blocks


def status_counts(claims: list) -> dict[str, int]:
    """How many claims have each status, and how many are marked not a claim
    (``not_claim``); sentences marked so count under that key only."""
    counts = Counter("not_claim" if not c.is_claim else c.status for c in claims)
    return {key: counts.get(key, 0) for key in (*STATUSES, "not_claim")}


def check_first_pending(claims: list) -> int:
    """How many claims triage puts first are still pending."""
    return sum(c.is_claim and c.status == "pending" and c.triage == "check_first" for c in claims)
