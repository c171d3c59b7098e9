"""Contractor workspaces: `init`, `new`, and a workspace layered on the bundled standard, as a trainer uses them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from csec_builder import workspace as workspace_module
from csec_builder.models import Branding, Contractor, KnowledgeCheckItem, Objective, Reference, Session, Slide
from csec_builder.workspace import bundled_root

from .helpers import copy_workspace, edit, line_of, read_yaml, run_csec_builder

INIT = ("--contractor", "my-org", "--name", "My Org", "--audience", "caregiver")
SKELETON_TITLE = "TODO: a short title, shown on the section slide and in the agenda"


@pytest.fixture
def my_org(cli, tmp_path: Path) -> Path:
    """A fresh workspace made by `csec-builder init my-org ...` in an empty folder."""
    run = cli("init", "my-org", *INIT, cwd=tmp_path)
    assert run.exit_code == 0, run.output
    return tmp_path / "my-org"


def deck_texts(deck: Path) -> tuple[list[str], str]:
    """Every slide's title, and all speaker notes joined, of a built deck opened with python-pptx."""
    presentation = Presentation(str(deck))
    titles = [slide.shapes.title.text for slide in presentation.slides if slide.shapes.title is not None]
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in presentation.slides if s.has_notes_slide)
    return titles, notes


def first_slide_texts(deck: Path) -> list[str]:
    return [shape.text_frame.text for shape in Presentation(str(deck)).slides[0].shapes if shape.has_text_frame]


def installed_standard_version() -> str:
    return read_yaml(bundled_root() / "csec.yaml")["standard"]["version"]


def test_init_then_build_gives_a_deck_and_guides_that_cover_the_standard(cli, my_org: Path) -> None:
    run = cli("build", cwd=my_org)
    assert run.exit_code == 0, run.output
    folder = my_org / "dist" / "my-org"
    assert (folder / "my-org-facilitator-guide.md").read_text(encoding="utf-8").startswith("# ")
    assert "<html" in (folder / "my-org-facilitator-guide.html").read_text(encoding="utf-8")
    _titles, notes = deck_texts(folder / "my-org-deck.pptx")
    assert "Objective: DEF-01 v" in notes  # the standard's objectives, from the installed package
    assert "My Org" in first_slide_texts(folder / "my-org-deck.pptx")  # the profile init wrote

    coverage = cli("coverage", cwd=my_org)
    assert coverage.exit_code == 0, coverage.output
    assert "my-org: OK" in coverage.stdout


def test_a_local_objective_listed_in_the_contractor_is_in_the_deck(cli, my_org: Path) -> None:
    run = cli("new", "objective", "MYORG-01", cwd=my_org)
    assert run.exit_code == 0, run.output
    edit(my_org / "objectives" / "MYORG-01.yaml", SKELETON_TITLE, "Our county's referral pathway")
    edit(my_org / "contractors" / "my-org.yaml", "include: []", "include: [MYORG-01]")

    run = cli("build", "--format", "pptx", cwd=my_org)
    assert run.exit_code == 0, run.output
    titles, notes = deck_texts(my_org / "dist" / "my-org" / "my-org-deck.pptx")
    assert "Our county's referral pathway" in titles
    assert "Objective: MYORG-01 v1" in notes

    listed = cli("objectives", "list", "--format", "csv", cwd=my_org)
    assert listed.exit_code == 0, listed.output
    layers = {row.split(",", 1)[0]: row.rsplit(",", 1)[-1] for row in listed.stdout.splitlines()[1:]}
    assert layers["MYORG-01"] == "workspace"
    assert layers["DEF-01"] == "standard"


