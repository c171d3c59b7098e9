"""The decks a trainer opens: checked with python-pptx and converted by LibreOffice."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Pt

from csec_builder import wording

from .conftest import convert_with_libreoffice, pdf_page_count
from .helpers import CONTRACTORS, REPO

# The agenda and the objectives take at most two slides each, in every language's words.
COMPACT_TITLES = tuple(
    title for w in map(wording.for_language, wording.languages()) for title in (w.AGENDA_TITLE, w.OBJECTIVES_TITLE)
)
MARKER = re.compile(r"^Objective: ([A-Z0-9-]+) v(\d+)$", re.MULTILINE)


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("decks")
    result = subprocess.run(
        [sys.executable, "-m", "csec_builder", "build", "-w", str(REPO), "--out", str(out), "--format", "pptx"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return {c: out / c / f"{c}-deck.pptx" for c in CONTRACTORS}


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def title(slide) -> str:
    shape = slide.shapes.title
    return shape.text_frame.text if shape is not None else ""


def body_paragraphs(slide) -> list:
    for shape in slide.placeholders:
        if shape.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE):
            return [p for p in shape.text_frame.paragraphs if p.text.strip()]
    return []


@pytest.mark.parametrize("contractor", CONTRACTORS)
def test_every_slide_has_a_title_notes_footer_and_number(decks: dict[str, Path], contractor: str) -> None:
    deck = Presentation(str(decks[contractor]))
    assert len(deck.slides) > 40
    for number, slide in enumerate(deck.slides, start=1):
        assert title(slide).strip(), f"slide {number} has no title"
        assert len(notes(slide).split()) >= 10, f"slide {number} has no real speaker notes"
        types = {s.placeholder_format.type for s in slide.placeholders}
        assert PP_PLACEHOLDER.FOOTER in types and PP_PLACEHOLDER.SLIDE_NUMBER in types, number
        number_shape = next(s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
        assert number_shape.text_frame.text == str(number)
        assert 'type="slidenum"' in number_shape._element.xml


@pytest.mark.parametrize("contractor", CONTRACTORS)
def test_no_empty_placeholder_shows_a_prompt(decks: dict[str, Path], contractor: str) -> None:
    deck = Presentation(str(decks[contractor]))
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.placeholders:
            assert shape.has_text_frame and shape.text_frame.text.strip(), f"empty placeholder on slide {number}"


@pytest.mark.parametrize("contractor", CONTRACTORS)
def test_no_slide_holds_more_than_six_bullets(decks: dict[str, Path], contractor: str) -> None:
    deck = Presentation(str(decks[contractor]))
    for number, slide in enumerate(deck.slides, start=1):
        if title(slide).startswith(COMPACT_TITLES):
            continue  # at most two slides each, however long the day (tests/test_teach_day.py)
        top_level = [p for p in body_paragraphs(slide) if p.level == 0]
        assert len(top_level) <= 6, f"slide {number} ({title(slide)}) has {len(top_level)} bullets"


def test_long_lists_continue_on_a_continued_slide(decks: dict[str, Path]) -> None:
    deck = Presentation(str(decks["bay-area-academy"]))
    titles = [title(s) for s in deck.slides]
    assert "Agenda" in titles and "Agenda (continued)" in titles
    first = titles.index("Agenda (continued)")
    assert titles[first - 1] == "Agenda"
    assert "continues slide" in notes(deck.slides[first])


@pytest.mark.parametrize("contractor", CONTRACTORS)
def test_objective_slides_carry_the_audit_marker(decks: dict[str, Path], contractor: str) -> None:
    deck = Presentation(str(decks[contractor]))
    manifest = (decks[contractor].parent / "manifest.json").read_text()
    expected = set(re.findall(r'"id": "([A-Z0-9-]+)"', manifest))
    marked = {m.group(1) for s in deck.slides for m in MARKER.finditer(notes(s))}
    assert marked == expected
    for slide in deck.slides:
        if slide.slide_layout.name in ("Section", "Content", "Knowledge Check", "Divider", "Bullets", "Quiz"):
            assert MARKER.search(notes(slide)), f"objective slide '{title(slide)}' has no marker"


def test_deck_follows_the_standard_order(decks: dict[str, Path]) -> None:
    deck = Presentation(str(decks["bay-area-academy"]))
    kinds = [s.slide_layout.name for s in deck.slides]
    assert kinds[:2] == ["Title", "Content Warning"]
    assert kinds[-1] == "Closing"
    assert kinds.index("Objectives Overview") < kinds.index("Section") < kinds.index("Resources")
    assert kinds.index("Resources") < kinds.index("References")
    first_section = kinds.index("Section")
    assert kinds[first_section + 1] == "Content"
    assert "Knowledge Check" in kinds and "Activity" in kinds


def test_knowledge_check_answers_are_in_the_notes_not_on_the_slide(decks: dict[str, Path]) -> None:
    deck = Presentation(str(decks["bay-area-academy"]))
    checks = [s for s in deck.slides if s.slide_layout.name == "Knowledge Check"]
    assert checks
    for slide in checks:
        assert "Answer:" in notes(slide)
        assert "Answer:" not in " ".join(p.text for p in body_paragraphs(slide))


def test_logo_has_real_alt_text_not_a_file_name(decks: dict[str, Path]) -> None:
    deck = Presentation(str(decks["sierra-probation-training"]))
    pictures = [s for s in deck.slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    alt = pictures[0]._element.nvPicPr.cNvPr.get("descr")
    assert alt.startswith("Sierra Justice Training Collaborative logo")
    assert ".png" not in alt
    box = pictures[0]
    assert box.left + box.width <= deck.slide_width and box.top + box.height <= deck.slide_height


def test_custom_template_layouts_and_no_sample_slides(decks: dict[str, Path]) -> None:
    deck = Presentation(str(decks["sierra-probation-training"]))
    layouts = {s.slide_layout.name for s in deck.slides}
    assert layouts <= {
        "Cover",
        "Notice",
        "Schedule",
        "Goals",
        "Divider",
        "Bullets",
        "Exercise",
        "Quiz",
        "Help",
        "Sources",
        "Thanks",
    }
    assert "Sample slide - delete me" not in {title(s) for s in deck.slides}


def test_brand_colour_is_applied(decks: dict[str, Path]) -> None:
    deck = Presentation(str(decks["bay-area-academy"]))
    first = deck.slides[0]
    assert str(first.background.fill.fore_color.rgb) == "0B5563"
    content = next(s for s in deck.slides if s.slide_layout.name == "Content")
    bars = [s for s in content.shapes if s.name == "Brand bar"]
    assert bars and str(bars[0].fill.fore_color.rgb) == "0B5563"
    assert "adec:decorative" in bars[0]._element.xml or "decorative" in bars[0]._element.xml


def test_text_is_never_smaller_than_18_points(decks: dict[str, Path]) -> None:
    for path in decks.values():
        deck = Presentation(str(path))
        for slide in deck.slides:
            for shape in slide.placeholders:
                if shape.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                    continue
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size is None or run.font.size >= Pt(18)


@pytest.mark.libreoffice
@pytest.mark.parametrize("contractor", CONTRACTORS)
def test_libreoffice_opens_every_deck_one_page_per_slide(
    decks: dict[str, Path], contractor: str, soffice: str, tmp_path: Path
) -> None:
    pdf = convert_with_libreoffice(soffice, decks[contractor], "pdf", tmp_path)
    assert pdf_page_count(pdf) == len(Presentation(str(decks[contractor])).slides)


@pytest.mark.parametrize("contractor", CONTRACTORS)
def test_no_answer_letter_holds_more_than_40_percent_of_the_items(decks: dict[str, Path], contractor: str) -> None:
    letters = []
    for slide in Presentation(str(decks[contractor])).slides:
        answer = re.search(r"^(?:Answer|Respuesta): ([A-J])\. ", notes(slide), re.MULTILINE)
        choices = [p for p in body_paragraphs(slide) if re.match(r"^[A-J]\. ", p.text)]
        if answer and len(choices) >= 3:
            letters.append(answer.group(1))
    assert len(letters) >= 20, "the sample decks teach many multiple-choice items"
    assert max(letters.count(letter) for letter in set(letters)) <= 0.4 * len(letters)
