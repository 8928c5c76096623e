"""Claim-to-passage similarity (0-100) on normalised text, driven by content words."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from workbench.matching.normalise import content_tokens, keys

# The blend, chosen by reasoning about the cases tests/matching/test_score.py pins down
# (not tuned on bench/data yet; bench/match_eval.py measures it):
# - COVERAGE, the weighted share of the claim's content words the passage has, carries
#   most: a claim is supported when its facts are there, whatever else the passage says.
# - FUZZY, rapidfuzz token_set_ratio of the content words, credits near-identical words
#   the crude stemmer misses ("Unterstützung"/"unterstützen") and word order.
# - PRECISION, the weighted share of the passage's content words the claim has, under a
#   square root, is the mild length penalty: a sentence quoted verbatim scores 100, the
#   same sentence inside a 2- or 3-sentence window about 95 and 93, so the window never
#   wins by size; a claim merged from two sentences covers only half of either, so the
#   window (coverage 1) beats both by far more than the penalty costs it.
COVERAGE, FUZZY, PRECISION = 0.55, 0.25, 0.20
# A claim without content words ("Das ist so.") stays below any threshold of suggest.py.
EMPTY_CLAIM_FACTOR = 0.4


@dataclass(frozen=True, slots=True)
class Features:
    """What the scorer needs of one normalised text, computed once."""

    text: str
    content: str
    keys: frozenset[str]


def features(normalised: str) -> Features:
    """The content words (space-joined, for rapidfuzz) and overlap keys of a text."""
    tokens = content_tokens(normalised)
    return Features(normalised, " ".join(tokens), keys(tokens))


class Weights(dict[str, float]):
    """Inverse document frequency of each key over a set of sentences; a key none of
    them has weighs most (the claim says something the sources lack)."""

    def __init__(self, key_sets: Iterable[frozenset[str]]):
        counts: dict[str, int] = {}
        total = 0
        for found in key_sets:
            total += 1
            for key in found:
                counts[key] = counts.get(key, 0) + 1
        # Smoothed IDF (as in scikit-learn): at least 1, so common words still count a
        # little, and a word in every sentence weighs about 1/8 of a rare one among 1,500.
        super().__init__({k: 1.0 + math.log((total + 1) / (n + 1)) for k, n in counts.items()})
        self.unseen = 1.0 + math.log(total + 1)

    def __missing__(self, key: str) -> float:
        # A number or date no source has is the fact checks.py compares ("10.000" where
        # the source says "11.000"); weighing it as the rarest word would also hide the
        # passage that states it differently.
        return 1.0 if key[0].isdigit() else self.unseen


class _Uniform(dict[str, float]):
    def __missing__(self, key: str) -> float:
        return 1.0


_UNIFORM = _Uniform()


def total_weight(found: frozenset[str], weights: dict[str, float] | None = None) -> float:
    """The summed weight of a set of keys (a passage's, for precision)."""
    w = _UNIFORM if weights is None else weights
    return sum(w[k] for k in found)


def blend(coverage, precision, ratio):
    """The score 0-100 from its parts (floats or numpy arrays): ``coverage`` and
    ``precision`` 0-1, the rapidfuzz ``ratio`` 0-100."""
    return (
        100.0 * (COVERAGE * coverage + PRECISION * np.sqrt(np.minimum(precision, 1.0)))
        + FUZZY * ratio
    )


def fuzzy(claim_content: str, contents: Sequence[str], workers: int = 1) -> np.ndarray:
    """rapidfuzz ``token_set_ratio`` of the claim's content words against each passage's."""
    # One column, many rows: rapidfuzz splits rows across workers.
    ratios = process.cdist(contents, [claim_content], scorer=fuzz.token_set_ratio, workers=workers)
    return ratios[:, 0].astype(float)


def score_features(
    claim: Features,
    passages: Sequence[Features],
    *,
    weights: dict[str, float] | None = None,
    totals: Sequence[float] | None = None,
    workers: int = 1,
) -> np.ndarray:
    """Scores (0-100) of ``claim`` against each passage, from precomputed features;
    ``totals`` are the passages' ``total_weight`` when already known."""
    if not passages:
        return np.zeros(0)
    if not claim.keys:
        texts = [p.text for p in passages]
        ratio = process.cdist(texts, [claim.text], scorer=fuzz.ratio, workers=workers)
        return ratio[:, 0].astype(float) * EMPTY_CLAIM_FACTOR
    w = _UNIFORM if weights is None else weights
    claim_total = sum(w[k] for k in claim.keys)
    shared = np.zeros(len(passages))
    for i, passage in enumerate(passages):
        common = claim.keys & passage.keys
        if common:
            shared[i] = sum(w[k] for k in common)
    if totals is None:
        totals = [total_weight(p.keys, w) for p in passages]
    passage_total = np.maximum(np.asarray(totals, dtype=float), 1e-9)
    ratios = fuzzy(claim.content, [p.content for p in passages], workers)
    return blend(shared / claim_total, shared / passage_total, ratios)


def score(
    claim: str,
    passage: str,
    *,
    processor: Callable[[str], str] | None = None,
    score_cutoff: float | None = None,
    weights: dict[str, float] | None = None,
) -> float:
    """Similarity 0-100 of a normalised claim and passage, in rapidfuzz's scorer
    shape (usable as ``process.extractOne(claim, passages, scorer=score)``).

    >>> round(score("die nato plant mehr hilfe", "mehr hilfe plant die nato"))
    100
    """
    if processor is not None:
        claim, passage = processor(claim), processor(passage)
    value = float(score_features(features(claim), [features(passage)], weights=weights)[0])
    return value if score_cutoff is None or value >= score_cutoff else 0.0


def score_many(
    claim_norm: str,
    passages_norm: Sequence[str],
    *,
    workers: int = 1,
    weights: dict[str, float] | None = None,
) -> np.ndarray:
    """``score`` of one normalised claim against many normalised passages, batched
    through ``rapidfuzz.process.cdist`` (``workers=-1`` uses all cores)."""
    return score_features(
        features(claim_norm), [features(p) for p in passages_norm], weights=weights, workers=workers
    )
