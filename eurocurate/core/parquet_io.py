"""Atomic Parquet writes and bounded-size shards."""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eurocurate.core import workspace
from eurocurate.core.schema import rows_to_table


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_table_atomic(table: pa.Table, path: str | Path, compression: str = "zstd") -> None:
    """Write to a temporary name beside the target, then rename: readers never see half a file. An object-store
    URL gets one whole object instead."""
    if workspace.is_remote(path):
        workspace.write_table(table, str(path), compression)
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{uuid.uuid4().hex}-{path.name}")
    try:
        pq.write_table(table, tmp, compression=None if compression == "none" else compression)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(text: str, path: str | Path) -> None:
    if workspace.is_remote(path):
        workspace.write_text(text, str(path))
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{uuid.uuid4().hex}-{path.name}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class AtomicParquetWriter:
    """Appends record batches to a temporary file; `commit()` renames it into place (uploads it as one object to
    an object-store URL), `abort()` removes it."""

    def __init__(self, path: str | Path, schema: pa.Schema, compression: str = "zstd"):
        self.remote = workspace.is_remote(path)
        if self.remote:
            self.path = str(path)
            self.tmp = Path(workspace.local_scratch()) / workspace.name_of(path)
        else:
            self.path = Path(path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.tmp = self.path.with_name(f".tmp-{uuid.uuid4().hex}-{self.path.name}")
        self.schema = schema
        self.rows = 0
        self._writer = pq.ParquetWriter(self.tmp, schema, compression=None if compression == "none" else compression)

    def write_rows(self, rows: list[dict]) -> None:
        if rows:
            self.write_table(rows_to_table(rows, self.schema))

    def write_table(self, table: pa.Table) -> None:
        if table.num_rows:
            self._writer.write_table(table)
            self.rows += table.num_rows

    def commit(self) -> None:
        self._writer.close()
        if self.remote:
            try:
                workspace.upload_file(self.tmp, self.path)
            finally:
                self._remove_scratch()
            return
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self._writer.close()
        self._remove_scratch() if self.remote else self.tmp.unlink(missing_ok=True)

    def _remove_scratch(self) -> None:
        self.tmp.unlink(missing_ok=True)
        self.tmp.parent.rmdir()


class ShardWriter:
    """Cuts rows into shards of at most `max_rows` rows and about `max_bytes` bytes of text, streamed: rows are
    held only until a row group's worth (`row_group_rows` rows or `row_group_bytes` bytes of text) and then
    written into the open shard, so memory follows the row group, not the shard."""

    def __init__(self, folder: str | Path, schema: pa.Schema, max_rows: int, max_bytes: int, compression: str,
                 prefix: str = "part", row_group_rows: int = 10_000, row_group_bytes: int = 32 * 1024 * 1024):
        self.folder, self.schema, self.prefix, self.compression = folder, schema, prefix, compression
        self.max_rows, self.max_bytes = max_rows, max_bytes
        self.row_group_rows, self.row_group_bytes = row_group_rows, row_group_bytes
        self.rows: list[dict] = []  # waiting for the next row group
        self.buffered_bytes = 0
        self.shard_bytes = 0  # of the open shard, written or waiting
        self.shards: list[dict] = []
        self._open: AtomicParquetWriter | None = None

    def add(self, row: dict) -> None:
        size = len((row.get("text") or "").encode("utf-8")) + 512
        shard_rows = len(self.rows) + (self._open.rows if self._open is not None else 0)
        if shard_rows and (shard_rows >= self.max_rows or self.shard_bytes + size > self.max_bytes):
            self._close_shard()
        self.rows.append(row)
        self.buffered_bytes += size
        self.shard_bytes += size
        if len(self.rows) >= self.row_group_rows or self.buffered_bytes >= self.row_group_bytes:
            self.write_buffer()

    def write_buffer(self) -> None:
        """The rows waiting so far become a row group of the open shard (a caller that holds several writers
        calls this on the largest to bound what they hold together)."""
        if not self.rows:
            return
        if self._open is None:
            path = workspace.join(self.folder, f"{self.prefix}-{len(self.shards):05d}.parquet")
            self._open = AtomicParquetWriter(path, self.schema, self.compression)
        self._open.write_rows(self.rows)
        self.rows, self.buffered_bytes = [], 0

    def _close_shard(self) -> None:
        self.write_buffer()
        if self._open is None:
            return
        self._open.commit()
        self.shards.append({"path": str(self._open.path), "rows": self._open.rows})
        self._open, self.shard_bytes = None, 0

    def close(self) -> list[dict]:
        self._close_shard()
        return self.shards

    def abort(self) -> None:
        """Removes the shard being written (shards already closed stay)."""
        if self._open is not None:
            self._open.abort()
            self._open = None
        self.rows, self.buffered_bytes = [], 0
