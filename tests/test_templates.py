"""PowerPoint templates: the bundled ones, third-party ones and broken ones."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pptx
import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from csec_builder.models import SLIDE_KINDS
from csec_builder.problems import TemplateError
from csec_builder.render.pptx.layout_choice import choose_layouts
from csec_builder.render.pptx.layouts import LayoutInfo, PlaceholderInfo

from .helpers import REPO, edit, line_of

CORPUS = Path(__file__).parent / "fixtures" / "templates"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

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
    script = REPO / "tools" / "make_templates.py"
    result = subprocess.run([sys.executable, str(script), str(copy)], capture_output=True, text=True, timeout=300)
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


# --- how layouts are chosen ------------------------------------------------------------------

INCH = 914400
SLIDE_HEIGHT = int(7.5 * INCH)
TOP_TITLE = (INCH // 2, INCH // 2, 9 * INCH, INCH)
LOW_TITLE = (INCH // 2, 4 * INCH, 9 * INCH, INCH)
BODY = (INCH // 2, 2 * INCH, 9 * INCH, 4 * INCH)


def info(index: int, name: str, layout_type: str | None, *placeholders: tuple[str, tuple]) -> LayoutInfo:
    """A layout as the choice sees it: (placeholder type, box) pairs."""
    roles = {"title": "title", "ctrTitle": "title", "body": "body", "obj": "body", "subTitle": "body", "pic": "picture"}
    every = tuple(PlaceholderInfo(roles[kind], box, kind) for kind, box in placeholders)
    return LayoutInfo(name, index, 0, layout_type, every, every, 44.0, 24.0, None, None)


def test_a_layout_named_by_default_wins_over_one_typed_for_the_kind() -> None:
    layouts = [info(0, "Title and Content", "obj", ("title", TOP_TITLE), ("obj", BODY)),
               info(1, "Content", None, ("title", TOP_TITLE), ("body", BODY))]  # fmt: skip
    choices = choose_layouts(Path("t.pptx"), layouts, {}, SLIDE_HEIGHT)
    assert (choices["content"].layout.name, choices["content"].reason) == ("Content", "default name")


def test_a_mapping_wins_over_a_default_name() -> None:
    layouts = [info(0, "Content", None, ("title", TOP_TITLE), ("body", BODY)),
               info(1, "Ours", None, ("title", TOP_TITLE), ("body", BODY))]  # fmt: skip
    choices = choose_layouts(Path("t.pptx"), layouts, {"content": "Ours"}, SLIDE_HEIGHT)
    assert choices["content"].layout.name == "Ours"
    assert choices["agenda"].layout.name == "Ours"  # kinds without a layout of their own follow content


def test_a_layout_type_wins_over_placeholders_and_names_in_any_language() -> None:
    layouts = [info(0, "Zwei Inhalte", "twoObj", ("title", TOP_TITLE), ("obj", BODY), ("obj", BODY)),
               info(1, "Leer mit Text", None, ("title", TOP_TITLE), ("body", BODY)),
               info(2, "Titel und Inhalt", "obj", ("title", TOP_TITLE), ("obj", BODY)),
               info(3, "Titelfolie", "title", ("ctrTitle", LOW_TITLE), ("subTitle", BODY)),
               info(4, "Abschnittsüberschrift", "secHead", ("title", LOW_TITLE), ("body", BODY))]  # fmt: skip
    choices = choose_layouts(Path("t.pptx"), layouts, {}, SLIDE_HEIGHT)
    assert {k: choices[k].layout.name for k in ("title", "section", "content", "closing")} == {
        "title": "Titelfolie",
        "section": "Abschnittsüberschrift",
        "content": "Titel und Inhalt",
        "closing": "Titel und Inhalt",
    }
    assert choices["content"].reason == "layout type 'obj'"


def test_untyped_layouts_are_recognised_by_their_placeholders() -> None:
    """Google Slides' names, no types: a centred title, a title low on the slide, the largest text area."""
    layouts = [info(0, "TITLE_ONLY", None, ("title", TOP_TITLE)),
               info(1, "SECTION_HEADER", None, ("title", LOW_TITLE), ("body", (INCH, 5 * INCH, 9 * INCH, INCH))),
               info(2, "TITLE_AND_BODY", None, ("title", TOP_TITLE), ("body", BODY)),
               info(3, "TITLE", None, ("ctrTitle", LOW_TITLE), ("subTitle", BODY)),
               info(4, "PICTURE", None, ("title", LOW_TITLE), ("pic", BODY), ("body", BODY))]  # fmt: skip
    choices = choose_layouts(Path("t.pptx"), layouts, {}, SLIDE_HEIGHT)
    assert [choices[k].layout.name for k in ("title", "section", "content")] == [
        "TITLE",
        "SECTION_HEADER",
        "TITLE_AND_BODY",
    ]
    assert {choices[k].reason for k in ("title", "section", "content")} == {"its placeholders"}