def test_init_and_build_in_a_new_process(tmp_path: Path) -> None:
    """The issue's walk-through, exactly as typed: init in an empty folder, then build and coverage inside it."""
    made = run_csec_builder("init", "my-org", *INIT, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    workspace = tmp_path / "my-org"
    built = run_csec_builder("build", "--format", "pptx,md", cwd=workspace, timeout=300)
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    deck = workspace / "dist" / "my-org" / "my-org-deck.pptx"
    assert len(Presentation(str(deck)).slides) > 20
    assert (workspace / "dist" / "my-org" / "my-org-facilitator-guide.md").is_file()
    assert run_csec_builder("coverage", cwd=workspace).returncode == 0


def test_a_local_objective_may_not_reuse_a_standard_id(cli, my_org: Path) -> None:
    local = my_org / "objectives" / "DEF-01.yaml"
    shutil.copy(bundled_root() / "objectives" / "DEF-01.yaml", local)
    line = line_of(local.read_text(encoding="utf-8"), "id: DEF-01")

    run = cli("validate", cwd=my_org)
    assert run.exit_code == 1, run.output
    clash = next(row for row in run.stdout.splitlines() if "already used by the standard" in row)
    assert clash.startswith(f"objectives/DEF-01.yaml:{line}:")  # the local file, at its id
    assert "(standard:objectives/DEF-01.yaml)" in clash  # and the standard's file it clashes with

    build = cli("build", "--format", "md", cwd=my_org)
    assert build.exit_code == 1, build.output
    assert "(standard:objectives/DEF-01.yaml)" in build.stderr

    refused = cli("new", "objective", "LAW-01", cwd=my_org)
    assert refused.exit_code == 1, refused.output
    assert "standard:objectives/LAW-01.yaml" in refused.stderr
    assert not (my_org / "objectives" / "LAW-01.yaml").exists()


@pytest.mark.parametrize("command", [("validate",), ("build",), ("coverage",), ("objectives", "list")])
def test_an_unsatisfiable_standard_version_stops_every_command(cli, my_org: Path, command: tuple[str, ...]) -> None:
    edit(my_org / "csec.yaml", 'version: ">=', 'version: ">=99.0, <100" # was ">=')
    run = cli(*command, cwd=my_org)
    assert run.exit_code == 1, run.output
    message = next(row for row in run.output.splitlines() if row.startswith("csec.yaml:"))
    assert ">=99.0, <100" in message
    assert f"version {installed_standard_version()}" in message
    assert not (my_org / "dist").exists()


def test_the_requirement_is_checked_against_the_installed_standard(
    cli, my_org: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a stand-in standard of version 1.4.2: ~=1.4 accepts it, >=1.5 refuses it and names both versions."""
    standard = copy_workspace(tmp_path / "standard-1.4.2")
    config = standard / "csec.yaml"
    config.write_text(re.sub(r'version: "[^"]*"', 'version: "1.4.2"', config.read_text(encoding="utf-8"), count=1))
    monkeypatch.setattr(workspace_module, "bundled_root", lambda: standard)
    requirement = re.compile(r'version: "[^"]*"')
    csec_yaml = my_org / "csec.yaml"

    csec_yaml.write_text(requirement.sub('version: "~=1.4"', csec_yaml.read_text(encoding="utf-8")))
    accepted = cli("validate", cwd=my_org)
    assert accepted.exit_code == 0, accepted.output

    csec_yaml.write_text(requirement.sub('version: ">=1.5"', csec_yaml.read_text(encoding="utf-8")))
    refused = cli("validate", cwd=my_org)
    assert refused.exit_code == 1, refused.output
    assert "needs California CSEC 101 version >=1.5" in refused.stdout
    assert "is version 1.4.2" in refused.stdout


def test_init_refuses_to_overwrite_and_writes_nothing(cli, tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "README.md").write_text("our notes\n", encoding="utf-8")
    run = cli("init", folder, *INIT, cwd=tmp_path)
    assert run.exit_code == 1, run.output
    assert "will not overwrite" in run.stderr and "README.md" in run.stderr
    assert (folder / "README.md").read_text(encoding="utf-8") == "our notes\n"
    assert sorted(p.name for p in folder.iterdir()) == ["README.md"]


def test_new_skeletons_are_complete_and_validate(cli, my_org: Path) -> None:
    assert cli("new", "contractor", "valley-college", "--name", "Valley College", cwd=my_org).exit_code == 0
    assert cli("new", "objective", "MYORG-02", cwd=my_org).exit_code == 0
    contractor = my_org / "contractors" / "valley-college.yaml"
    objective = my_org / "objectives" / "MYORG-02.yaml"

    for path, kind in ((contractor, "contractor"), (objective, "objective")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
        assert (path.parent / "../schemas" / f"{kind}.schema.json").is_file()

    profile = read_yaml(contractor)
    assert set(profile) == set(Contractor.model_fields)
    assert set(profile["branding"]) == set(Branding.model_fields)
    assert set(profile["session"]) == set(Session.model_fields)
    draft = read_yaml(objective)
    assert set(draft) == set(Objective.model_fields)
    assert set(draft["slides"][0]) == set(Slide.model_fields)
    assert set(draft["knowledge_check"][0]) == set(KnowledgeCheckItem.model_fields)
    assert set(draft["references"][0]) == set(Reference.model_fields)

    run = cli("validate", cwd=my_org)
    assert run.exit_code == 0, run.output
    assert "objectives/MYORG-02.yaml:" in run.stdout and "warning: draft:" in run.stdout
    # A named profile has nothing left to fill in but the county's hotline, which init asks for.
    profile_lines = [line for line in run.stdout.splitlines() if "valley-college.yaml" in line]
    assert len(profile_lines) == 1 and "no county child abuse hotline" in profile_lines[0], run.stdout
    assert cli("validate", "--strict", cwd=my_org).exit_code == 1  # a draft must not pass a strict check

    edit(contractor, "include: []", "include: [MYORG-02]")
    built = cli("build", "valley-college", "--format", "md", cwd=my_org)
    assert built.exit_code == 0, built.output

    again = cli("new", "contractor", "valley-college", cwd=my_org)
    assert again.exit_code == 1 and "will not overwrite" in again.stderr
