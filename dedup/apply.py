"""Standalone use of the dedup stage's decisions: copy one input file's kept documents to Parquet.

A document's node number holds its file and row, so each file reads only its own removals from the decision
files (a range filter on the node column), never the whole corpus's.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from eurocurate.dedup.layout import FILE_SHIFT, node_ids
from eurocurate.dedup.documents import read_document_batches


def removed_rows(decision_files: list[str], file_number: int) -> np.ndarray:
    low = int(node_ids(0, file_number, np.zeros(1))[0])
    high = low + (1 << FILE_SHIFT)
    tables = [pq.read_table(f, columns=["node"],
                            filters=[("node", ">=", low), ("node", "<", high), ("duplicate_of", "!=", "")])
              for f in decision_files]
    if not tables:
        return np.empty(0, dtype=np.int64)
    nodes = pa.concat_tables(tables).column("node").to_numpy().astype(np.uint64)
    return np.sort((nodes - np.uint64(low)).astype(np.int64))


def write_kept(path: str, file_number: int, decision_files: list[str], out_path: str, batch_rows: int) -> dict:
    gone = removed_rows(decision_files, file_number)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".tmp-{out.name}")
    writer, offset, kept = None, 0, 0
    for batch in read_document_batches(path, batch_rows):
        rows = np.arange(offset, offset + len(batch))
        table = batch.to_table().filter(pa.array(~np.isin(rows, gone)))
        writer = writer or pq.ParquetWriter(tmp, table.schema, compression="zstd")
        writer.write_table(table)
        offset += len(batch)
        kept += table.num_rows
    if writer is None:
        return {"read": 0, "kept": 0, "removed": 0}
    writer.close()
    os.replace(tmp, out)
    return {"read": offset, "kept": kept, "removed": int(len(gone))}
