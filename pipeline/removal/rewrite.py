"""New versions of the shards a removal touches, written into the staging folder under new names.

A data shard loses the removed documents; a reject shard keeps its rows (the accounting of the stage that
rejected them) with the removed content redacted: text, URL and title become null and the row is annotated
with the erasure log entry. Each removed document leaves a content-free stub in rejects/removal/ (ids, hashes,
lineage; no text, URL or title), so that the removal stage accounts for it like any other stage.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from eurocurate.core.parquet_io import ShardWriter, sha256_file, write_table_atomic
from eurocurate.core.schema import REJECT_SCHEMA
from eurocurate.pipeline.removal.matching import REMOVAL_STAGE, Plan, Removal, RunRows

REDACTED_COLUMNS = ("text", "url", "title")
STUB_COLUMNS = (
    "id", "language", "host", "fetch_date", "source_family", "source_kind", "source_uri", "record_id",
    "record_offset", "license", "dataset_iri", "distribution_iri", "dataset_identifier", "publisher",
    "optout_status", "optout_evidence", "content_sha256", "text_sha256", "word_count", "dup_cluster_id",
    "dup_cluster_size", "run_id", "models",
)
_VERSIONED = re.compile(r"(\.v\d+)?\.parquet$")


def versioned_name(rel: str, version: int) -> str:
    """data/de/part-00003.parquet (or part-00003.v2.parquet) -> data/de/part-00003.v<version>.parquet"""
    return _VERSIONED.sub(f".v{version}.parquet", rel)


@dataclass
class FileChanges:
    replaced: list[dict] = field(default_factory=list)  # {"old": path, "new": path or None}
    added: list[dict] = field(default_factory=list)  # {"path", "rows"} (stubs)
    staged: list[str] = field(default_factory=list)  # relative paths written under the staging folder


def describe(reason: Removal, entry: str) -> str:
    if reason.why == "matched":
        return f"{entry}: named by the request"
    if reason.why == "near_copy":
        return f"{entry}: near copy of {reason.copy_of} (estimated Jaccard {reason.similarity:.3f})"
    if reason.why == "same_cluster":
        return f"{entry}: in the dedup cluster of {reason.copy_of}"
    return f"{entry}: same text as {reason.copy_of}"


def rewrite_shards(run_dir: Path, staging: Path, rows: RunRows, plan: Plan, version: int, entry: str,
                   category: str, compression: str, shard_max_rows: int, shard_max_bytes: int) -> FileChanges:
    files, positions = rows.column("file"), rows.column("row")
    removed_by_file: dict[str, list[int]] = defaultdict(list)
    redacted_by_file: dict[str, list[int]] = defaultdict(list)
    for i in plan.removed:
        removed_by_file[files[i]].append(i)
    for i in plan.redacted:
        redacted_by_file[files[i]].append(i)
    changes = FileChanges()
    stubs = ShardWriter(staging / "rejects" / REMOVAL_STAGE, REJECT_SCHEMA, shard_max_rows, shard_max_bytes,
                        compression, prefix=f"v{version}-part")
    for rel in sorted(removed_by_file):
        table = pq.read_table(run_dir / rel)
        members = sorted(removed_by_file[rel], key=lambda i: positions[i])
        drop = np.zeros(table.num_rows, dtype=bool)
        drop[[positions[i] for i in members]] = True
        for i, row in zip(members, table.take(pa.array([positions[i] for i in members])).to_pylist(), strict=True):
            reason = plan.removed[i]
            stub = {k: row.get(k) for k in STUB_COLUMNS}
            stubs.add(stub | {"stage": REMOVAL_STAGE, "reason": category, "detail": describe(reason, entry),
                              "duplicate_of": reason.copy_of})
        changes.replaced.append(_write_kept(run_dir, staging, rel, table.filter(pa.array(~drop)), version,
                                            compression, changes))
    for rel in sorted(redacted_by_file):
        table = pq.read_table(run_dir / rel)
        mask = np.zeros(table.num_rows, dtype=bool)
        mask[[positions[i] for i in redacted_by_file[rel]]] = True
        changes.replaced.append(_write_kept(run_dir, staging, rel, _redact(table, mask, entry), version,
                                            compression, changes))
    for shard in stubs.close():
        rel = Path(shard["path"]).relative_to(staging).as_posix()
        changes.added.append({"path": rel, "rows": shard["rows"]})
        changes.staged.append(rel)
    return changes


def _write_kept(run_dir: Path, staging: Path, rel: str, table: pa.Table, version: int, compression: str,
                changes: FileChanges) -> dict:
    if table.num_rows == 0:
        return {"old": rel, "new": None}
    new = versioned_name(rel, version)
    write_table_atomic(table, staging / new, compression)
    changes.staged.append(new)
    return {"old": rel, "new": new, "rows": table.num_rows}


def _redact(table: pa.Table, mask: np.ndarray, entry: str) -> pa.Table:
    chosen = pa.array(mask)
    for name in REDACTED_COLUMNS:
        column = table.column(name)
        index = table.schema.get_field_index(name)
        table = table.set_column(index, name, pc.if_else(chosen, pa.scalar(None, column.type), column))
    notes = table.column("annotations").to_pylist()
    for row in np.flatnonzero(mask):
        notes[row] = [*(notes[row] or []), {"stage": REMOVAL_STAGE, "key": "redacted", "value": entry}]
    index = table.schema.get_field_index("annotations")
    return table.set_column(index, "annotations", pa.array(notes, table.schema.field("annotations").type))


def file_entry(path: Path, rel: str, rows: int) -> dict:
    return {"path": rel, "rows": rows, "bytes": path.stat().st_size, "sha256": sha256_file(path)}
