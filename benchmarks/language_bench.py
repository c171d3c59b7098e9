"""A Spanish build against the English one: the cost of a contractor's language.

    python benchmarks/run.py language_bench           # the run recorded in docs/benchmarks.md
    python benchmarks/run.py language_bench --quick   # fewer runs

Builds two contractors of a copy of the repository's workspace that differ only in `language` (the
English and Spanish caregiver samples: same objectives, session and resources count), every default
output, one at a time with --force, through the real command line, interleaved (measure.py), and
compares the medians. The Spanish build loads and checks the translations, swaps in the translated
objectives, reads the Spanish wording catalog and formats times and dates with Babel.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure

REPO = Path(__file__).resolve().parents[1]
PARTS = ("csec.yaml", "objectives", "contractors", "templates", "schemas", "rules")
CONTRACTORS = {"English": "foster-kinship-care-education", "Spanish": "foster-kinship-care-education-es"}
TARGET = 1.10  # the Spanish build may cost at most 10% more than the English one


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="language_bench")
    parser.add_argument("--quick", action="store_true", help="3 runs instead of 11")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else 11
    with tempfile.TemporaryDirectory(prefix="csec-bench-lang-") as folder:
        ws = Path(folder) / "ws"
        ws.mkdir()
        for part in PARTS:
            source = REPO / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, ws / part)
        commands = {
            name: [sys.executable, "-m", "csec_builder", "build", contractor, "-w", str(ws), "--out",
                   str(Path(folder) / name), "--force", "-j", "1", "-q"]
            for name, contractor in CONTRACTORS.items()
        }  # fmt: skip
        timings = measure.time_commands(commands, runs)
    print(measure.machine())
    for name, timing in timings.items():
        print(f"{name:8} wall {timing.wall_ms:7.0f} ms   cpu {timing.cpu_ms:7.0f} ms   (median of {timing.runs})")
    ratio = timings["Spanish"].cpu_ms / timings["English"].cpu_ms
    print(f"Spanish / English (CPU): {ratio:.3f}; target at most {TARGET:.2f}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
