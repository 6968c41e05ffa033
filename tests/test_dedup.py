"""MinHash signatures, LSH buckets and the deterministic keep rule."""

from __future__ import annotations

import random

import numpy as np

from dedup.clusters import bucket, resolve_clusters, star_edges
from dedup.minhash import band_hashes, exact_hash, normalise, signature
from pipeline.config import DedupConfig

WORDS = ("river town ferry market bridge museum garden library station harvest winter summer baker mill "
         "tower harbour village forest meadow school").split()


def _text(seed: int, n: int = 200) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n))


def _jaccard_estimate(a: str, b: str, cfg: DedupConfig) -> float:
    return float(np.mean(signature(a, cfg) == signature(b, cfg)))


def test_normalisation_folds_case_digits_punctuation_and_placeholders():
    assert normalise("Hello, WORLD 2024!  <EMAIL_ADDRESS>") == "hello world 0000"
    assert exact_hash("Hello, world.") == exact_hash("hello   WORLD")


def test_signature_estimates_similarity():
    cfg = DedupConfig()
    base = _text(1)
    words = base.split()
    words[100] = "changed"
    near = " ".join(words)
    assert _jaccard_estimate(base, near, cfg) > 0.8
    assert _jaccard_estimate(base, _text(2), cfg) < 0.1
    assert len(band_hashes(signature(base, cfg), cfg)) == cfg.bands


def test_signature_is_deterministic_and_seeded():
    a, b = DedupConfig(seed=1), DedupConfig(seed=2)
    assert (signature(_text(3), a) == signature(_text(3), a)).all()
    assert not (signature(_text(3), a) == signature(_text(3), b)).all()


def test_lsh_buckets_link_near_duplicates_only():
    cfg = DedupConfig()
    base = _text(5)
    near = base.replace(base.split()[50], "other", 1)
    docs = {"a": base, "b": near, "c": _text(6)}
    keyed = [((band, h), doc_id) for doc_id, text in docs.items()
             for band, h in enumerate(band_hashes(signature(text, cfg), cfg))]
    edges = set(star_edges(bucket(keyed)))
    assert edges == {("a", "b")}


def test_keep_rule_highest_quality_then_lowest_id():
    edges = [("a", "b"), ("b", "c"), ("x", "y")]
    quality = {"a": 0.5, "b": 0.9, "c": 0.9, "x": 0.1, "y": 0.1}
    exact = {"a": "h1", "b": "h2", "c": "h2", "x": "h3", "y": "h4"}
    decisions = resolve_clusters(edges, quality, exact)
    assert decisions["b"]["duplicate_of"] is None and decisions["b"]["cluster_size"] == 3
    assert decisions["a"] == {"cluster_id": "b", "cluster_size": 3, "duplicate_of": "b", "reason": "near_duplicate"}
    assert decisions["c"]["reason"] == "exact_duplicate"
    assert decisions["y"]["duplicate_of"] == "x"
    assert resolve_clusters(list(reversed(edges)), quality, exact) == decisions
