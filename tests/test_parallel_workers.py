"""Worker processes end with the build that started them, however the build ends (SIGTERM, SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import REPO

# A build with two workers: one busy for ten minutes, the other idle once its quick task is done,
# waiting for work that never comes (the case that was left behind).
SCRIPT = """
import sys, time
from csec_builder.parallel import run_all

if sys.argv[1:] == ["--no-prctl"]:  # as on a system without prctl: only the watching thread is left
    sys.platform = "elsewhere"

def slow(task):
    time.sleep(600 if task == 0 else 0)
    return task

print("started", flush=True)
for outcome in run_all(slow, [0, 1], 2, lambda task, exc: None):
    print(outcome, flush=True)
"""


def _children(pid: int) -> set[int]:
    """Live processes whose parent is `pid`, read from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended while we looked
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its entry waits for its new parent to collect it


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
@pytest.mark.parametrize(
    ("kill", "options"),
    [(signal.SIGKILL, []), (signal.SIGTERM, []), (signal.SIGKILL, ["--no-prctl"])],
    ids=["SIGKILL", "SIGTERM", "SIGKILL-watching-thread-only"],
)
def test_workers_end_when_the_build_is_killed(kill: signal.Signals, options: list[str]) -> None:
    build = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, *options],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    workers: set[int] = set()
    try:
        assert build.stdout is not None and build.stdout.readline() == "started\n"
        assert _wait_for(lambda: len(_children(build.pid)) == 2, 60), "the pool did not start two workers"
        workers = _children(build.pid)
        assert build.stdout.readline() == "1\n"  # one worker is idle now, the other still busy
        build.send_signal(kill)
        build.wait(30)
        assert _wait_for(lambda: not any(_alive(pid) for pid in workers), 15), "a worker outlived its build"
    finally:
        for pid in workers:  # leave nothing behind if the test failed
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if build.poll() is None:
            build.kill()
            build.wait()
