"""Standalone use of the dedup stage's decisions: copy one input file's kept documents to Parquet.

A document's node number holds its file and row, so each file reads only its own removals from the decision
files (a range filter on the node column), never the whole corpus's.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from dedup.layout import FILE_SHIFT, node_ids
from dedup.signing import read_document_batches
from pipeline.parquet_io import write_table_atomic


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
    kept_tables, offset = [], 0
    for batch in read_document_batches(path, batch_rows):
        rows = np.arange(offset, offset + batch.num_rows)
        keep = ~np.isin(rows, gone)
        kept_tables.append(pa.Table.from_batches([batch]).filter(pa.array(keep)))
        offset += batch.num_rows
    table = pa.concat_tables(kept_tables) if kept_tables else pa.table({})
    write_table_atomic(table, out_path)
    return {"read": offset, "kept": table.num_rows, "removed": int(len(gone))}

