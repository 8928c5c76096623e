"""W3C Web Annotation anchors for passages, and finding them again in a newer text."""

from __future__ import annotations

from rapidfuzz import fuzz

CONTEXT_CHARS = 32
# A passage found with at least this similarity is the same passage, perhaps with
# a typo fixed; below it the source has changed in substance.
SAME_PASSAGE = 90.0
# With prefix and suffix both found around it, a weaker match still locates it.
LOCATED_WITH_CONTEXT = 75.0


def anchor_for(text: str, start: int, end: int, sha256: str | None) -> dict:
    """A TextQuoteSelector (exact text with ~32 characters either side) and a
    TextPositionSelector for ``text[start:end]``, plus the text's sha256.

    >>> anchor_for("Der Bund zahlt 50 Millionen Euro.", 9, 32, None)["selector"][0]["exact"]
    'zahlt 50 Millionen Euro'
    """
    return {
        "sha256": sha256,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - CONTEXT_CHARS) : start],
                "suffix": text[end : end + CONTEXT_CHARS],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def reanchor(anchor: dict, text: str) -> tuple[int, int] | None:
    """Where the anchored passage is in ``text``: exact match first (the occurrence
    whose context fits best), then fuzzy; ``None`` when it is gone."""
    quote = _selector(anchor, "TextQuoteSelector")
    position = _selector(anchor, "TextPositionSelector")
    exact = quote.get("exact", "")
    if not exact or not text:
        return None
    old_start = position.get("start", 0)
    hits = _occurrences(text, exact)
    if hits:
        best = max(
            hits, key=lambda at: (_context_fit(text, at, len(exact), quote), -abs(at - old_start))
        )
        return best, best + len(exact)
    found = fuzz.partial_ratio_alignment(exact, text, score_cutoff=LOCATED_WITH_CONTEXT)
    if found is None:
        return None
    start, end = _refine(exact, text, found.dest_start, found.dest_end)
    if found.score >= SAME_PASSAGE or _context_fit(text, start, end - start, quote) >= 150:
        return start, end
    return None


def _refine(exact: str, text: str, start: int, end: int) -> tuple[int, int]:
    """partial_ratio aligns a window as long as the quote; an edit that changed the
    length moves the true ends by a few characters, so try nearby ends too."""
    slack = min(8, max(2, len(exact) // 10))
    candidates = (
        (s, e)
        for s in range(max(0, start - slack), start + slack + 1)
        for e in range(max(s + 1, end - slack), min(len(text), end + slack) + 1)
    )
    return max(
        candidates, key=lambda se: (fuzz.ratio(exact, text[se[0] : se[1]]), -abs(se[0] - start))
    )


def _selector(anchor: dict, kind: str) -> dict:
    return next((s for s in anchor.get("selector", []) if s.get("type") == kind), {})


def _occurrences(text: str, exact: str) -> list[int]:
    hits, at = [], text.find(exact)
    while at >= 0:
        hits.append(at)
        at = text.find(exact, at + 1)
    return hits


def _context_fit(text: str, start: int, length: int, quote: dict) -> float:
    """How well the text around a hit matches the stored prefix and suffix (0-200)."""
    prefix, suffix = quote.get("prefix", ""), quote.get("suffix", "")
    before = text[max(0, start - len(prefix)) : start]
    after = text[start + length : start + length + len(suffix)]
    return (fuzz.ratio(prefix, before) if prefix else 100.0) + (
        fuzz.ratio(suffix, after) if suffix else 100.0
    )
