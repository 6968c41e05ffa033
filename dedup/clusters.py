"""Duplicate clusters from LSH band collisions and exact hashes, and which member of each cluster survives.

Keep rule: the highest quality_score, then the lowest id. Deterministic for the same input and config.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent.setdefault(x, x)
        while parent != x:
            grand = self.parent.setdefault(parent, parent)
            self.parent[x] = grand
            x, parent = parent, grand
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # Attach the larger id under the smaller so roots are stable.
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def star_edges(bucket_members: Iterable[list[str]]) -> list[tuple[str, str]]:
    """Link every member of a bucket to its smallest id: as connected as all pairs, linear in size."""
    edges: list[tuple[str, str]] = []
    for members in bucket_members:
        if len(members) > 1:
            head = min(members)
            edges.extend((head, m) for m in members if m != head)
    return edges


def bucket(keys_and_ids: Iterable[tuple[object, str]]) -> list[list[str]]:
    groups: dict[object, list[str]] = defaultdict(list)
    for key, doc_id in keys_and_ids:
        groups[key].append(doc_id)
    return [ids for ids in groups.values() if len(ids) > 1]


def resolve_clusters(
    edges: Iterable[tuple[str, str]], quality: dict[str, float], exact: dict[str, str]
) -> dict[str, dict]:
    """For every document in a cluster of two or more: its cluster id, size, and keep/drop decision."""
    uf = UnionFind()
    for a, b in edges:
        uf.union(a, b)
    members: dict[str, list[str]] = defaultdict(list)
    for doc_id in list(uf.parent):
        members[uf.find(doc_id)].append(doc_id)
    decisions: dict[str, dict] = {}
    for ids in members.values():
        if len(ids) < 2:
            continue
        keeper = min(ids, key=lambda i: (-quality.get(i, 0.0), i))
        for doc_id in ids:
            decision = {"cluster_id": keeper, "cluster_size": len(ids), "duplicate_of": None, "reason": None}
            if doc_id != keeper:
                decision["duplicate_of"] = keeper
                decision["reason"] = "exact_duplicate" if exact.get(doc_id) == exact.get(keeper) else "near_duplicate"
            decisions[doc_id] = decision
    return decisions
