"""The status the matcher suggests to a reviewer for one claim, from its evidence."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.matching.types import Evidence, Suggestion
from workbench.text.counted import counted

# Thresholds on the 0-100 score of score.py; all of them live here. Tuned with the
# sentence encoder's reread (score.reread) on the two tuning files of bench/data_real
# only (tuning and tuning_blind, with bench/real_eval.py): from 56 up both keep at most
# 8 % of their supported claims unsupported; from 58 the blind file keeps 10 %.
STRONG_THRESHOLD = 56.0  # the passage states the claim
SUPPORT_THRESHOLD = 46.0  # the passage may state the claim; below, it is not the source
# How far a clean passage may trail a flagged one of its own document and still verify
# (on the tuning files: 10 disputes three altered claims and one paraphrase whose name
# check misfires; 5 also a merged claim whose best passage pairs the other year).
CLEAN_MARGIN = 10.0
# Flag kinds that contradict a strong match (all kinds checks.py reports).
DISPUTING = frozenset({"number", "date", "name", "negation", "quote", "direction"})
# The ``source`` side of a flag for a fact the passage does not mention at all.
NOT_STATED = "not stated"


def _outranked(clean: Evidence, strong: Sequence[Evidence]) -> bool:
    """Whether a better passage of the same document differs from the claim by more than
    CLEAN_MARGIN points: the page's other, weaker passage on the topic (a later mention
    of the same person) does not outweigh what its best one says otherwise."""
    return any(
        e.key == clean.key
        and e.score > clean.score + CLEAN_MARGIN
        and any(f.kind in DISPUTING for f in e.flags)
        for e in strong
    )


def suggest(evidence: Sequence[Evidence], fetched_documents: int) -> Suggestion:
    """A suggested status and its reason for a claim's ranked ``evidence``.

    - no fetched document: ``needs_source``;
    - a strong passage without disputing flags: ``verified`` (one clean strong
      passage is enough, even when another strong one differs: the reason says so;
      but not one that trails a flagged passage of its own page by CLEAN_MARGIN);
    - only strong passages with flags: ``disputed``, quoting the best one's flags;
    - a best score between the two thresholds: ``unsupported``, "weak match only": a
      weak match neither confirms the claim nor is reliable enough to dispute it (its
      flags are named in the reason, for the reviewer);
    - nothing from SUPPORT_THRESHOLD up: ``unsupported``.

    >>> suggest([], 0)
    Suggestion(status='needs_source', reason='needs a source: no fetched page for this claim')
    """
    if fetched_documents <= 0:
        return Suggestion("needs_source", "needs a source: no fetched page for this claim")
    ranked = sorted(evidence, key=lambda e: -e.score)
    strong = [e for e in ranked if e.score >= STRONG_THRESHOLD]
    if strong:
        clean = [e for e in strong if not any(f.kind in DISPUTING for f in e.flags)]
        clean = [e for e in clean if not _outranked(e, strong)]
        if clean:
            best = clean[0]
            reason = f"likely verified: a source says the same (score {best.score:.0f})"
            differing = [e for e in strong if e not in clean]
            if any(e.key != best.key for e in differing):
                reason += "; another source differs"
            elif differing:
                reason += "; another passage of the same page differs"
            return Suggestion("verified", reason)
        best = strong[0]
        contradicting = [f for f in best.flags if f.kind in DISPUTING and f.source != NOT_STATED]
        if contradicting:
            messages = "; ".join(f.message for f in contradicting)
            return Suggestion("disputed", f"likely disputed: {messages}")
        # The passage is about the same thing but does not state what the claim
        # adds: that is missing support, not a contradiction.
        missing = ", ".join(f.claim for f in best.flags if f.kind in DISPUTING)
        return Suggestion(
            "unsupported", f"unsupported: the closest passage does not state {missing}"
        )
    if ranked and ranked[0].score >= SUPPORT_THRESHOLD:
        best = ranked[0]
        reason = f"unsupported: weak match only (score {best.score:.0f})"
        differs = "; ".join(f.message for f in best.flags if f.kind in DISPUTING)
        return Suggestion("unsupported", reason + (f"; it differs: {differs}" if differs else ""))
    sources = counted(fetched_documents, "source")
    return Suggestion("unsupported", f"unsupported: no passage found in {sources}")
