"""The dedup stage on Ray, end to end: sign -> bucket -> verify -> connected components -> keep rule -> index.

Every step is a batch of Ray tasks over files in the run's work folder (see dedup/shuffle.py); the driver
only sees counts. Memory per task is bounded by the partition count (config: dedup.partitions or
dedup.partition_rows) and the signing batch size, not by the corpus.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eurocurate.core import workspace

from eurocurate.dedup.buckets import candidate_pairs
from eurocurate.dedup.clusters import decide_clusters, gather_members
from eurocurate.dedup.components import large_star, small_star
from eurocurate.dedup.index import index_files, write_index_meta, write_index_part
from eurocurate.dedup.layout import WorkLayout
from eurocurate.dedup.documents import count_rows
from eurocurate.dedup.signing import sign_documents, sign_index_file
from eurocurate.dedup.verify import attach_first, verify_second
from eurocurate.dedup.config import DedupConfig
from eurocurate.core.config import StageResources
from eurocurate.core.phase import run_tasks

_SCRATCH = ("nodes", "keys", "candidates", "half_verified", "components", "members", "removed")


@dataclass
class DedupOutcome:
    decision_files: list[str]
    index_dir: str
    docs: int = 0
    previous_docs: int = 0
    partitions: int = 0
    candidate_pairs: int = 0
    verified_pairs: int = 0
    rounds: int = 0
    clusters: int = 0
    removed: int = 0
    exact_removed: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def choose_partitions(cfg: DedupConfig, docs: int, parallel: int) -> int:
    if cfg.partitions:
        return cfg.partitions
    rows = docs * ((cfg.bands if cfg.near else 0) + (1 if cfg.exact else 0))
    return max(parallel, math.ceil(rows / cfg.partition_rows))


def find_components(step, root: str, partitions: int, max_rounds: int) -> int:
    """Large-star / small-star rounds until the edges form a star forest; returns the converged round number.

    `step(label, fn, args)` runs `fn` once per argument tuple (on Ray in the stage; in-process in tests).
    """
    every = range(partitions)
    for number in range(max_rounds):
        large = step("components", large_star, [(number, p, root, partitions) for p in every])
        if all(r["star_forest"] for r in large):
            return number
        step("components", small_star, [(number, p, root, partitions) for p in every])
    raise RuntimeError(f"connected components did not converge in dedup.max_rounds={max_rounds} rounds")


def run_dedup(doc_files: list[str], work_root: str | Path, cfg: DedupConfig, parallel: int,
              show_progress: bool = False, base_dir: Path | None = None, resources: StageResources | None = None,
              retries: int = 2) -> DedupOutcome:
    """Deduplicate the documents in `doc_files` (Parquet or JSONL with id, text[, language, quality_score]).

    Every step is a batch of Ray tasks asking for `resources` (default one CPU), retried `retries` times.

    Returns where the decisions are: Parquet files with one row per document in a cluster of two or more.
    """
    layout = WorkLayout(work_root)
    workspace.remove_tree(layout.root)
    previous = [
        (source, path)
        for source, folder in enumerate(cfg.previous_index, start=1)
        for path in index_files(Path(base_dir or ".") / folder, cfg)
    ]
    outcome = DedupOutcome(decision_files=[], index_dir=str(layout.index))
    outcome.previous_docs = sum(workspace.num_rows(p) for _, p in previous)
    rows_guess = sum(count_rows(f) for f in doc_files) + outcome.previous_docs
    partitions = outcome.partitions = choose_partitions(cfg, rows_guess, parallel)
    permutations = cfg.bands * cfg.rows
    cfg_json = cfg.model_dump_json()
    root = str(layout.root)

    def step(label: str, fn, args: list[tuple]) -> list:
        started = time.perf_counter()
        results = run_tasks(label, fn, args, resources or StageResources(), retries, parallel, show_progress)
        outcome.seconds[label] = round(outcome.seconds.get(label, 0.0) + time.perf_counter() - started, 2)
        return results

    signed = step("signatures", sign_documents,
                  [(path, number, cfg_json, root, partitions) for number, path in enumerate(doc_files)])
    outcome.docs = sum(s["docs"] for s in signed)
    if previous:
        step("index", sign_index_file,
             [(path, source, number, cfg_json, root, partitions) for number, (source, path) in enumerate(previous)])
    every = range(partitions)
    outcome.candidate_pairs = sum(r["pairs"] for r in step("buckets", candidate_pairs,
                                                           [(p, root, partitions) for p in every]))
    step("verify", attach_first, [(p, root, partitions, permutations) for p in every])
    verified = step("verify", verify_second, [(p, root, partitions, cfg_json) for p in every])
    outcome.verified_pairs = sum(r["verified"] for r in verified)

    number = find_components(step, root, partitions, cfg.max_rounds)
    outcome.rounds = number + 1

    step("clusters", gather_members, [(number, p, root, partitions, permutations) for p in every])
    decided = step("clusters", decide_clusters, [(p, root, partitions) for p in every])
    outcome.clusters = sum(r["clusters"] for r in decided)
    outcome.removed = sum(r["removed"] for r in decided)
    outcome.exact_removed = sum(r["exact"] for r in decided)
    indexed = step("index", write_index_part, [(p, root, permutations) for p in every])
    write_index_meta(root, cfg, sum(r["docs"] for r in indexed))
    for name in _SCRATCH:
        workspace.remove_tree(workspace.join(layout.root, name))
    outcome.decision_files = workspace.list_files(layout.decisions, "part-*.parquet")
    return outcome
