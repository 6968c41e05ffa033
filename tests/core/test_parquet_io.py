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
