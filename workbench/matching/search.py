"""Rank the passages of fetched sources for a claim: ``Matcher`` and ``match_claim``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

from workbench.matching import suggest
from workbench.matching.candidates import units
from workbench.matching.normalise import RAW_TOKEN, content_tokens, keys, normalise
from workbench.matching.score import FUZZY, Features, Weights, blend, features, fuzzy
from workbench.matching.score import score_features as _score_features
from workbench.matching.types import Document, Evidence, Flag

# The word-overlap part of the score is computed for every window at once (numpy);
# rapidfuzz, the costly part, runs on the windows best by overlap only. It adds at
# most FUZZY * 100 = 25 points, so a window outside these 40 would have to trail the
# 40th by less than that and still beat it: rare, and then only for rank 2 or 3.
SCORED = 40
# rapidfuzz threads pay off only on large batches (measured in bench/match_speed.py).
PARALLEL_FROM = 2000
# Share of the claim's weight that each sentence of a 2- or 3-sentence window must hold
# on its own (tuned on bench/data with bench/match_eval.py: merged claims hold 20-60 %
# per sentence, near-miss claims stitched from a window 5-20 %).
WINDOW_SENTENCE_SHARE = 0.2
# The shortest claim word looked for inside the sources' compounds.
COMPOUND_PART = 5
# Cost of a word that is not in the claim inside the highlighted span: a rare shared
# word (weight 4-8) bridges a gap of 8-16 words, a common one (weight ~1) two.
GAP = 0.5

Checker = Callable[[str, str, str | None], list[Flag]]


@lru_cache(maxsize=64)
def _prepare(text: str, spans: tuple[tuple[int, int], ...], language: str | None) -> tuple:
    return tuple(features(normalise(text[s:e], language)) for s, e in spans)


@lru_cache(maxsize=65536)
def _token_keys(raw: str, language: str | None) -> frozenset[str]:
    return keys(content_tokens(normalise(raw, language)))


def _default_checker() -> Checker | None:
    try:
        from workbench.matching.checks import check
    except ModuleNotFoundError as error:
        if error.name != "workbench.matching.checks":
            raise
        return None  # checks.py not written yet: no flags rather than no matcher
    return check


class Matcher:
    """Candidates of a set of documents, normalised and indexed once, matched against
    many claims (an article's 40 claims against its 5 sources).

    ``language`` is the claims' language and the fallback for documents without one.
    """

    def __init__(
        self,
        documents: Sequence[Document],
        language: str | None = None,
        *,
        max_window: int = 3,
        workers: int = -1,
        checker: Checker | None = None,
    ):
        self.documents = list(documents)
        self.language = language
        self.workers = workers
        self.checker = checker
        self._spans: list[tuple[int, int, int]] = []  # document, start, end per sentence
        self._features: list[Features] = []
        for index, doc in enumerate(self.documents):
            spans = units(doc)
            self._features.extend(_prepare(doc.text, spans, doc.language or language))
            self._spans.extend((index, s, e) for s, e in spans)
        self.weights = Weights(f.keys for f in self._features)
        postings: dict[str, list[int]] = {}
        for sid, f in enumerate(self._features):
            for key in f.keys:
                postings.setdefault(key, []).append(sid)
        self._postings = {k: np.array(v, dtype=np.intp) for k, v in postings.items()}
        # Windows by size, then first sentence; none crosses from one document to the next.
        docs = np.array([d for d, _, _ in self._spans], dtype=np.intp)
        n = len(docs)
        self._firsts = [
            np.flatnonzero(docs[: max(n - size + 1, 0)] == docs[size - 1 :])
            for size in range(1, max_window + 1)
        ]
        self._first = np.concatenate(self._firsts) if n else np.zeros(0, np.intp)
        self._size = np.concatenate(
            [np.full(len(f), size, np.intp) for size, f in enumerate(self._firsts, 1)]
        )
        self._totals = np.maximum(self._window_totals(max_window), 1e-9)

    def _window_totals(self, max_window: int) -> np.ndarray:
        """The summed weight of each window's keys (a key in two sentences counts once)."""
        w, found = self.weights, [f.keys for f in self._features]
        totals = np.zeros((max_window, len(found)))
        for first in range(len(found)):
            seen: frozenset[str] = frozenset()
            total = 0.0
            for size in range(max_window):
                if first + size >= len(found):
                    break
                new = found[first + size] - seen
                total += sum(w[k] for k in new)
                seen = seen | new
                totals[size, first] = total
        return np.concatenate([totals[size][f] for size, f in enumerate(self._firsts)])

    def _scores(self, claim: Features) -> tuple[np.ndarray, np.ndarray]:
        """Window ids worth ranking and their scores."""
        found = [(k, self._postings[k]) for k in claim.keys if k in self._postings]
        found += self._compound_hits(claim.keys)
        if not found:
            # No word in common (or none in the claim): sentences alone, by rapidfuzz.
            single = np.arange(len(self._firsts[0]))
            return single, _score_features(claim, self._features, workers=self._workers(single))
        weight = np.array([self.weights[k] for k, _ in found])
        present = np.zeros((len(found), len(self._features)), dtype=bool)
        for row, (_, posting) in enumerate(found):
            present[row, posting] = True
        claim_total = sum(self.weights[k] for k in claim.keys)
        per_sentence = weight @ present
        shared, run, weakest = [], present, per_sentence
        for size, firsts in enumerate(self._firsts, 1):
            if size > 1:
                run = run[:, :-1] | present[:, size - 1 :]
                weakest = np.minimum(weakest[:-1], per_sentence[size - 1 :])
            window = (weight @ run)[firsts]
            if size > 1:
                # Every sentence of a window must state part of the claim itself: a
                # window whose extra sentence adds a word or two is how claims that
                # the page does not make ("X resigned after meeting Y") reach high
                # coverage. Such a window scores as nothing; its sentences compete alone.
                window = np.where(weakest[firsts] >= WINDOW_SENTENCE_SHARE * claim_total, window, 0)
            shared.append(window)
        overlap = np.concatenate(shared)
        partial = blend(overlap / claim_total, overlap / self._totals, 0)
        ids = np.flatnonzero(overlap)
        if len(ids) > SCORED:
            ids = ids[np.argpartition(-partial[ids], SCORED - 1)[:SCORED]]
        contents = [self._content(i) for i in ids]
        return ids, partial[ids] + FUZZY * fuzzy(claim.content, contents, self._workers(ids))

    def _compound_hits(self, claim_keys: frozenset[str]) -> list[tuple[str, np.ndarray]]:
        """A claim word the sources only have inside a compound ("betreiber" in
        "Hafenbetreiber", "kunden" in "Fernverkehrskunden") still counts there:
        German rewrites split and join compounds freely."""
        hits = []
        for key in claim_keys:
            if key in self._postings or len(key) < COMPOUND_PART or key[0].isdigit():
                continue
            postings = [p for k, p in self._postings.items() if len(k) > len(key) + 2 and key in k]
            if postings:
                hits.append((key, np.unique(np.concatenate(postings))))
        return hits

    def _workers(self, ids: np.ndarray) -> int:
        return self.workers if len(ids) >= PARALLEL_FROM else 1

    def _content(self, window: int) -> str:
        first = self._first[window]
        return " ".join(f.content for f in self._features[first : first + self._size[window]])

    def match(self, claim: str, top: int = 3) -> list[Evidence]:
        """The ``top`` best passages for ``claim``, best first, no two overlapping in
        one document, with span, highlights and flags (see ``match_claim``)."""
        if not self._features or top <= 0:
            return []
        claim_features = features(normalise(claim, self.language))
        ids, scores = self._scores(claim_features)
        # Best score first; on a tie the shorter passage, then the earlier one.
        order = np.lexsort((ids, self._size[ids], -np.round(scores, 6)))
        chosen: list[tuple[int, int, int, float]] = []
        for j in order:
            first = self._first[ids[j]]
            index, start, _ = self._spans[first]
            end = self._spans[first + self._size[ids[j]] - 1][2]
            if any(c[0] == index and c[1] < end and start < c[2] for c in chosen):
                continue
            chosen.append((index, start, end, float(scores[j])))
            if len(chosen) == top:
                break
        check = self.checker or _default_checker()
        out = []
        for rank, (index, start, end, value) in enumerate(chosen):
            doc = self.documents[index]
            passage = doc.text[start:end]
            span, marks = self.highlight(doc, start, end, claim_features.keys)
            # Facts are compared where suggest() reads them: on the best passage once it
            # may state the claim, on the others once they state it (a weak alternative
            # is no source to dispute with; on an unrelated one every number "differs").
            # Read at call time, so a threshold sweep in bench/match_eval.py moves it too.
            floor = suggest.STRONG_THRESHOLD if rank else suggest.SUPPORT_THRESHOLD
            flags = tuple(check(claim, passage, self.language)) if check and value >= floor else ()
            out.append(Evidence(doc.key, start, end, passage, round(value, 1), span, marks, flags))
        return out

    def highlight(
        self, doc: Document, start: int, end: int, claim_keys: frozenset[str]
    ) -> tuple[tuple[int, int], tuple[tuple[int, int], ...]]:
        """``(span, highlights)`` in ``doc.text`` offsets: the words (numbers, dates) of
        ``doc.text[start:end]`` whose normalised form the claim shares, and the stretch
        with the most shared weight net of ``GAP`` per other word."""
        lang = doc.language or self.language
        positions: list[tuple[int, int]] = []
        values: list[float] = []
        marks: list[tuple[int, int]] = []
        for m in RAW_TOKEN.finditer(doc.text, start, end):
            shared = _token_keys(m.group(), lang) & claim_keys
            positions.append(m.span())
            if shared:
                marks.append(m.span())
                values.append(max(self.weights[k] for k in shared))
            else:
                values.append(-GAP)
        best, run, run_from, span = 0.0, 0.0, 0, (start, end)
        for i, value in enumerate(values):  # maximum-sum run (Kadane)
            run, run_from = (value, i) if run <= 0 else (run + value, run_from)
            if run > best:
                best, span = run, (positions[run_from][0], positions[i][1])
        return span, tuple(marks)


@lru_cache(maxsize=8)
def _matcher(documents: tuple[Document, ...], language: str | None) -> Matcher:
    return Matcher(documents, language)


def match_claim(
    claim: str, documents: Sequence[Document], *, language: str | None = None, top: int = 3
) -> list[Evidence]:
    """The ``top`` passages of ``documents`` that best state ``claim``, best first.

    Each ``Evidence`` has the passage's offsets in its document, a score 0-100, ``span``
    (the best-matching stretch) and ``highlights`` (words shared with the claim), both
    as offsets into the original ``doc.text``, and ``flags`` from ``checks.check`` (on
    the best passage from ``suggest.SUPPORT_THRESHOLD``, on the others from
    ``suggest.STRONG_THRESHOLD``). Repeated calls with the same documents reuse
    one ``Matcher``; to match many claims, build a ``Matcher`` yourself.
    """
    return _matcher(tuple(documents), language).match(claim, top)
