"""Exact (brute-force) shingle Jaccard on a sample, to measure what MinHash LSH finds and what it merges.

Shingles here are the same word n-grams the signatures are built from, kept as exact hash sets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from eurocurate.dedup.minhash import Signer, shingle_hashes
from eurocurate.dedup.config import DedupConfig


def shingle_sets(texts: list[str], cfg: DedupConfig, language: str | None = None) -> list[frozenset[int]]:
    signer = Signer(cfg)
    return [
        frozenset(shingle_hashes(signer.word_hashes(signer.normaliser.tokens(t, language)), cfg.ngram).tolist())
        for t in texts
    ]


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def similar_pairs(shingles: dict[str, frozenset[int]], threshold: float) -> dict[tuple[str, str], float]:
    """Every pair of the sample with exact Jaccard >= threshold (an inverted index finds the pairs that share
    any shingle; every other pair has Jaccard 0)."""
    postings: dict[int, list[str]] = defaultdict(list)
    for doc_id, shingle_set in shingles.items():
        for s in shingle_set:
            postings[s].append(doc_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for ids in postings.values():
        if len(ids) > 1:
            ids = sorted(ids)
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    shared[(a, b)] += 1
    out = {}
    for (a, b), common in shared.items():
        value = common / (len(shingles[a]) + len(shingles[b]) - common)
        if value >= threshold:
            out[(a, b)] = value
    return out


@dataclass
class PairScores:
    pairs_at_threshold: int
    found: int
    merged_pairs: int
    merged_below: int

    @property
    def recall(self) -> float:
        return self.found / self.pairs_at_threshold if self.pairs_at_threshold else 1.0

    @property
    def merged_below_share(self) -> float:
        return self.merged_below / self.merged_pairs if self.merged_pairs else 0.0


def score(sample: dict[str, frozenset[int]], cluster_of: dict[str, str], merged: Iterable[tuple[str, str]],
          all_shingles: dict[str, frozenset[int]], recall_at: float = 0.8, precision_below: float = 0.5
          ) -> PairScores:
    """Recall: sample pairs with Jaccard >= recall_at that ended in one cluster. Merged pairs: (removed document,
    the document it was declared a duplicate of), each checked against its exact Jaccard."""
    truth = similar_pairs(sample, recall_at)
    found = sum(cluster_of.get(a, a) == cluster_of.get(b, b) for a, b in truth)
    merged = list(merged)
    below = sum(jaccard(all_shingles[a], all_shingles[b]) < precision_below for a, b in merged)
    return PairScores(len(truth), found, len(merged), below)
