"""Map side of the dedup shuffle: one Ray task per input file computes exact hashes, MinHash signatures and
band keys batch by batch, and writes node rows (by node) and bucket keys (by key) to partition folders.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.json as pa_json
import pyarrow.parquet as pq
import xxhash

from dedup.layout import KEY_SCHEMA, WorkLayout, node_ids, node_schema, signatures_column, signatures_of
from dedup.minhash import Signer, band_hashes, mix64
from dedup.shuffle import write_partitioned
from pipeline.config import DedupConfig

_EXACT_SALT = np.uint64(0xE7AC7E7AC7E7AC7E)
_DOC_COLUMNS = ("id", "text", "language", "quality_score")


def read_document_batches(path: str, batch_rows: int) -> Iterator[pa.RecordBatch]:
    """Batches of id, text and, when present, language and quality_score from a Parquet or JSONL file."""
    if path.endswith(".parquet"):
        handle = pq.ParquetFile(path)
        columns = [c for c in _DOC_COLUMNS if c in handle.schema_arrow.names]
        yield from handle.iter_batches(batch_size=batch_rows, columns=columns)
        return
    # Streamed block by block, re-cut into batches of batch_rows: a file is never held whole.
    pending: list[pa.RecordBatch] = []
    rows = 0
    for block in _json_blocks(path):
        pending.append(block)
        rows += block.num_rows
        while rows >= batch_rows:
            table = pa.Table.from_batches(pending).combine_chunks()
            yield table.slice(0, batch_rows).to_batches()[0]
            rest = table.slice(batch_rows)
            pending, rows = rest.to_batches(), rest.num_rows
    if rows:
        yield pa.Table.from_batches(pending).combine_chunks().to_batches()[0]


def _json_blocks(path: str) -> Iterator[pa.RecordBatch]:
    """JSONL parsed only for the columns used (other fields may change type between lines); ids may be
    strings or integers."""
    for id_type in (pa.string(), pa.int64()):
        schema = pa.schema([("id", id_type), ("text", pa.string()), ("language", pa.string()),
                            ("quality_score", pa.float64())])
        options = pa_json.ParseOptions(explicit_schema=schema, unexpected_field_behavior="ignore")
        try:
            reader = pa_json.open_json(path, read_options=pa_json.ReadOptions(block_size=1 << 20, use_threads=False),
                                       parse_options=options)
        except pa.ArrowInvalid:
            continue
        yield from reader
        return
    raise ValueError(f"{path}: each line needs a string or integer 'id' and a string 'text'")


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


def sign_documents(path: str, file_number: int, cfg_json: str, work_root: str, partitions: int) -> dict:
    """Sign one file of this run's documents; returns how many it read."""
    cfg = DedupConfig.model_validate_json(cfg_json)
    layout, signer = WorkLayout(work_root), Signer(cfg)
    count = 0
    for batch_number, batch in enumerate(read_document_batches(path, cfg.batch_rows)):
        names = batch.schema.names
        texts = batch.column("text").to_pylist()
        languages = batch.column("language").to_pylist() if "language" in names else [None] * batch.num_rows
        quality = (batch.column("quality_score").to_numpy(zero_copy_only=False) if "quality_score" in names
                   else np.zeros(batch.num_rows))
        exact, signatures = signer.sign(texts, languages)
        nodes = node_ids(0, file_number, np.arange(count, count + batch.num_rows))
        ids = batch.column("id").cast(pa.string())
        _write_batch(layout, f"s0-f{file_number:06d}-b{batch_number:05d}", nodes, ids, languages,
                     np.nan_to_num(quality.astype(np.float32)), exact, signatures, cfg, partitions)
        count += batch.num_rows
    return {"file": path, "docs": count}


def sign_index_file(path: str, source: int, file_number: int, cfg_json: str, work_root: str,
                    partitions: int) -> dict:
    """Bring one file of an earlier run's index into this run's shuffle (its signatures are reused)."""
    cfg = DedupConfig.model_validate_json(cfg_json)
    layout = WorkLayout(work_root)
    permutations = cfg.bands * cfg.rows
    handle = pq.ParquetFile(path)
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


def count_rows(path: str) -> int:
    if path.endswith(".parquet"):
        return pq.ParquetFile(path).metadata.num_rows
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def describe_signature(cfg: DedupConfig) -> dict:
    """What two runs must share for their signatures to be comparable (stored with an index)."""
    keys = ("ngram", "bands", "rows", "seed", "unicode_nfkc", "casefold", "fold_digits", "strip_punctuation")
    return {"format": 1, **{k: getattr(cfg, k) for k in keys}}


def same_signature(meta_path: Path, cfg: DedupConfig) -> bool:
    return json.loads(meta_path.read_text()).get("signature") == describe_signature(cfg)
