"""Worker processes: run a function over chunks of work on every core, in order.

Workers are forked, so they start with the parent's memory (the loaded site, the views, the
Jinja environment) and nothing has to be pickled to them but the work itself. Forking a
process that runs other threads can deadlock the child, so when other threads are running
(the preview server) or there is too little work, everything runs in this process instead.
Results come back in the order of the input, whatever order the workers finish in, so the
output never depends on the number of workers.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
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
    """``function`` over *items* in chunks, in *workers* processes (default: one per core).

    This process is one of them: it forks ``workers - 1`` others and works through the chunks
    with them (it takes them from the end of the list, the others from the front), so no core
    waits idle, one process fewer shares the memory, and the chunks this process makes are
    not pickled back. *initializer* runs once in each process before any chunk. Everything
    runs here when *workers* is 1, when there are fewer than *minimum* items, or when forking
    is not safe. *done* is called with the number of items finished after each chunk.
    """
    count = available_cores() if workers is None else max(1, workers)
    parts = chunked(items, count)
    if not uses_workers(len(items), workers=workers, minimum=minimum):
        if initializer is not None:
            initializer(*initargs)
        finished = 0
        results: list[R] = []
        for part in parts:
            results.extend(function(part))
            finished += len(part)
            if done is not None:
                done(finished)
        return results
    context = multiprocessing.get_context("fork")
    # Objects that exist now are moved out of the collector's reach, so that collections in the
    # workers do not touch (and copy) the memory they share with this process.
    # (A caller that froze objects itself, build/collector.py, unfreezes them when it is done.)
    owner = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            count - 1,
            mp_context=context,
            initializer=_start_worker,
            initargs=(os.getpid(), initializer, initargs),
        ) as pool:
            return _share(pool, count - 1, function, parts, initializer, initargs, done)
    finally:
        if owner:
            gc.unfreeze()


PR_SET_PDEATHSIG = 1
"""Linux ``prctl`` option: the signal a process gets when its parent dies."""


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent (pid *parent*) dies, so workers of a
    killed build do not run on (Linux; elsewhere a no-op). If the parent is already gone, exit."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


def _start_worker(parent: int, initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]) -> None:
    # Ctrl-C reaches the whole process group: the parent stops the pool, and its workers must
    # not print a traceback each. They die with the parent, whatever kills it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def _share(
    pool: ProcessPoolExecutor,
    others: int,
    function: Callable[[Sequence[T]], list[R]],
    parts: list[Sequence[T]],
    initializer: Callable[..., Any] | None,
    initargs: tuple[Any, ...],
    done: Callable[[int], None] | None,
) -> list[R]:
    """Work through *parts* here and in *pool*; the results in the order of *parts*."""
    results: dict[int, list[R]] = {}
    front, back = 0, len(parts) - 1
    running: dict[Future[list[R]], int] = {}
    finished = 0

    def collect(future: Future[list[R]]) -> None:
        nonlocal finished
        index = running.pop(future)
        results[index] = future.result()
        finished += len(parts[index])

    started = False
    while front <= back or running:
        while front <= back and len(running) < others * 2:  # keep the others busy, not flooded
            running[pool.submit(function, parts[front])] = front
            front += 1
        if front <= back:
            if not started:
                if initializer is not None:
                    initializer(*initargs)
                started = True
            results[back] = function(parts[back])
            finished += len(parts[back])
            back -= 1
        else:
            finished_now, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for future in finished_now:
                collect(future)
        for future in [f for f in running if f.done()]:
            collect(future)
        if done is not None:
            done(finished)
    return [result for index in range(len(parts)) for result in results[index]]
