"""Rank the passages of fetched sources for a claim: ``Matcher`` and ``match_claim``."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

import numpy as np

from workbench.matching import checks, encoder, semantic, suggest
from workbench.matching.candidates import units
from workbench.matching.facts import full_names
from workbench.matching.reading import Reading, read, read_spans
from workbench.matching.score import (
    FUZZY,
    Weights,
    blend,
    fuzzy,
    lexical,
    lexical_scores,
    reread,
    score_readings,
)
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
# A top passage from this score up may state the facts of a merged claim that the best
# passage lacks (it states half of the claim, so it scores lower than a whole match;
# tuned on the tuning sets: 50 and 40 keep the near misses of both unsupported, 30 not).
ELSEWHERE_FLOOR = 40.0
# From this score up it may also state a figure, date or name the best passage states
# otherwise: the second half of a merged claim ("fares rise on 1 June; the rise rests on
# costs from March"); a name only if it also adds MERGED_KEYS of the claim's keys to the
# best one's.
# On the six tuning files 80 and 3 cleared twelve merged claims and no altered one; 75
# one more merged and one altered; 2 keys one altered (a sentence like the best one).
MERGED_FLOOR = 80.0
MERGED_KEYS = 3
# Sentences on either side of the best passage that may state a figure or date of the
# claim that it does not: the second sentence of a merged claim, too short to rank among
# the top passages ("Das waren 452.000 weniger als vor einem Jahr.").
NEIGHBOURS = 2
# The passages the sentence encoder (encoder.py) reads again, at about 3 ms each: the
# best REREAD_TOP, the ones a suggestion rests on and a reviewer is shown (top 3). A
# passage shown but not read would keep its words' score beside ones the encoder moved:
# a rewording's sentence third by its words would stay under two the encoder lowered.
# One scoring REREAD_BELOW or more has nearly every word of the claim, one under
# REREAD_FROM next to none: on the tuning sets the encoder changed no suggestion there,
# nor on the others of a claim whose best passage scores REREAD_BELOW or more (and
# skipping them halves its work on match_speed).
REREAD_TOP = 3
REREAD_FROM, REREAD_BELOW = 15.0, 90.0
# Cost of a word that is not in the claim inside the highlighted span: a rare shared
# word (weight 4-8) bridges a gap of 8-16 words, a common one (weight ~1) two.
GAP = 0.5

# A checker compares the readings of a claim and a passage, given the keys of the
# passage's whole document and the passage's sentences (checks.check_readings).
Checker = Callable[[Reading, Reading, frozenset[str], tuple[Reading, ...]], list[Flag]]


@lru_cache(maxsize=64)
def _prepare(
    text: str, spans: tuple[tuple[int, int], ...], language: str | None
) -> tuple[tuple[Reading, ...], np.ndarray]:
    """A document's sentence readings and summed word vectors, once per snapshot text."""
    readings = read_spans(text, spans, language)
    return readings, semantic.model().sums([r.gist for r in readings])


