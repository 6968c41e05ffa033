"""A seeded synthetic corpus with planted duplicates at known word-edit rates, for tests and benchmarks.

Words come from a made-up vocabulary with a Zipf-like frequency curve, so texts look statistically like prose
without being anyone's prose. A planted copy of an earlier document has a share `edit_rate` of its words
substituted, deleted or inserted; edit rate 0 is an exact duplicate after normalisation (only case and
punctuation differ).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

_SYLLABLES = ("ka ri to ne mu sa lo ve di pa ru ni be go ta el an or us im ost ber fal kin dra sto wen "
              "ja mo li se qu zu ha pe fi ro").split()
EDIT_RATES = (0.0, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3)


@dataclass(frozen=True)
class CorpusSpec:
    docs: int
    seed: int = 0
    min_words: int = 100
    max_words: int = 300
    duplicate_share: float = 0.3
    edit_rates: tuple[float, ...] = EDIT_RATES
    vocabulary: int = 50_000
    language: str = "de"


def _vocabulary(size: int, rng: np.random.Generator) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        count = int(rng.integers(1, 5))
        words.add("".join(_SYLLABLES[i] for i in rng.integers(0, len(_SYLLABLES), count)))
    return sorted(words)


def _render(indices: np.ndarray, vocab: list[str], style: int) -> str:
    """Sentences of 7-16 words; `style` changes capitalisation and punctuation only."""
    words = [vocab[i] for i in indices]
    out, start = [], 0
    step = 7 + style % 10
    while start < len(words):
        sentence = words[start : start + step]
        sentence[0] = sentence[0].upper() if style % 3 == 2 else sentence[0].capitalize()
        out.append(" ".join(sentence) + ("!" if style % 4 == 3 else "."))
        start += step
    return " ".join(out)


def _edit(base: np.ndarray, rate: float, rng: np.random.Generator, vocab_size: int, cdf: np.ndarray) -> np.ndarray:
    edits = int(round(rate * len(base)))
    if edits == 0:
        return base
    positions = rng.choice(len(base), size=edits, replace=False)
    ops = rng.integers(0, 3, size=edits)
    fresh = np.searchsorted(cdf, rng.random(edits)).astype(base.dtype)
    words = base.copy()
    substitute = positions[ops == 0]
    words[substitute] = fresh[ops == 0]
    keep = np.ones(len(words), dtype=bool)
    keep[positions[ops == 1]] = False
    inserts = positions[ops == 2]
    words = np.insert(words, inserts, fresh[ops == 2])
    keep = np.insert(keep, inserts, True)
    return words[keep]


def generate(spec: CorpusSpec) -> Iterator[dict]:
    """Documents in id order: {id, text, language, quality_score, planted_of, edit_rate}."""
    rng = np.random.default_rng(spec.seed)
    vocab = _vocabulary(spec.vocabulary, rng)
    weights = 1.0 / np.arange(1, spec.vocabulary + 1) ** 1.05
    cdf = np.cumsum(weights / weights.sum())
    bases: list[np.ndarray] = []
    base_ids: list[str] = []
    for number in range(spec.docs):
        doc_id = f"doc{number:07d}"
        planted_of, rate = None, None
        if bases and rng.random() < spec.duplicate_share:
            pick = int(rng.integers(0, len(bases)))
            rate = float(spec.edit_rates[int(rng.integers(0, len(spec.edit_rates)))])
            words, planted_of = _edit(bases[pick], rate, rng, spec.vocabulary, cdf), base_ids[pick]
        else:
            length = int(rng.integers(spec.min_words, spec.max_words + 1))
            words = np.searchsorted(cdf, rng.random(length)).astype(np.int32)
            bases.append(words)
            base_ids.append(doc_id)
        yield {
            "id": doc_id,
            "text": _render(words, vocab, number),
            "language": spec.language,
            "quality_score": round(float(rng.random()), 4),
            "planted_of": planted_of,
            "edit_rate": rate,
        }
