"""Starting or joining Ray, and running a batch of tasks with a bounded number in flight and a progress bar."""

from __future__ import annotations

import ctypes
import functools
import logging
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pyarrow as pa
import ray
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

PACKAGE_DIRS = ("pipeline", "filters", "dedup")
try:
    _LIBC = ctypes.CDLL("libc.so.6")
    _LIBC.malloc_trim  # glibc only
except (OSError, AttributeError):
    _LIBC = None
# Arrow's default allocator (mimalloc) keeps freed pages for a while; a worker that runs one large task after
# another would otherwise hold each task's peak. Read by the allocator when a worker process starts.
WORKER_ENV = {"MIMALLOC_PURGE_DELAY": "0"}


def start_ray(address: str | None, workers: int | None) -> dict:
    """Join the cluster at `address`, or start an embedded single-machine Ray on loopback."""
    if ray.is_initialized():
        return ray.cluster_resources()
    if address:
        root = Path(__file__).resolve().parent.parent
        # Ship this checkout's code to the cluster so workers run the same version as the driver.
        modules = [str(root / name) for name in PACKAGE_DIRS]
        ray.init(address=address, runtime_env={"py_modules": modules, "env_vars": WORKER_ENV},
                 logging_level=logging.WARNING,
                 log_to_driver=False)
    else:
        # Keep an embedded Ray on 127.0.0.1 rather than the machine's network address.
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
        # Workers of an embedded Ray inherit this process's environment (a runtime_env would start new ones).
        for name, value in WORKER_ENV.items():
            os.environ.setdefault(name, value)
        # Ray warns on every start that it turned token authentication on by default; for a cluster of one
        # machine bound to loopback that is expected, and the warning only buries the run's own output.
        logging.getLogger("ray._private.authentication.authentication_token_setup").setLevel(logging.ERROR)
        # "local" always starts a fresh instance: with no address at all, Ray would join whatever cluster
        # `ray start` last left running on this machine.
        ray.init(address="local", num_cpus=workers, include_dashboard=False, logging_level=logging.WARNING,
                 log_to_driver=False)
    return ray.cluster_resources()


def worker_task(fn: Callable) -> Callable:
    """`fn` as run in a long-lived Ray worker: pyarrow kept from importing pandas, freed memory handed back
    after each call."""

    @functools.wraps(fn)
    def task(*args, **kwargs):
        keep_pandas_out_of_pyarrow()
        try:
            return fn(*args, **kwargs)
        finally:
            release_free_memory()

    return task


@functools.cache  # pyarrow checks once per process, so this needs doing once
def keep_pandas_out_of_pyarrow() -> None:
    """pyarrow imports pandas, where installed, at its first conversion (about 30 MB per process) only to tell
    pandas inputs apart; workers never hand it pandas objects. Its one-time check is made while pandas reads as
    absent, so it is not imported; `Table.from_pandas` and `to_pandas` still import it when called."""
    if "pandas" in sys.modules:
        return
    sys.meta_path.insert(0, _PANDAS_ABSENT)
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(_PANDAS_ABSENT)


class _PandasAbsent:
    """A module finder for which pandas is not installed."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"{name} left out of this worker", name=name)
        return None


_PANDAS_ABSENT = _PandasAbsent()


def release_free_memory() -> None:
    """Hand freed heap pages back to the system, so a long-lived worker does not carry one task's peak into the
    next (glibc keeps freed memory in its arenas; Arrow's pool keeps some too)."""
    pa.default_memory_pool().release_unused()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def stop_ray() -> None:
    if ray.is_initialized():
        ray.shutdown()


def run_all(
    label: str,
    remote_fn,
    arg_tuples: Iterable[tuple],
    max_in_flight: int,
    show_progress: bool,
    on_error: Callable[[tuple, BaseException], None] | None = None,
) -> list:
    """Submit `remote_fn` for each argument tuple, at most `max_in_flight` at once; results in input order."""
    args = list(arg_tuples)
    results: list = [None] * len(args)
    pending: dict = {}
    next_index = 0
    with Progress(
        TextColumn(f"[bold]{label:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        disable=not show_progress, transient=False,
    ) as progress:
        bar = progress.add_task(label, total=len(args))
        while next_index < len(args) or pending:
            while next_index < len(args) and len(pending) < max_in_flight:
                pending[remote_fn.remote(*args[next_index])] = next_index
                next_index += 1
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                index = pending.pop(ref)
                try:
                    results[index] = ray.get(ref)
                except Exception as exc:  # noqa: BLE001 - reported per task, the others go on
                    if on_error is None:
                        raise
                    on_error(args[index], exc)
                progress.advance(bar)
    return results
