"""Start-up: `csec-builder --help` against a bare `python -c "import typer"` (target: at most 2.5x).

A command-line tool is started far more often than it builds anything: every `--help`, every shell
completion, every CI step. The reference is the cheapest Typer program there is; a two-command Typer app
with rich help, measured alongside, shows what a plain Typer CLI with rich help pays (csec-builder pays
less: it leaves out what Typer's help module imports but its help does not use; see cli/help_format.py).

    python benchmarks/run.py startup [--runs N]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from measure import Timing, machine, python, script, time_commands

TARGET = 2.5

TWO_COMMAND_APP = '''
import typer

app = typer.Typer(rich_markup_mode="markdown")


@app.command()
def first(count: int = 1) -> None:
    """The first command."""


@app.command()
def second(name: str = "x") -> None:
    """The second command."""


app()
'''


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/run.py startup", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="runs of each command (default: 40)")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        two_commands = Path(scratch) / "two_commands.py"
        two_commands.write_text(TWO_COMMAND_APP, encoding="utf-8")
        commands = {
            'python -c "import typer"': [python(), "-c", "import typer"],
            "two-command Typer app --help": [python(), str(two_commands), "--help"],
            "csec-builder --help": [script("csec-builder"), "--help"],
            "python -m csec_builder --help": [python(), "-m", "csec_builder", "--help"],
            "csec-builder coverage --help": [python(), "-m", "csec_builder", "coverage", "--help"],
        }
        timings = time_commands(commands, options.runs)
    print(f"Machine: {machine()}")
    print(f"Median of {options.runs} interleaved runs each, after 2 warm-up runs.")
    print(report(timings))
    wall, cpu = _ratios(timings, "csec-builder --help")
    _, floor = _ratios(timings, "two-command Typer app --help")
    verdict = "met" if cpu <= TARGET else "MISSED"
    print(
        f"csec-builder --help takes {cpu:.2f}x the CPU time of a bare typer import ({wall:.2f}x its wall-clock time; "
        f"the two-command Typer app {floor:.2f}x); target <= {TARGET}x: {verdict}"
    )
    return 0 if cpu <= TARGET else 1


def report(timings: dict[str, Timing]) -> str:
    rows = [f"{'command':32} {'wall ms':>8} {'CPU ms':>8} {'x typer (wall)':>15} {'x typer (CPU)':>14}"]
    for name, timing in timings.items():
        wall, cpu = _ratios(timings, name)
        rows.append(f"{name:32} {timing.wall_ms:8.1f} {timing.cpu_ms:8.1f} {wall:14.2f}x {cpu:13.2f}x")
    return "\n".join(rows)


def _ratios(timings: dict[str, Timing], name: str) -> tuple[float, float]:
    """The command against the first one (the bare typer import): by wall-clock time and by CPU time.

    The verdict goes by CPU time: on a machine shared with other work, wall-clock time also counts the
    waits for a free core, which fall on the commands unevenly; on an idle machine the two agree.
    """
    base = next(iter(timings.values()))
    return timings[name].wall_ms / base.wall_ms, timings[name].cpu_ms / base.cpu_ms
