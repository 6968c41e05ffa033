"""Running a batch of Ray tasks: a bounded number in flight, a progress bar, and worker hygiene between tasks."""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable, Iterable

import pyarrow as pa
import ray
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

try:
    _LIBC = ctypes.CDLL("libc.so.6")
    _LIBC.malloc_trim  # glibc only
except (OSError, AttributeError):
    _LIBC = None

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


class StopRequested(BaseException):
    """A stop was asked for (SIGINT/SIGTERM): raised between task completions, never inside Ray's own calls.
    A BaseException, so that no `except Exception` swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


_STOP: list[int] = []


def request_stop(signum: int) -> None:
    """Called from a signal handler: the batch of tasks being waited on stops at its next check."""
    _STOP.append(signum)


def check_stop() -> None:
    if _STOP:
        raise StopRequested(_STOP[0])


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
            check_stop()
            done, _ = ray.wait(list(pending), num_returns=1, timeout=0.25)
            for ref in done:
                index = pending.pop(ref)
                try:
                    results[index] = ray.get(ref)
                except Exception as exc:  # noqa: BLE001 - reported per task, the others go on
                    if on_error is None:
                        raise
                    on_error(args[index], exc)
                progress.advance(bar)
    check_stop()  # a stop asked for as the last task finished: the caller must not take this batch as whole
    return results
