"""Length-sorted batches and a prefetching producer, so that the accelerator never waits for the tokenizer.

Sorting a window of documents by token count before cutting it into batches keeps padding small; a batch is
bounded by padded tokens (rows x longest row) and by rows.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator

PAD_MULTIPLE = 8  # tensor cores like padded lengths that are multiples of 8


def padded_length(length: int) -> int:
    return max(PAD_MULTIPLE, -(-length // PAD_MULTIPLE) * PAD_MULTIPLE)


def length_sorted_batches(lengths: list[int], batch_tokens: int, max_batch_docs: int) -> list[list[int]]:
    """Indices of `lengths` grouped into batches, longest first; every index appears exactly once."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    width = 0
    for index in order:
        row_width = padded_length(lengths[index])
        new_width = max(width, row_width)
        if current and (len(current) >= max_batch_docs or new_width * (len(current) + 1) > batch_tokens):
            batches.append(current)
            current, new_width = [], row_width
        current.append(index)
        width = new_width
    if current:
        batches.append(current)
    return batches


_DONE = object()


class _Failure:
    def __init__(self, exc: BaseException):
        self.exc = exc


def prefetched(produce: Callable[[], Iterable], depth: int) -> Iterator:
    """Run the generator `produce()` in a background thread, `depth` items ahead of the consumer.

    Tokenizers release the GIL, so tokenising the next batches overlaps the model's forward pass. An exception
    in the producer is raised in the consumer; a consumer that stops early stops the producer.
    """
    items: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def run() -> None:
        try:
            for item in produce():
                while not stop.is_set():
                    try:
                        items.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            items.put(_DONE)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer
            items.put(_Failure(exc))

    thread = threading.Thread(target=run, name="model-quality-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item = items.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.exc
            yield item
    finally:
        stop.set()
        thread.join(timeout=5)
