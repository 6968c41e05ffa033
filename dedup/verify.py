"""Candidate verification, a two-step join of each pair with both signatures (partitioned by node, so no
task holds more than one partition of signatures): step one attaches the first document's exact hash and
signature and re-partitions by the second; step two compares. A pair is kept when the normalised texts are
identical (exact dedup) or the estimated Jaccard similarity reaches `min_similarity` (near dedup); what
passes becomes an undirected edge for the connected-components rounds.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eurocurate.dedup.buckets import unique_pairs
from eurocurate.dedup.layout import EDGE_SCHEMA, PAIR_SCHEMA, WorkLayout, node_schema, signatures_column, signatures_of
from eurocurate.dedup.shuffle import column_u64, read_partition, write_partitioned
from eurocurate.dedup.config import DedupConfig

_COMPARE_ROWS = 32_768


def _half_schema(permutations: int) -> pa.Schema:
    return pa.schema([("a", pa.uint64()), ("b", pa.uint64()), ("exact_hi", pa.uint64()),
                      ("exact_lo", pa.uint64()), ("minhash", pa.binary(8 * permutations))])


def _nodes_for(layout: WorkLayout, partition: int, permutations: int, wanted: np.ndarray) -> tuple:
    """Sorted node numbers of this partition that are in `wanted`, with their exact hashes and signatures."""
    columns = ["node", "exact_hi", "exact_lo", "minhash"]
    wanted = pa.array(np.unique(wanted))
    table = read_partition(layout.nodes, partition, node_schema(permutations), columns,
                           keep=lambda t: pc.is_in(t.column("node"), value_set=wanted))
    table = table.sort_by("node")
    return (column_u64(table, "node"), column_u64(table, "exact_hi"), column_u64(table, "exact_lo"),
            signatures_of(table.column("minhash"), permutations))


def attach_first(partition: int, work_root: str, partitions: int, permutations: int) -> dict:
    layout = WorkLayout(work_root)
    pairs = read_partition(layout.candidates, partition, PAIR_SCHEMA)
    a, b = unique_pairs(column_u64(pairs, "a"), column_u64(pairs, "b"))
    del pairs
    nodes, hi, lo, sigs = _nodes_for(layout, partition, permutations, a)
    at = np.searchsorted(nodes, a)
    table = pa.Table.from_arrays(
        [pa.array(a), pa.array(b), pa.array(hi[at]), pa.array(lo[at]), signatures_column(sigs[at])],
        schema=_half_schema(permutations),
    )
    write_partitioned(table, b, partitions, layout.half_verified, f"from-{partition:05d}")
    return {"pairs": len(a)}


def verify_second(partition: int, work_root: str, partitions: int, cfg_json: str) -> dict:
    cfg = DedupConfig.model_validate_json(cfg_json)
    permutations = cfg.bands * cfg.rows
    layout = WorkLayout(work_root)
    half = read_partition(layout.half_verified, partition, _half_schema(permutations))
    b = column_u64(half, "b")
    nodes, hi, lo, sigs = _nodes_for(layout, partition, permutations, b)
    at = np.searchsorted(nodes, b)
    keep = np.zeros(len(b), dtype=bool)
    for start in range(0, len(b), _COMPARE_ROWS):
        chunk = half.slice(start, _COMPARE_ROWS)
        rows = at[start : start + len(chunk)]
        identical = (column_u64(chunk, "exact_hi") == hi[rows]) & (column_u64(chunk, "exact_lo") == lo[rows])
        similarity = np.mean(signatures_of(chunk.column("minhash"), permutations) == sigs[rows], axis=1)
        keep[start : start + len(chunk)] = (cfg.exact & identical) | (cfg.near & (similarity >= cfg.min_similarity))
    a = column_u64(half, "a")[keep]
    b = b[keep]
    # Both orientations, each filed under its first node: the large-star step needs all neighbours of a node.
    u, v = np.concatenate([a, b]), np.concatenate([b, a])
    edges = pa.Table.from_arrays([pa.array(u), pa.array(v)], schema=EDGE_SCHEMA)
    write_partitioned(edges, u, partitions, layout.round(0, "large"), f"from-{partition:05d}")
    return {"candidates": len(keep), "verified": int(keep.sum())}
