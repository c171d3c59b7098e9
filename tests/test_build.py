"""`csec-builder build`: decks and guides for every contractor, as a user runs it."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from .helpers import (
    CONTRACTORS,
    REPO,
    contractors,
    edit,
    line_of,
    objectives,
    planned_minutes,
    required_for,
    run_csec_builder,
    taught_by,
)


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The standard workspace built once, into a folder the tests of this module only read."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "csec_builder", "build", "--workspace", str(REPO), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return out


def test_every_sample_contractor_gets_the_whole_kit(built: Path) -> None:
    for contractor in CONTRACTORS:
        folder = built / contractor
        names = sorted(p.name for p in folder.iterdir())
        assert names == sorted(
            [
                f"{contractor}-deck.pptx",
                f"{contractor}-facilitator-guide.html",
                f"{contractor}-facilitator-guide.md",
                f"{contractor}-facilitator-guide.docx",
                f"{contractor}-participant-handout.docx",
                f"{contractor}-knowledge-test.docx",
                f"{contractor}-knowledge-test-answer-key.docx",
                "manifest.json",
            ]
        )


def session_minutes(ws: Path, contractor_id: str) -> int:
    return contractors(ws)[contractor_id]["session"]["minutes"]


def test_summary_names_contractors_slides_and_minutes(workspace: Path, cli, tmp_path: Path) -> None:
    run = cli("build", "bay-area-academy", "--workspace", workspace, "--out", tmp_path / "out", "--format", "md")
    assert run.exit_code == 0, run.output
    assert "bay-area-academy" in run.stdout
    planned = planned_minutes(workspace, contractors(workspace)["bay-area-academy"])
    assert f"{planned}/{session_minutes(workspace, 'bay-area-academy')} min" in run.stdout
    assert "1 contractor in" in run.stdout and "1 built, 0 up to date, 0 failed." in run.stdout


def test_same_inputs_give_byte_identical_outputs(workspace: Path, cli, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert cli("build", "sierra-probation-training", "-w", workspace, "--out", first).exit_code == 0
    assert cli("build", "sierra-probation-training", "-w", workspace, "--out", second).exit_code == 0
    assert digests(first) == digests(second)
    assert len(digests(first)) == 8  # deck, three guides, handout, test, answer key, manifest


def test_source_date_epoch_sets_the_deck_dates(workspace: Path, cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path, "-f", "pptx").exit_code == 0
    deck = Presentation(str(tmp_path / "bay-area-academy" / "bay-area-academy-deck.pptx"))
    assert deck.core_properties.modified.year == 2023


def test_unchanged_contractors_are_not_rebuilt(workspace: Path, cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("build", "-w", workspace, "--out", out, "-f", "md").exit_code == 0
    before = digests(out)
    again = cli("build", "-w", workspace, "--out", out, "-f", "md")
    assert "7 contractors in" in again.stdout and "0 built, 7 up to date, 0 failed." in again.stdout
    # CARE-01 is not in Northern's explicit list, but the mapping-form caregiver program requires it.
    care = workspace / "objectives" / "CARE-01.yaml"
    care.write_text(care.read_text().replace("title: ", "title: Updated ", 1))
    third = cli("build", "-w", workspace, "--out", out, "-f", "md")
    assert third.exit_code == 0, third.output
    rows = {line.split(":")[0].split()[-1]: line for line in third.stdout.splitlines() if " slides, " in line}
    assert "up to date" in rows["northern-california-training-academy"]
    assert "built" in rows["foster-kinship-care-education"]
    assert (
        digests(out)["northern-california-training-academy/manifest.json"]
        == before["northern-california-training-academy/manifest.json"]
    )
    assert (
        digests(out)["foster-kinship-care-education/manifest.json"]
        != before["foster-kinship-care-education/manifest.json"]
    )


def test_force_rebuilds_everything(workspace: Path, cli, tmp_path: Path) -> None:
    assert cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path, "-f", "md").exit_code == 0
    forced = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path, "-f", "md", "--force")
    assert "1 built, 0 up to date" in forced.stdout


def test_only_the_requested_formats_are_written(workspace: Path, cli, tmp_path: Path) -> None:
    run = cli("build", "foster-kinship-care-education", "-w", workspace, "--out", tmp_path, "--format", "pptx")
    assert run.exit_code == 0, run.output
    names = sorted(p.name for p in (tmp_path / "foster-kinship-care-education").iterdir())
    assert names == ["foster-kinship-care-education-deck.pptx", "manifest.json"]


def test_unknown_format_is_a_clear_error(workspace: Path, cli, tmp_path: Path) -> None:
    run = cli("build", "-w", workspace, "--out", tmp_path / "out", "--format", "pptx,epub")
    assert run.exit_code == 2
    assert "unknown output format epub" in run.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_contractor_is_a_clear_error(workspace: Path, cli, tmp_path: Path) -> None:
    run = cli("build", "bay-area-acadmy", "-w", workspace, "--out", tmp_path / "out")
    assert run.exit_code == 1
    assert "unknown contractor 'bay-area-acadmy'" in run.stderr
    assert "did you mean 'bay-area-academy'" in run.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("objectives", "message"),
    [
        ("objectives: []", "no objectives selected"),
        ("objectives: [DEF-01, NOPE-01]", "unknown objective 'NOPE-01'"),
        ("objectives: {include_required: false}", "no objectives selected"),
    ],
)
def test_a_contractor_that_cannot_be_built_fails_alone(
    workspace: Path, cli, tmp_path: Path, objectives: str, message: str
) -> None:
    (workspace / "contractors" / "broken.yaml").write_text(
        f"id: broken\nname: Broken\nkind: contractor\naudience: caregiver\n{objectives}\n"
    )
    run = cli("build", "-w", workspace, "--out", tmp_path, "-f", "md")
    assert run.exit_code == 1
    assert "contractors/broken.yaml:5:" in run.stderr
    assert message in run.stderr
    assert not (tmp_path / "broken").exists()
    assert (tmp_path / "bay-area-academy" / "bay-area-academy-facilitator-guide.md").is_file()


def test_overrunning_session_warns_and_strict_fails(workspace: Path, cli, tmp_path: Path) -> None:
    planned = planned_minutes(workspace, contractors(workspace)["bay-area-academy"])
    session = session_minutes(workspace, "bay-area-academy")
    edit(
        workspace / "contractors" / "bay-area-academy.yaml",
        f"\n  minutes: {session}\n",
        f"\n  minutes: {planned - 25}\n",
    )
    run = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path, "-f", "md")
    assert run.exit_code == 0
    assert f"warning: the plan needs {planned} minutes" in run.stderr
    assert f"but the session is {planned - 25} minutes: 25 minutes over" in run.stderr
    strict = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path, "-f", "md", "--strict")
    assert strict.exit_code == 1


def test_failed_build_keeps_earlier_outputs(workspace: Path, cli, tmp_path: Path) -> None:
    assert cli("build", "-w", workspace, "--out", tmp_path, "-f", "pptx").exit_code == 0
    before = digests(tmp_path)
    template = workspace / "templates" / "pptx" / "sierra-probation.pptx"
    template.write_bytes(b"this is not a presentation")
    run = cli("build", "-w", workspace, "--out", tmp_path, "-f", "pptx", "--force")
    assert run.exit_code == 1
    assert "sierra-probation.pptx: not a valid PowerPoint (.pptx) file" in run.stderr
    assert "Traceback" not in run.output
    after = digests(tmp_path)
    sierra = [k for k in before if k.startswith("sierra-probation-training/")]
    assert {k: after[k] for k in sierra} == {k: before[k] for k in sierra}
    assert "6 built, 0 up to date, 1 failed." in run.stdout
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_missing_layout_names_template_layout_and_what_exists(workspace: Path, cli, tmp_path: Path) -> None:
    profile = workspace / "contractors" / "sierra-probation-training.yaml"
    profile.write_text(profile.read_text().replace("content: Bullets", "content: Bulets"))
    run = cli("build", "sierra-probation-training", "-w", workspace, "--out", tmp_path)
    assert run.exit_code == 1
    assert "sierra-probation.pptx: no slide layout named 'Bulets' (needed for content slides)" in run.stderr
    assert "'Bullets'" in run.stderr and "'Cover'" in run.stderr
    assert not (tmp_path / "sierra-probation-training").exists()


def test_contractor_written_by_someone_else_builds_in_both_objective_forms(
    workspace: Path, cli, tmp_path: Path
) -> None:
    """Only the documented fields, a custom template and a layouts mapping."""
    layouts = (
        "layouts:\n  title: Cover\n  content_warning: Notice\n  agenda: Schedule\n  objectives: Goals\n"
        "  section: Divider\n  content: Bullets\n  activity: Exercise\n  knowledge_check: Quiz\n  resources: Help\n"
        "  references: Sources\n  closing: Thanks\n"
    )
    common = (
        "kind: contractor\naudience: probation\ntitle: CSEC 101 for County Probation\n"
        "template: templates/pptx/sierra-probation.pptx\n" + layouts + "branding:\n  organization: Valley Partners\n"
        '  primary_color: "#22313F"\n  logo: templates/images/sierra-logo.png\n  logo_alt: Valley Partners logo\n'
        'session:\n  minutes: 480\n  start: "08:30"\n  breaks:\n    - at: "12:00"\n      minutes: 45\n'
        "trainers: [Ana Lee]\nresources:\n  - name: County probation CSEC liaison\n"
        "    description: Ask for a referral\n"
    )
    (workspace / "contractors" / "valley-list.yaml").write_text(
        "id: valley-list\nname: Valley Partners\n" + common + "objectives: [DEF-01, LAW-01, PROB-01]\n"
    )
    required = required_for(workspace, "probation")
    catalog = objectives(workspace)
    optional = min(set(catalog) - required)  # taught only because the profile includes it
    dropped = max(required)  # required, but the profile excludes it
    (workspace / "contractors" / "valley-map.yaml").write_text(
        "id: valley-map\nname: Valley Partners\n"
        + common
        + f"objectives:\n  include_required: true\n  include: [{optional}]\n  exclude: [{dropped}]\n"
    )
    run = cli("build", "valley-list", "valley-map", "-w", workspace, "--out", tmp_path)
    assert run.exit_code == 0, run.output
    listed = Presentation(str(tmp_path / "valley-list" / "valley-list-deck.pptx"))
    markers = {line for s in listed.slides for line in s.notes_slide.notes_text_frame.text.splitlines()}
    assert {m for m in markers if m.startswith("Objective:")} == {
        f"Objective: {i} v{catalog[i]['version']}" for i in ("DEF-01", "LAW-01", "PROB-01")
    }
    assert {s.slide_layout.name for s in listed.slides} >= {"Cover", "Bullets", "Quiz", "Divider", "Thanks"}
    mapped = Presentation(str(tmp_path / "valley-map" / "valley-map-deck.pptx"))
    mapped_ids = {
        line.split()[1]
        for s in mapped.slides
        for line in s.notes_slide.notes_text_frame.text.splitlines()
        if line.startswith("Objective:")
    }
    assert mapped_ids == (required | {optional}) - {dropped}


def test_guide_template_can_be_overridden_by_the_workspace(workspace: Path, cli, tmp_path: Path) -> None:
    override = workspace / "templates" / "guide" / "guide.md.j2"
    override.write_text(
        "# Local guide for {{ organization }}\n{% for s in sections %}- {{ s.objective.id }}\n{% endfor %}"
    )
    run = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path, "-f", "md")
    assert run.exit_code == 0, run.output
    text = (tmp_path / "bay-area-academy" / "bay-area-academy-facilitator-guide.md").read_text()
    assert text.startswith("# Local guide for Bay Area Academy")
    assert "- DEF-01" in text


def test_yaml_text_is_data_never_template_code(workspace: Path, cli, tmp_path: Path) -> None:
    objective = workspace / "objectives" / "DEF-01.yaml"
    text = objective.read_text()
    objective.write_text(text.replace("title: ", 'title: "{{ 7*7 }} <script>alert(1)</script> " # ', 1))
    run = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path, "-f", "md,html")
    assert run.exit_code == 0, run.output
    html = (tmp_path / "bay-area-academy" / "bay-area-academy-facilitator-guide.html").read_text()
    markdown = (tmp_path / "bay-area-academy" / "bay-area-academy-facilitator-guide.md").read_text()
    assert "{{ 7*7 }}" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "{{ 7\\*7 }}" in markdown and "\\<script\\>" in markdown


def test_build_outside_any_workspace_uses_the_bundled_standard(tmp_path: Path) -> None:
    result = run_csec_builder(
        "build", "foster-kinship-care-education", "--format", "md", cwd=tmp_path, timeout=300, unset=("CSEC_WORKSPACE",)
    )
    assert result.returncode == 0, result.stderr
    guide = tmp_path / "dist" / "foster-kinship-care-education" / "foster-kinship-care-education-facilitator-guide.md"
    assert guide.is_file()


def test_manifest_records_inputs_outputs_and_versions_without_absolute_paths(built: Path) -> None:
    text = (built / "bay-area-academy" / "manifest.json").read_text()
    manifest = json.loads(text)
    assert "/" not in manifest["inputs"].get("csec.yaml", "/")  # a hash, keyed by a relative path
    assert all(not key.startswith("/") for key in manifest["inputs"])
    assert str(built) not in text and str(Path.home()) not in text
    assert set(manifest["outputs"]) == {
        "bay-area-academy-deck.pptx",
        "bay-area-academy-facilitator-guide.md",
        "bay-area-academy-facilitator-guide.html",
        "bay-area-academy-facilitator-guide.docx",
        "bay-area-academy-participant-handout.docx",
        "bay-area-academy-knowledge-test.docx",
        "bay-area-academy-knowledge-test-answer-key.docx",
    }
    catalog = objectives(REPO)
    taught = taught_by(REPO, contractors(REPO)["bay-area-academy"])
    assert sorted(manifest["objectives"], key=lambda o: o["id"]) == [
        {"id": i, "version": catalog[i]["version"]} for i in sorted(taught)
    ]


def test_slide_images_are_placed_beside_the_text_with_alt_text(workspace: Path, cli, tmp_path: Path) -> None:
    objective = workspace / "objectives" / "DEF-01.yaml"
    text = objective.read_text()
    first_slide = text.index("  - title:", text.index("slides:"))
    objective.write_text(
        text[:first_slide]
        + "  - image: templates/images/sierra-logo.png\n    alt_text: A mountain drawing used as a sample picture\n"
        + text[first_slide:].replace("  - title:", "    title:", 1)
    )
    run = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path, "-f", "pptx")
    assert run.exit_code == 0, run.output
    deck = Presentation(str(tmp_path / "bay-area-academy" / "bay-area-academy-deck.pptx"))
    pictures = [
        (slide, shape)
        for slide in deck.slides
        for shape in slide.shapes
        if shape.shape_type == 13  # PICTURE
    ]
    assert len(pictures) == 1
    slide, picture = pictures[0]
    assert picture._element.nvPicPr.cNvPr.get("descr") == "A mountain drawing used as a sample picture"
    body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    assert body.left + body.width <= picture.left
    assert picture.left + picture.width <= deck.slide_width


def test_a_file_that_only_pretends_to_be_an_image_is_rejected(workspace: Path, cli) -> None:
    (workspace / "templates" / "images" / "fake.png").write_text("not really a picture")
    profile = workspace / "contractors" / "sierra-probation-training.yaml"
    profile.write_text(profile.read_text().replace("templates/images/sierra-logo.png", "templates/images/fake.png"))
    run = cli("validate", "-w", workspace)
    assert run.exit_code == 1
    assert "sierra-probation-training.yaml:" in run.stdout
    assert "'templates/images/fake.png' is not a PNG, JPEG or GIF image" in run.stdout


def test_validate_warns_when_the_plan_overruns_the_session(workspace: Path, cli) -> None:
    planned = planned_minutes(workspace, contractors(workspace)["bay-area-academy"])
    session = session_minutes(workspace, "bay-area-academy")
    text = edit(
        workspace / "contractors" / "bay-area-academy.yaml",
        f"\n  minutes: {session}\n",
        f"\n  minutes: {planned - 1}\n",
    )
    line = line_of(text, f"minutes: {planned - 1}")
    run = cli("validate", "-w", workspace)
    assert run.exit_code == 0
    assert f"bay-area-academy.yaml:{line}:12: warning: the plan needs {planned} minutes" in run.stdout
    assert cli("validate", "-w", workspace, "--strict").exit_code == 1


def test_a_damaged_image_is_caught_before_the_build(workspace: Path, cli, tmp_path: Path) -> None:
    logo = workspace / "templates" / "images" / "sierra-logo.png"
    logo.write_bytes(logo.read_bytes()[:400])  # a real PNG header, then nothing
    run = cli("build", "-w", workspace, "--out", tmp_path / "out", "-f", "pptx")
    assert run.exit_code == 1
    assert "error: logo: 'templates/images/sierra-logo.png' is a damaged PNG image" in run.stderr
    assert "6 built, 0 up to date, 1 failed." in run.stdout


def test_changing_source_date_epoch_rebuilds(workspace: Path, cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path, "-f", "md").exit_code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    again = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path, "-f", "md")
    assert "1 built, 0 up to date" in again.stdout


def test_a_broken_guide_template_is_reported_at_its_own_line(workspace: Path, cli, tmp_path: Path) -> None:
    override = workspace / "templates" / "guide" / "guide.md.j2"
    override.write_text("# Guide\n{{ contractor.title }}\n{{ no_such_value }}\n")
    run = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path / "out", "-f", "md")
    assert run.exit_code == 1
    assert "templates/guide/guide.md.j2:3:1: error: template error: 'no_such_value' is undefined" in run.stderr
    assert "Traceback" not in run.output
    assert not (tmp_path / "out" / "bay-area-academy").exists()


def test_an_output_folder_that_cannot_be_written_fails_with_a_message(workspace: Path, cli, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should be")
    run = cli("build", "bay-area-academy", "-w", workspace, "--out", blocker, "-f", "md")
    assert run.exit_code == 1
    assert "bay-area-academy.yaml:1:1: error: cannot write to" in run.stderr
    assert "Traceback" not in run.output and "internal error" not in run.output
