"""Final output: per-language Parquet shards of the kept documents, and rejects per stage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc

from eurocurate.pipeline.config import OutputConfig
from eurocurate.core import workspace
from eurocurate.core.parquet_io import ShardWriter
from eurocurate.core.schema import DOCUMENT_SCHEMA, REJECT_SCHEMA


READ_BATCH_ROWS = 2_000
# what the shard writers of one write task may hold before the largest writes its rows out
MAX_BUFFERED_BYTES = 64 * 1024 * 1024
BOUND_EVERY_ROWS = 64


def _rows_where(files: list[str], schema: pa.Schema, column: str, values: list[str]) -> Iterator[dict]:
    """Rows whose `column` is one of `values`, file by file in the given order, a batch at a time: the output
    task holds one batch of documents, never a whole language."""
    columns = [f.name for f in schema]
    wanted = pa.array(values, pa.string())
    for path in files:
        for batch in workspace.parquet_file(path, columns).iter_batches(batch_size=READ_BATCH_ROWS, columns=columns):
            matching = batch.filter(pc.is_in(batch.column(column), value_set=wanted))
            yield from matching.to_pylist()


def read_decisions(decision_files: list[str], languages: list[str]) -> dict[str, dict[str, dict]]:
    """The dedup stage's decisions for some languages: by language, then by document id."""
    columns = ["id", "language", "cluster_id", "cluster_size", "duplicate_of", "reason"]
    # Decisions exist only for members of duplicate clusters, so this grows with the languages' duplicates.
    tables = [workspace.read_table(f, columns=columns, filters=[("language", "in", languages)])
              for f in decision_files]
    by_language: dict[str, dict[str, dict]] = {language: {} for language in languages}
    if tables:
        for row in pa.concat_tables(tables).to_pylist():
            by_language[row.pop("language")][row.pop("id")] = row
    return by_language


def language_rows(doc_files: list[str]) -> dict[str, int]:
    """Kept documents per language (rows without a language are not written)."""
    counts: Counter = Counter()
    for f in doc_files:
        for entry in pc.value_counts(workspace.read_table(f, columns=["language"])["language"]).to_pylist():
            if entry["values"]:
                counts[entry["values"]] += entry["counts"]
    return dict(counts)


def language_groups(rows: dict[str, int], tasks: int) -> list[list[str]]:
    """The languages in at most `tasks` groups of about equal rows (the largest language first, each onto the
    lightest group). A write task takes one group and reads every docs file once for all of it: one task per
    language read the whole work folder once per language."""
    groups: list[list[str]] = [[] for _ in range(max(1, min(tasks, len(rows))))]
    loads = [0] * len(groups)
    for language in sorted(rows, key=lambda lang: (-rows[lang], lang)):
        lightest = loads.index(min(loads))
        groups[lightest].append(language)
        loads[lightest] += rows[language]
    return sorted(sorted(group) for group in groups if group)


def write_languages(
    languages: list[str], doc_files: list[str], decision_files: list[str], out_dir: str, cfg: OutputConfig,
    keep_rejected_text: bool,
) -> list[dict]:
    """Kept documents of each language into data/<language>/, its duplicates into rejects/dedup/, in input order.

    Each language has its own shard writers; what they hold together is bounded by MAX_BUFFERED_BYTES (the
    largest writes its rows out as a row group first)."""
    kept = {language: ShardWriter(workspace.join(out_dir, "data", language), DOCUMENT_SCHEMA, cfg.shard_max_rows,
                                  cfg.shard_max_bytes, cfg.compression) for language in languages}
    dropped = {language: ShardWriter(workspace.join(out_dir, "rejects", "dedup"), REJECT_SCHEMA, cfg.shard_max_rows,
                                     cfg.shard_max_bytes, cfg.compression, prefix=f"{language}-part")
               for language in languages}
    writers = [*kept.values(), *dropped.values()]
    reasons: dict[str, dict[str, int]] = {language: {} for language in languages}
    decisions = read_decisions(decision_files, languages)
    try:
        for number, row in enumerate(_rows_where(doc_files, DOCUMENT_SCHEMA, "language", languages), start=1):
            language = row["language"]
            decision = decisions[language].get(row["id"])
            if decision is None:
                row["dup_cluster_id"], row["dup_cluster_size"] = row["id"], 1
            else:
                row["dup_cluster_id"], row["dup_cluster_size"] = decision["cluster_id"], decision["cluster_size"]
            if decision is None or decision["duplicate_of"] is None:
                kept[language].add(row)
            else:
                row.update(stage="dedup", reason=decision["reason"], duplicate_of=decision["duplicate_of"],
                           detail=None)
                if not keep_rejected_text:
                    row["text"] = None
                counted = reasons[language]
                counted[decision["reason"]] = counted.get(decision["reason"], 0) + 1
                dropped[language].add(row)
            if number % BOUND_EVERY_ROWS == 0:
                _bound_buffers(writers)
        results = []
        for language in languages:
            kept_shards, dropped_shards = kept[language].close(), dropped[language].close()
            results.append({
                "language": language,
                "shards": kept_shards,
                "reject_shards": dropped_shards,
                "kept": sum(s["rows"] for s in kept_shards),
                "rejected": sum(s["rows"] for s in dropped_shards),
                "reasons": reasons[language],
            })
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    return results


def _bound_buffers(writers: list[ShardWriter]) -> None:
    while sum(w.buffered_bytes for w in writers) > MAX_BUFFERED_BYTES:
        max(writers, key=lambda w: w.buffered_bytes).write_buffer()


def collate_rejects(reject_files: list[str], stage: str, out_dir: str, cfg: OutputConfig) -> list[dict]:
    """Rejects of one pre-dedup stage, from every input file in input order, into rejects/<stage>/."""
    writer = ShardWriter(workspace.join(out_dir, "rejects", stage), REJECT_SCHEMA, cfg.shard_max_rows, cfg.shard_max_bytes,
                         cfg.compression)
    try:
        for row in _rows_where(reject_files, REJECT_SCHEMA, "stage", [stage]):
            writer.add(row)
    except BaseException:
        writer.abort()
        raise
    return writer.close()