def _default_checker() -> Checker:
    """What a Matcher built without a checker compares claims and passages with."""
    return checks.check_readings


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
        self._windows: dict[tuple[int, int], Reading] = {}
        self._spans: list[tuple[int, int, int]] = []  # document, start, end per sentence
        self._features: list[Reading] = []
        # Every key of each document, and its capitalised pairs (facts.full_names).
        self._page_keys: list[frozenset[str]] = []
        sums = []
        for index, doc in enumerate(self.documents):
            spans = units(doc)
            readings, vectors = _prepare(doc.text, spans, doc.language or language)
            self._features.extend(readings)
            self._page_keys.append(
                frozenset().union(*(r.keys for r in readings)) | full_names(doc.text)
            )
            sums.append(vectors)
            self._spans.extend((index, s, e) for s, e in spans)
        # Running sums of the sentences' word vectors: a window's is two rows apart.
        width = sums[0].shape[1] if sums else 1
        stacked = np.concatenate(sums) if sums else np.zeros((0, width), np.float32)
        self._running = np.vstack([np.zeros((1, width), np.float32), np.cumsum(stacked, axis=0)])
        self.weights = Weights(f.keys for f in self._features)
        postings: dict[str, list[int]] = {}
        for sid, f in enumerate(self._features):
            for key in f.keys:
                postings.setdefault(key, []).append(sid)
        self._postings = {k: np.array(v, dtype=np.intp) for k, v in postings.items()}
        # Every key on one line of one string, so that the keys holding a claim word
        # are found by str.find, not by testing each key in Python.
        self._key_list = list(self._postings)
        self._key_blob = "\n".join(self._key_list)
        self._key_starts = list(accumulate((len(k) + 1 for k in self._key_list), initial=0))
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

    def _cosines(self, claim: Reading, ids: np.ndarray) -> np.ndarray:
        """Cosine of the claim's word vectors with each window's."""
        vector = semantic.model().sums([claim.gist])[0]
        first, size = self._first[ids], self._size[ids]
        return semantic.cosines(vector, self._running[first + size] - self._running[first])

    def _scores(self, claim: Reading) -> tuple[np.ndarray, np.ndarray]:
        """Window ids worth ranking and their scores."""
        found = [(k, self._postings[k]) for k in claim.keys if k in self._postings]
        found += self._compound_hits(claim.keys)
        if not found:
            # No word in common (or none in the claim): sentences alone, by rapidfuzz.
            single = np.arange(len(self._firsts[0]))
            values = lexical_scores(claim, self._features, workers=self._workers(single))
            if claim.keys:
                values = blend(values, self._cosines(claim, single), len(claim.keys))
            return single, values
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
        partial = lexical(overlap / claim_total, overlap / self._totals, 0)
        ids = np.flatnonzero(overlap)
        if len(ids) > SCORED:
            ids = ids[np.argpartition(-partial[ids], SCORED - 1)[:SCORED]]
        contents = [self._content(i) for i in ids]
        values = partial[ids] + FUZZY * fuzzy(claim.content, contents, self._workers(ids))
        return ids, blend(values, self._cosines(claim, ids), len(claim.keys))

    def _compound_hits(self, claim_keys: frozenset[str]) -> list[tuple[str, np.ndarray]]:
        """A claim word the sources only have inside a compound ("betreib" in
        "netzbetreib", "kund" in "stromkund") still counts there:
        German rewrites split and join compounds freely."""
        hits = []
        for key in claim_keys:
            if key in self._postings or len(key) < COMPOUND_PART or key[0].isdigit():
                continue
            postings = [
                self._postings[k] for k in self._keys_containing(key) if len(k) > len(key) + 2
            ]
            if postings:
                hits.append((key, np.unique(np.concatenate(postings))))
        return hits

    def _keys_containing(self, part: str) -> list[str]:
        """The sources' keys that have ``part`` inside them, each once."""
        found, at = [], self._key_blob.find(part)
        while at >= 0:
            index = bisect_right(self._key_starts, at) - 1
            found.append(self._key_list[index])
            at = self._key_blob.find(part, self._key_starts[index + 1])
        return found

    def _workers(self, ids: np.ndarray) -> int:
        return self.workers if len(ids) >= PARALLEL_FROM else 1

    def _content(self, window: int) -> str:
        first = self._first[window]
        return " ".join(f.content for f in self._features[first : first + self._size[window]])

    def match(self, claim: str, top: int = 3) -> list[Evidence]:
        """The ``top`` best passages for ``claim``, best first, no two overlapping in
        one document, with span, highlights and flags (see ``match_claim``)."""
        return self.match_many([claim], top)[0]

    def match_many(self, claims: Sequence[str], top: int = 3) -> list[list[Evidence]]:
        """``match`` for each claim (an article's claims against its sources): the
        sentence encoder reads all their passages in one call, which costs it half as
        much as a call per claim."""
        if not self._features or top <= 0:
            return [[] for _ in claims]
        readings = [read(claim, self.language) for claim in claims]
        chosen = [self._choose(reading, top) for reading in readings]
        plans = [self._reread_plan(c) for c in chosen]
        requests = [
            (r.text, texts) for r, (_, texts, _) in zip(readings, plans, strict=True) if texts
        ]
        # The encoder is loaded (a second or two, once) only when a passage is doubtful.
        found = iter(encoder.encoder().cosines_many(requests) if requests else ())
        return [
            self._evidence(reading, *self._reread(reading, c, plan, next(found) if plan[1] else ()))
            for reading, c, plan in zip(readings, chosen, plans, strict=True)
        ]

    def _choose(self, claim: Reading, top: int) -> list[tuple[int, int, int, float, int, int]]:
        """The ``top`` best windows, no two overlapping in one document:
        ``(document index, start, end, score, first sentence, size)``."""
        ids, scores = self._scores(claim)
        # Best score first; on a tie the shorter passage, then the earlier one.
        order = np.lexsort((ids, self._size[ids], -np.round(scores, 6)))
        chosen: list[tuple[int, int, int, float, int, int]] = []
        for j in order:
            first, size = int(self._first[ids[j]]), int(self._size[ids[j]])
            index, start, _ = self._spans[first]
            end = self._spans[first + size - 1][2]
            if any(c[0] == index and c[1] < end and start < c[2] for c in chosen):
                continue
            chosen.append((index, start, end, float(scores[j]), first, size))
            if len(chosen) == top:
                break
        return chosen

    def _evidence(self, claim_reading: Reading, chosen: list, before: dict) -> list[Evidence]:
        """The chosen windows as evidence, with highlights and the checks' flags."""
        check = self.checker or _default_checker()
        out, checked = [], []
        for rank, (index, start, end, value, first, size) in enumerate(chosen):
            doc = self.documents[index]
            passage = doc.text[start:end]
            span, marks = self.highlight(first, size, claim_reading.keys)
            # Facts are compared where suggest() reads them: on the best passage once it
            # may state the claim, on the others once they state it (a weak alternative
            # is no source to dispute with; on an unrelated one every number "differs").
            # Read at call time, so a threshold sweep in bench/match_eval.py moves it too.
            floor = suggest.STRONG_THRESHOLD if rank else suggest.SUPPORT_THRESHOLD
            flags: tuple[Flag, ...] = ()
            # The checks also read a passage the encoder pulled under the floor: a
            # claim with one fact changed is a near miss to it, yet must be flagged.
            value_checked = max(value, before[(index, start)])
            if check and value_checked >= floor:
                flags = tuple(check(claim_reading, *self._context(first, size)))
            checked.append(bool(check) and value_checked >= floor)
            out.append(Evidence(doc.key, start, end, passage, round(value, 1), span, marks, flags))
        strong = any(e.score >= MERGED_FLOOR for e in out[1:])
        if check and out and any(_may_be_elsewhere(f, strong) for f in out[0].flags):
            best_keys = self._window(chosen[0][4], chosen[0][5]).keys
            others = [
                Elsewhere(
                    e,
                    e.flags if done else tuple(check(claim_reading, *self._context(c[4], c[5]))),
                    len(claim_reading.keys & self._window(c[4], c[5]).keys - best_keys),
                )
                for e, done, c in zip(out[1:], checked[1:], chosen[1:], strict=True)
                if e.score >= ELSEWHERE_FLOOR
            ]
            out[0] = _stated_elsewhere(out[0], others)
        if check and out and any(_nearby_kind(f) for f in out[0].flags):
            out[0] = self._stated_nearby(claim_reading, chosen, out[0])
        return out

    def _stated_nearby(self, claim: Reading, chosen: list, best: Evidence) -> Evidence:
        """The best passage without the flags of figures and dates it does not state that
        a sentence next to it does (NEIGHBOURS on either side, in its document), widened
        to that sentence so that the reviewer reads the fact in the passage shown (unless
        another passage shown has it)."""
        index, first, size = chosen[0][0], chosen[0][4], chosen[0][5]
        sides = (*range(first - NEIGHBOURS, first), *range(first + size, first + size + NEIGHBOURS))
        near = [
            sid for sid in sides if 0 <= sid < len(self._spans) and self._spans[sid][0] == index
        ]
        shown = {sid for c in chosen[1:] for sid in range(c[4], c[4] + c[5])}
        kept, stating = [], {first, first + size - 1}
        for flag in best.flags:
            found = [
                sid
                for sid in near
                if _nearby_kind(flag) and checks.states(claim, flag, self._features[sid])
            ]
            if not found:
                kept.append(flag)
            elif not shown & set(found):
                stating.add(min(found, key=lambda sid: abs(sid - first)))
        if len(kept) == len(best.flags):
            return best
        start, last = min(stating), max(stating)
        if shown & set(range(start, last + 1)):
            return replace(best, flags=tuple(kept))
        begin, end = self._spans[start][1], self._spans[last][2]
        span, marks = self.highlight(start, last - start + 1, claim.keys)
        text = self.documents[index].text[begin:end]
        return replace(
            best, start=begin, end=end, passage=text, span=span, highlights=marks, flags=tuple(kept)
        )

    def _reread_plan(self, chosen: list) -> tuple[list[int], list[str], bool]:
        """Which of the chosen windows the encoder reads (the first REREAD_TOP, if
        doubtful), their texts and whether the two best are also read together."""
        if not chosen or chosen[0][3] >= REREAD_BELOW:
            return [], [], False  # the best passage states the claim: no other can matter
        doubtful = [
            i for i, c in enumerate(chosen[:REREAD_TOP]) if REREAD_FROM <= c[3] < REREAD_BELOW
        ]
        texts = [self._text(chosen[i]) for i in doubtful]
        paired = doubtful[:2] == [0, 1] and chosen[0][0] == chosen[1][0]
        if paired:
            texts.append(" ".join(self._text(c) for c in sorted(chosen[:2], key=lambda c: c[1])))
        for i in doubtful:
            _, _, _, _, first, size = chosen[i]
            if size > 1:
                texts += [self._text(self._spans[sid]) for sid in range(first, first + size)]
        return doubtful, texts, paired

    def _reread(self, claim: Reading, chosen: list, plan: tuple, cosines) -> tuple[list, dict]:
        """The chosen windows, best first, once the encoder's ``cosines`` (for the
        ``plan``'s texts) have moved their scores (score.reread); and each one's score
        before. The two best read together stand for a claim merged from two sentences.
        A window that has every word of the claim keeps at least its score: a claim that
        states one clause of a long sentence reads far from the whole of it."""
        before = {(c[0], c[1]): c[3] for c in chosen}
        doubtful, _, paired = plan
        if not doubtful:
            return chosen, before
        rest = list(cosines[len(doubtful) + paired :])
        own = list(cosines[: len(doubtful)])
        if paired:
            own = list(np.maximum(own[:2], cosines[len(doubtful)])) + own[2:]
        chosen = list(chosen)
        for k, i in enumerate(doubtful):
            first, size = chosen[i][4], chosen[i][5]
            if size == 1:
                continue
            sentences, rest = rest[:size], rest[size:]
            best = int(np.argmax(sentences))
            if sentences[best] > own[k]:
                # One sentence of the window says the claim better than the whole:
                # it is the passage (the others would be shown and checked for nothing).
                chosen[i] = self._single(claim, first + best)
                before[chosen[i][:2]] = chosen[i][3]
                own[k] = sentences[best]
        again = list(chosen)
        for i, cosine in zip(doubtful, own, strict=True):
            index, start, end, value, first, size = chosen[i]
            value_again = float(reread(value, cosine))
            if claim.keys <= self._window(first, size).keys:
                value_again = max(value_again, value)
            again[i] = (index, start, end, value_again, first, size)
        return sorted(again, key=lambda c: (-round(c[3], 6), c[5], c[4])), before

    def _single(self, claim: Reading, sid: int) -> tuple[int, int, int, float, int, int]:
        """Sentence ``sid`` as a chosen window, with its score."""
        index, start, end = self._spans[sid]
        value = score_readings(claim, [self._features[sid]], weights=self.weights)[0]
        return (index, start, end, float(value), sid, 1)

    def _text(self, chosen: tuple) -> str:
        index, start, end = chosen[:3]
        return self.documents[index].text[start:end]

    def _context(
        self, first: int, size: int
    ) -> tuple[Reading, frozenset[str], tuple[Reading, ...]]:
        """What a checker compares a claim with: the window's reading, the keys of its
        whole document and, for a window of several, its sentences' readings."""
        sentences = tuple(self._features[first : first + size]) if size > 1 else ()
        return self._window(first, size), self._page_keys[self._spans[first][0]], sentences

    def _window(self, first: int, size: int) -> Reading:
        """The reading of a window of sentences, from its sentences' readings: a sentence
        is read once for every claim that meets it (its names and negations too)."""
        if size == 1:
            return self._features[first]
        key = (first, size)
        if key not in self._windows:
            index, start, _ = self._spans[first]
            end = self._spans[first + size - 1][2]
            facts = [
                (s + offset, e + offset, k, kind)
                for sid in range(first, first + size)
                for offset in (self._spans[sid][1] - start,)
                for s, e, k, kind in self._features[sid]._facts
            ]
            text = self.documents[index].text[start:end]
            self._windows[key] = Reading(text, self._features[first].language, facts)
        return self._windows[key]

    def highlight(
        self, first: int, size: int, claim_keys: frozenset[str]
    ) -> tuple[tuple[int, int], tuple[tuple[int, int], ...]]:
        """``(span, highlights)`` in document offsets for the window of ``size`` sentences
        from sentence ``first``: the words (numbers, dates) whose reading the claim
        shares, and the stretch with the most shared weight net of ``GAP`` per other word."""
        positions: list[tuple[int, int]] = []
        values: list[float] = []
        marks: list[tuple[int, int]] = []
        for sid in range(first, first + size):
            offset = self._spans[sid][1]
            for token in self._features[sid].tokens:
                at = (offset + token.start, offset + token.end)
                positions.append(at)
                if token.content and token.key in claim_keys:
                    marks.append(at)
                    values.append(self.weights[token.key])
                else:
                    values.append(-GAP)
        start, end = self._spans[first][1], self._spans[first + size - 1][2]
        best, run, run_from, span = 0.0, 0.0, 0, (start, end)
        for i, value in enumerate(values):  # maximum-sum run (Kadane)
            run, run_from = (value, i) if run <= 0 else (run + value, run_from)
            if run > best:
                best, span = run, (positions[run_from][0], positions[i][1])
        return span, tuple(marks)


