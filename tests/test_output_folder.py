"""A build never removes or overwrites what it did not write (issue 22, item 1).

The output folder may not be the workspace, contain it, or lie in a source folder; `defaults.output` stays
inside the workspace; a build removes only the files its own manifest lists, unchanged since it wrote them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import edit, line_of, read_yaml

SOURCE_FOLDERS = ("objectives", "contractors", "templates", "rules", "schemas")


def source_files(ws: Path) -> dict[Path, bytes]:
    """Every file of the workspace's sources, with its content."""
    files = {ws / "csec.yaml": (ws / "csec.yaml").read_bytes()}
    for folder in SOURCE_FOLDERS:
        files |= {path: path.read_bytes() for path in sorted((ws / folder).rglob("*")) if path.is_file()}
    return files


def assert_sources_intact(before: dict[Path, bytes]) -> None:
    missing = [path for path in before if not path.is_file()]
    assert not missing, f"a build removed source files: {missing[:5]}"
    changed = [path for path, data in before.items() if path.read_bytes() != data]
    assert not changed, f"a build changed source files: {changed[:5]}"


def contractor_named(ws: Path, contractor_id: str) -> Path:
    """A copy of a sample contractor under another id (and file name)."""
    source = ws / "contractors" / "sierra-probation-training.yaml"
    target = ws / "contractors" / f"{contractor_id}.yaml"
    target.write_text(
        source.read_text(encoding="utf-8").replace("id: sierra-probation-training", f"id: {contractor_id}", 1),
        encoding="utf-8",
    )
    return target


def test_a_build_into_the_workspace_root_never_removes_the_objectives(workspace: Path, cli) -> None:
    # The data loss of issue 22: output "." and a contractor named like a source folder, whose file then goes.
    text = edit(workspace / "csec.yaml", "output: dist", 'output: "."')
    contractor = contractor_named(workspace, "objectives")
    before = source_files(workspace)
    first = cli("build", "objectives", "-w", workspace, "-f", "md", cwd=workspace)
    contractor.unlink()
    before.pop(contractor)
    second = cli("build", "-w", workspace, "-f", "md", cwd=workspace)
    assert_sources_intact(before)
    for run in (first, second):
        assert run.exit_code == 1, run.output
        line = line_of(text, 'output: "."')
        expected = (
            f"csec.yaml:{line}:11: error: defaults.output: '.' is the workspace folder itself; "
            "a build writes and removes files there, so give it a folder of its own such as 'dist'"
        )
        assert expected in run.stderr.splitlines(), run.stderr
        assert "removed" not in run.stdout
    assert not (workspace / "objectives" / "manifest.json").exists()


@pytest.mark.parametrize(
    ("configured", "reason"),
    [
        ("objectives", "'objectives' is the source folder objectives"),
        ("templates/out", "'templates/out' lies inside the source folder templates"),
        ("..", "'..' lies outside the workspace"),
        ("/tmp/elsewhere", "'/tmp/elsewhere' lies outside the workspace"),
    ],
)
def test_validate_and_build_refuse_a_configured_output_among_the_sources(
    workspace: Path, cli, configured: str, reason: str
) -> None:
    edit(workspace / "csec.yaml", "output: dist", f'output: "{configured}"')
    before = source_files(workspace)
    for command in ("validate", "build"):
        run = cli(command, "-w", workspace, *(["-f", "md"] if command == "build" else []), cwd=workspace)
        assert run.exit_code == 1, run.output
        assert f"error: defaults.output: {reason}" in run.output, run.output
    assert_sources_intact(before)


def test_out_may_not_be_the_workspace_nor_contain_it_nor_lie_in_a_source_folder(workspace: Path, cli) -> None:
    before = source_files(workspace)
    cases = {
        workspace: "is the workspace folder itself",
        workspace.parent: "contains the workspace folder ws",  # shown relative to the current folder
        workspace / "contractors": "is the source folder contractors",
        workspace / "rules" / "deep": "lies inside the source folder rules",
    }
    for out, reason in cases.items():
        for check in ([], ["--check"]):
            run = cli("build", "-w", workspace, "--out", out, "-f", "md", *check, cwd=workspace.parent)
            assert run.exit_code == 2, run.output
            assert f"--out '{out}' {reason}" in run.stderr, run.stderr
    assert_sources_intact(before)
    assert not (workspace / "rules" / "deep").exists()


def test_out_elsewhere_is_allowed(workspace: Path, cli, tmp_path: Path) -> None:
    out = tmp_path / "anywhere" / "out"
    run = cli("build", "sierra-probation-training", "-w", workspace, "--out", out, "-f", "md")
    assert run.exit_code == 0, run.output
    assert (out / "sierra-probation-training" / "manifest.json").is_file()


def test_a_removed_contractor_loses_only_the_unchanged_files_its_manifest_lists(workspace: Path, cli) -> None:
    dist = workspace / "dist"
    assert cli("build", "-w", workspace, "-f", "md").exit_code == 0
    folder = dist / "bay-area-academy"
    guide = folder / "bay-area-academy-facilitator-guide.md"
    edited = folder / "bay-area-academy-facilitator-guide.html"
    edited.write_text("my own notes", encoding="utf-8")  # changed since the build wrote it
    (folder / "my-notes.txt").write_text("mine", encoding="utf-8")  # never written by csec-builder
    (workspace / "contractors" / "bay-area-academy.yaml").unlink()
    run = cli("build", "-w", workspace, "-f", "md", cwd=workspace)
    assert run.exit_code == 0, run.output
    assert not guide.exists()
    assert not (folder / "manifest.json").exists()
    assert edited.read_text(encoding="utf-8") == "my own notes"
    assert (folder / "my-notes.txt").read_text(encoding="utf-8") == "mine"
    kept = (
        "dist/bay-area-academy/manifest.json:1:1: warning: kept dist/bay-area-academy: "
        "its contractor file no longer exists, but it holds files csec-builder did not write or that changed since "
        "(bay-area-academy-facilitator-guide.html, my-notes.txt)"
    )
    assert kept in run.stderr.splitlines(), run.stderr
    again = cli("build", "-w", workspace, "-f", "md")  # no manifest of ours now: the folder is never touched again
    assert again.exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["bay-area-academy-facilitator-guide.html", "my-notes.txt"]


def test_a_manifest_naming_files_outside_its_folder_removes_nothing_outside(workspace: Path, cli) -> None:
    dist = workspace / "dist"
    assert cli("build", "-w", workspace, "-f", "md").exit_code == 0
    manifest_path = dist / "bay-area-academy" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    target = workspace / "csec.yaml"
    from csec_builder.output import sha256

    manifest["outputs"]["../../csec.yaml"] = sha256(target.read_bytes())  # a forged manifest
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    (workspace / "contractors" / "bay-area-academy.yaml").unlink()
    run = cli("build", "-w", workspace, "-f", "md")
    assert run.exit_code == 0, run.output
    assert target.is_file() and read_yaml(target)["defaults"]["output"] == "dist"


def test_a_build_never_overwrites_a_file_in_a_folder_it_did_not_write(workspace: Path, cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    mine = out / "sierra-probation-training" / "sierra-probation-training-facilitator-guide.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own guide", encoding="utf-8")
    run = cli("build", "sierra-probation-training", "-w", workspace, "--out", out, "-f", "md")
    assert run.exit_code == 1, run.output
    assert mine.read_text(encoding="utf-8") == "my own guide"
    assert (
        f"{mine.parent} holds files csec-builder did not write (no manifest.json of its own): "
        "sierra-probation-training-facilitator-guide.md; move them or build into another folder"
    ) in run.stderr, run.stderr
