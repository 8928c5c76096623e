"""Claim-to-passage similarity (0-100): content-word overlap, rapidfuzz and meaning."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from workbench.matching import semantic
from workbench.matching.reading import Reading, read

# The lexical blend, chosen by reasoning about the cases tests/matching/test_score.py
# pins down:
# - COVERAGE, the weighted share of the claim's content words the passage has, carries
#   most: a claim is supported when its facts are there, whatever else the passage says.
# - FUZZY, rapidfuzz token_set_ratio of the content words, credits near-identical words
#   the stemmer misses and word order.
# - PRECISION, the weighted share of the passage's content words the claim has, under a
#   square root, is the mild length penalty: a sentence quoted verbatim scores 100, the
#   same sentence inside a 2- or 3-sentence window less, so the window never wins by
#   size; a claim merged from two sentences covers only half of either, so the window
#   (coverage 1) beats both by far more than the penalty costs it.
COVERAGE, FUZZY, PRECISION = 0.55, 0.25, 0.20
# A claim without content words ("Das ist so.") stays below any threshold of suggest.py.
EMPTY_CLAIM_FACTOR = 0.4
# The semantic side: the cosine of the claim's and the passage's mean word vectors,
# mapped linearly from COSINE_FLOOR (unrelated sentences of one topic) to COSINE_CEILING
# (a rewording) onto 0-100; SEMANTIC is its share of the score.
# Calibrated on the tuning half with bench/real_eval.py.
SEMANTIC, SEMANTIC_DOWN = 0.5, 0.5
# Content words from which a claim's vector counts in full when it pulls a score down.
FULL_WORDS = 4
COSINE_FLOOR, COSINE_CEILING = 0.4, 0.9
# The sentence encoder's say (encoder.py) on the passages a suggestion rests on, and
# its cosine range: rewordings of the tuning files read 0.6-1.0, claims the page does
# not make 0.2-0.8. Calibrated on the tuning files with bench/real_eval.py (0.7 and
# 0.8 meet their targets, 0.8 with more room).
SENTENCE = 0.8
SENTENCE_FLOOR, SENTENCE_CEILING = 0.4, 0.9


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


def lexical(coverage, precision, ratio):
    """The lexical score 0-100 from its parts (floats or numpy arrays): ``coverage`` and
    ``precision`` 0-1, the rapidfuzz ``ratio`` 0-100."""
    return (
        100.0 * (COVERAGE * coverage + PRECISION * np.sqrt(np.minimum(precision, 1.0)))
        + FUZZY * ratio
    )


def meaning(cosine, floor: float = COSINE_FLOOR, ceiling: float = COSINE_CEILING):
    """The semantic score 0-100 of a cosine (float or numpy array), mapped linearly from
    ``floor`` to ``ceiling``."""
    return 100.0 * np.clip((cosine - floor) / (ceiling - floor), 0.0, 1.0)


def blend(lexical_score, cosine, words: int = FULL_WORDS):
    """The final score 0-100: the lexical score moved towards the meaning of the cosine,
    by SEMANTIC of the way up and SEMANTIC_DOWN of the way down. A sentence quoted
    verbatim keeps its 100 (cosine 1); a rewording gains what its other words cost it;
    a sentence that shares the claim's words but not its sense ("near miss") loses. The
    mean vector of a claim of few content ``words`` is noisy, so it pulls down less."""
    gap = meaning(cosine) - lexical_score
    down = SEMANTIC_DOWN * min(1.0, words / FULL_WORDS)
    return lexical_score + np.where(gap > 0, SEMANTIC, down) * gap


def reread(value, cosine):
    """The score of a shown passage once the sentence encoder has read it with the
    claim: moved SENTENCE of the way towards the meaning of its ``cosine`` (from
    SENTENCE_FLOOR to SENTENCE_CEILING)."""
    return value + SENTENCE * (meaning(cosine, SENTENCE_FLOOR, SENTENCE_CEILING) - value)


def fuzzy(claim_content: str, contents: Sequence[str], workers: int = 1) -> np.ndarray:
    """rapidfuzz ``token_set_ratio`` of the claim's content words against each passage's."""
    # One column, many rows: rapidfuzz splits rows across workers.
    ratios = process.cdist(contents, [claim_content], scorer=fuzz.token_set_ratio, workers=workers)
    return ratios[:, 0].astype(float)


def lexical_scores(
    claim: Reading,
    passages: Sequence[Reading],
    *,
    weights: dict[str, float] | None = None,
    workers: int = 1,
) -> np.ndarray:
    """Lexical scores (0-100) of ``claim`` against each passage's reading."""
    if not passages:
        return np.zeros(0)
    if not claim.keys:
        texts = [p.text for p in passages]
        ratio = process.cdist(texts, [claim.text], scorer=fuzz.ratio, workers=workers)
        return ratio[:, 0].astype(float) * EMPTY_CLAIM_FACTOR
    w = _UNIFORM if weights is None else weights
    claim_total = sum(w[k] for k in claim.keys)
    shared = np.array([sum(w[k] for k in claim.keys & p.keys) for p in passages], dtype=float)
    passage_total = np.maximum([total_weight(p.keys, w) for p in passages], 1e-9)
    ratios = fuzzy(claim.content, [p.content for p in passages], workers)
    return lexical(shared / claim_total, shared / passage_total, ratios)


def score_readings(
    claim: Reading,
    passages: Sequence[Reading],
    *,
    weights: dict[str, float] | None = None,
    workers: int = 1,
) -> np.ndarray:
    """Scores (0-100) of ``claim`` against each passage: lexical and semantic blended."""
    values = lexical_scores(claim, passages, weights=weights, workers=workers)
    if not passages or not claim.keys:
        return values
    vectors = semantic.model().sums([claim.gist, *(p.gist for p in passages)])
    return blend(values, semantic.cosines(vectors[0], vectors[1:]), len(claim.keys))


def score(
    claim: str,
    passage: str,
    *,
    processor: Callable[[str], str] | None = None,
    score_cutoff: float | None = None,
    weights: dict[str, float] | None = None,
    language: str | None = None,
) -> float:
    """Similarity 0-100 of a claim and a passage, in rapidfuzz's scorer shape (usable as
    ``process.extractOne(claim, passages, scorer=score)``).

    >>> round(score("Die Nato plant mehr Hilfe.", "Mehr Hilfe plant die Nato."))
    100
    """
    if processor is not None:
        claim, passage = processor(claim), processor(passage)
    found = score_readings(read(claim, language), [read(passage, language)], weights=weights)
    value = float(found[0])
    return value if score_cutoff is None or value >= score_cutoff else 0.0
