"""PowerPoint templates: the bundled ones, third-party ones and broken ones."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pptx
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from .helpers import REPO, edit, line_of

DEFAULT_LAYOUTS = [
    "Title",
    "Content Warning",
    "Agenda",
    "Objectives Overview",
    "Section",
    "Content",
    "Activity",
    "Knowledge Check",
    "Resources",
    "References",
    "Closing",
]


def test_committed_templates_are_what_the_generator_makes(tmp_path: Path) -> None:
    copy = tmp_path / "templates"
    shutil.copytree(REPO / "templates", copy)
    result = subprocess.run(
        [sys.executable, str(copy / "pptx" / "make_templates.py")], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    for name in ("default.pptx", "sierra-probation.pptx"):
        assert (copy / "pptx" / name).read_bytes() == (REPO / "templates" / "pptx" / name).read_bytes(), name


def test_default_template_has_a_named_layout_for_every_slide_kind() -> None:
    template = Presentation(str(REPO / "templates" / "pptx" / "default.pptx"))
    assert [layout.name for layout in template.slide_layouts] == DEFAULT_LAYOUTS
    assert len(template.slides) == 0
    assert (template.slide_width, template.slide_height) == (12192000, 6858000)  # 16:9
    for layout in template.slide_layouts:
        types = {p.placeholder_format.type for p in layout.placeholders}
        assert types & {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}, layout.name
        assert types & {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.SUBTITLE}, layout.name
        assert {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER} <= types, layout.name


def test_validate_points_at_a_layout_name_the_template_lacks(workspace: Path, cli) -> None:
    profile = workspace / "contractors" / "sierra-probation-training.yaml"
    line = line_of(edit(profile, "  knowledge_check: Quiz", "  knowledge_check: Quizz"), "Quizz")
    run = cli("validate", "-w", workspace)
    assert run.exit_code == 1
    assert f"sierra-probation-training.yaml:{line}:20: error: " in run.stdout
    assert "no slide layout named 'Quizz' (needed for knowledge_check slides)" in run.stdout


def test_a_powerpoint_template_builds_without_a_mapping_and_a_mapping_still_wins(
    workspace: Path, cli, tmp_path: Path
) -> None:
    """python-pptx's own default template was saved by PowerPoint: its layouts are found by their type."""
    stock = Path(pptx.__file__).parent / "templates" / "default.pptx"
    shutil.copy(stock, workspace / "templates" / "pptx" / "stock.pptx")
    base = (
        "id: stock\nname: Stock Co\nkind: contractor\naudience: caregiver\ntemplate: templates/pptx/stock.pptx\n"
        "objectives: [DEF-01, CARE-01]\n"
    )
    profile = workspace / "contractors" / "stock.yaml"
    profile.write_text(base)
    unmapped = cli("build", "stock", "-w", workspace, "--out", tmp_path / "unmapped", "-f", "pptx")
    assert unmapped.exit_code == 0, unmapped.output
    deck = Presentation(str(tmp_path / "unmapped" / "stock" / "stock-deck.pptx"))
    assert {s.slide_layout.name for s in deck.slides} == {"Title Slide", "Section Header", "Title and Content"}
    profile.write_text(base + "layouts:\n  content: Two Content\n  section: Title Only\n")
    mapped = cli("build", "stock", "-w", workspace, "--out", tmp_path / "mapped", "-f", "pptx")
    assert mapped.exit_code == 0, mapped.output
    deck = Presentation(str(tmp_path / "mapped" / "stock" / "stock-deck.pptx"))
    used = {s.slide_layout.name for s in deck.slides}
    assert used == {"Title Slide", "Title Only", "Two Content"}
    for slide in deck.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
