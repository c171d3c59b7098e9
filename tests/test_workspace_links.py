"""Symlinks in objectives/ and contractors/: a link may point anywhere inside the workspace, never outside.

Like every path named in YAML, a file reached through a link must stay in the workspace, so that a copied
or shared workspace carries all of its inputs and a build never reads a stranger's file by accident.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .helpers import objectives


def outside_copy(ws: Path, tmp_path: Path, relative: str) -> Path:
    """A copy of the workspace file `relative` in a folder outside the workspace."""
    target = tmp_path / "elsewhere" / Path(relative).name
    target.parent.mkdir(exist_ok=True)
    shutil.copy2(ws / relative, target)
    return target


def test_objective_linked_from_outside_is_a_positioned_error(cli, workspace: Path, tmp_path: Path) -> None:
    target = outside_copy(workspace, tmp_path, "objectives/WELL-01.yaml")
    (workspace / "objectives" / "WELL-01.yaml").unlink()
    (workspace / "objectives" / "WELL-01.yaml").symlink_to(target)
    run = cli("validate", "--workspace", workspace, cwd=workspace)
    assert run.exit_code == 1
    line = f"objectives/WELL-01.yaml:1:1: error: links to '{target}', outside the workspace; copy the file in instead"
    assert line in run.stdout.splitlines()
    assert "Traceback" not in run.output

    listing = cli("objectives", "list", "--workspace", workspace, cwd=workspace)
    assert listing.exit_code == 1
    assert line in listing.stderr.splitlines()


def test_contractor_linked_from_outside_is_a_positioned_error(cli, workspace: Path, tmp_path: Path) -> None:
    target = outside_copy(workspace, tmp_path, "contractors/bay-area-academy.yaml")
    (workspace / "contractors" / "bay-area-academy.yaml").unlink()
    (workspace / "contractors" / "bay-area-academy.yaml").symlink_to(target)
    run = cli("validate", "--workspace", workspace, cwd=workspace)
    assert run.exit_code == 1
    assert f"contractors/bay-area-academy.yaml:1:1: error: links to '{target}', outside" in run.stdout


def test_a_linked_folder_leaving_the_workspace_is_refused_file_by_file(cli, workspace: Path, tmp_path: Path) -> None:
    moved = tmp_path / "shared-objectives"
    shutil.move(workspace / "objectives", moved)
    (workspace / "objectives").symlink_to(moved)
    run = cli("validate", "--workspace", workspace, cwd=workspace)
    assert run.exit_code == 1
    refused = [line for line in run.stdout.splitlines() if ": error: links to " in line]
    assert len(refused) == len(objectives(workspace)) > 0
    assert refused[0].startswith("objectives/")


def test_links_within_the_workspace_are_fine(cli, workspace: Path) -> None:
    shared = workspace / "shared"
    shared.mkdir()
    shutil.move(workspace / "objectives" / "WELL-01.yaml", shared / "WELL-01.yaml")
    (workspace / "objectives" / "WELL-01.yaml").symlink_to(Path("..") / "shared" / "WELL-01.yaml")
    run = cli("validate", "--workspace", workspace, cwd=workspace)
    assert run.exit_code == 0, run.output
    shown = cli("objectives", "show", "WELL-01", "--workspace", workspace)
    assert shown.exit_code == 0 and "WELL-01 v" in shown.stdout


def test_a_broken_link_is_reported_not_skipped(cli, workspace: Path, tmp_path: Path) -> None:
    (workspace / "objectives" / "GONE-01.yaml").symlink_to(workspace / "objectives" / "nowhere.yaml")
    run = cli("validate", "--workspace", workspace, cwd=workspace)
    assert run.exit_code == 1
    assert "objectives/GONE-01.yaml:1:1: error: cannot read file: No such file or directory" in run.stdout
