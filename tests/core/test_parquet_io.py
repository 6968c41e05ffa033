from __future__ import annotations

import pyarrow.parquet as pq

from eurocurate.core.parquet_io import ShardWriter
from eurocurate.core.schema import DOCUMENT_SCHEMA


def test_shards_are_bounded_by_rows_and_bytes(tmp_path):
    writer = ShardWriter(tmp_path / "by-rows", DOCUMENT_SCHEMA, max_rows=3, max_bytes=10**9, compression="zstd")
    for i in range(7):
        writer.add({"id": f"{i:03d}", "text": "x"})
    shards = writer.close()
    assert [s["rows"] for s in shards] == [3, 3, 1]
    assert sum(pq.ParquetFile(s["path"]).metadata.num_rows for s in shards) == 7

    writer = ShardWriter(tmp_path / "by-bytes", DOCUMENT_SCHEMA, max_rows=1000, max_bytes=6000, compression="zstd")
    for i in range(6):
        writer.add({"id": f"{i:03d}", "text": "y" * 2000})
    assert [s["rows"] for s in writer.close()] == [2, 2, 2]
    assert not list(tmp_path.rglob(".tmp-*"))
    assert pq.read_schema(shards[0]["path"]).equals(DOCUMENT_SCHEMA)


def test_shards_are_written_a_row_group_at_a_time(tmp_path):
    writer = ShardWriter(tmp_path / "streamed", DOCUMENT_SCHEMA, max_rows=5, max_bytes=10**9, compression="zstd",
                         row_group_rows=2)
    for i in range(7):
        writer.add({"id": f"{i:03d}", "text": "z"})
        assert len(writer.rows) < 2  # never more than a row group's worth waiting
    shards = writer.close()
    assert [s["rows"] for s in shards] == [5, 2]
    assert [pq.ParquetFile(s["path"]).num_row_groups for s in shards] == [3, 1]
    assert [r["id"] for s in shards for r in pq.read_table(s["path"]).to_pylist()] == [f"{i:03d}" for i in range(7)]


def test_an_aborted_shard_leaves_no_file(tmp_path):
    writer = ShardWriter(tmp_path / "aborted", DOCUMENT_SCHEMA, max_rows=100, max_bytes=10**9, compression="zstd",
                         row_group_rows=1)
    writer.add({"id": "a", "text": "x"})
    writer.abort()
    assert not [p for p in (tmp_path / "aborted").rglob("*") if p.is_file()]
