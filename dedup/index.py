"""The dedup index a run leaves behind for later (incremental) runs: the signatures of the documents it kept.

RUN/work/dedup/index/ holds meta.json (the signature settings, which a later run must share) and one
Parquet file per node partition with id, language, quality, exact hash and MinHash signature.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from eurocurate.dedup.layout import REMOVED_SCHEMA, WorkLayout, is_prior, node_schema
from eurocurate.dedup.shuffle import column_u64, partition_files, read_partition
from eurocurate.dedup.signing import describe_signature
from eurocurate.dedup.config import DedupConfig
from eurocurate.core.parquet_io import AtomicParquetWriter, write_text_atomic

META = "meta.json"


class IndexMismatch(ValueError):
    """An earlier run's index cannot be used with this config."""


def write_index_part(partition: int, work_root: str, permutations: int) -> dict:
    layout = WorkLayout(work_root)
    gone = column_u64(read_partition(layout.removed, partition, REMOVED_SCHEMA), "node")

    def still_kept(table: pa.Table) -> pa.Array:
        nodes = column_u64(table, "node")
        return pa.array(~is_prior(nodes) & ~np.isin(nodes, gone))

    # File by file into one output, so a partition's signatures are never held together.
    schema = node_schema(permutations)
    writer = AtomicParquetWriter(layout.index / f"part-{partition:05d}.parquet", schema.remove(0))
    try:
        for path in partition_files(layout.nodes, partition):
            table = pq.read_table(path)
            writer.write_table(table.filter(still_kept(table)).drop_columns(["node"]))
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return {"docs": writer.rows}


def write_index_meta(work_root: str, cfg: DedupConfig, docs: int) -> None:
    meta = {"signature": describe_signature(cfg), "scope": cfg.scope, "docs": docs}
    write_text_atomic(json.dumps(meta, indent=2), WorkLayout(work_root).index / META)


def resolve_index(path: str | Path) -> Path:
    """An index folder, or a run folder holding one."""
    path = Path(path)
    for candidate in (path, path / "work" / "dedup" / "index"):
        if (candidate / META).is_file():
            return candidate
    raise IndexMismatch(f"eurocurate.dedup.previous_index: no dedup index at {path}")


def index_files(path: str | Path, cfg: DedupConfig) -> list[str]:
    folder = resolve_index(path)
    meta = json.loads((folder / META).read_text())
    if meta.get("signature") != describe_signature(cfg):
        raise IndexMismatch(
            f"eurocurate.dedup.previous_index: {folder} was built with other signature settings ({meta.get('signature')})"
        )
    return sorted(str(p) for p in folder.glob("part-*.parquet"))
