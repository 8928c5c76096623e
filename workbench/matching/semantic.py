"""The semantic side of the score: static word embeddings whose weights ship inside the
``wordllama`` wheel (its 256-dimensional "l2_supercat" token table and tokenizer), read
straight from the installed package, so nothing is downloaded at run time.

A text's vector is the mean of its tokens' vectors. The matcher keeps each sentence's
*sum*, so that a window of sentences gets the direction of its text's mean by adding them
up; a claim reworded in other words and voice still lands near its source.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

_PACKAGE = "wordllama"
_TOKENIZER = Path("tokenizers", "l2_supercat_tokenizer_config.json")
_WEIGHTS = Path("weights", "l2_supercat_256.safetensors")
_TENSOR = "embedding.weight"


class ModelMissing(RuntimeError):
    """The embedding model's package is not installed (see pyproject.toml)."""


class Model:
    """A token table (vocabulary x dimensions, float32) and the tokenizer that indexes it.

    A word's vector (the sum of its tokens' vectors) is kept once computed, so that a
    text's sum is a gather of word rows: news reuse their words, sentence after sentence."""

    def __init__(self, tokenizer, table: np.ndarray):
        self.tokenizer = tokenizer
        self.table = table
        self._index: dict[str, int] = {}
        self._words = np.zeros((0, table.shape[1]), dtype=np.float32)
        # The web server matches in several threads: new words are added under a lock,
        # so that no row index is handed out before its row exists.
        self._adding = threading.Lock()

    @property
    def nbytes(self) -> int:
        return int(self.table.nbytes)

    def _word_ids(self, words: list[str]) -> np.ndarray:
        if any(w not in self._index for w in words):
            with self._adding:
                self._add([w for w in words if w not in self._index])
        return np.fromiter((self._index[w] for w in words), dtype=np.intp, count=len(words))

    def _add(self, words: list[str]) -> None:
        new = list(dict.fromkeys(words))
        if new:
            rows = np.zeros((len(new), self.table.shape[1]), dtype=np.float32)
            for i, encoding in enumerate(
                self.tokenizer.encode_batch(new, add_special_tokens=False)
            ):
                if encoding.ids:
                    rows[i] = self.table[encoding.ids].sum(axis=0)
            offset = len(self._index)
            self._words = np.concatenate([self._words, rows])
            self._index.update((w, offset + i) for i, w in enumerate(new))

    def sums(self, texts: Sequence[str]) -> np.ndarray:
        """Each text's summed word vectors (len(texts) x dimensions); zeros for a text
        without words. Words are what whitespace separates."""
        words = [t.split() for t in texts]
        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        ids = self._word_ids([w for ws in words for w in ws])
        if not len(ids):
            return out
        rows = self._words[ids]
        # One slice sum per text: np.add.reduceat over rows is ten times slower here.
        end = 0
        for i, ws in enumerate(words):
            if ws:
                start, end = end, end + len(ws)
                out[i] = rows[start:end].sum(axis=0)
        return out


def _package_dir() -> Path:
    # The package is located, not imported: importing it configures logging for the
    # whole process and pulls in modules the matcher does not use.
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(f"the {_PACKAGE} package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=1)
def model() -> Model:
    """The model, loaded once per process (about 33 MB of float32)."""
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    root = _package_dir()
    tokenizer = Tokenizer.from_file(str(root / _TOKENIZER))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    table = load_file(str(root / _WEIGHTS))[_TENSOR].astype(np.float32)
    return Model(tokenizer, table)


def cosines(claim: np.ndarray, sums: np.ndarray) -> np.ndarray:
    """Cosine of one vector (a sum or a mean) with each row of ``sums``: the mean of a
    text's tokens points where their sum does, so sums need no dividing."""
    norms = np.linalg.norm(sums, axis=1) * max(float(np.linalg.norm(claim)), 1e-12)
    return (sums @ claim) / np.maximum(norms, 1e-12)
