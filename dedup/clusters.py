"""From component labels to decisions: which member of each duplicate cluster is kept, and why the others go.

Keep rule (deterministic, independent of partitioning and task order): suppressed content first (the
signatures `eurocurate remove` left in an earlier run's index: every document of this run in its cluster is
rejected with reason `suppressed`, duplicate_of naming the erasure log entry), then a document from an earlier
run's index (it is already published), then the highest quality_score, then the lowest document id, then the
lowest node number. The kept document's id is the cluster id. A removed document whose normalised text equals
the kept one's is an `exact_duplicate`, otherwise a `near_duplicate`.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eurocurate.dedup.components import labels
from eurocurate.dedup.index import SUPPRESSED_PREFIX, suppressed_entry
from eurocurate.dedup.layout import (
    DECISION_SCHEMA, MEMBER_SCHEMA, REMOVED_SCHEMA, WorkLayout, is_prior, node_schema,
)
from eurocurate.dedup.shuffle import column_u64, read_partition, write_partitioned
from eurocurate.core.parquet_io import write_table_atomic
from eurocurate.core.workspace import join


def gather_members(number: int, partition: int, work_root: str, partitions: int, permutations: int) -> dict:
    """Join this partition's labels with its documents' keep-rule attributes; file them under their label."""
    layout = WorkLayout(work_root)
    nodes, roots = labels(number, partition, work_root)
    columns = ["node", "id", "language", "quality", "exact_hi", "exact_lo"]
    wanted = pa.array(nodes)
    docs = read_partition(layout.nodes, partition, node_schema(permutations), columns,
                          keep=lambda t: pc.is_in(t.column("node"), value_set=wanted)).sort_by("node")
    at = np.searchsorted(column_u64(docs, "node"), nodes)
    docs = docs.take(pa.array(at))
    members = pa.Table.from_arrays([pa.array(roots), *[docs.column(c) for c in columns]], schema=MEMBER_SCHEMA)
    write_partitioned(members, roots, partitions, layout.members, f"from-{partition:05d}")
    return {"members": len(nodes)}


def keep_order(table: pa.Table) -> pa.Table:
    """Members sorted by cluster, the kept document first in each."""
    prior = pa.array(is_prior(column_u64(table, "node")))
    suppressed = pc.starts_with(table.column("id"), SUPPRESSED_PREFIX)
    table = table.append_column("prior", prior).append_column("suppressed", suppressed)
    table = table.sort_by([("root", "ascending"), ("suppressed", "descending"), ("prior", "descending"),
                           ("quality", "descending"), ("id", "ascending"), ("node", "ascending")])
    return table.drop_columns(["prior", "suppressed"])


def decide_clusters(partition: int, work_root: str, partitions: int) -> dict:
    layout = WorkLayout(work_root)
    table = keep_order(read_partition(layout.members, partition, MEMBER_SCHEMA))
    roots = column_u64(table, "root")
    starts = np.ones(len(roots), dtype=bool)
    starts[1:] = roots[1:] != roots[:-1]
    first = np.flatnonzero(starts)
    group = np.cumsum(starts) - 1
    sizes = np.diff(np.append(first, len(roots)))
    keeper = first[group]
    ids = table.column("id")
    keeper_ids = ids.take(pa.array(keeper))
    hi, lo = column_u64(table, "exact_hi"), column_u64(table, "exact_lo")
    identical = (hi == hi[keeper]) & (lo == lo[keeper])
    removed = ~starts
    reason = np.where(identical, "exact_duplicate", "near_duplicate").astype(object)
    entries = [suppressed_entry(k) for k in keeper_ids.to_pylist()]
    by_suppression = np.array([e is not None for e in entries], dtype=bool)
    reason[by_suppression] = "suppressed"
    reason[starts] = None
    named = pa.array([e if e is not None else k for e, k in zip(entries, keeper_ids.to_pylist(), strict=True)],
                     pa.string())
    duplicate_of = pc.if_else(pa.array(removed), named, pa.nulls(len(roots), pa.string()))
    nodes = column_u64(table, "node")
    decisions = pa.Table.from_arrays(
        [pa.array(nodes), ids, table.column("language"), keeper_ids, pa.array(sizes[group].astype(np.int32)),
         duplicate_of, pa.array(reason, pa.string())],
        schema=DECISION_SCHEMA,
    )
    current = ~is_prior(nodes)
    decisions = decisions.filter(pa.array(current))
    write_table_atomic(decisions, join(layout.decisions, f"part-{partition:05d}.parquet"))
    gone = nodes[removed & current]
    write_partitioned(pa.Table.from_arrays([pa.array(gone)], schema=REMOVED_SCHEMA), gone, partitions,
                      layout.removed, f"from-{partition:05d}")
    return {
        "clusters": int(len(first)),
        "removed": int(len(gone)),
        "exact": int(np.sum(removed & current & identical & ~by_suppression)),
    }
