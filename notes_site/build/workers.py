"""Worker processes: run a function over chunks of work on every core, in order.

Workers are forked, so they start with the parent's memory (the loaded site, the views, the
Jinja environment) and nothing has to be pickled to them but the work itself. Forking a
process that runs other threads can deadlock the child, so when other threads are running
(the preview server) or there is too little work, everything runs in this process instead.
Results come back in the order of the input, whatever order the workers finish in, so the
output never depends on the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def available_cores() -> int:
    """How many cores this process may use (its CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether forking is safe here: the platform has it and no other thread is running."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def chunked(items: Sequence[T], parts: int) -> list[Sequence[T]]:
    """*items* cut into about *parts* × 4 runs (several per worker, so they finish together)."""
    if not items:
        return []
    size = max(1, -(-len(items) // max(1, parts * 4)))
    return [items[start : start + size] for start in range(0, len(items), size)]


def uses_workers(count: int, *, workers: int | None = None, minimum: int = 64) -> bool:
    """Whether :func:`map_chunks` would fork workers for *count* items."""
    cores = available_cores() if workers is None else max(1, workers)
    return cores > 1 and count >= minimum and can_fork()


def map_chunks(
    function: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    *,
    workers: int | None = None,
    minimum: int = 64,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
    done: Callable[[int], None] | None = None,
) -> list[R]:
    """``function`` over *items* in chunks, on *workers* forked processes (default: every core).

    *initializer* runs once in each worker (and once here when no worker is used) before any
    chunk. Runs in this process when *workers* is 1, when there are fewer than *minimum*
    items, or when forking is not safe. *done* is called with the number of items finished
    after each chunk (for a progress bar).
    """
    count = available_cores() if workers is None else max(1, workers)
    parts = chunked(items, count)
    results: list[R] = []
    if not uses_workers(len(items), workers=workers, minimum=minimum):
        if initializer is not None:
            initializer(*initargs)
        outputs: Iterator[list[R]] = map(function, parts)
        return _gather(outputs, results, done)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(count, mp_context=context, initializer=initializer, initargs=initargs) as pool:
        return _gather(pool.map(function, parts), results, done)


def _gather(outputs: Iterator[list[R]], results: list[R], done: Callable[[int], None] | None) -> list[R]:
    for part in outputs:
        results.extend(part)
        if done is not None:
            done(len(results))
    return results
