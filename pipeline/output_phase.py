"""Final output: per-language Parquet shards of the kept documents, and rejects per stage."""

from __future__ import annotations

from collections.abc import Iterator
import pyarrow as pa
import pyarrow.compute as pc

from eurocurate.pipeline.config import OutputConfig
from eurocurate.core import workspace
from eurocurate.core.parquet_io import ShardWriter
from eurocurate.core.schema import DOCUMENT_SCHEMA, REJECT_SCHEMA


READ_BATCH_ROWS = 2_000


def _rows_where(files: list[str], schema: pa.Schema, column: str, value: str) -> Iterator[dict]:
    """Rows whose `column` equals `value`, file by file in the given order, a batch at a time: the output task
    holds one batch of documents, never a whole language."""
    columns = [f.name for f in schema]
    for path in files:
        for batch in workspace.parquet_file(path, columns).iter_batches(batch_size=READ_BATCH_ROWS, columns=columns):
            matching = batch.filter(pc.equal(batch.column(column), value))
            yield from matching.to_pylist()


def read_decisions(decision_files: list[str], language: str) -> dict[str, dict]:
    """The dedup stage's decisions for one language, by document id."""
    columns = ["id", "cluster_id", "cluster_size", "duplicate_of", "reason"]
    # Decisions exist only for members of duplicate clusters, so this dict grows with a language's duplicates.
    tables = [workspace.read_table(f, columns=columns, filters=[("language", "=", language)]) for f in decision_files]
    if not tables:
        return {}
    return {row.pop("id"): row for row in pa.concat_tables(tables).to_pylist()}


def write_language(
    language: str, doc_files: list[str], decision_files: list[str], out_dir: str, cfg: OutputConfig,
    keep_rejected_text: bool,
) -> dict:
    """Kept documents of one language into data/<language>/; its duplicates into rejects/dedup/."""
    kept = ShardWriter(workspace.join(out_dir, "data", language), DOCUMENT_SCHEMA, cfg.shard_max_rows, cfg.shard_max_bytes,
                       cfg.compression)
    dropped = ShardWriter(workspace.join(out_dir, "rejects", "dedup"), REJECT_SCHEMA, cfg.shard_max_rows, cfg.shard_max_bytes,
                          cfg.compression, prefix=f"{language}-part")
    reasons: dict[str, int] = {}
    decisions = read_decisions(decision_files, language)
    for row in _rows_where(doc_files, DOCUMENT_SCHEMA, "language", language):
        decision = decisions.get(row["id"])
        if decision is None:
            row["dup_cluster_id"], row["dup_cluster_size"] = row["id"], 1
            kept.add(row)
            continue
        row["dup_cluster_id"], row["dup_cluster_size"] = decision["cluster_id"], decision["cluster_size"]
        if decision["duplicate_of"] is None:
            kept.add(row)
            continue
        row.update(stage="dedup", reason=decision["reason"], duplicate_of=decision["duplicate_of"], detail=None)
        if not keep_rejected_text:
            row["text"] = None
        reasons[decision["reason"]] = reasons.get(decision["reason"], 0) + 1
        dropped.add(row)
    kept_shards, dropped_shards = kept.close(), dropped.close()
    return {
        "language": language,
        "shards": kept_shards,
        "reject_shards": dropped_shards,
        "kept": sum(s["rows"] for s in kept_shards),
        "rejected": sum(s["rows"] for s in dropped_shards),
        "reasons": reasons,
    }


def collate_rejects(reject_files: list[str], stage: str, out_dir: str, cfg: OutputConfig) -> list[dict]:
    """Rejects of one pre-dedup stage, from every input file in input order, into rejects/<stage>/."""
    writer = ShardWriter(workspace.join(out_dir, "rejects", stage), REJECT_SCHEMA, cfg.shard_max_rows, cfg.shard_max_bytes,
                         cfg.compression)
    for row in _rows_where(reject_files, REJECT_SCHEMA, "stage", stage):
        writer.add(row)
    return writer.close()


def languages_in(doc_files: list[str]) -> list[str]:
    found: set[str] = set()
    for f in doc_files:
        found.update(pc.unique(workspace.read_table(f, columns=["language"])["language"]).to_pylist())
    return sorted(x for x in found if x)
