"""Run csec-builder's benchmarks: `python benchmarks/run.py [NAME ...] [OPTIONS]` (all when no name is given).

Each benchmark is a module in this folder with a `main(argv) -> int` that prints what it measured and
returns 1 when a performance goal is missed. Add a benchmark by adding a module and a line to BENCHMARKS.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

BENCHMARKS = {
    "startup": "csec-builder --help against a bare typer import",
    "build_bench": "decks against pandoc, 150 contractors on 2 cores, peak memory, no-op rebuilds",
    "hostile_memory": "peak memory on zip bombs and the largest template the bounds accept",
    "language_bench": "a Spanish build against the English one (same objectives), every default output",
    "audit_bench": "evidence audit: seconds per 100 slides and per 100 PDF pages, peak memory, one core",
}


def main(argv: list[str]) -> int:
    names, options = _split(argv)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown or names == ["--list"]:
        for name, what in BENCHMARKS.items():
            print(f"{name:12} {what}")
        return 2 if unknown else 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    failed = 0
    for name in names or list(BENCHMARKS):
        print(f"== {name}: {BENCHMARKS[name]}")
        failed += importlib.import_module(name).main(options) != 0
    return 1 if failed else 0


def _split(argv: list[str]) -> tuple[list[str], list[str]]:
    """Benchmark names first, then options (from the first argument that starts with '-') for each of them."""
    if argv[:1] == ["--list"]:
        return ["--list"], []
    at = next((index for index, arg in enumerate(argv) if arg.startswith("-")), len(argv))
    options = argv[at + 1 :] if argv[at : at + 1] == ["--"] else argv[at:]
    return argv[:at], options


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
