"""MinHash signatures over word n-gram shingles, computed for a batch of documents at once, cut into LSH bands.

A shingle hash is a polynomial over the 64-bit hashes of its words (wrapping arithmetic, then a mixing
finaliser), so each word is hashed once rather than once per n-gram it belongs to. Each permutation is a
multiply-add over the shingle hashes (odd multipliers, wrapping arithmetic), vectorised with numpy over many
documents at a time; a band is summarised by one 64-bit hash of its rows.
"""

from __future__ import annotations

import functools

import numpy as np
import xxhash

from eurocurate.dedup.tokenise import Normaliser
from eurocurate.dedup.config import DedupConfig

_SHINGLE_BASE = np.uint64(0x9E3779B97F4A7C15)
# Shingle hashes per matrix multiply-add: bounds the working memory at about 16k x permutations x 8 bytes.
_SHINGLES_PER_BLOCK = 1 << 14
_MAX64 = np.iinfo(np.uint64).max


def mix64(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads any uint64 input uniformly (used for shingles and partition choice)."""
    with np.errstate(over="ignore"):
        z = values.astype(np.uint64, copy=True)
        z ^= z >> np.uint64(30)
        z *= np.uint64(0xBF58476D1CE4E5B9)
        z ^= z >> np.uint64(27)
        z *= np.uint64(0x94D049BB133111EB)
        z ^= z >> np.uint64(31)
    return z


@functools.lru_cache(maxsize=8)
def _permutations(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    mult = rng.integers(1, _MAX64, size=count, dtype=np.uint64, endpoint=True) | np.uint64(1)
    add = rng.integers(0, _MAX64, size=count, dtype=np.uint64, endpoint=True)
    return mult, add


def shingle_hashes(word_hashes: np.ndarray, ngram: int) -> np.ndarray:
    """One hash per run of `ngram` consecutive words; a text shorter than that is one shingle."""
    if len(word_hashes) == 0:
        return np.zeros(1, dtype=np.uint64)
    if len(word_hashes) <= ngram:
        ngram = len(word_hashes)
    count = len(word_hashes) - ngram + 1
    combined = word_hashes[:count].copy()
    with np.errstate(over="ignore"):
        for offset in range(1, ngram):
            combined *= _SHINGLE_BASE
            combined += word_hashes[offset : offset + count]
    return mix64(combined)


class Signer:
    """Computes exact hashes and MinHash signatures for batches of (text, language)."""

    def __init__(self, cfg: DedupConfig):
        self.cfg = cfg
        self.normaliser = Normaliser(cfg)
        self.mult, self.add = _permutations(cfg.bands * cfg.rows, cfg.seed)
        self._word_cache: dict[str, int] = {}

    def word_hashes(self, tokens: list[str]) -> np.ndarray:
        cache = self._word_cache
        if len(cache) > 500_000:
            cache.clear()
        values = [cache.get(token) for token in tokens]
        if None in values:
            for i, value in enumerate(values):
                if value is None:
                    token = tokens[i]
                    values[i] = cache[token] = xxhash.xxh3_64_intdigest(token.encode("utf-8"))
        return np.array(values, dtype=np.uint64)

    def sign(self, texts: list[str], languages: list[str | None]) -> tuple[np.ndarray, np.ndarray]:
        """Exact hashes (n x 2 uint64: 128 bits of the normalised text) and signatures (n x permutations)."""
        exact = np.empty((len(texts), 2), dtype=np.uint64)
        signatures = np.empty((len(texts), len(self.mult)), dtype=np.uint64)
        pending: list[np.ndarray] = []
        pending_rows: list[int] = []
        pending_size = 0
        for row, (text, language) in enumerate(zip(texts, languages)):
            tokens = self.normaliser.tokens(text or "", language)
            digest = xxhash.xxh3_128_intdigest(" ".join(tokens).encode("utf-8"))
            exact[row] = (digest >> 64, digest & 0xFFFFFFFFFFFFFFFF)
            shingles = shingle_hashes(self.word_hashes(tokens), self.cfg.ngram)
            if pending_size + len(shingles) > _SHINGLES_PER_BLOCK and pending:
                self._min_hash_block(pending, pending_rows, signatures)
                pending, pending_rows, pending_size = [], [], 0
            pending.append(shingles)
            pending_rows.append(row)
            pending_size += len(shingles)
        if pending:
            self._min_hash_block(pending, pending_rows, signatures)
        return exact, signatures

    def _min_hash_block(self, shingle_lists: list[np.ndarray], rows: list[int], out: np.ndarray) -> None:
        shingles = np.concatenate(shingle_lists)
        starts = np.cumsum([0] + [len(s) for s in shingle_lists[:-1]])
        with np.errstate(over="ignore"):
            permuted = shingles[:, None] * self.mult[None, :]
            permuted += self.add[None, :]
        out[rows] = np.minimum.reduceat(permuted, starts, axis=0)


def band_hashes(signatures: np.ndarray, cfg: DedupConfig) -> np.ndarray:
    """n x bands: each band's rows hashed into one 64-bit value."""
    n = len(signatures)
    bands = signatures.reshape(n, cfg.bands, cfg.rows)
    folded = np.zeros((n, cfg.bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(cfg.rows):
            folded = mix64(folded * _SHINGLE_BASE + bands[:, :, r])
    return folded


def signature(text: str, cfg: DedupConfig, language: str | None = None) -> np.ndarray:
    """The signature of one text (convenience for tests and tools)."""
    return Signer(cfg).sign([text], [language])[1][0]


def exact_hash(text: str, cfg: DedupConfig | None = None, language: str | None = None) -> tuple[int, int]:
    hi, lo = Signer(cfg or DedupConfig()).sign([text], [language])[0][0]
    return int(hi), int(lo)


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Share of equal MinHash values, row by row (a and b: n x permutations, or one signature each)."""
    return np.mean(a == b, axis=-1)
