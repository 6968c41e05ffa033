"""MinHash signatures over word n-gram shingles, cut into LSH bands.

Each permutation is a multiply-add over 64-bit shingle hashes (wrapping arithmetic, odd multipliers),
vectorised with numpy; a band is summarised by one 64-bit hash of its rows.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import numpy as np
import xxhash

from pipeline.config import DedupConfig

_WORD = re.compile(r"\w+", re.UNICODE)
_DIGIT = re.compile(r"\d")
# Placeholders written by the PII stage must not make two documents look alike or different.
_PLACEHOLDER = re.compile(r"<[A-Z_]+>")
_CHUNK = 4096


def normalise(text: str) -> str:
    """NFKC, case-folded, digits folded to 0, punctuation dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", _PLACEHOLDER.sub(" ", text)).casefold()
    text = _DIGIT.sub("0", text)
    return " ".join(_WORD.findall(text))


def exact_hash(text: str) -> str:
    return xxhash.xxh3_128_hexdigest(normalise(text).encode("utf-8"))


def shingle_hashes(text: str, ngram: int) -> np.ndarray:
    words = normalise(text).split()
    if not words:
        return np.zeros(1, dtype=np.uint64)
    if len(words) <= ngram:
        grams = [" ".join(words)]
    else:
        grams = [" ".join(words[i : i + ngram]) for i in range(len(words) - ngram + 1)]
    return np.unique(np.fromiter((xxhash.xxh3_64_intdigest(g.encode("utf-8")) for g in grams), dtype=np.uint64))


@functools.lru_cache(maxsize=8)
def _permutations(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    mult = rng.integers(1, np.iinfo(np.uint64).max, size=count, dtype=np.uint64, endpoint=True) | np.uint64(1)
    add = rng.integers(0, np.iinfo(np.uint64).max, size=count, dtype=np.uint64, endpoint=True)
    return mult, add


def signature(text: str, cfg: DedupConfig) -> np.ndarray:
    mult, add = _permutations(cfg.bands * cfg.rows, cfg.seed)
    shingles = shingle_hashes(text, cfg.ngram)
    sig = np.full(mult.shape, np.iinfo(np.uint64).max, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for start in range(0, len(shingles), _CHUNK):
            block = shingles[start : start + _CHUNK, None] * mult[None, :] + add[None, :]
            np.minimum(sig, block.min(axis=0), out=sig)
    return sig


def band_hashes(sig: np.ndarray, cfg: DedupConfig) -> list[int]:
    bands = sig.reshape(cfg.bands, cfg.rows)
    return [xxhash.xxh3_64_intdigest(row.tobytes()) for row in bands]
