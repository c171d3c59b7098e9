"""Templates no one on this project made (tests/fixtures/templates) build decks with no `layouts:` map."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from csec_builder.build import build
from csec_builder.plan import Plan
from csec_builder.render.pptx.template import read_presentation
from csec_builder.workspace import find_workspace

from .conftest import convert_with_libreoffice, pdf_page_count
from .helpers import copy_workspace

CORPUS = Path(__file__).parent / "fixtures" / "templates"
TEMPLATES = sorted(p.name for p in CORPUS.glob("*.p?tx"))
OBJECTIVES = "[DEF-01, CARE-01, IND-01]"
# The layouts PowerPoint's built-in "Title Slide", "Section Header" and "Title and Content" have in each language.
LOCALISED_LAYOUTS = {
    "powerpoint-default-4x3.pptx": {"Title Slide", "Section Header", "Title and Content"},
    "powerpoint-de.pptx": {"Titelfolie", "Abschnittsüberschrift", "Titel und Inhalt"},
    "powerpoint-ru.pptx": {"Титульный слайд", "Заголовок раздела", "Заголовок и объект"},
    "powerpoint-zh.potx": {"标题幻灯片", "节标题", "标题和内容"},
    "google-slides-style.pptx": {"TITLE", "SECTION_HEADER", "TITLE_AND_BODY"},
}
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PRESENTATION_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def contractor_id(template: str) -> str:
    return Path(template).stem


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Plan]]:
    """One contractor per corpus template, none with a `layouts:` map; each built once, deck and guide."""
    root = tmp_path_factory.mktemp("corpus")
    ws = copy_workspace(root / "ws")
    for template in TEMPLATES:
        shutil.copy(CORPUS / template, ws / "templates" / "pptx" / template)
        (ws / "contractors" / f"{contractor_id(template)}.yaml").write_text(
            f"id: {contractor_id(template)}\nname: Valley Partners\nkind: contractor\naudience: caregiver\n"
            f"template: templates/pptx/{template}\nobjectives: {OBJECTIVES}\n"
            "branding:\n  organization: Valley Partners\n  logo: templates/images/sierra-logo.png\n"
            "resources:\n  - name: County hotline\n    phone: 1-800-555-0100\n",
            encoding="utf-8",
        )
    ids = [contractor_id(t) for t in TEMPLATES]
    report = build(find_workspace(ws), ids, root / "out", ["pptx", "md"])
    assert not report.failed, [p.format() for p in report.problems]
    out = root / "out"
    return {r.contractor_id: (out / r.contractor_id / f"{r.contractor_id}-deck.pptx", r.plan) for r in report.results}


def deck_of(built: dict, template: str) -> tuple[Path, Plan]:
    return built[contractor_id(template)]


def test_the_corpus_holds_what_the_issue_asks_for() -> None:
    sizes = {name: read_presentation(CORPUS / name).slide_width for name in TEMPLATES}
    assert any(name.endswith(".potx") for name in TEMPLATES)
    assert sizes["powerpoint-default-4x3.pptx"] == 9144000  # 10 in wide: 4:3
    assert sum(p.stat().st_size for p in CORPUS.glob("*.p?tx")) < 400_000
    assert all(name in (CORPUS / "README.md").read_text(encoding="utf-8") for name in TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_deck_has_exactly_the_planned_slides(built: dict, template: str) -> None:
    path, plan = deck_of(built, template)
    deck = Presentation(str(path))
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert titles == [s.title for s in plan.slides]
    guide = (path.parent / f"{contractor_id(template)}-facilitator-guide.md").read_text(encoding="utf-8")
    listed = re.findall(r"\*\*Slide (\d+): (.+?)\*\*", guide)
    assert listed[-1] == (str(len(titles)), titles[-1])  # the guide follows this deck's numbering


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_slide_has_a_title_notes_and_no_empty_placeholder(built: dict, template: str) -> None:
    deck = Presentation(str(deck_of(built, template)[0]))
    for number, slide in enumerate(deck.slides, start=1):
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip(), number
        assert len(slide.notes_slide.notes_text_frame.text.split()) >= 10, number
        for shape in slide.placeholders:
            if shape.placeholder_format.type != PP_PLACEHOLDER.PICTURE:
                assert shape.has_text_frame and shape.text_frame.text.strip(), f"empty placeholder on slide {number}"


@pytest.mark.parametrize("template", TEMPLATES)
def test_an_own_template_is_filled_not_repainted(built: dict, template: str) -> None:
    path = deck_of(built, template)[0]
    deck = Presentation(str(path))
    for number, slide in enumerate(deck.slides, start=1):
        assert slide._element.find(f"{P}cSld/{P}bg") is None, f"slide {number} has a background of its own"
        assert not [s for s in slide.shapes if s.name == "Brand bar"], number
        colours = {c.get("val") for c in slide._element.iter(f"{A}srgbClr")}
        assert not colours, f"slide {number} sets text colours {colours}"
    assert _accents(deck) == _accents(read_presentation(CORPUS / template))


@pytest.mark.parametrize("template", sorted(LOCALISED_LAYOUTS))
def test_built_in_layouts_are_found_in_any_language(built: dict, template: str) -> None:
    deck = Presentation(str(deck_of(built, template)[0]))
    assert {s.slide_layout.name for s in deck.slides} == LOCALISED_LAYOUTS[template]
    assert deck.slides[0].slide_layout.name in LOCALISED_LAYOUTS[template]


def test_sample_slides_and_what_points_at_them_are_dropped(built: dict) -> None:
    path = deck_of(built, "powerpoint-de.pptx")[0]
    deck = Presentation(str(path))
    assert "Beispielfolie: bitte löschen" not in {s.shapes.title.text_frame.text for s in deck.slides}
    presentation_xml = zipfile.ZipFile(path).read("ppt/presentation.xml").decode("utf-8")
    assert "custShowLst" not in presentation_xml and "sectionLst" not in presentation_xml


@pytest.mark.parametrize("template", TEMPLATES)
def test_no_part_is_written_twice(built: dict, template: str) -> None:
    names = zipfile.ZipFile(deck_of(built, template)[0]).namelist()
    assert len(names) == len(set(names))


@pytest.mark.parametrize("template", [t for t in TEMPLATES if t.endswith(".potx")])
def test_a_potx_template_gives_an_ordinary_pptx_deck(built: dict, template: str) -> None:
    path = deck_of(built, template)[0]
    types = zipfile.ZipFile(path).read("[Content_Types].xml").decode("utf-8")
    assert PRESENTATION_MAIN in types and "template.main" not in types


def test_slides_follow_the_template_size_and_text_area(built: dict) -> None:
    """The 4:3 template's narrower text area splits lists onto more slides than the 16:9 one does."""
    four_by_three = deck_of(built, "powerpoint-default-4x3.pptx")
    wide = deck_of(built, "google-slides-style.pptx")
    assert Presentation(str(four_by_three[0])).slide_width == 9144000
    assert Presentation(str(wide[0])).slide_height == 5143500
    assert len(four_by_three[1].slides) > len(_plan_with_default_area(four_by_three[1]))


@pytest.mark.libreoffice
@pytest.mark.parametrize("template", TEMPLATES)
def test_libreoffice_opens_each_deck_one_page_per_slide(
    built: dict, template: str, soffice: str, tmp_path: Path
) -> None:
    path, plan = deck_of(built, template)
    pdf = convert_with_libreoffice(soffice, path, "pdf", tmp_path)
    assert pdf_page_count(pdf) == len(plan.slides)


def _accents(presentation: object) -> list[str]:
    """Each slide master's theme colours, as written."""
    themes = [m.part.part_related_by(RT.THEME).blob.decode("utf-8") for m in presentation.slide_masters]
    return [re.search(r"<a:clrScheme.*?</a:clrScheme>", t, re.S).group(0) for t in themes]


def _plan_with_default_area(plan: Plan) -> tuple:
    from csec_builder.plan import plan_for

    return plan_for(plan.contractor, list(plan.objectives), plan.config).slides
