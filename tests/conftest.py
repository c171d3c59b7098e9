"""Shared fixtures: a private copy of the standard workspace, the CLI runner, real clients."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from csec_builder.cli import app

from .helpers import REPO, copy_workspace

IN_CI = bool(os.environ.get("CI"))


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's standard workspace that a test may change freely.

    It lies beside the test's `tmp_path`, not inside it, so a test may build into `tmp_path`: a build refuses
    an output folder that contains its workspace.
    """
    return copy_workspace(tmp_path_factory.mktemp("ws") / "ws")


@pytest.fixture(scope="session")
def inputs():
    """The repository's standard workspace, loaded once: for tests that read the shipped catalog."""
    from csec_builder.validate import load_inputs
    from csec_builder.workspace import find_workspace

    return load_inputs(find_workspace(REPO))


@pytest.fixture(scope="session")
def catalog(inputs) -> dict:
    return {o.id: o for o in inputs.catalog.objectives}


@pytest.fixture
def objective(request: pytest.FixtureRequest, catalog: dict):
    """The shipped objective named by the test's indirect parameter."""
    return catalog[request.param]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """Run csec-builder in-process: cli(args..., cwd=folder) -> Run(exit_code, stdout, stderr)."""
    runner = CliRunner()
    monkeypatch.delenv("COLUMNS", raising=False)  # output without a terminal is plain lines, unless COLUMNS is set

    def invoke(*args: str, cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


def _tool(names: tuple[str, ...], what: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    if IN_CI:
        pytest.fail(f"{what} is required when CI is set (install it; .ci/run does)")
    pytest.skip(f"{what} not installed")


@pytest.fixture(scope="session")
def soffice() -> str:
    return _tool(("soffice", "libreoffice"), "LibreOffice")


@pytest.fixture(scope="session")
def chromium() -> str:
    return _tool(("chromium", "chromium-browser", "google-chrome"), "Chromium")


def convert_with_libreoffice(soffice: str, source: Path, target_format: str, outdir: Path) -> Path:
    """Convert with a private LibreOffice profile so parallel runs never collide."""
    profile = outdir / ".lo-profile"
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target_format,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    converted = outdir / f"{source.stem}.{target_format.split(':')[0]}"
    assert converted.is_file(), f"LibreOffice did not produce {converted}"
    return converted


def pdf_page_count(pdf: Path) -> int:
    """Pages in a PDF, read by poppler's pdfinfo (installed with LibreOffice by .ci/run)."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def chromium_command(chromium: str, profile: Path) -> list[str]:
    """Headless Chromium that never waits on the (closed) network."""
    return [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        f"--user-data-dir={profile}",
    ]
