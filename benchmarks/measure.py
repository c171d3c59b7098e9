"""What every benchmark shares: timing a command many times, and describing the machine it ran on."""

from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata


@dataclass(frozen=True)
class Timing:
    """Medians over the runs of one command, in milliseconds: wall clock, and CPU (user + system)."""

    wall_ms: float
    cpu_ms: float
    runs: int


def time_commands(commands: Mapping[str, Sequence[str]], runs: int, warmup: int = 2) -> dict[str, Timing]:
    """Run each command `runs` times, interleaved so that a busy moment on the machine hits all of them alike.

    The commands run with their compiled bytecode cached (in a private folder), as after `pip install`,
    even where PYTHONDONTWRITEBYTECODE is set: otherwise csec-builder's modules would be compiled from
    source on every run while the libraries' came precompiled, and the comparison would be unfair.
    """
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="csec-bench-pycache-") as pycache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = pycache
        for round_number in range(warmup + runs):
            for name, command in commands.items():
                wall, cpu = _run_once(command, env)
                if round_number >= warmup:  # the first runs fill the disk cache and compile bytecode
                    walls[name].append(wall)
                    cpus[name].append(cpu)
    return {name: Timing(statistics.median(walls[name]), statistics.median(cpus[name]), runs) for name in commands}


def _run_once(command: Sequence[str], env: Mapping[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def machine() -> str:
    """One line: CPU model and count, load, OS, Python and the versions of the libraries that matter here."""
    versions = ", ".join(f"{name} {_version(name)}" for name in ("typer", "rich", "pydantic", "python-pptx"))
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{_cpu_model()} x {os.cpu_count()} cores (load {load}); {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {versions}"
    )


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def python() -> str:
    """The interpreter running the benchmark: the one whose environment has csec-builder installed."""
    return sys.executable


def script(name: str) -> str:
    """A console script installed next to the interpreter (what users type), e.g. csec-builder."""
    found = shutil.which(name, path=os.path.dirname(sys.executable))
    if found is None:
        raise SystemExit(f"{name} is not installed next to {sys.executable}; run: pip install -e .")
    return found
