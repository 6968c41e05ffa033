"""Distributed connected components: alternating Large-Star and Small-Star (Kiveris et al., "Connected
Components in MapReduce and Beyond", SoCC 2014). Each step is one Ray task per node partition reading only
the edges filed under its nodes; the edge count never grows, and it converges in O(log^2 n) rounds.

Files: round r's large-star input holds both orientations (u, v) filed under u; its small-star input holds
(larger, smaller) filed under the larger node. At convergence the graph is a forest of stars whose centre is
the smallest node of each component, which is then every member's label.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from eurocurate.dedup.buckets import unique_pairs
from eurocurate.dedup.layout import EDGE_SCHEMA, WorkLayout
from eurocurate.dedup.shuffle import column_u64, read_partition, write_partitioned


def _grouped(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Unique edges sorted by u; with the start index of each u's group and each row's group number."""
    u, v = unique_pairs(u, v)
    starts = np.ones(len(u), dtype=bool)
    starts[1:] = u[1:] != u[:-1]
    return u, v, np.flatnonzero(starts), np.cumsum(starts) - 1


def _read(layout: WorkLayout, number: int, step: str, partition: int) -> tuple[np.ndarray, np.ndarray]:
    table = read_partition(layout.round(number, step), partition, EDGE_SCHEMA)
    return column_u64(table, "u"), column_u64(table, "v")


def _write(layout: WorkLayout, number: int, step: str, u: np.ndarray, v: np.ndarray, partitions: int,
           name: str) -> None:
    table = pa.Table.from_arrays([pa.array(u), pa.array(v)], schema=EDGE_SCHEMA)
    write_partitioned(table, u, partitions, layout.round(number, step), name)


def is_star_forest_part(u: np.ndarray, v: np.ndarray, group_starts: np.ndarray, group: np.ndarray) -> bool:
    """Every node here is a centre (no smaller neighbour) or a leaf (exactly one neighbour, smaller)."""
    if len(u) == 0:
        return True
    sizes = np.diff(np.append(group_starts, len(u)))
    smallest = np.minimum.reduceat(v, group_starts)
    centre = smallest > u[group_starts]
    leaf = (sizes == 1) & (smallest < u[group_starts])
    return bool(np.all(centre | leaf))


def large_star(number: int, partition: int, work_root: str, partitions: int) -> dict:
    """Each node hands its larger neighbours to the smallest node of its neighbourhood (itself included)."""
    layout = WorkLayout(work_root)
    u, v, starts, group = _grouped(*_read(layout, number, "large", partition))
    converged = is_star_forest_part(u, v, starts, group)
    lowest = np.minimum(np.minimum.reduceat(v, starts), u[starts]) if len(u) else u
    larger = v > u
    out_v, out_m = v[larger], lowest[group[larger]]
    _write(layout, number, "small", out_v, out_m, partitions, f"from-{partition:05d}")
    return {"edges": len(u), "star_forest": converged}


def small_star(number: int, partition: int, work_root: str, partitions: int) -> dict:
    """Each node and its smaller neighbours are all attached to the smallest of them."""
    layout = WorkLayout(work_root)
    u, v, starts, group = _grouped(*_read(layout, number, "small", partition))
    lowest = np.minimum.reduceat(v, starts) if len(u) else u
    m = lowest[group]
    others = v != m
    # Edges (x, m): the node itself and every smaller neighbour but the minimum.
    x = np.concatenate([u[starts], v[others]])
    to = np.concatenate([lowest, m[others]])
    both_u, both_v = np.concatenate([x, to]), np.concatenate([to, x])
    _write(layout, number + 1, "large", both_u, both_v, partitions, f"from-{partition:05d}")
    return {"edges": len(u)}


def labels(number: int, partition: int, work_root: str) -> tuple[np.ndarray, np.ndarray]:
    """(node, component label) for the nodes of this partition that have an edge, from a converged round."""
    layout = WorkLayout(work_root)
    u, v, starts, _ = _grouped(*_read(layout, number, "large", partition))
    if len(u) == 0:
        return u, v
    return u[starts], np.minimum(np.minimum.reduceat(v, starts), u[starts])
