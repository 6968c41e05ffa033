"""A phase of a run: Ray tasks that each turn one item into work files, then write a done marker.

The marker is written last, after the work files, so its presence is what tells a resumed run that an item is
finished; the documents phase, the model quality phase and dedup's steps all run through here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from eurocurate.core.config import StageResources
from eurocurate.core.parquet_io import write_text_atomic
from eurocurate.core.ray_tasks import run_all, worker_task


class WorkPhase:
    """Work files under one folder: docs/<key>.parquet, rejects/<key>.parquet and done/<key>.json."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def paths(self, key: str) -> dict[str, Path]:
        return {"docs": self.folder / "docs" / f"{key}.parquet",
                "rejects": self.folder / "rejects" / f"{key}.parquet",
                "done": self.folder / "done" / f"{key}.json"}

    def result(self, key: str) -> dict | None:
        """What the finished item reported, or None when it has not finished."""
        done = self.paths(key)["done"]
        return json.loads(done.read_text()) if done.exists() else None

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


def run_tasks(label: str, fn: Callable, arg_tuples: Iterable[tuple], resources: StageResources, retries: int,
              max_in_flight: int, show_progress: bool,
              on_error: Callable[[tuple, BaseException], None] | None = None) -> list:
    """`fn` over every argument tuple as Ray tasks asking for `resources`; a task whose worker died is retried
    `retries` times. Results in input order."""
    import ray

    task = ray.remote(worker_task(fn)).options(max_retries=retries, **resources.ray_options())
    return run_all(label, task, arg_tuples, max_in_flight, show_progress, on_error=on_error)
