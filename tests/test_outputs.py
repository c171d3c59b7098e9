"""The registry of outputs and the prepare stage: one module per output, each contractor prepared once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import csec_builder.prepare
from csec_builder import outputs
from csec_builder.build import build
from csec_builder.coverage import contractor_coverage
from csec_builder.formats import FORMATS
from csec_builder.models import Defaults
from csec_builder.outputs import FORMAT_NAMES, OUTPUTS, Prepared
from csec_builder.schemas import schema_dict
from csec_builder.validate import load_inputs
from csec_builder.workspace import Workspace

from .helpers import CONTRACTORS, SMALL_CONTRACTOR, read_yaml, small_objective, small_workspace


@pytest.fixture
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Beside the test's tmp_path, which a test may build into (never a folder holding the workspace).
    return small_workspace(tmp_path_factory.mktemp("ws") / "ws", [small_objective("KIT-01"), small_objective("KIT-02")])


def test_the_registry_names_the_formats_in_build_order() -> None:
    assert FORMAT_NAMES[:3] == ("pptx", "md", "html")
    assert all(name == output.name for name, output in OUTPUTS.items())


def test_every_registered_output_is_written_and_listed_in_the_manifest(small: Path, cli, tmp_path: Path) -> None:
    run = cli("build", "-w", small, "--out", tmp_path / "out", "--format", ",".join(FORMAT_NAMES))
    assert run.exit_code == 0, run.output
    folder = tmp_path / "out" / SMALL_CONTRACTOR
    manifest = json.loads((folder / "manifest.json").read_text())
    expected = {name for output in OUTPUTS.values() for name in output.file_names(SMALL_CONTRACTOR)}
    assert set(manifest["outputs"]) == expected
    assert {p.name for p in folder.iterdir()} == expected | {"manifest.json"}


def test_each_output_adds_the_files_it_reads_to_the_manifest(small: Path, cli, tmp_path: Path) -> None:
    def inputs(formats: str) -> set[str]:
        out = tmp_path / formats
        assert cli("build", "-w", small, "--out", out, "--format", formats).exit_code == 0
        return set(json.loads((out / SMALL_CONTRACTOR / "manifest.json").read_text())["inputs"])

    shared = {"csec.yaml", f"contractors/{SMALL_CONTRACTOR}.yaml", "objectives/KIT-01.yaml", "objectives/KIT-02.yaml"}
    deck, guide = inputs("pptx"), inputs("md")
    assert deck == shared | {"standard:templates/pptx/default.pptx"}
    assert guide - shared == {"standard:templates/guide/guide.md.j2", "standard:templates/guide/guide.html.j2"}


def test_build_format_rejects_an_unknown_name_listing_the_known_ones(small: Path, cli, tmp_path: Path) -> None:
    run = cli("build", "-w", small, "--out", tmp_path, "--format", "pptx,epub")
    assert run.exit_code == 2
    shown = " ".join(run.output.replace("│", " ").split())  # the usage box may wrap the long list
    assert f"unknown output format epub; choose from {', '.join(FORMAT_NAMES)}" in shown


def test_build_help_lists_every_output_with_its_summary(cli) -> None:
    text = " ".join(cli("build", "--help").stdout.split())
    for name, (_module, summary) in FORMATS.items():
        assert f"{name}: {' '.join(summary.split())}" in text.replace("│ ", "").replace(" │", "")


def test_csec_yaml_formats_come_from_the_registry(small: Path, cli) -> None:
    assert Defaults().formats == list(FORMAT_NAMES)
    assert schema_dict("workspace")["$defs"]["Defaults"]["properties"]["formats"]["items"]["enum"] == list(FORMAT_NAMES)
    config = small / "csec.yaml"
    data = read_yaml(config)
    data["defaults"]["formats"] = ["pptx", "epub"]
    config.write_text(yaml.safe_dump(data))
    run = cli("validate", "-w", small)
    assert run.exit_code == 1
    assert "defaults.formats[1]: 'epub' is not allowed; use 'pptx'" in run.stdout


class TextOutput:
    """An output added the way a new format is: one object with the interface, registered by name."""

    name = "txt"
    summary = "the objectives as plain text"

    def file_names(self, contractor_id: str) -> list[str]:
        return [f"{contractor_id}-objectives.txt"]

    def inputs(self, prepared: Prepared) -> list[Path]:
        return [prepared.workspace.root / "notes.txt"]

    def render(self, prepared: Prepared) -> dict[str, bytes]:
        text = "\n".join(o.statement for o in prepared.objectives) + "\n"
        return {self.file_names(prepared.contractor.id)[0]: text.encode("utf-8")}


def test_a_new_output_needs_nothing_but_its_registration(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (small / "notes.txt").write_text("read by the text output\n")
    monkeypatch.setitem(outputs.OUTPUTS, "txt", TextOutput())
    report = build(Workspace.at(small), output_dir=tmp_path, formats=["txt"])
    assert [r.status for r in report.results] == ["built"]
    folder = tmp_path / SMALL_CONTRACTOR
    assert (folder / f"{SMALL_CONTRACTOR}-objectives.txt").read_text().count("Participants will be able to") == 2
    manifest = json.loads((folder / "manifest.json").read_text())
    assert set(manifest["outputs"]) == {f"{SMALL_CONTRACTOR}-objectives.txt"}
    assert "notes.txt" in manifest["inputs"]
    (small / "notes.txt").write_text("changed\n")  # the output's own input makes it stale
    assert [r.status for r in build(Workspace.at(small), output_dir=tmp_path, formats=["txt"]).results] == ["built"]


# --- prepare once ------------------------------------------------------------------------------


@pytest.fixture
def plans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The contractor ids planned so far, in order."""
    planned: list[str] = []
    original = csec_builder.prepare.plan_for

    def counting(contractor, *args, **kwargs):  # type: ignore[no-untyped-def]
        planned.append(contractor.id)
        return original(contractor, *args, **kwargs)

    monkeypatch.setattr(csec_builder.prepare, "plan_for", counting)
    return planned