def test_with_no_text_layout_content_takes_a_titled_one_and_no_title_anywhere_is_an_error() -> None:
    only_title = [info(0, "Blank", "blank"), info(1, "Title Only", "titleOnly", ("title", TOP_TITLE))]
    assert choose_layouts(Path("t.pptx"), only_title, {}, SLIDE_HEIGHT)["content"].layout.name == "Title Only"
    with pytest.raises(TemplateError, match="no slide layout has a title placeholder"):
        choose_layouts(Path("t.pptx"), [info(0, "Blank", "blank", ("body", BODY))], {}, SLIDE_HEIGHT)


# --- painting ---------------------------------------------------------------------------------


def _backgrounds_and_bars(deck: Path) -> tuple[int, int]:
    presentation = Presentation(str(deck))
    backgrounds = sum(s._element.find(f"{P}cSld/{P}bg") is not None for s in presentation.slides)
    bars = sum(shape.name == "Brand bar" for s in presentation.slides for shape in s.shapes)
    return backgrounds, bars


def test_the_sierra_sample_is_its_own_design_and_paint_true_asks_for_the_brand(
    workspace: Path, cli, tmp_path: Path
) -> None:
    run = cli("build", "sierra-probation-training", "-w", workspace, "--out", tmp_path / "own", "-f", "pptx")
    assert run.exit_code == 0, run.output
    assert _backgrounds_and_bars(
        tmp_path / "own" / "sierra-probation-training" / "sierra-probation-training-deck.pptx"
    ) == (0, 0)
    edit(
        workspace / "contractors" / "sierra-probation-training.yaml",
        "  primary_color:",
        "  paint: true\n  primary_color:",
    )
    run = cli("build", "sierra-probation-training", "-w", workspace, "--out", tmp_path / "asked", "-f", "pptx")
    assert run.exit_code == 0, run.output
    backgrounds, bars = _backgrounds_and_bars(
        tmp_path / "asked" / "sierra-probation-training" / "sierra-probation-training-deck.pptx"
    )
    assert backgrounds > 10 and bars > 50


def test_a_copy_of_the_default_keeps_its_paint_mark_and_paint_false_turns_it_off(
    workspace: Path, cli, tmp_path: Path
) -> None:
    shutil.copy(workspace / "templates" / "pptx" / "default.pptx", workspace / "templates" / "pptx" / "ours.pptx")
    profile = workspace / "contractors" / "bay-area-academy.yaml"
    edit(profile, "\nbranding:", "\ntemplate: templates/pptx/ours.pptx\nbranding:")
    run = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path / "copy", "-f", "pptx")
    assert run.exit_code == 0, run.output
    backgrounds, bars = _backgrounds_and_bars(tmp_path / "copy" / "bay-area-academy" / "bay-area-academy-deck.pptx")
    assert backgrounds > 10 and bars > 50
    edit(profile, "\nbranding:\n", "\nbranding:\n  paint: false\n")
    run = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path / "off", "-f", "pptx")
    assert run.exit_code == 0, run.output
    assert _backgrounds_and_bars(tmp_path / "off" / "bay-area-academy" / "bay-area-academy-deck.pptx") == (0, 0)


# --- template check ---------------------------------------------------------------------------


def test_template_check_names_the_layout_for_every_slide_kind(cli) -> None:
    run = cli("template", "check", CORPUS / "powerpoint-de.pptx")
    assert run.exit_code == 0, run.output
    rows = {line.split()[0]: line for line in run.stdout.splitlines() if line.split()[:1] in ([k] for k in SLIDE_KINDS)}
    assert set(rows) == set(SLIDE_KINDS)
    assert "Titelfolie" in rows["title"] and "layout type 'title'" in rows["title"]
    assert "Abschnittsüberschrift" in rows["section"] and "Titel und Inhalt" in rows["content"]
    assert "0: ctrTitle, 1: subTitle" in rows["title"]
    assert 'Sample slides, dropped from every deck: 1: "Beispielfolie: bitte löschen"' in run.stdout
    assert "Painting: no" in run.stdout and "Slide size: 10 x 7.5 in (4:3)" in run.stdout


