"""Per-file work on every core: a pool of forked processes, results in input order.

The build's per-document steps (parse, transform, collect; render and write a page) and
validation's per-file checks are pure functions of one file and of what was set before the pool
started. The pool is forked after that state is set, so workers share it copy-on-write and
nothing but a path goes to a worker and nothing but the (small) result comes back. Small inputs
are done in-process: starting workers costs more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

SERIAL_BELOW = 24
"""Fewer items than this are done in-process."""

_task: tuple[Callable, object] | None = None  # what forked workers run: (function, shared state)


def worker_count() -> int:
    """``TEI_EDITION_WORKERS`` when set (1 = no pool), else one per core."""
    try:
        return max(1, int(os.environ.get("TEI_EDITION_WORKERS", "")))
    except ValueError:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def map_in_order(function: Callable[[object, Item], Result], state: object, items: Iterable[Item],
                 chunk: int = 4, serial_below: int | None = None,
                 meanwhile: Callable[[], None] | None = None) -> Iterator[Result]:
    """``function(state, item)`` for each item, on every core; yields results in the items' order.
    Fewer than ``serial_below`` items (default ``SERIAL_BELOW``) are done in-process.
    ``meanwhile`` is called in this process once the workers have their items (first, when there
    is no pool): work of its own, such as the index page of the pages the workers draw."""
    items = list(items)
    workers = min(worker_count(), len(items))
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    few = len(items) < (SERIAL_BELOW if serial_below is None else serial_below)
    if workers < 2 or few or not forkable:  # forking a threaded process may deadlock
        if meanwhile is not None:
            meanwhile()
        for item in items:
            yield function(state, item)
        return
    global _task
    _task = (function, state)
    # Objects made so far go to the collector's permanent generation: a worker's collections then do
    # not write into their headers, so the pages it shares with this process stay shared (not copied).
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            try:
                results = pool.map(_run, items, chunksize=chunk)  # every item is handed out here
                if meanwhile is not None:
                    meanwhile()
                for _ in range(len(items) - 1):
                    yield next(results)
                last = next(results)
            except BaseException:  # a failure (or the caller giving up) stops the items not yet begun
                pool.shutdown(cancel_futures=True)
                raise
        yield last  # after the pool is shut down: a caller taking exactly len(items) results never resumes us
    finally:
        _task = None
        gc.unfreeze()


def _run(item):
    function, state = _task
    return function(state, item)
