"""Final output: per-language Parquet shards of the kept documents, and rejects per stage."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.config import OutputConfig
from pipeline.parquet_io import ShardWriter
from pipeline.schema import DOCUMENT_SCHEMA, REJECT_SCHEMA


def _read_language(doc_files: list[str], language: str) -> list[dict]:
    columns = [f.name for f in DOCUMENT_SCHEMA]
    tables = [pq.read_table(f, columns=columns, filters=[("language", "=", language)]) for f in doc_files]
    table = pa.concat_tables(tables) if tables else DOCUMENT_SCHEMA.empty_table()
    table = table.sort_by([("id", "ascending")])
    return table.to_pylist()


def read_decisions(decision_files: list[str], language: str) -> dict[str, dict]:
    """The dedup stage's decisions for one language, by document id."""
    columns = ["id", "cluster_id", "cluster_size", "duplicate_of", "reason"]
    tables = [pq.read_table(f, columns=columns, filters=[("language", "=", language)]) for f in decision_files]
    if not tables:
        return {}
    return {row.pop("id"): row for row in pa.concat_tables(tables).to_pylist()}


def write_language(
    language: str, doc_files: list[str], decision_files: list[str], out_dir: str, cfg: OutputConfig,
    keep_rejected_text: bool,
) -> dict:
    """Kept documents of one language into data/<language>/; its duplicates into rejects/dedup/."""
    out = Path(out_dir)
    kept = ShardWriter(out / "data" / language, DOCUMENT_SCHEMA, cfg.shard_max_rows, cfg.shard_max_bytes,
                       cfg.compression)
    dropped = ShardWriter(out / "rejects" / "dedup", REJECT_SCHEMA, cfg.shard_max_rows, cfg.shard_max_bytes,
                          cfg.compression, prefix=f"{language}-part")
    reasons: dict[str, int] = {}
    decisions = read_decisions(decision_files, language)
    for row in _read_language(doc_files, language):
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
    """Rejects of one pre-dedup stage, from every input file, sorted by id, into rejects/<stage>/."""
    tables = [pq.read_table(f, filters=[("stage", "=", stage)]) for f in reject_files]
    writer = ShardWriter(Path(out_dir) / "rejects" / stage, REJECT_SCHEMA, cfg.shard_max_rows, cfg.shard_max_bytes,
                         cfg.compression)
    if tables:
        table = pa.concat_tables(tables).sort_by([("id", "ascending")])
        for row in table.to_pylist():
            writer.add(row)
    return writer.close()


def languages_in(doc_files: list[str]) -> list[str]:
    found: set[str] = set()
    for f in doc_files:
        found.update(pc.unique(pq.read_table(f, columns=["language"])["language"]).to_pylist())
    return sorted(x for x in found if x)
