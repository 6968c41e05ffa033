"""Map side of the dedup shuffle: one Ray task per input file computes exact hashes, MinHash signatures and
band keys batch by batch, and writes node rows (by node) and bucket keys (by key) to partition folders.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import xxhash

from eurocurate.core import workspace
from eurocurate.dedup.documents import read_document_batches
from eurocurate.dedup.layout import KEY_SCHEMA, WorkLayout, node_ids, node_schema, signatures_column, signatures_of
from eurocurate.dedup.minhash import Signer, band_hashes, mix64
from eurocurate.dedup.shuffle import write_partitioned
from eurocurate.dedup.config import DedupConfig

_EXACT_SALT = np.uint64(0xE7AC7E7AC7E7AC7E)
_SIGN_ROWS = 500


def _scope_hashes(languages: list[str | None], cfg: DedupConfig) -> np.ndarray:
    if cfg.scope == "global":
        return np.zeros(len(languages), dtype=np.uint64)
    cache: dict[str | None, int] = {}
    return np.fromiter(
        (cache.setdefault(lang, xxhash.xxh3_64_intdigest((lang or "").encode())) for lang in languages),
        dtype=np.uint64, count=len(languages),
    )


def bucket_keys(nodes: np.ndarray, languages: list[str | None], exact: np.ndarray, signatures: np.ndarray,
                cfg: DedupConfig) -> tuple[np.ndarray, np.ndarray]:
    """(key, node) rows: one per band (near) and one for the exact hash, each scoped by language or not."""
    scope = _scope_hashes(languages, cfg)
    keys, owners = [], []
    with np.errstate(over="ignore"):
        if cfg.near:
            bands = band_hashes(signatures, cfg)
            salts = mix64(scope[:, None] + np.arange(1, cfg.bands + 1, dtype=np.uint64)[None, :])
            keys.append(mix64(bands ^ salts).ravel())
            owners.append(np.repeat(nodes, cfg.bands))
        if cfg.exact:
            keys.append(mix64(exact[:, 0] ^ mix64(exact[:, 1] ^ scope ^ _EXACT_SALT)))
            owners.append(nodes)
    if not keys:
        return np.empty(0, np.uint64), np.empty(0, np.uint64)
    return np.concatenate(keys), np.concatenate(owners)


def _write_batch(layout: WorkLayout, name: str, nodes: np.ndarray, ids: pa.Array, languages: list,
                 quality: np.ndarray, exact: np.ndarray, signatures: np.ndarray, cfg: DedupConfig,
                 partitions: int) -> None:
    table = pa.Table.from_arrays(
        [pa.array(nodes), ids, pa.array(languages, pa.string()), pa.array(quality, pa.float32()),
         pa.array(exact[:, 0]), pa.array(exact[:, 1]), signatures_column(signatures)],
        schema=node_schema(signatures.shape[1]),
    )
    write_partitioned(table, nodes, partitions, layout.nodes, name)
    keys, owners = bucket_keys(nodes, languages, exact, signatures, cfg)
    write_partitioned(pa.Table.from_arrays([pa.array(keys), pa.array(owners)], schema=KEY_SCHEMA), keys,
                      partitions, layout.keys, name)


class _PendingRows:
    """Signed documents waiting to be written: dense arrays only, so holding a write's worth costs about a
    kilobyte per document."""

    def __init__(self) -> None:
        self.parts: list[tuple] = []
        self.rows = 0

    def add(self, nodes: np.ndarray, ids: pa.Array, languages: list, quality: np.ndarray, exact: np.ndarray,
            signatures: np.ndarray) -> None:
        self.parts.append((nodes, ids, languages, quality, exact, signatures))
        self.rows += len(nodes)

    def take(self) -> tuple:
        nodes, ids, languages, quality, exact, signatures = zip(*self.parts)
        self.parts, self.rows = [], 0
        return (np.concatenate(nodes), pa.concat_arrays(ids), [x for part in languages for x in part],
                np.concatenate(quality), np.concatenate(exact), np.concatenate(signatures))


def sign_documents(path: str, file_number: int, cfg_json: str, work_root: str, partitions: int) -> dict:
    """Sign one file of this run's documents; returns how many it read.

    Texts are read and signed a few hundred at a time (their tokens are the bulk of a task's memory, and the
    Python objects behind them fragment the heap for good), while the shuffle files are written per
    `batch_rows` documents, so the number of files does not grow with smaller signing chunks.
    """
    cfg = DedupConfig.model_validate_json(cfg_json)
    layout, signer = WorkLayout(work_root), Signer(cfg)
    pending, count, written = _PendingRows(), 0, 0

    def flush() -> None:
        nonlocal written
        _write_batch(layout, f"s0-f{file_number:06d}-b{written:05d}", *pending.take(), cfg, partitions)
        written += 1

    for batch in read_document_batches(path, min(cfg.batch_rows, _SIGN_ROWS)):
        exact, signatures = signer.sign(batch.texts, batch.languages)
        nodes = node_ids(0, file_number, np.arange(count, count + len(batch)))
        pending.add(nodes, pa.array([str(i) for i in batch.ids], pa.string()), batch.languages, batch.quality,
                    exact, signatures)
        count += len(batch)
        if pending.rows >= cfg.batch_rows:
            flush()
    if pending.rows:
        flush()
    return {"file": path, "docs": count}


def sign_index_file(path: str, source: int, file_number: int, cfg_json: str, work_root: str,
                    partitions: int) -> dict:
    """Bring one file of an earlier run's index into this run's shuffle (its signatures are reused)."""
    cfg = DedupConfig.model_validate_json(cfg_json)
    layout = WorkLayout(work_root)
    permutations = cfg.bands * cfg.rows
    handle = workspace.parquet_file(path, None)
    count = 0
    for batch_number, batch in enumerate(handle.iter_batches(batch_size=cfg.batch_rows)):
        signatures = signatures_of(batch.column("minhash"), permutations)
        exact = np.stack([batch.column("exact_hi").to_numpy(), batch.column("exact_lo").to_numpy()], axis=1)
        nodes = node_ids(source, file_number, np.arange(count, count + batch.num_rows))
        _write_batch(layout, f"s{source}-f{file_number:06d}-b{batch_number:05d}", nodes, batch.column("id"),
                     batch.column("language").to_pylist(), batch.column("quality").to_numpy(), exact, signatures,
                     cfg, partitions)
        count += batch.num_rows
    return {"file": path, "docs": count}


def describe_signature(cfg: DedupConfig) -> dict:
    """What two runs must share for their signatures to be comparable (stored with an index)."""
    keys = ("ngram", "bands", "rows", "seed", "unicode_nfkc", "casefold", "fold_digits", "strip_punctuation")
    return {"format": 1, **{k: getattr(cfg, k) for k in keys}}


def same_signature(meta_path: Path, cfg: DedupConfig) -> bool:
    return json.loads(meta_path.read_text()).get("signature") == describe_signature(cfg)
