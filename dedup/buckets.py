"""Reduce side of the bucket shuffle: documents sharing a band bucket (or an exact hash) become candidate pairs.

Each bucket links its members to its smallest node (a star), which connects them as well as all pairs would,
in linear size. Pairs between two documents of earlier runs are left out: those runs already decided them.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from eurocurate.dedup.layout import KEY_SCHEMA, PAIR_SCHEMA, WorkLayout, is_prior
from eurocurate.dedup.shuffle import column_u64, read_partition, write_partitioned


def unique_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if len(a) == 0:
        return a, b
    order = np.lexsort((b, a))
    a, b = a[order], b[order]
    first = np.ones(len(a), dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    return a[first], b[first]


def star_pairs(keys: np.ndarray, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(head, member) for every member of a bucket of two or more, head = the bucket's smallest node."""
    if len(keys) == 0:
        return keys, nodes
    order = np.lexsort((nodes, keys))
    keys, nodes = keys[order], nodes[order]
    starts = np.ones(len(keys), dtype=bool)
    starts[1:] = keys[1:] != keys[:-1]
    heads = nodes[np.flatnonzero(starts)[np.cumsum(starts) - 1]]
    member = ~starts & (nodes != heads)
    return unique_pairs(heads[member], nodes[member])


def candidate_pairs(partition: int, work_root: str, partitions: int) -> dict:
    layout = WorkLayout(work_root)
    table = read_partition(layout.keys, partition, KEY_SCHEMA)
    heads, members = star_pairs(column_u64(table, "key"), column_u64(table, "node"))
    del table
    fresh = ~(is_prior(heads) & is_prior(members))
    heads, members = heads[fresh], members[fresh]
    pairs = pa.Table.from_arrays([pa.array(heads), pa.array(members)], schema=PAIR_SCHEMA)
    write_partitioned(pairs, heads, partitions, layout.candidates, f"from-{partition:05d}")
    return {"pairs": len(heads)}