def test_template_check_with_a_contractor_uses_its_mapping(cli) -> None:
    run = cli("template", "check", "--contractor", "sierra-probation-training", "-w", REPO, "-f", "json")
    assert run.exit_code == 0, run.output
    report = json.loads(run.stdout)
    assert {k["kind"]: k["layout"] for k in report["kinds"]}["content"] == "Bullets"
    assert {k["reason"] for k in report["kinds"]} == {"mapped in the contractor file"}
    assert report["sample_slides"] == ["Sample slide - delete me"] and report["paint"] is False


def test_template_check_fails_without_any_title_placeholder(cli, tmp_path: Path) -> None:
    untitled = Presentation(str(CORPUS / "powerpoint-default-4x3.pptx"))
    for layout in untitled.slide_layouts:
        for shape in list(layout.placeholders):
            if shape.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                shape._element.getparent().remove(shape._element)
    untitled.save(str(tmp_path / "untitled.pptx"))
    run = cli("template", "check", tmp_path / "untitled.pptx")
    assert run.exit_code == 1
    assert "untitled.pptx: no slide layout has a title placeholder" in run.stderr
    (tmp_path / "notes.pptx").write_text("not a presentation")
    assert cli("template", "check", tmp_path / "notes.pptx").exit_code == 1
    missing = cli("template", "check", tmp_path / "missing.pptx")
    assert missing.exit_code == 1 and "missing.pptx:1:1: error: template does not exist" in missing.stderr


def test_template_check_warns_of_a_picture_over_the_text_and_validate_says_the_same(
    workspace: Path, cli, tmp_path: Path
) -> None:
    pictured = workspace / "templates" / "pptx" / "pictured.pptx"
    _cover_the_content_layout_with_a_picture(CORPUS / "powerpoint-default-4x3.pptx", pictured)
    run = cli("template", "check", pictured)
    assert run.exit_code == 0, run.output
    assert "warning: layout 'Title and Content'" in run.stdout and "covers its text area" in run.stdout
    profile = workspace / "contractors" / "bay-area-academy.yaml"
    line = line_of(edit(profile, "\nbranding:", "\ntemplate: templates/pptx/pictured.pptx\nbranding:"), "pictured")
    run = cli("validate", "-w", workspace)
    assert f"bay-area-academy.yaml:{line}:11: warning: templates/pptx/pictured.pptx: layout 'Title and Content'" in (
        run.stdout.replace(str(workspace) + "/", "")
    )


def test_validate_accepts_a_potx_template(workspace: Path, cli) -> None:
    shutil.copy(CORPUS / "powerpoint-zh.potx", workspace / "templates" / "pptx" / "ours.potx")
    edit(
        workspace / "contractors" / "bay-area-academy.yaml",
        "\nbranding:",
        "\ntemplate: templates/pptx/ours.potx\nbranding:",
    )
    run = cli("validate", "-w", workspace)
    assert run.exit_code == 0, run.output
    assert "bay-area-academy.yaml" not in run.stdout


def _cover_the_content_layout_with_a_picture(source: Path, target: Path) -> None:
    """A full-slide picture on the 'Title and Content' layout, drawn over its placeholders."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    presentation = Presentation(str(source))
    layout = presentation.slide_layouts.get_by_name("Title and Content")
    scratch = presentation.slides.add_slide(layout)
    logo = REPO / "templates" / "images" / "sierra-logo.png"
    picture = scratch.shapes.add_picture(str(logo), 0, 0, presentation.slide_width, presentation.slide_height)
    image_part = scratch.part.related_part(picture._element.blipFill.blip.rEmbed)
    picture._element.blipFill.blip.rEmbed = layout.part.relate_to(image_part, RT.IMAGE)
    layout.shapes._spTree.append(picture._element)
    id_list = presentation.slides._sldIdLst
    id_list.remove(id_list[0])
    presentation.save(str(target))


def test_the_plans_default_text_area_is_the_bundled_templates_measure() -> None:
    # prepare skips opening the bundled template because of this equality: keep them equal.
    from csec_builder.plan import DEFAULT_TEXT_AREA
    from csec_builder.render.pptx.template import cached_text_area

    assert cached_text_area(REPO / "templates" / "pptx" / "default.pptx", {}) == DEFAULT_TEXT_AREA
