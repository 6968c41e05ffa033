"""The cross-document half of deduplication: LSH band buckets and exact-hash buckets into duplicate edges.

Each function reads only the columns it needs from the work files, so it can run as its own Ray task.
"""

from __future__ import annotations

import pyarrow.parquet as pq

from dedup.clusters import bucket, star_edges


def _scope_key(language: str, scope: str) -> str:
    return language if scope == "language" else ""


def band_edges(doc_files: list[str], bands: list[int], scope: str) -> list[tuple[str, str]]:
    """Edges between documents that share a bucket in any of `bands`."""
    edges: list[tuple[str, str]] = []
    columns = [pq.read_table(f, columns=["id", "language", "band_hashes"]).to_pydict() for f in doc_files]
    for band in bands:
        keyed = (
            ((_scope_key(lang, scope), band, hashes[band]), doc_id)
            for col in columns
            for doc_id, lang, hashes in zip(col["id"], col["language"], col["band_hashes"])
        )
        edges.extend(star_edges(bucket(keyed)))
    return edges


def exact_edges(doc_files: list[str], scope: str) -> list[tuple[str, str]]:
    keyed = []
    for f in doc_files:
        col = pq.read_table(f, columns=["id", "language", "exact_hash"]).to_pydict()
        keyed.extend(((_scope_key(lang, scope), h), i) for i, lang, h in zip(col["id"], col["language"], col["exact_hash"]))
    return star_edges(bucket(keyed))


def doc_keys(doc_files: list[str]) -> tuple[dict[str, float], dict[str, str]]:
    """quality_score and exact_hash per document id: what the keep rule needs."""
    quality: dict[str, float] = {}
    exact: dict[str, str] = {}
    for f in doc_files:
        col = pq.read_table(f, columns=["id", "quality_score", "exact_hash"]).to_pydict()
        quality.update(zip(col["id"], col["quality_score"]))
        exact.update(zip(col["id"], col["exact_hash"]))
    return quality, exact
