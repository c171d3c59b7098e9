"""Standard output that cannot be written: every command says so and exits 1, never 0, never 3 ("bug")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import REPO

FULL = Path("/dev/full")  # every write fails with ENOSPC: a full disk under `> file`

COMMANDS = [
    ["--version"],
    ["--help"],
    ["objectives", "list"],
    ["objectives", "list", "--format", "json"],
    ["objectives", "list", "--format", "csv"],
    ["objectives", "show", "DEF-01"],
    ["validate"],
    ["validate", "--format", "json"],
    ["schema", "objective"],
    ["coverage"],
    ["coverage", "--format", "csv"],
    ["lint"],
    ["template", "check", "templates/pptx/default.pptx"],
    ["build", "bay-area-academy", "-f", "md", "--out", "{out}"],
]


def _run(args: list[str], stdout: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CSEC_WORKSPACE", "CSEC_DEBUG", "COLUMNS")}
    return subprocess.run(
        [sys.executable, "-m", "csec_builder", *args],
        cwd=REPO,
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=180,
    )


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_a_full_disk_under_stdout_is_reported(args: list[str], tmp_path: Path) -> None:
    args = [a.replace("{out}", str(tmp_path / "out")) for a in args]
    with FULL.open("w") as full:
        run = _run(args, full)
    assert run.returncode == 1, run.stderr
    assert "error: cannot write the output: No space left on device" in run.stderr
    assert run.stderr.count("cannot write the output") == 1
    assert "bug" not in run.stderr and "Traceback" not in run.stderr and "Exception ignored" not in run.stderr


@pytest.mark.parametrize("args", [["objectives", "list"], ["validate"], ["schema", "objective"]], ids=" ".join)
def test_a_reader_that_went_away_ends_the_command_quietly(args: list[str]) -> None:
    # Like `csec-builder objectives list | head -0`: the pipe's reader has closed before the first write.
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "w") as closed_pipe:
        run = _run(args, closed_pipe)
    assert run.returncode == 141, run.stderr
    assert run.stderr == ""
