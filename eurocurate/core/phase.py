"""A phase of a run: Ray tasks that each turn one item into work files, then write a done marker.

The marker is written last, after the work files, so its presence is what tells a resumed run that an item is
finished; the documents phase, the model quality phase and dedup's steps all run through here.
"""

from __future__ import annotations

import functools
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from eurocurate.core import workspace
from eurocurate.core.config import StageResources
from eurocurate.core.parquet_io import write_text_atomic
from eurocurate.core.ray_tasks import run_all, worker_task


class WorkPhase:
    """Work files under one folder (local or an object-store URL): docs/<key>.parquet, rejects/<key>.parquet and
    done/<key>.json."""

    def __init__(self, folder: str | Path):
        self.folder = str(folder)

    def paths(self, key: str) -> dict[str, str]:
        return {"docs": workspace.join(self.folder, "docs", f"{key}.parquet"),
                "rejects": workspace.join(self.folder, "rejects", f"{key}.parquet"),
                "done": workspace.join(self.folder, "done", f"{key}.json")}

    def result(self, key: str) -> dict | None:
        """What the finished item reported, or None when it has not finished."""
        try:
            return json.loads(workspace.read_text(self.paths(key)["done"]))
        except FileNotFoundError:
            return None

    def finish(self, key: str, result: dict) -> None:
        write_text_atomic(json.dumps(result, sort_keys=True), self.paths(key)["done"])

    def split(self, items: Iterable, key: Callable[[object], str]) -> tuple[list[dict], list]:
        """(results of finished items, items still to do), each in the given order."""
        finished, todo = [], []
        for item in items:
            result = self.result(key(item))
            if result is None:
                todo.append(item)
            else:
                finished.append(result)
        return finished, todo


# Where this process's tasks ran: {phase label: {node id: tasks}}, for the manifest (reset at each run's start).
_TASKS_BY_NODE: dict[str, Counter] = defaultdict(Counter)


def tasks_by_node() -> dict[str, dict[str, int]]:
    return {label: dict(sorted(nodes.items())) for label, nodes in _TASKS_BY_NODE.items()}


def reset_tasks_by_node() -> None:
    _TASKS_BY_NODE.clear()
    _TASKS_TRANSFER.clear()
    workspace.TRANSFER.clear()


_SCHEDULING: dict = {}


def set_scheduling(strategy: str) -> None:
    """'spread' (Ray's SPREAD strategy for every task of this process) or 'default'."""
    _SCHEDULING.clear()
    if strategy == "spread":
        _SCHEDULING["scheduling_strategy"] = "SPREAD"


# What this process's tasks moved to and from an object-store work space, summed (reset at each run's start).
_TASKS_TRANSFER: Counter = Counter()


def work_space_transfer() -> dict[str, int]:
    """Requests, bytes fetched and needed, objects and bytes written: every task of this run and this process."""
    return dict(sorted((_TASKS_TRANSFER + workspace.TRANSFER).items()))


def _on_node(fn: Callable) -> Callable:
    """`fn`, answering with the id of the Ray node it ran on and its object-store traffic as well."""

    @functools.wraps(fn)
    def task(*args, **kwargs):
        import ray

        before = workspace.transfer_snapshot()
        result = fn(*args, **kwargs)
        return ray.get_runtime_context().get_node_id(), workspace.transfer_since(before), result

    return task


def run_tasks(label: str, fn: Callable, arg_tuples: Iterable[tuple], resources: StageResources, retries: int,
              max_in_flight: int, show_progress: bool,
              on_error: Callable[[tuple, BaseException], None] | None = None) -> list:
    """`fn` over every argument tuple as Ray tasks asking for `resources`; a task whose worker (or node) died is
    retried `retries` times. Results in input order; the node each ran on is counted (tasks_by_node)."""
    import ray

    task = ray.remote(worker_task(_on_node(fn))).options(max_retries=retries, **resources.ray_options(),
                                                         **_SCHEDULING)
    results = []
    for placed in run_all(label, task, arg_tuples, max_in_flight, show_progress, on_error=on_error):
        if placed is None:  # a task that failed for good (reported through on_error)
            results.append(None)
            continue
        node, transfer, result = placed
        _TASKS_BY_NODE[label][node] += 1
        _TASKS_TRANSFER.update(transfer)
        results.append(result)
    return results
