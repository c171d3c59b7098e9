"""CI integration: the pre-commit hooks and the GitHub Actions workflow of docs/ci.md do what they say.

The hooks' commands and the workflow's shell steps run for real, with the installed `csec-builder`
script, in a copy of the standard workspace.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from .helpers import REPO, contractors, copy_workspace, edit

KEPT = ("bay-area-academy", "sierra-probation-training")  # a plain and a branded contractor: a quick build


def hooks() -> dict[str, dict]:
    entries = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in entries}


def script_env() -> dict[str, str]:
    """The environment with the installed csec-builder script first on PATH, as in a CI job."""
    scripts = Path(sys.executable).parent
    assert shutil.which("csec-builder", path=str(scripts)), "csec-builder is not installed next to this Python"
    env = {k: v for k, v in os.environ.items() if k not in ("CSEC_WORKSPACE", "COLUMNS")}
    env["PATH"] = f"{scripts}{os.pathsep}{env.get('PATH', '')}"
    return env


def run_hook(hook_id: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The hook's entry as pre-commit runs it: from the repository root, no file names appended."""
    command = shlex.split(hooks()[hook_id]["entry"])
    return subprocess.run(command, cwd=cwd, env=script_env(), capture_output=True, text=True, timeout=300)


@pytest.fixture
def small_ws(tmp_path: Path) -> Path:
    ws = copy_workspace(tmp_path / "repo")
    for path in (ws / "contractors").glob("*.yaml"):
        if path.stem not in KEPT:
            path.unlink()
    return ws


# --- pre-commit -----------------------------------------------------------------------------


def test_hooks_check_the_whole_workspace_when_its_yaml_changes() -> None:
    found = hooks()
    assert set(found) == {"csec-builder-validate", "csec-builder-coverage"}
    for hook in found.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        assert hook["entry"].split()[0] == "csec-builder"
        pattern = re.compile(hook["files"])  # pre-commit matches with re.search
        for path in ("csec.yaml", "objectives/DEF-01.yaml", "contractors/x.yml", "training/objectives/DEF-01.yaml"):
            assert pattern.search(path), path
        for path in ("templates/pptx/theme.yaml", "docs/objectives.md", "schemas/objective.schema.json", "mycsec.yaml"):
            assert not pattern.search(path), path


def test_validate_hook_passes_a_good_workspace_and_stops_a_broken_one(small_ws: Path) -> None:
    assert run_hook("csec-builder-validate", small_ws).returncode == 0
    edit(small_ws / "objectives" / "DEF-01.yaml", "minutes: 15\n", 'minutes: "fifteen"\n')
    broken = run_hook("csec-builder-validate", small_ws)
    assert broken.returncode == 1
    assert re.search(r"^objectives/DEF-01\.yaml:\d+:10: error: minutes: expected a whole number", broken.stdout, re.M)


def test_coverage_hook_stops_a_commit_that_drops_a_required_objective(small_ws: Path) -> None:
    assert run_hook("csec-builder-coverage", small_ws).returncode == 0
    edit(small_ws / "contractors" / "sierra-probation-training.yaml", "  - IND-01\n", "")
    dropped = run_hook("csec-builder-coverage", small_ws)
    assert dropped.returncode == 1
    assert "sierra-probation-training: MISSING: covers" in dropped.stdout and "missing IND-01" in dropped.stdout


# --- the GitHub Actions workflow in docs/ci.md ------------------------------------------------


def workflow() -> dict:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(name: .*?)```", text, re.S)
    assert block, "docs/ci.md holds the workflow as a yaml block"
    return yaml.safe_load(block.group(1))


def test_workflow_steps_validate_build_report_and_upload(small_ws: Path, tmp_path: Path) -> None:
    job = workflow()["jobs"]["materials"]
    summary = tmp_path / "summary.md"
    env = {**script_env(), **job.get("env", {}), "GITHUB_STEP_SUMMARY": str(summary)}
    ran = []
    for step in job["steps"]:
        if "run" not in step or step["name"].startswith("Install"):
            continue
        result = subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=small_ws, env=env, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, f"{step['name']}: {result.stdout}{result.stderr}"
        ran.append(step["name"])
    assert len(ran) == 4
    for contractor_id in contractors(small_ws):
        assert (small_ws / "dist" / contractor_id / f"{contractor_id}-deck.pptx").is_file()
    suites = ET.parse(small_ws / "reports" / "coverage.xml").getroot()
    assert suites.get("failures") == "0" and int(suites.get("tests")) > 0
    assert (small_ws / "reports" / "coverage.html").is_file()
    assert "| Contractor |" in summary.read_text(encoding="utf-8")
    upload = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].split() == ["dist/", "reports/"]
