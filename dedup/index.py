"""The dedup index a run leaves behind for later (incremental) runs: the signatures of the documents it kept.

RUN/work/dedup/index/ holds meta.json (the signature settings, which a later run must share) and one
Parquet file per node partition with id, language, quality, exact hash and MinHash signature (part-N), the
same for the documents removed as duplicates (duplicates-part-N, for `eurocurate remove`), and the
signatures of removed content (suppressed-*.parquet, written by `eurocurate remove`).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa

from eurocurate.dedup.layout import REMOVED_SCHEMA, WorkLayout, is_prior, node_schema
from eurocurate.dedup.shuffle import column_u64, partition_files, read_partition
from eurocurate.dedup.signing import describe_signature
from eurocurate.dedup.config import DedupConfig
from eurocurate.core import workspace
from eurocurate.core.parquet_io import AtomicParquetWriter, write_text_atomic

META = "meta.json"
# Signatures of removed content (`eurocurate remove`) sit beside the index parts as suppressed-*.parquet, with
# ids SUPPRESSED_PREFIX + "<erasure log entry>:<document id>"; a later run's document in their cluster is
# rejected with reason `suppressed` (dedup/clusters.py).
SUPPRESSED_PREFIX = "suppressed:"
SUPPRESSED_GLOB = "suppressed-*.parquet"
DUPLICATES_PREFIX = "duplicates-part-"


class IndexMismatch(ValueError):
    """An earlier run's index cannot be used with this config."""


def write_index_part(partition: int, work_root: str, permutations: int) -> dict:
    """The kept documents' signatures (part-N) and, apart, those of the documents removed as duplicates
    (duplicates-part-N: not read by later runs; `eurocurate remove` compares against them, because a removed
    cluster's content is also what its rejected members held)."""
    layout = WorkLayout(work_root)
    gone = column_u64(read_partition(layout.removed, partition, REMOVED_SCHEMA), "node")

    # File by file into one output, so a partition's signatures are never held together.
    schema = node_schema(permutations).remove(0)
    writer = AtomicParquetWriter(workspace.join(layout.index, f"part-{partition:05d}.parquet"), schema)
    duplicates = AtomicParquetWriter(workspace.join(layout.index, f"{DUPLICATES_PREFIX}{partition:05d}.parquet"), schema)
    try:
        for path in partition_files(layout.nodes, partition):
            table = workspace.read_table(path)
            nodes = column_u64(table, "node")
            current, removed = ~is_prior(nodes), np.isin(nodes, gone)
            writer.write_table(table.filter(pa.array(current & ~removed)).drop_columns(["node"]))
            duplicates.write_table(table.filter(pa.array(current & removed)).drop_columns(["node"]))
        writer.commit()
        duplicates.commit()
    except BaseException:
        writer.abort()
        duplicates.abort()
        raise
    return {"docs": writer.rows}


def write_index_meta(work_root: str, cfg: DedupConfig, docs: int) -> None:
    meta = {"signature": describe_signature(cfg), "scope": cfg.scope, "docs": docs}
    write_text_atomic(json.dumps(meta, indent=2), workspace.join(WorkLayout(work_root).index, META))


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
    return sorted(str(p) for p in [*folder.glob("part-*.parquet"), *folder.glob(SUPPRESSED_GLOB)])


def index_parts(folder: Path, cfg: DedupConfig) -> list[str] | None:
    """The kept documents' signature files of a run's own index, or None when it has none made with `cfg`'s
    signature settings."""
    meta = Path(folder) / META
    if not meta.is_file() or json.loads(meta.read_text()).get("signature") != describe_signature(cfg):
        return None
    return sorted(str(p) for p in Path(folder).glob("part-*.parquet"))


def duplicate_parts(folder: Path) -> list[str]:
    """Signatures of the documents the run removed as duplicates (none for an index made before they were kept)."""
    return sorted(str(p) for p in Path(folder).glob(f"{DUPLICATES_PREFIX}*.parquet"))


def suppressed_entry(index_id: str) -> str | None:
    """The erasure log entry a suppression id names, or None for an ordinary document id."""
    if not index_id.startswith(SUPPRESSED_PREFIX):
        return None
    return index_id[len(SUPPRESSED_PREFIX):].split(":", 1)[0]
