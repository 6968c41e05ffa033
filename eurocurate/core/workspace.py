"""The run's work files, in a local folder or in object storage (an fsspec URL such as s3://bucket/run-work).

A cluster whose nodes share no folder keeps its work space in object storage (`output.work_dir`). There an
object is written whole, once (a buffer or a local temporary file uploaded in one request: it appears complete
or not at all, so no rename is needed), and Parquet is read in batched range requests: the footer, then every
column chunk a read needs in one `cat_ranges` call, never a request per row or per page. Local paths keep the
temporary-name-then-rename writes of `parquet_io`.

Options for the object store (endpoint, credentials) come from $EUROCURATE_WORK_STORAGE_OPTIONS (JSON), which
the driver sets from `output.work_storage_options` and Ray hands to every worker; without it the backend's own
environment applies (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eurocurate.core.remote import is_url

OPTIONS_ENV = "EUROCURATE_WORK_STORAGE_OPTIONS"
# The first read of a footer takes up to this many bytes from the object's end, and no more than a tenth of a
# larger object (a second, exact read when the footer is longer): a small read of a small object stays small.
FOOTER_GUESS = 16 * 1024
FOOTER_GUESS_MIN = 1024

# What this process moved to and from object storage: requests, bytes fetched, bytes the reads needed
# (footers and the column chunks asked for), objects and bytes written.
TRANSFER: Counter = Counter()


def transfer_snapshot() -> Counter:
    return Counter(TRANSFER)


def transfer_since(before: Counter) -> dict[str, int]:
    return dict(TRANSFER - before)


def is_remote(path: str | Path) -> bool:
    return is_url(str(path))


def join(base: str | Path, *parts: str) -> str:
    base = str(base)
    if is_remote(base):
        return "/".join([base.rstrip("/"), *(str(p).strip("/") for p in parts)])
    return str(Path(base, *parts))


def name_of(path: str | Path) -> str:
    return str(path).rstrip("/").rsplit("/", 1)[-1]


def stem_of(path: str | Path) -> str:
    name = name_of(path)
    return name.rsplit(".", 1)[0] if "." in name else name


def filesystem(url: str):
    """The fsspec filesystem of `url`, with the work space's storage options (fsspec keeps one instance per
    options; list_files drops its listing cache, since other processes write the objects it lists)."""
    import fsspec

    options = json.loads(os.environ.get(OPTIONS_ENV) or "{}")
    return fsspec.filesystem(url.split("://", 1)[0], **options)


def _fs_path(url: str) -> tuple[object, str]:
    fs = filesystem(url)
    return fs, fs._strip_protocol(url)


# ---- writes -------------------------------------------------------------------------------------------------

def _compression(name: str) -> str | None:
    return None if name == "none" else name


def write_table(table: pa.Table, path: str | Path, compression: str = "zstd") -> None:
    """One Parquet file: renamed into place locally, one whole object remotely."""
    if not is_remote(path):
        from eurocurate.core.parquet_io import write_table_atomic

        write_table_atomic(table, path, compression)
        return
    sink = io.BytesIO()
    pq.write_table(table, sink, compression=_compression(compression))
    write_bytes(sink.getvalue(), str(path))


def write_bytes(data: bytes, path: str) -> None:
    fs, fs_path = _fs_path(path)
    fs.pipe_file(fs_path, data)
    TRANSFER.update(requests=1, objects_written=1, bytes_written=len(data))


def write_text(text: str, path: str | Path) -> None:
    if not is_remote(path):
        from eurocurate.core.parquet_io import write_text_atomic

        write_text_atomic(text, path)
        return
    write_bytes(text.encode("utf-8"), str(path))


def upload_file(local: str | Path, path: str) -> None:
    """A finished local file as one object."""
    fs, fs_path = _fs_path(path)
    fs.put_file(str(local), fs_path)
    TRANSFER.update(requests=1, objects_written=1, bytes_written=Path(local).stat().st_size)


def download_file(path: str, local: str | Path) -> None:
    local = Path(local)
    local.parent.mkdir(parents=True, exist_ok=True)
    if not is_remote(path):
        shutil.copyfile(path, local)
        return
    fs, fs_path = _fs_path(path)
    tmp = local.with_name(f".tmp-{local.name}")
    fs.get_file(fs_path, str(tmp))
    os.replace(tmp, local)
    size = local.stat().st_size
    TRANSFER.update(requests=1, bytes_fetched=size, bytes_needed=size)


def local_scratch(prefix: str = "eurocurate-work-") -> str:
    return tempfile.mkdtemp(prefix=prefix)


# ---- reading text, listing, deletion ---------------------------------------------------------------------------

def read_text(path: str | Path) -> str:
    if not is_remote(path):
        return Path(path).read_text(encoding="utf-8")
    fs, fs_path = _fs_path(str(path))
    data = fs.cat_file(fs_path)
    TRANSFER.update(requests=1, bytes_fetched=len(data), bytes_needed=len(data))
    return data.decode("utf-8")


def list_files(folder: str | Path, pattern: str = "*.parquet") -> list[str]:
    """Files directly in `folder` whose name matches `pattern`, sorted."""
    if not is_remote(folder):
        return sorted(str(p) for p in Path(folder).glob(pattern))
    import fnmatch

    fs, fs_path = _fs_path(str(folder))
    fs.invalidate_cache()
    TRANSFER.update(requests=1)
    try:
        entries = fs.ls(fs_path, detail=True)
    except FileNotFoundError:
        return []
    base = str(folder).rstrip("/")
    return sorted(f"{base}/{name_of(e['name'])}" for e in entries
                  if e.get("type") != "directory" and fnmatch.fnmatch(name_of(e["name"]), pattern))


def remove_tree(folder: str | Path) -> None:
    if not is_remote(folder):
        shutil.rmtree(folder, ignore_errors=True)
        return
    fs, fs_path = _fs_path(str(folder))
    fs.invalidate_cache()
    try:
        fs.rm(fs_path, recursive=True)
    except FileNotFoundError:
        pass
    TRANSFER.update(requests=1)


# ---- Parquet reads ------------------------------------------------------------------------------------------

class _KnownRanges(io.RawIOBase):
    """A read-only file of `size` bytes of which only some ranges were fetched; reads elsewhere give zeros
    (pyarrow reads a fixed-size tail for the footer, of which it uses only the footer's own bytes)."""

    def __init__(self, size: int, ranges: dict[int, bytes]):
        self.size, self.ranges, self.position = size, sorted(ranges.items()), 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.position, 2: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def readinto(self, buffer) -> int:
        want = min(len(buffer), self.size - self.position)
        if want <= 0:
            return 0
        view = memoryview(buffer)
        view[:want] = bytes(want)
        start, stop = self.position, self.position + want
        for offset, data in self.ranges:
            lo, hi = max(start, offset), min(stop, offset + len(data))
            if lo < hi:
                view[lo - start:hi - start] = data[lo - offset:hi - offset]
        self.position = stop
        return want


def _footer(fs, fs_path: str, size: int) -> tuple[int, bytes]:
    """(offset, bytes) of the Parquet footer: the metadata, its length and the closing magic."""
    start = max(0, size - min(FOOTER_GUESS, max(FOOTER_GUESS_MIN, size // 10)))
    tail = fs.cat_file(fs_path, start=start, end=size)
    TRANSFER.update(requests=1, bytes_fetched=len(tail))
    length = int.from_bytes(tail[-8:-4], "little") + 8
    if length > len(tail):
        start = size - length
        tail = fs.cat_file(fs_path, start=start, end=size)
        TRANSFER.update(requests=1, bytes_fetched=len(tail))
    TRANSFER.update(bytes_needed=length)
    return size - length, tail[-length:]


def parquet_file(path: str | Path, columns: list[str] | None = None) -> pq.ParquetFile:
    """A ParquetFile to read `columns` (None: all) from; remotely, those column chunks are fetched beforehand
    in one batched request and nothing else is fetched later."""
    if not is_remote(path):
        return pq.ParquetFile(path)
    fs, fs_path = _fs_path(str(path))
    if columns is None:
        data = fs.cat_file(fs_path)
        TRANSFER.update(requests=1, bytes_fetched=len(data), bytes_needed=len(data))
        return pq.ParquetFile(pa.BufferReader(data))
    size = int(fs.size(fs_path))
    TRANSFER.update(requests=1)
    footer_at, footer = _footer(fs, fs_path, size)
    metadata = pq.ParquetFile(_KnownRanges(size, {footer_at: footer})).metadata
    wanted = set(columns)
    starts, stops = [], []
    for group in range(metadata.num_row_groups):
        row_group = metadata.row_group(group)
        for index in range(row_group.num_columns):
            column = row_group.column(index)
            if column.path_in_schema.split(".", 1)[0] not in wanted:
                continue
            begin = column.data_page_offset
            if column.has_dictionary_page and column.dictionary_page_offset is not None:
                begin = min(begin, column.dictionary_page_offset)
            starts.append(begin)
            stops.append(begin + column.total_compressed_size)
    ranges = {footer_at: footer}
    starts, stops = _merge_adjacent(starts, stops)
    if starts:
        fetched = fs.cat_ranges([fs_path] * len(starts), starts, stops)
        for begin, data in zip(starts, fetched):
            ranges[begin] = data
        got = sum(len(d) for d in fetched)
        TRANSFER.update(requests=len(starts), bytes_fetched=got, bytes_needed=got, batched_reads=1)
    return pq.ParquetFile(_KnownRanges(size, ranges))


def _merge_adjacent(starts: list[int], stops: list[int]) -> tuple[list[int], list[int]]:
    """Byte ranges that touch or overlap joined into one (a row group's chunks of every column are one range)."""
    merged: list[list[int]] = []
    for begin, end in sorted(zip(starts, stops)):
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end])
    return [m[0] for m in merged], [m[1] for m in merged]


def read_table(path: str | Path, columns: list[str] | None = None, filters=None) -> pa.Table:
    if not is_remote(path):
        return pq.read_table(path, columns=columns, filters=filters)
    needed = list(columns) if columns is not None else None
    if needed is not None and filters:
        needed += [f[0] for f in filters if f[0] not in needed]
    table = parquet_file(path, needed).read(columns=needed)
    if filters:
        import pyarrow.compute as pc

        mask = None
        for name, op, value in filters:
            if op in ("=", "=="):
                term = pc.equal(table.column(name), value)
            elif op == "in":
                term = pc.is_in(table.column(name), value_set=pa.array(list(value), table.schema.field(name).type))
            else:
                raise ValueError(f"unsupported filter {op!r}")
            mask = term if mask is None else pc.and_(mask, term)
        table = table.filter(mask)
        if columns is not None:
            table = table.select(list(columns))
    return table


def num_rows(path: str | Path) -> int:
    if not is_remote(path):
        return pq.ParquetFile(path).metadata.num_rows
    fs, fs_path = _fs_path(str(path))
    size = int(fs.size(fs_path))
    footer_at, footer = _footer(fs, fs_path, size)
    return pq.ParquetFile(_KnownRanges(size, {footer_at: footer})).metadata.num_rows
