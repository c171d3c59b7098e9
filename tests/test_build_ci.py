"""`build` in CI and at a terminal: parallel builds, --check, --json, --quiet, plain lines, stale folders."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from csec_builder import build as build_module
from csec_builder.cli import build_report
from csec_builder.outputs import OUTPUTS
from csec_builder.validate import load_inputs
from csec_builder.workspace import Workspace

from .helpers import CONTRACTORS, edit, read_yaml, run_csec_builder
from .test_build import digests

LINE = re.compile(r"^(built|up to date) (?P<id>[a-z0-9-]+): \d+ slides, \d+(/\d+)? min( \(over\))? -> (?P<folder>\S+)$")


def statuses(run_stdout: str) -> dict[str, str]:
    """Contractor id -> status, from `build --json`."""
    return {c["id"]: c["status"] for c in json.loads(run_stdout)["contractors"]}


def test_jobs_2_and_jobs_1_give_byte_identical_outputs_in_any_time_zone_and_locale(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parallel = run_csec_builder("build", "--jobs", "2", "--out", str(tmp_path / "parallel"), cwd=workspace)
    assert parallel.returncode == 0, parallel.stderr
    monkeypatch.setenv("TZ", "Pacific/Honolulu")
    monkeypatch.setenv("LC_ALL", "C")
    serial = run_csec_builder("build", "--jobs", "1", "--out", str(tmp_path / "serial"), cwd=workspace)
    assert serial.returncode == 0, serial.stderr
    built = digests(tmp_path / "parallel")
    defaults = read_yaml(workspace / "csec.yaml")["defaults"]["formats"]  # the formats a plain build writes
    every_output = 1 + sum(len(OUTPUTS[name].file_names("x")) for name in defaults)  # and the manifest
    assert len(built) == every_output * len(CONTRACTORS)
    assert built == digests(tmp_path / "serial")


def test_check_fails_after_an_objective_changes_and_passes_after_a_rebuild(
    workspace: Path, cli, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    fresh = cli("build", "-w", workspace, "--out", out, "-f", "md", "--check")
    assert fresh.exit_code == 1
    assert f"missing {out / 'bay-area-academy' / 'bay-area-academy-facilitator-guide.md'}" in fresh.stdout
    assert not out.exists()  # --check writes nothing
    assert cli("build", "-w", workspace, "--out", out, "-f", "md").exit_code == 0
    current = cli("build", "-w", workspace, "--out", out, "-f", "md", "--check")
    assert current.exit_code == 0, current.output
    assert "Every output of 7 contractors" in current.stdout and "is current." in current.stdout
    before = digests(out)
    edit(workspace / "objectives" / "PROB-01.yaml", "title: ", "title: Revised ")
    stale = cli("build", "-w", workspace, "--out", out, "-f", "md", "--check")
    assert stale.exit_code == 1
    sierra_guide = out / "sierra-probation-training" / "sierra-probation-training-facilitator-guide.md"
    assert f"stale {sierra_guide}" in stale.stdout
    assert "missing or stale" in stale.stdout.splitlines()[-1]
    assert digests(out) == before  # still nothing written
    assert cli("build", "-w", workspace, "--out", out, "-f", "md").exit_code == 0
    assert cli("build", "-w", workspace, "--out", out, "-f", "md", "--check").exit_code == 0


def test_changing_one_objective_rebuilds_only_the_contractors_that_teach_it(
    workspace: Path, cli, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert cli("build", "-w", workspace, "--out", out, "-f", "md").exit_code == 0
    edit(workspace / "objectives" / "CARE-01.yaml", "title: ", "title: Revised ")
    run = cli("build", "-w", workspace, "--out", out, "-f", "md", "--json")
    assert run.exit_code == 0, run.output
    expected = {}
    for contractor in CONTRACTORS:
        chosen = yaml.safe_load((workspace / "contractors" / f"{contractor}.yaml").read_text())["objectives"]
        # A list that leaves CARE-01 out cannot depend on it; the mapping form may require any objective.
        expected[contractor] = "up to date" if isinstance(chosen, list) and "CARE-01" not in chosen else "built"
    assert "up to date" in expected.values() and "built" in expected.values()
    assert statuses(run.stdout) == expected


def test_json_summary_has_counts_contractors_files_and_problems(workspace: Path, cli, tmp_path: Path) -> None:
    profile = workspace / "contractors" / "bay-area-academy.yaml"
    edit(profile, "minutes: 510", "minutes: 300")  # an overrun: a warning
    (workspace / "contractors" / "broken.yaml").write_text("id: broken\nname: Broken\nkind: contractor\n")
    run = cli("build", "-w", workspace, "--out", tmp_path / "out", "-f", "md", "--json")
    assert run.exit_code == 1
    assert run.stderr == ""
    summary = json.loads(run.stdout)
    assert {"output_dir", "built", "up_to_date", "failed", "contractors"} <= set(summary)
    assert (summary["built"], summary["up_to_date"], summary["failed"]) == (7, 0, 1)
    by_id = {c["id"]: c for c in summary["contractors"]}
    assert set(by_id) == {*CONTRACTORS, "broken"}
    bay = by_id["bay-area-academy"]
    assert bay["status"] == "built"
    assert bay["files"] == [str(tmp_path / "out" / "bay-area-academy" / "bay-area-academy-facilitator-guide.md")]
    overrun = [p for p in bay["problems"] if "minutes over" in p["message"]]
    assert overrun and overrun[0]["severity"] == "warning"
    assert set(overrun[0]) == {"path", "line", "col", "severity", "message"}  # as `validate --format json`
    assert overrun[0]["path"].endswith("contractors/bay-area-academy.yaml") and overrun[0]["line"] > 1
    broken = by_id["broken"]
    assert broken["status"] == "failed" and broken["files"] == []
    assert any(p["severity"] == "error" for p in broken["problems"])


def test_not_a_terminal_prints_one_plain_line_per_contractor_and_a_total(workspace: Path, tmp_path: Path) -> None:
    run = run_csec_builder("build", "--out", str(tmp_path / "out"), "-f", "md", cwd=workspace)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    matches = [LINE.match(line) for line in lines[:-1]]
    assert all(matches), lines
    assert sorted(m["id"] for m in matches if m) == sorted(CONTRACTORS)
    assert all(m["folder"] == str(tmp_path / "out" / m["id"]) for m in matches if m)
    assert lines[-1] == f"7 contractors in {tmp_path / 'out'}: 7 built, 0 up to date, 0 failed."
    assert "built bay-area-academy: " in run.stdout and "505/510 min -> " in run.stdout
    assert not [line for line in lines if "│" in line or "━" in line]


@pytest.mark.parametrize(("columns", "table"), [(100, True), (60, False)])
def test_on_a_terminal_the_summary_fits_its_width(
    workspace: Path, cli, monkeypatch: pytest.MonkeyPatch, columns: int, table: bool
) -> None:
    monkeypatch.setattr(build_report, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    run = cli("build", "-f", "md", cwd=workspace)  # into dist: a short folder name, as people see it
    assert run.exit_code == 0, run.output
    lines = run.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns, run.stdout
    # A table when every id fits whole, else the plain lines wrapped at spaces: never an id cut.
    assert ("Contractor" in run.stdout) is table
    assert all(re.search(rf"(^|\s){contractor}(\s|:|$)", run.stdout, re.M) for contractor in CONTRACTORS)
    assert lines[-1].endswith("0 failed.")


def test_quiet_prints_only_problems(workspace: Path, cli, tmp_path: Path) -> None:
    edit(workspace / "contractors" / "bay-area-academy.yaml", "minutes: 510", "minutes: 300")
    run = cli("build", "-w", workspace, "--out", tmp_path / "out", "-f", "md", "--quiet")
    assert run.exit_code == 0
    assert run.stdout == ""
    assert "contractors/bay-area-academy.yaml:" in run.stderr and "minutes over" in run.stderr
    assert (tmp_path / "out" / "bay-area-academy" / "bay-area-academy-facilitator-guide.md").is_file()


def test_a_full_build_removes_folders_of_deleted_contractors_and_keeps_those_that_fail_to_load(
    workspace: Path, cli
) -> None:
    dist = workspace / "dist"
    assert cli("build", "-w", workspace, "-f", "md").exit_code == 0
    (workspace / "contractors" / "bay-area-academy.yaml").unlink()
    sierra = workspace / "contractors" / "sierra-probation-training.yaml"
    sierra.write_text("id: [unclosed\n")  # fails to load: its outputs must stay
    (dist / "notes").mkdir()
    (dist / "notes" / "manifest.json").write_text('{"contractor": "something-else"}')  # not ours
    kept_before = digests(dist / "sierra-probation-training")
    partial = cli("build", "central-california-training-academy", "-w", workspace, "-f", "md")
    assert (dist / "bay-area-academy").is_dir()  # naming contractors never removes anything
    assert "removed" not in partial.stdout
    check = cli("build", "-w", workspace, "-f", "md", "--check")
    assert check.exit_code == 1
    assert f"orphaned {dist / 'bay-area-academy'}" in check.stdout
    assert (dist / "bay-area-academy").is_dir()
    run = cli("build", "-w", workspace, "-f", "md")
    assert run.exit_code == 1  # the contractor that fails to load
    assert f"removed {dist / 'bay-area-academy'}: its contractor file no longer exists" in run.stdout
    assert not (dist / "bay-area-academy").exists()
    assert digests(dist / "sierra-probation-training") == kept_before
    assert (dist / "notes" / "manifest.json").is_file()
    assert re.search(r"contractors/sierra-probation-training\.yaml:\d+:\d+: error: ", run.stderr)


def test_a_build_into_another_folder_removes_nothing(workspace: Path, cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("build", "-w", workspace, "--out", out, "-f", "md").exit_code == 0
    (workspace / "contractors" / "bay-area-academy.yaml").unlink()
    run = cli("build", "-w", workspace, "--out", out, "-f", "md")
    assert run.exit_code == 0
    assert (out / "bay-area-academy" / "manifest.json").is_file()


def test_jobs_must_be_at_least_one(workspace: Path, cli, tmp_path: Path) -> None:
    run = cli("build", "-w", workspace, "--out", tmp_path, "--jobs", "0")
    assert run.exit_code == 2
    assert "--jobs" in run.output


def test_a_worker_that_dies_fails_its_contractor_not_the_build(
    workspace: Path, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real = build_module.render_all

    def dies_in_a_worker(prepared, outputs):  # type: ignore[no-untyped-def]
        if os.getpid() != parent and prepared.contractor.id == "sierra-probation-training":
            os._exit(1)  # as if the system killed the worker
        return real(prepared, outputs)

    monkeypatch.setattr(build_module, "render_all", dies_in_a_worker)
    run = cli("build", "-w", workspace, "--out", tmp_path / "out", "-f", "md", "--jobs", "2", "--json")
    assert run.exit_code == 1
    summary = json.loads(run.stdout)
    sierra = next(c for c in summary["contractors"] if c["id"] == "sierra-probation-training")
    assert sierra["status"] == "failed"
    assert "could not build this contractor: BrokenProcessPool" in sierra["problems"][-1]["message"]
    assert "Traceback" not in run.output


def test_render_tasks_survive_pickling_for_platforms_that_spawn_workers(workspace: Path, tmp_path: Path) -> None:
    inputs = load_inputs(Workspace.at(workspace))
    target = build_module._target(inputs, ["bay-area-academy"], tmp_path / "out", ["md"])
    (source,) = target.sources
    task = build_module._decide(inputs, inputs.preparation(source), target, True, {})
    assert isinstance(task, build_module.RenderTask)
    result = build_module.render_and_write(pickle.loads(pickle.dumps(task)))
    assert result.status == "built", result.problems
    assert [f.name for f in result.files] == ["bay-area-academy-facilitator-guide.md"]


def test_ctrl_c_stops_a_parallel_build_promptly_and_leaves_only_whole_outputs(workspace: Path, tmp_path: Path) -> None:
    profile = (workspace / "contractors" / "bay-area-academy.yaml").read_text()
    for copy in range(2, 26):  # 30 contractors: far more than two workers and the few tasks queued for them
        text = profile.replace("id: bay-area-academy", f"id: bay-area-academy-{copy}")
        (workspace / "contractors" / f"bay-area-academy-{copy}.yaml").write_text(text)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "csec_builder", "build", "--jobs", "2", "--out", str(out), "-f", "pptx"]
    process = subprocess.Popen(
        command,
        cwd=workspace,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # this test may run with Ctrl-C ignored
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # the first contractor is written: the workers are busy
    assert first.startswith("built "), first
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: every process of the group gets it
    process.communicate(timeout=60)  # a hang here would be the bug
    assert process.returncode != 0
    assert not list(out.rglob("*.tmp"))
    manifests = list(out.glob("*/manifest.json"))
    # The contractors done, in the workers or queued for them when Ctrl-C came finish; the others never start.
    assert 1 <= len(manifests) <= 12
    for manifest in manifests:
        recorded = json.loads(manifest.read_text())["outputs"]
        for name, digest in recorded.items():
            assert hashlib.sha256((manifest.parent / name).read_bytes()).hexdigest() == digest
