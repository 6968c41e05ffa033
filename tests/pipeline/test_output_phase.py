"""Phase 3 writer: a language's rows streamed file by file in input order, dedup decisions applied, rejects per stage."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from eurocurate.dedup.layout import DECISION_SCHEMA
from eurocurate.pipeline import output_phase
from eurocurate.pipeline.config import OutputConfig
from eurocurate.pipeline.output_phase import collate_rejects, write_language
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
    result = write_language("de", files, [str(tmp_path / "decisions.parquet")], str(tmp_path / "out"), cfg, False)

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
