"""Run one function over many tasks in worker processes, yielding each outcome as it finishes.

Rendering is pure Python (python-pptx, Jinja), so threads would share one core: processes give
each contractor a core of its own. The tasks reach the workers once, when each starts (inherited
when the platform forks, pickled otherwise), and only a task's index crosses per call.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

Task = TypeVar("Task")
Outcome = TypeVar("Outcome")

_function: Callable[[Any], Any] | None = None
_tasks: Sequence[Any] = ()


def cpu_count() -> int:
    """The CPUs this process may use (its affinity mask where the platform has one)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def run_all(
    function: Callable[[Task], Outcome],
    tasks: Sequence[Task],
    jobs: int,
    on_error: Callable[[Task, BaseException], Outcome],
) -> Iterator[Outcome]:
    """`function(task)` for every task, in the order they finish; `jobs` processes at most.

    `function` must be a module-level function. With one job or one task everything runs here,
    without starting any process. A task whose worker fails (an uncaught exception, a worker killed
    by the system) gets `on_error(task, exception)` instead.
    """
    if jobs <= 1 or len(tasks) <= 1:
        gc.freeze()
        try:
            for task in tasks:
                yield _collected(function, task)
        finally:
            gc.unfreeze()
        return
    # Fork where the platform has it: workers then share the loaded workspace instead of pickling it.
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    workers = min(jobs, len(tasks))
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_receive, initargs=(function, tasks, os.getpid())
    )
    finished = False
    try:
        futures: dict[Future[Outcome], Task] = {pool.submit(_run, index): task for index, task in enumerate(tasks)}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:
                yield on_error(futures[future], exc)
        finished = True
    finally:
        # After Ctrl-C, here or in the caller (which then closes this generator), start nothing more; the
        # contractors being written finish whole. (Not `with pool`: its exit would undo the cancelling.)
        pool.shutdown(wait=True, cancel_futures=not finished)


def _collected(function: Callable[[Task], Outcome], task: Task) -> Outcome:
    """`function(task)`, then a garbage collection.

    python-pptx's package and parts refer to each other, so a finished deck's objects are freed only
    by a collection, which Python runs rarely: without one per contractor, a process held several
    decks' worth of garbage at a time. Objects that were there before (`gc.freeze`) are not scanned.
    """
    try:
        return function(task)
    finally:
        gc.collect()


def _receive(function: Callable[[Any], Any], tasks: Sequence[Any], parent: int) -> None:
    global _function, _tasks
    _function, _tasks = function, tasks
    gc.freeze()  # what the worker inherited lives as long as it does: no collection need scan it
    # Ctrl-C reaches every process of the terminal's group: the main process alone decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent(parent)


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL_SECONDS = 1.0


def exit_with_parent(parent: int) -> None:
    """End this worker when `parent` (the build) ends, however it ends.

    A build killed with SIGTERM or SIGKILL runs no clean-up, and its idle workers waited on their task
    queue for ever. On Linux the kernel sends this process SIGKILL when its parent dies (the parent is the
    thread that started the pool: run_all's caller, which lives as long as the build). Elsewhere, and as a
    second guard, a thread checks once a second whether the process has a new parent (it was orphaned).
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the thread below still works
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)  # orphaned: nobody will read what this worker makes


def _run(index: int) -> Any:
    assert _function is not None, "worker started without its tasks"
    return _collected(_function, _tasks[index])