class Elsewhere(NamedTuple):
    """Another top passage, its flags, and how many of the claim's keys it has that the
    best passage lacks (what it adds to it)."""

    evidence: Evidence
    flags: tuple[Flag, ...]
    adds: int


def _stated_elsewhere(best: Evidence, others: Sequence[Elsewhere]) -> Evidence:
    """The best passage without the flags of facts that another of the top passages
    states: a claim merged from two sentences of a page that are not next to each other
    has its facts in two passages. A quotation is not cleared by a passage that puts
    another name where the best one has the claim's: it is someone else's words there."""
    own = {(f.kind, f.claim) for f in best.flags}
    kept = tuple(
        f
        for f in best.flags
        if not any(
            _elsewhere_states(f, other)
            and not (f.kind == "quote" and _names_another(other.flags, own))
            for other in others
        )
    )
    return replace(best, flags=kept) if len(kept) < len(best.flags) else best


def _names_another(flags: Sequence[Flag], own: set[tuple[str, str]]) -> bool:
    """Whether a passage's flags pair a name of the claim that the best passage states
    with another name."""
    return any(
        g.kind == "name" and g.source != suggest.NOT_STATED and (g.kind, g.claim) not in own
        for g in flags
    )


def _may_be_elsewhere(flag: Flag, strong: bool) -> bool:
    """Whether another top passage could state a fact flagged on the best one (``strong``:
    one of them scores MERGED_FLOOR or more)."""
    return flag.source == suggest.NOT_STATED or (strong and flag.kind in _MERGED_KINDS)


def _elsewhere_states(flag: Flag, other: Elsewhere) -> bool:
    """Whether another top passage states a fact flagged on the best one: one the best
    does not state at all, whenever it has it unflagged; a figure or date the best states
    otherwise, only when it states the claim nearly as well as the best (the second
    sentence of a merged claim); a name, only when it also adds MERGED_KEYS of the
    claim's words to the best (not a sentence like the best one, where the page has the
    claim's swapped name). A quote stated otherwise stays flagged."""
    if (flag.kind, flag.claim) in {(g.kind, g.claim) for g in other.flags}:
        return False
    if flag.source == suggest.NOT_STATED:
        return True
    if flag.kind not in _MERGED_KINDS or other.evidence.score < MERGED_FLOOR:
        return False
    return flag.kind != "name" or other.adds >= MERGED_KEYS


_MERGED_KINDS = ("number", "date", "name")


def _nearby_kind(flag: Flag) -> bool:
    """Whether a flag is a figure or date the passage does not state, which a sentence
    next to it may state."""
    return flag.source == suggest.NOT_STATED and flag.kind in ("number", "date")


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
