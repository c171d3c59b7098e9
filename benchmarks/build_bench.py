"""Builds: decks per second against pandoc, scale, peak memory and no-op rebuilds.

    python benchmarks/run.py build_bench        # the full run recorded in docs/benchmarks.md
    python benchmarks/run.py build_bench --quick  # a smoke run in about a minute
    python benchmarks/build_bench.py ...        # the same, run directly

Everything runs on a synthetic workspace (see synthetic.py) in a temporary folder, through the
real command line (`python -m csec_builder build`), one process tree at a time. Peak memory is
the largest resident set of any process of a build (the command and its workers), from wait4.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure
import pandoc_decks
import synthetic

TARGETS = {
    "pandoc_ratio": 5.0,  # csec-builder decks per second / pandoc's, at least (issue 11 asked 3x, issue 17 5x)
    "decks_150_seconds": 30.0,  # 150 contractors, --format pptx, on 2 cores, at most
    "all_outputs_core_seconds": 1.0,  # every default output, seconds per contractor per core, at most
    "peak_mb": 250.0,  # any one process, at most
    "noop_fraction": 0.10,  # a no-op rebuild as a share of the full build, at most
}
SLIDE_ENTRY = re.compile(r"ppt/slides/slide\d+\.xml")
ONE_CPU = min(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
"""The CPU both sides of the pandoc comparison run on (None where a process cannot be pinned)."""


@dataclass
class Run:
    seconds: float
    """Wall-clock time."""
    cpu_seconds: float
    """User and system time of the whole process tree: what a run costs, however busy the machine is."""
    peak_mb: float


def main(argv: list[str]) -> int:
    """Run the chosen measurements and print them; 1 when a target is missed (as benchmarks/run.py expects)."""
    if shutil.which("pandoc") is None and "pandoc" in _arguments(argv).only:
        raise SystemExit("pandoc is not installed: the benchmark compares against it (e.g. apt-get install pandoc)")
    args = _arguments(argv)
    with tempfile.TemporaryDirectory(prefix="csec-bench-") as scratch:
        root = Path(args.keep) if args.keep else Path(scratch)
        results: dict[str, Any] = {"machine": machine_info(), "jobs": args.jobs}
        if "pandoc" in args.only:
            results["pandoc"] = against_pandoc(root / "pandoc", args.pandoc_decks, args.repeat)
        if "scale" in args.only:
            results["scale"] = [scale(root / f"scale-{n}", n, args.jobs, args.repeat) for n in args.sizes]
        if "noop" in args.only:
            results["noop"] = noop(root / f"noop-{args.noop}", args.noop, args.jobs)
    results["machine"]["load_average_after"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    missed = report(results, args.jobs)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if missed else 0


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="benchmarks/run.py build_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,50,150", help="contractor counts for the scale runs")
    parser.add_argument("--noop", type=int, default=90, help="contractors for the no-op rebuild run")
    parser.add_argument("--jobs", type=int, default=2, help="build --jobs for the scale and no-op runs")
    parser.add_argument("--pandoc-decks", type=int, default=10, help="decks made by each side of the pandoc run")
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs of each measurement")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test of the benchmark itself")
    parser.add_argument("--keep", help="build in this folder and keep it, instead of a temporary one")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--only", default="pandoc,scale,noop", help="which runs, comma-separated: pandoc,scale,noop")
    args = parser.parse_args(argv)
    args.sizes = [int(n) for n in args.sizes.split(",")]
    args.only = set(args.only.split(","))
    if args.quick:
        args.sizes, args.noop, args.pandoc_decks, args.repeat = [4, 8], 8, 3, 1
    return args


def machine_info() -> dict[str, object]:
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True, check=True).stdout.splitlines()[0]
    from csec_builder import __version__

    return {
        "description": measure.machine(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "pandoc": pandoc,
        "csec_builder": __version__,
    }


# --- the runs --------------------------------------------------------------------------------------


def against_pandoc(root: Path, decks: int, repeat: int) -> dict[str, object]:
    """The same decks, one process each side: csec-builder builds them all, pandoc is run once per deck."""
    workspace = synthetic.make_workspace(root / "ws", decks)
    markdown = pandoc_decks.write_markdown(workspace, root / "md")
    ours, theirs = [], []
    for attempt in range(repeat):
        out = root / f"csec-{attempt}"
        ours.append(build(workspace, "--format", "pptx", "--jobs", "1", "--force", "--out", out, cpu=ONE_CPU))
        theirs.append(_pandoc_all(markdown, root / f"pandoc-{attempt}"))
    check = ("--check", "--format", "pptx", "--jobs", "1", "--out", root / "csec-0")
    fixed = min((build(workspace, *check, cpu=ONE_CPU) for _ in range(repeat)), key=lambda r: r.cpu_seconds)
    our_slides = _slides(sorted((root / "csec-0").rglob("*.pptx")))
    their_slides = _slides(sorted((root / "pandoc-0").glob("*.pptx")))
    if our_slides != their_slides:
        raise SystemExit(f"the two sides made different decks: {our_slides} slides against pandoc's {their_slides}")
    wall = (min(r.seconds for r in ours), min(r.seconds for r in theirs))
    cpu = (min(r.cpu_seconds for r in ours), min(r.cpu_seconds for r in theirs))
    return {
        "decks": decks,
        "slides": our_slides,
        "csec_seconds": wall[0],
        "pandoc_seconds": wall[1],
        "csec_cpu_seconds": cpu[0],
        "pandoc_cpu_seconds": cpu[1],
        "csec_decks_per_second": decks / cpu[0],
        "pandoc_decks_per_second": decks / cpu[1],
        "ratio": cpu[1] / cpu[0],
        "ratio_wall": wall[1] / wall[0],
        "csec_fixed_cpu_seconds": fixed.cpu_seconds,
        "ratio_per_deck": cpu[1] / max(cpu[0] - fixed.cpu_seconds, 1e-9),
    }


def _pandoc_all(markdown: list[Path], out: Path) -> Run:
    out.mkdir(parents=True)
    start, cpu, peak = time.perf_counter(), 0.0, 0.0
    for source in markdown:
        command = ["pandoc", *pandoc_decks.PANDOC_ARGS, str(source), "-o", str(out / f"{source.stem}.pptx")]
        run = _measure(command, Path.cwd(), ONE_CPU, f"pandoc {source.name}")
        cpu, peak = cpu + run.cpu_seconds, max(peak, run.peak_mb)
    return Run(time.perf_counter() - start, cpu, peak)


def _pin(cpu: int | None) -> Callable[[], None] | None:
    """Run a child on one CPU only, so each side of a comparison gets the same single core."""
    if cpu is None:
        return None
    return lambda: os.sched_setaffinity(0, {cpu})


def _slides(decks: list[Path]) -> int:
    total = 0
    for deck in decks:
        with zipfile.ZipFile(deck) as package:
            total += sum(bool(SLIDE_ENTRY.fullmatch(name)) for name in package.namelist())
    return total


def scale(root: Path, contractors: int, jobs: int, repeat: int) -> dict[str, object]:
    workspace = synthetic.make_workspace(root / "ws", contractors)
    runs = [
        (
            build(workspace, "--format", "pptx", "--jobs", str(jobs), "--force", "--out", root / "decks"),
            build(workspace, "--jobs", str(jobs), "--force", "--out", root / "all"),
        )
        for _ in range(repeat)
    ]
    decks = min((r[0] for r in runs), key=lambda r: r.seconds)
    everything = min((r[1] for r in runs), key=lambda r: r.seconds)
    return {
        "contractors": contractors,
        "decks": asdict(decks),
        "all_outputs": asdict(everything),
        "decks_per_contractor": decks.seconds / contractors,
        "all_per_contractor_per_core": everything.seconds * jobs / contractors,
        "decks_cpu_per_contractor": decks.cpu_seconds / contractors,
        "all_cpu_per_contractor": everything.cpu_seconds / contractors,
    }


def noop(root: Path, contractors: int, jobs: int) -> dict[str, object]:
    workspace = synthetic.make_workspace(root / "ws", contractors)
    full = build(workspace, "--jobs", str(jobs))
    again = build(workspace, "--jobs", str(jobs))
    fraction = again.seconds / full.seconds
    return {"contractors": contractors, "full": asdict(full), "noop": asdict(again), "fraction": fraction}


def build(workspace: Path, *args: object, cpu: int | None = None) -> Run:
    """`csec-builder build --quiet ARGS` in `workspace`: its times and the peak memory of its process tree."""
    command = [sys.executable, "-m", "csec_builder", "build", "--quiet", *map(str, args)]
    return _measure(command, workspace, cpu, f"build {' '.join(map(str, args))}")


def _measure(command: list[str], cwd: Path, cpu: int | None, name: str) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_pin(cpu)
    )
    stderr = process.stderr.read() if process.stderr else b""
    _pid, status, usage = os.wait4(process.pid, 0)  # includes the children it waited for: the build's workers
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{name} failed:\n{stderr.decode(errors='replace')}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


# --- the report ----------------------------------------------------------------------------------


def report(results: dict, jobs: int) -> list[str]:
    """Print every figure and verdict; return the targets missed."""
    MISSED.clear()
    info = results["machine"]
    print(f"Machine: {info['description']}")
    load = f"load average {info['load_average']:.2f} before, {info['load_average_after']:.2f} after"
    print(f"{info['usable_cpus']} usable CPUs, {load}; {info['pandoc']}, csec-builder {info['csec_builder']}")
    if "pandoc" in results:
        _report_pandoc(results["pandoc"])
    if "scale" in results:
        _report_scale(results["scale"], jobs)
    if "noop" in results:
        _report_noop(results["noop"], jobs)
    return list(MISSED)


def _report_pandoc(p: dict) -> None:
    print(f"\nDecks against pandoc ({p['decks']} decks, {p['slides']} slides, both sides pinned to one core):")
    print("               CPU s   decks/CPU s   wall s")
    for side in ("csec", "pandoc"):
        name = "csec-builder" if side == "csec" else "pandoc"
        cpu, wall = p[f"{side}_cpu_seconds"], p[f"{side}_seconds"]
        print(f"  {name:12s} {cpu:6.2f} {p[f'{side}_decks_per_second']:10.2f} {wall:11.2f}")
    target = TARGETS["pandoc_ratio"]
    text = f"  ratio {p['ratio']:.2f}x (CPU time; wall time {p['ratio_wall']:.2f}x)"
    _verdict(text, p["ratio_wall"] >= target, f">= {target:g}x in wall time")
    print(
        f"  csec-builder's start-up and loading (`build --check`): {p['csec_fixed_cpu_seconds']:.2f} CPU s; "
        f"per deck beyond it, {p['ratio_per_deck']:.2f}x pandoc"
    )


def _report_scale(rows: list[dict], jobs: int) -> None:
    print(f"\nScale (--jobs {jobs}): wall s, CPU s per contractor, peak MB of any process")
    print("                     decks only (--format pptx)     every default output")
    for row in rows:
        d, a = row["decks"], row["all_outputs"]
        print(
            f"  {row['contractors']:4d} contractors  {d['seconds']:6.2f} s {row['decks_cpu_per_contractor']:5.3f} "
            f"{d['peak_mb']:6.1f} MB   {a['seconds']:6.2f} s {row['all_cpu_per_contractor']:5.3f} "
            f"{a['peak_mb']:6.1f} MB"
        )
    _scale_verdicts(rows)


def _report_noop(n: dict, jobs: int) -> None:
    print(f"\nNo-op rebuild ({n['contractors']} contractors, --jobs {jobs}):")
    print(f"  full build {n['full']['seconds']:.2f} s, no-op {n['noop']['seconds']:.2f} s")
    _verdict(f"  no-op is {n['fraction']:.1%} of the full build", n["fraction"] <= TARGETS["noop_fraction"], "<= 10%")


def _scale_verdicts(rows: list[dict]) -> None:
    biggest = max(rows, key=lambda r: r["contractors"])
    if biggest["contractors"] >= 150:
        seconds = biggest["decks"]["seconds"]
        met = seconds <= TARGETS["decks_150_seconds"]
        _verdict(f"  {biggest['contractors']} decks in {seconds:.1f} s", met, "<= 30 s")
    cost = biggest["all_per_contractor_per_core"]
    _verdict(f"  every output at {biggest['contractors']}: {cost:.3f} s per contractor per core", cost <= 1.0, "<= 1 s")
    peak = max(max(r["decks"]["peak_mb"], r["all_outputs"]["peak_mb"]) for r in rows)
    _verdict(f"  peak memory {peak:.1f} MB", peak <= TARGETS["peak_mb"], "<= 250 MB")


MISSED: list[str] = []


def _verdict(text: str, met: bool, target: str) -> None:
    print(f"{text}   target {target}: {'met' if met else 'MISSED'}")
    if not met:
        MISSED.append(text.strip())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
