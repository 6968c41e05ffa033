"""Where the dedup stage keeps its files inside the run's work folder, and the columns of each."""

from __future__ import annotations

from pathlib import Path

from eurocurate.core.workspace import join

import numpy as np
import pyarrow as pa

SOURCE_SHIFT = 56
FILE_SHIFT = 32


def node_ids(source: int, file_number: int, rows: np.ndarray) -> np.ndarray:
    """Dense, deterministic node numbers: which source (0 = this run, k = k-th earlier index), file and row."""
    base = (np.uint64(source) << np.uint64(SOURCE_SHIFT)) | (np.uint64(file_number) << np.uint64(FILE_SHIFT))
    return base | rows.astype(np.uint64)


def is_prior(nodes: np.ndarray) -> np.ndarray:
    return (nodes >> np.uint64(SOURCE_SHIFT)) > 0


def minhash_type(permutations: int) -> pa.DataType:
    return pa.binary(8 * permutations)


def node_schema(permutations: int) -> pa.Schema:
    return pa.schema([
        ("node", pa.uint64()), ("id", pa.string()), ("language", pa.string()), ("quality", pa.float32()),
        ("exact_hi", pa.uint64()), ("exact_lo", pa.uint64()), ("minhash", minhash_type(permutations)),
    ])


KEY_SCHEMA = pa.schema([("key", pa.uint64()), ("node", pa.uint64())])
PAIR_SCHEMA = pa.schema([("a", pa.uint64()), ("b", pa.uint64())])
EDGE_SCHEMA = pa.schema([("u", pa.uint64()), ("v", pa.uint64())])
MEMBER_SCHEMA = pa.schema([
    ("root", pa.uint64()), ("node", pa.uint64()), ("id", pa.string()), ("language", pa.string()),
    ("quality", pa.float32()), ("exact_hi", pa.uint64()), ("exact_lo", pa.uint64()),
])
DECISION_SCHEMA = pa.schema([
    ("node", pa.uint64()), ("id", pa.string()), ("language", pa.string()), ("cluster_id", pa.string()),
    ("cluster_size", pa.int32()), ("duplicate_of", pa.string()), ("reason", pa.string()),
])
REMOVED_SCHEMA = pa.schema([("node", pa.uint64())])


def signatures_of(column: pa.ChunkedArray | pa.Array, permutations: int) -> np.ndarray:
    """A fixed-size binary column of signatures as an n x permutations uint64 matrix (zero-copy when possible)."""
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if len(array) == 0:
        return np.empty((0, permutations), dtype=np.uint64)
    data = array.buffers()[1]
    flat = np.frombuffer(data, dtype=np.uint64, count=len(array) * permutations, offset=array.offset * 8 * permutations)
    return flat.reshape(len(array), permutations)


def signatures_column(signatures: np.ndarray) -> pa.Array:
    permutations = signatures.shape[1]
    data = pa.py_buffer(np.ascontiguousarray(signatures, dtype=np.uint64).tobytes())
    return pa.Array.from_buffers(minhash_type(permutations), len(signatures), [None, data])


class WorkLayout:
    """Folders (paths or object-store URLs) of the dedup work under `root`."""

    def __init__(self, root: str | Path):
        self.root = str(root)
        self.nodes = join(self.root, "nodes")
        self.keys = join(self.root, "keys")
        self.candidates = join(self.root, "candidates")
        self.half_verified = join(self.root, "half_verified")
        self.members = join(self.root, "members")
        self.removed = join(self.root, "removed")
        self.decisions = join(self.root, "decisions")
        self.index = join(self.root, "index")

    def round(self, number: int, step: str) -> str:
        return join(self.root, "components", f"r{number:03d}-{step}")
