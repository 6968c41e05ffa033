"""Phase 3 writer: a language's rows streamed file by file in input order, dedup decisions applied, rejects per stage."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from eurocurate.dedup.layout import DECISION_SCHEMA
from eurocurate.pipeline import output_phase
from eurocurate.pipeline.config import OutputConfig
from eurocurate.pipeline.output_phase import collate_rejects, language_groups, language_rows, write_languages
from eurocurate.core.schema import DOCUMENT_SCHEMA, REJECT_SCHEMA, rows_to_table


def _docs(prefix: str, n: int) -> list[dict]:
    # ids descend, so input order and id order differ
    return [{"id": f"{prefix}-{n - i:03d}", "text": f"text {prefix} {i}", "language": "de" if i % 3 else "fr"}
            for i in range(n)]


def test_write_language_streams_rows_in_input_order_and_applies_decisions(tmp_path, monkeypatch):
    monkeypatch.setattr(output_phase, "READ_BATCH_ROWS", 4)  # many batches per file
    files = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.parquet"
        pq.write_table(rows_to_table(_docs(name, 10), DOCUMENT_SCHEMA), path)
        files.append(str(path))
    decisions = pa.Table.from_pylist([
        {"id": "a-009", "language": "de", "cluster_id": "a-009", "cluster_size": 2, "duplicate_of": None,
         "reason": None},
        {"id": "b-009", "language": "de", "cluster_id": "a-009", "cluster_size": 2, "duplicate_of": "a-009",
         "reason": "near_duplicate"},
    ], schema=pa.schema([f for f in DECISION_SCHEMA if f.name in
                         ("id", "language", "cluster_id", "cluster_size", "duplicate_of", "reason")]))
    pq.write_table(decisions, tmp_path / "decisions.parquet")
    cfg = OutputConfig(shard_max_rows=5)
    (result,) = write_languages(["de"], files, [str(tmp_path / "decisions.parquet")], str(tmp_path / "out"), cfg,
                                False)

    german = [d["id"] for name in ("a", "b") for d in _docs(name, 10) if d["language"] == "de"]
    kept = [r for s in result["shards"] for r in pq.read_table(s["path"]).to_pylist()]
    assert [r["id"] for r in kept] == [i for i in german if i != "b-009"]
    assert len(result["shards"]) == 3  # 11 rows cut at 5
    first = next(r for r in kept if r["id"] == "a-009")
    assert (first["dup_cluster_id"], first["dup_cluster_size"]) == ("a-009", 2)
    (dropped,) = [r for s in result["reject_shards"] for r in pq.read_table(s["path"]).to_pylist()]
    assert (dropped["id"], dropped["duplicate_of"], dropped["text"]) == ("b-009", "a-009", None)
    assert result["kept"] + result["rejected"] == len(german) and result["reasons"] == {"near_duplicate": 1}


def test_collate_rejects_keeps_one_stage_in_input_order(tmp_path, monkeypatch):
    monkeypatch.setattr(output_phase, "READ_BATCH_ROWS", 3)
    files = []
    for name in ("a", "b"):
        rows = [{**d, "stage": "quality" if i % 2 else "langid", "reason": "too_short"}
                for i, d in enumerate(_docs(name, 8))]
        path = tmp_path / f"{name}.parquet"
        pq.write_table(rows_to_table(rows, REJECT_SCHEMA), path)
        files.append(str(path))
    shards = collate_rejects(files, "quality", str(tmp_path / "out"), OutputConfig())
    got = [r["id"] for s in shards for r in pq.read_table(s["path"]).to_pylist()]
    assert got == [d["id"] for name in ("a", "b") for i, d in enumerate(_docs(name, 8)) if i % 2]


def _mixed_files(tmp_path, count: int = 3, rows: int = 30) -> list[str]:
    languages = ("de", "fr", "it", "nl", "pl")
    files = []
    for k in range(count):
        docs = [{"id": f"f{k}-{i:03d}", "text": f"text {k} {i} " + "x" * (i * 37 % 500),
                 "language": languages[(i * 7 + k) % len(languages)]} for i in range(rows)]
        path = tmp_path / f"docs-{k}.parquet"
        pq.write_table(rows_to_table(docs, DOCUMENT_SCHEMA), path)
        files.append(str(path))
    return files


def test_a_group_of_languages_reads_each_file_once_and_writes_what_one_task_per_language_writes(tmp_path, monkeypatch):
    files = _mixed_files(tmp_path)
    rows = language_rows(files)
    assert sum(rows.values()) == 90 and set(rows) == {"de", "fr", "it", "nl", "pl"}
    opened = []
    real_open = output_phase.workspace.parquet_file

    def counting(path, columns=None):
        opened.append(path)
        return real_open(path, columns)

    monkeypatch.setattr(output_phase.workspace, "parquet_file", counting)
    cfg = OutputConfig(shard_max_rows=7)
    grouped = write_languages(sorted(rows), files, [], str(tmp_path / "grouped"), cfg, False)
    assert sorted(opened) == sorted(files)  # one read of each docs file for five languages
    opened.clear()
    alone = [part for lang in sorted(rows)
             for part in write_languages([lang], files, [], str(tmp_path / "alone" / lang), cfg, False)]
    assert len(opened) == 5 * len(files)

    def contents(parts):
        return {p["language"]: [pq.read_table(s["path"]).to_pylist() for s in p["shards"]] for p in parts}

    assert contents(grouped) == contents(alone)
    assert {p["language"]: p["kept"] for p in grouped} == rows


def test_the_writers_of_a_task_hold_a_bounded_amount(tmp_path, monkeypatch):
    """Past MAX_BUFFERED_BYTES the largest buffer becomes a row group early: more row groups, the same rows."""
    files = _mixed_files(tmp_path, count=2, rows=200)
    languages = sorted(language_rows(files))
    loose = write_languages(languages, files, [], str(tmp_path / "loose"), OutputConfig(), False)
    held = []
    real_bound = output_phase._bound_buffers

    def watching(writers):
        real_bound(writers)
        held.append(sum(w.buffered_bytes for w in writers))

    monkeypatch.setattr(output_phase, "MAX_BUFFERED_BYTES", 20_000)
    monkeypatch.setattr(output_phase, "_bound_buffers", watching)
    tight = write_languages(languages, files, [], str(tmp_path / "tight"), OutputConfig(), False)
    assert held and max(held) <= 20_000
    for a, b in zip(loose, tight, strict=True):
        assert [pq.read_table(s["path"]).to_pylist() for s in a["shards"]] == \
               [pq.read_table(s["path"]).to_pylist() for s in b["shards"]]
    groups_loose = sum(pq.ParquetFile(s["path"]).num_row_groups for p in loose for s in p["shards"])
    groups_tight = sum(pq.ParquetFile(s["path"]).num_row_groups for p in tight for s in p["shards"])
    assert groups_loose == len(languages) and groups_tight > groups_loose


def test_language_groups_balance_rows_and_cover_every_language_once():
    rows = {"en": 100, "de": 50, "fr": 40, "it": 10, "ga": 5}
    groups = language_groups(rows, 2)
    assert sorted(lang for group in groups for lang in group) == sorted(rows)
    loads = sorted(sum(rows[lang] for lang in group) for group in groups)
    assert loads == [100, 105]
    assert language_groups(rows, 10) == [[lang] for lang in sorted(rows)]
    assert language_groups({}, 4) == []