def test_build_plans_each_contractor_once(workspace: Path, tmp_path: Path, plans: list[str]) -> None:
    report = build(Workspace.at(workspace), output_dir=tmp_path, formats=["md"])
    assert sorted(plans) == sorted(CONTRACTORS)
    assert {r.status for r in report.results} == {"built"}
    assert all(r.plan is not None for r in report.results)


def test_validation_and_coverage_share_the_prepared_contractors(workspace: Path, tmp_path: Path, plans) -> None:
    inputs = load_inputs(Workspace.at(workspace))
    report = contractor_coverage(inputs, None, tmp_path)
    assert sorted(plans) == sorted(CONTRACTORS)
    preparation = inputs.preparation(inputs.contractor("bay-area-academy"))  # type: ignore[arg-type]
    row = next(r for r in report.rows if r.id == "bay-area-academy")
    assert [t.id for t in row.taught] == [o.id for o in preparation.objectives]
    assert preparation.prepared is not None and preparation.prepared.plan.objectives == preparation.objectives


def test_assets_are_resolved_through_the_layers_when_prepared(workspace: Path) -> None:
    inputs = load_inputs(Workspace.at(workspace))
    prepared = inputs.preparation(inputs.contractor("sierra-probation-training")).prepared  # type: ignore[arg-type]
    assert prepared is not None
    assets = prepared.assets
    assert assets.template == workspace / "templates" / "pptx" / "sierra-probation.pptx"
    assert assets.logo == workspace / "templates" / "images" / "sierra-logo.png"
    assert assets.template_dirs[0] == workspace / "templates"
    assert prepared.input_files[0] == workspace / "contractors" / "sierra-probation-training.yaml"


def test_a_missing_docx_template_is_reported_at_its_line(small: Path, cli) -> None:
    profile = small / "contractors" / f"{SMALL_CONTRACTOR}.yaml"
    profile.write_text(profile.read_text() + "docx_template: templates/docx/ours.docx\n")
    run = cli("validate", "-w", small, cwd=small)
    line = len(profile.read_text().splitlines())
    assert run.exit_code == 1
    expected = f"contractors/{SMALL_CONTRACTOR}.yaml:{line}:16: error: docx_template: 'templates/docx/ours.docx'"
    assert expected in run.stdout
