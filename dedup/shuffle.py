"""Partitioned files between Ray tasks: a task writes one file per target partition, the task of a partition
reads every file addressed to it. The run's work folder is the shuffle medium, so no task ever holds more
than its own partition and a cluster only needs shared storage for the run folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa

from eurocurate.dedup.minhash import mix64
from eurocurate.core import workspace
from eurocurate.core.parquet_io import write_table_atomic


def partition_of(keys: np.ndarray, partitions: int) -> np.ndarray:
    return (mix64(keys) % np.uint64(partitions)).astype(np.int64)


def partition_dir(root: str | Path, partition: int) -> str:
    return workspace.join(root, f"p{partition:05d}")


def write_partitioned(table: pa.Table, keys: np.ndarray, partitions: int, root: str | Path, name: str) -> int:
    """Split `table` by the partition of `keys` (one per row); write root/pNNNNN/name.parquet for each non-empty part."""
    if table.num_rows == 0:
        return 0
    target = partition_of(keys, partitions)
    order = np.argsort(target, kind="stable")
    sorted_target = target[order]
    bounds = np.searchsorted(sorted_target, np.arange(partitions + 1))
    table = table.take(pa.array(order))
    for part in range(partitions):
        start, stop = int(bounds[part]), int(bounds[part + 1])
        if stop > start:
            write_table_atomic(table.slice(start, stop - start), workspace.join(partition_dir(root, part), f"{name}.parquet"),
                               compression="none")
    return table.num_rows


def partition_files(root: str | Path, partition: int) -> list[str]:
    return workspace.list_files(partition_dir(root, partition), "*.parquet")


def read_partition(root: str | Path, partition: int, schema: pa.Schema, columns: list[str] | None = None,
                   keep: Callable[[pa.Table], pa.Array] | None = None) -> pa.Table:
    """Every file addressed to `partition`, concatenated; `keep` (a row mask) is applied file by file, so only
    the rows kept are ever held together."""
    tables = []
    for path in partition_files(root, partition):
        table = workspace.read_table(path, columns=columns)
        tables.append(table.filter(keep(table)) if keep is not None else table)
    if not tables:
        table = schema.empty_table()
        return table.select(columns) if columns else table
    return pa.concat_tables(tables)


def column_u64(table: pa.Table, name: str) -> np.ndarray:
    return table.column(name).to_numpy().astype(np.uint64, copy=False)
