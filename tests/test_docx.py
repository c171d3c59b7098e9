"""The Word outputs a trainer opens: facilitator guide, participant handout, knowledge test and key.

Checked with python-docx (styles, tables, fields, properties, text) and converted by LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from csec_builder import wording
from csec_builder.pipeline import load_inputs
from csec_builder.plan import Plan, split_steps
from csec_builder.problems import CsecError
from csec_builder.render.common.reproducible import fixed_datetime
from csec_builder.render.docx.blocks import note_paragraphs
from csec_builder.render.docx.document import REQUIRED_STYLES, DocxLook, look_for
from csec_builder.render.docx.guide import render_docx_guide
from csec_builder.render.docx.handout import render_handout
from csec_builder.render.docx.knowledge_test import render_answer_key, render_knowledge_test
from csec_builder.render.guide.guide import slide_range
from csec_builder.workspace import Workspace

from .conftest import convert_with_libreoffice, pdf_page_count
from .helpers import REPO

REFERENCE = REPO / "templates" / "docx" / "reference.docx"
DEFAULT, BRANDED = "bay-area-academy", "sierra-probation-training"
SUFFIXES = ("facilitator-guide", "participant-handout", "knowledge-test", "knowledge-test-answer-key")


# --- reading a .docx --------------------------------------------------------------------------


def paragraphs(document) -> list:
    """Every paragraph in reading order, those inside tables included, as python-docx paragraphs."""
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, document.part) for p in document.element.body.iter(qn("w:p"))]


def text_of(document) -> str:
    return "\n".join(p.text for p in paragraphs(document))


def headings(document) -> list[tuple[int, str]]:
    found = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name
        if name.startswith("Heading "):
            found.append((int(name.split()[1]), paragraph.text))
    return found


def effective_size(style) -> float | None:
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return None


def prepared_plan(workspace: Path, contractor_id: str) -> tuple[Plan, DocxLook]:
    inputs = load_inputs(Workspace.at(workspace))
    prepared = inputs.preparation(inputs.contractor(contractor_id)).prepared
    assert prepared is not None
    assets = prepared.assets
    return prepared.plan, look_for(prepared.plan, assets.docx_reference, assets.logo, assets.logo_alt)


# --- the repository's contractors, built through the CLI ---------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    command = ["build", DEFAULT, BRANDED, "-w", str(REPO), "--out", str(out), "--format", "docx,handout,test"]
    result = subprocess.run(
        [sys.executable, "-m", "csec_builder", *command], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    return {c: prepared_plan(REPO, c)[0] for c in (DEFAULT, BRANDED)}


def opened(built: Path, contractor: str, suffix: str):
    return Document(str(built / contractor / f"{contractor}-{suffix}.docx"))


def test_a_build_writes_the_four_word_files_and_lists_them_in_the_manifest(built: Path) -> None:
    import json

    for contractor in (DEFAULT, BRANDED):
        names = {f"{contractor}-{suffix}.docx" for suffix in SUFFIXES}
        manifest = json.loads((built / contractor / "manifest.json").read_text())
        assert names == set(manifest["outputs"])
        assert "templates/docx/reference.docx" in manifest["inputs"]


@pytest.mark.parametrize("contractor", [DEFAULT, BRANDED])
def test_guide_parts_are_heading_1_and_levels_never_skip(built: Path, plans: dict[str, Plan], contractor: str) -> None:
    plan = plans[contractor]
    found = headings(opened(built, contractor, "facilitator-guide"))
    objectives = [wording.objective_heading(n, o.title) for n, o in enumerate(plan.objectives, start=1)]
    assert [text for level, text in found if level == 1] == [
        wording.HOW_TO_USE_TITLE,
        wording.AGENDA_TITLE,
        wording.PREPARATION_TITLE,
        wording.FACILITATION_TITLE,
        wording.OPENING_TITLE,
        *objectives,
        wording.CLOSING_SECTION_TITLE,
        wording.REFERENCES_TITLE,
    ]
    levels = [level for level, _ in found]
    assert {1, 2, 3} <= set(levels)
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))


@pytest.mark.parametrize("contractor", [DEFAULT, BRANDED])
def test_guide_has_a_heading_for_every_slide_in_deck_order(
    built: Path, plans: dict[str, Plan], contractor: str
) -> None:
    found = [text for _, text in headings(opened(built, contractor, "facilitator-guide")) if text.startswith("Slide ")]
    assert found == [wording.slide_heading(s.number, s.title) for s in plans[contractor].slides]


def test_guide_agenda_is_a_table_whose_header_row_repeats(built: Path, plans: dict[str, Plan]) -> None:
    plan = plans[DEFAULT]
    table = opened(built, DEFAULT, "facilitator-guide").tables[0]
    header = table.rows[0]
    assert header._tr.trPr is not None and header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in header.cells] == list(wording.AGENDA_HEADERS)
    body = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [row[0] for row in body] == [a.start for a in plan.agenda] + [plan.end]
    assert [row[3] for row in body[:-1]] == [slide_range(a.first_slide, a.last_slide) for a in plan.agenda]
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])


def test_guide_shows_each_check_once_with_its_answer_and_rationale(built: Path, plans: dict[str, Plan]) -> None:
    """A check slide's question under its slide, the others as optional discussion: never both."""
    text = text_of(opened(built, DEFAULT, "facilitator-guide"))
    checks = plans[DEFAULT].checks
    assert sum(c.on_slide for c in checks) > 10 and sum(not c.on_slide for c in checks) > 5
    for check in checks:
        assert text.count(check.item.question) == 1, check.item.question
        assert wording.answer_line(check) in text
        assert check.item.rationale is None or check.item.rationale in text
    extra = next(c for c in checks if not c.on_slide)
    assert f"{extra.number}.\t{extra.item.question}" in text


def test_guide_carries_the_logo_with_its_alt_text_and_the_brand_colour(built: Path, plans: dict[str, Plan]) -> None:
    branded = opened(built, BRANDED, "facilitator-guide")
    pictures = list(branded.element.body.iter(qn("wp:docPr")))
    assert [p.get("descr") for p in pictures] == [plans[BRANDED].contractor.logo_alt]
    assert str(branded.styles["Heading 1"].font.color.rgb) == "1E4D2B"
    plain = opened(built, DEFAULT, "facilitator-guide")
    assert list(plain.element.body.iter(qn("wp:docPr"))) == []
    header_fill = plain.tables[0].rows[0].cells[0]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
    assert header_fill == "0B5563"


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_file_has_title_language_author_date_and_a_page_number(
    built: Path, plans: dict[str, Plan], suffix: str
) -> None:
    document = opened(built, BRANDED, suffix)
    properties = document.core_properties
    organization = plans[BRANDED].contractor.organization
    assert plans[BRANDED].contractor.title in properties.title
    assert properties.language == wording.LANGUAGE
    assert properties.author == organization
    assert properties.created == properties.modified == fixed_datetime().replace(tzinfo=dt.UTC)
    footer = document.sections[0].footer
    assert any(" PAGE " in t.text for t in footer._element.iter(qn("w:instrText")))
    assert organization in footer.paragraphs[0].text


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_body_text_is_at_least_11_points(built: Path, suffix: str) -> None:
    document = opened(built, DEFAULT, suffix)
    body = [p for p in paragraphs(document) if p.text.strip() and p.style.name not in ("Caption", "Footer")]
    assert len(body) > 20
    for paragraph in body:
        assert (effective_size(paragraph.style) or 11) >= 11, paragraph.style.name
        assert all(run.font.size is None or run.font.size.pt >= 11 for run in paragraph.runs), paragraph.text


def test_test_and_key_number_every_test_item_with_the_same_letters(built: Path, plans: dict[str, Plan]) -> None:
    plan = plans[BRANDED]
    test = [p.text for p in paragraphs(opened(built, BRANDED, "knowledge-test"))]
    key = "\n".join(p.text for p in paragraphs(opened(built, BRANDED, "knowledge-test-answer-key")))
    questions = [t for t in test if t.split("\t")[0].rstrip(".").isdigit()]
    assert 10 <= len(plan.test) <= 25
    assert questions == [f"{c.number}.\t{c.item.question}" for c in plan.test]
    slide_questions = {c.item.question for c in plan.checks}
    assert not [c for c in plan.test if c.item.question in slide_questions]
    for check in plan.test:
        at = test.index(f"{check.number}.\t{check.item.question}")
        lettered = [f"{wording.LETTERS[i]}.\t{choice}" for i, choice in enumerate(check.choices)]
        assert test[at + 1 : at + 1 + len(lettered)] == lettered
        assert f"{check.number}.\t{check.item.question}" in key
        assert wording.answer_line(check) in key


def test_the_key_grid_gives_each_number_its_letter(built: Path, plans: dict[str, Plan]) -> None:
    grid = opened(built, BRANDED, "knowledge-test-answer-key").tables[0]
    pairs = {}
    for row in grid.rows[1:]:
        cells = [c.text for c in row.cells]
        pairs.update({cells[i]: cells[i + 1] for i in range(0, len(cells), 2) if cells[i]})
    assert pairs == {str(c.number): c.answer_letter or wording.WRITTEN_ANSWER for c in plans[BRANDED].test}


def test_the_test_holds_no_answer_and_no_rationale(built: Path, plans: dict[str, Plan]) -> None:
    text = text_of(opened(built, DEFAULT, "knowledge-test"))
    assert "Answer:" not in text and wording.RATIONALE_LABEL not in text
    rationales = [c.item.rationale for c in plans[DEFAULT].test if c.item.rationale]
    assert rationales and not [r for r in rationales if r in text]
    for label in (wording.NAME_LABEL, wording.DATE_LABEL, wording.PRE_TEST, wording.POST_TEST):
        assert label in text


def test_the_handout_holds_the_session_and_nothing_for_the_trainer(built: Path, plans: dict[str, Plan]) -> None:
    plan = plans[DEFAULT]
    document = opened(built, DEFAULT, "participant-handout")
    text = text_of(document)
    assert plan.contractor.title in text
    agenda = document.tables[0]
    assert [r.cells[0].text for r in agenda.rows[1:]] == [a.start for a in plan.agenda] + [plan.end]
    # Handed out after the pre-test: no key point (they pair statutes with meanings) and no test answer.
    assert not [point for o in plan.objectives for point in o.key_points if point in text]
    assert not [c.item.answer for c in plan.test if c.item.answer in text]
    assert all(o.title in text for o in plan.objectives)
    assert all(r.phone in text for r in plan.contractor.resources if r.phone)
    assert "Answer:" not in text
    rationales = [c.item.rationale for c in plan.checks if c.item.rationale]
    assert not [r for r in rationales if r in text]
    steps = [step for o in plan.objectives for a in o.activities for step in split_steps(a.instructions)]
    assert len(steps) > 10 and not [s for s in steps if s in text]


def test_committed_reference_is_what_the_script_makes(tmp_path: Path) -> None:
    copy = tmp_path / "templates"
    shutil.copytree(REPO / "templates" / "docx", copy / "docx")
    script = REPO / "tools" / "make_reference.py"
    result = subprocess.run([sys.executable, str(script), str(copy)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (copy / "docx" / "reference.docx").read_bytes() == REFERENCE.read_bytes()


def test_reference_defines_every_style_the_renderers_use_and_an_empty_page() -> None:
    from docx.shared import Inches

    document = Document(str(REFERENCE))
    assert [name for name in REQUIRED_STYLES if name not in document.styles] == []
    assert document.styles["Normal"].font.size.pt >= 11
    assert document.paragraphs == [] and document.tables == []
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    assert section.left_margin == section.right_margin == Inches(1)
    assert any(" PAGE " in t.text for t in section.footer._element.iter(qn("w:instrText")))


# --- a small workspace whose activity has documents ---------------------------------------------

PARTICIPANT_BODY = """\
Read each scenario. All names are **fictional**.

## Scenario 1: Dani

Dani, 15, stays at an adult's flat *as long as* she does what he asks.

1. She has nowhere else to go.
2. He buys her meals.

| Scenario | Age | What was of value |
| --- | --- | --- |
| Dani | 15 | A place to stay |
| Marco | 14 | Money paid to a relative |
|  |  |  |

Then, a second list:

1. First question
2. Second question

<b>not markup</b> and [the toolkit](https://example.org/toolkit).
"""
TRAINER_BODY = "All three scenarios meet the definition: shelter counts as value KEYLINE."
PROMPT = "In threes, read the scenarios in your handout.\nDecide which words of the definition apply."


def small_workspace(root: Path) -> Path:
    """The standard's csec.yaml, one objective with documents and an open question, one contractor."""
    (root / "objectives").mkdir(parents=True)
    (root / "contractors").mkdir()
    shutil.copy(REPO / "csec.yaml", root / "csec.yaml")
    objective = yaml.safe_load((REPO / "objectives" / "DEF-01.yaml").read_text(encoding="utf-8"))
    objective["activities"] = [
        {
            "title": "Three scenarios",
            "minutes": 10,
            "instructions": "1. Hand out the scenarios.\n2. Confirm that all three are exploitation STEPLINE.",
            "prompt": PROMPT,
            "materials": [
                {"title": "Three fictional scenarios", "given_to": "participants", "body": PARTICIPANT_BODY},
                {"title": "Scenario answer key", "given_to": "trainer", "body": TRAINER_BODY},
                "flip chart",
            ],
        }
    ]
    objective["knowledge_check"].append(
        {"question": "What makes an exchange commercial?", "answer": "Value given OPENANSWER", "rationale": "Wide."}
    )
    (root / "objectives" / "DEF-01.yaml").write_text(yaml.safe_dump(objective, sort_keys=False), encoding="utf-8")
    contractor = {
        "id": "tiny",
        "name": "Tiny Academy",
        "kind": "academy",
        "audience": "child-welfare",
        "objectives": ["DEF-01"],
        "branding": {"organization": "Tiny Academy", "primary_color": "#F2C200"},
        "resources": [{"name": "Hotline", "phone": "1-800-000-0000"}],
    }
    (root / "contractors" / "tiny.yaml").write_text(yaml.safe_dump(contractor), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, DocxLook]:
    return prepared_plan(small_workspace(tmp_path_factory.mktemp("tiny") / "ws"), "tiny")


def test_handout_renders_participant_documents_and_leaves_out_the_trainers(tiny: tuple[Plan, DocxLook]) -> None:
    import io

    document = Document(io.BytesIO(render_handout(*tiny)))
    text = text_of(document)
    assert (3, "Three fictional scenarios") in headings(document)
    assert (4, "Scenario 1: Dani") in headings(document)
    assert "Decide which words of the definition apply." in text
    for absent in ("Scenario answer key", "KEYLINE", "STEPLINE", "OPENANSWER", "Wide."):
        assert absent not in text
    scenarios = next(t for t in document.tables if t.rows[0].cells[0].text == "Scenario")
    assert scenarios.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in scenarios.rows[2].cells] == ["Marco", "14", "Money paid to a relative"]
    assert scenarios.rows[3].height is not None  # an empty row keeps room to write in
    assert "<b>not markup</b>" in text and "the toolkit (https://example.org/toolkit)" in text
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "fictional" in bold


def test_each_numbered_markdown_list_starts_again_at_one(tiny: tuple[Plan, DocxLook]) -> None:
    import io

    document = Document(io.BytesIO(render_handout(*tiny)))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number" and p._p.pPr.numPr is not None]
    first = next(p for p in numbered if p.text == "She has nowhere else to go.")
    second = next(p for p in numbered if p.text == "First question")
    first_id, second_id = (p._p.pPr.numPr.numId.val for p in (first, second))
    assert first_id != second_id
    numbering = document.part.numbering_part.element
    for num_id in (first_id, second_id):
        override = numbering.num_having_numId(num_id).find(qn("w:lvlOverride"))
        assert override.find(qn("w:startOverride")).get(qn("w:val")) == "1"


def test_guide_carries_the_trainer_document_and_the_steps(tiny: tuple[Plan, DocxLook]) -> None:
    import io

    text = text_of(Document(io.BytesIO(render_docx_guide(*tiny))))
    for present in ("KEYLINE", "STEPLINE", "Three fictional scenarios", "OPENANSWER", "flip chart"):
        assert present in text


def test_the_test_asks_the_test_items_and_never_a_check_slides_question(tiny: tuple[Plan, DocxLook]) -> None:
    import io

    plan, look = tiny
    text = text_of(Document(io.BytesIO(render_knowledge_test(plan, look))))
    assert [c.item for c in plan.test] == list(plan.objectives[0].test_items)
    assert all(item.question in text for item in plan.objectives[0].test_items)
    assert not [c for c in plan.checks if c.item.question in text]
    assert "OPENANSWER" not in text


def test_a_light_brand_colour_keeps_headings_readable(tiny: tuple[Plan, DocxLook]) -> None:
    import io

    document = Document(io.BytesIO(render_handout(*tiny)))
    assert str(document.styles["Heading 1"].font.color.rgb) == "1F1F1F"  # yellow on white would be unreadable
    header = document.tables[0].rows[0].cells[0]
    assert header._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "F2C200"
    assert str(header.paragraphs[0].runs[0].font.color.rgb) == "1F1F1F"


@pytest.mark.parametrize("render", [render_docx_guide, render_handout, render_knowledge_test, render_answer_key])
def test_two_renders_are_byte_identical_and_dated_by_source_date_epoch(
    tiny: tuple[Plan, DocxLook], render, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    assert render(*tiny) == render(*tiny)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    properties = Document(io.BytesIO(render(*tiny))).core_properties
    assert properties.created == properties.modified == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)


def test_a_reference_that_is_not_a_word_file_or_lacks_styles_is_reported(
    tiny: tuple[Plan, DocxLook], tmp_path: Path
) -> None:
    plan, look = tiny
    broken = tmp_path / "broken.docx"
    broken.write_text("not a zip", encoding="utf-8")
    with pytest.raises(CsecError, match=r"broken\.docx: not a Word document"):
        render_handout(plan, DocxLook(broken, None, "", look.brand))
    bare = tmp_path / "bare.docx"
    plain = Document()
    plain.styles["Quote"].delete()
    plain.save(str(bare))
    with pytest.raises(CsecError, match="lacks the style\\(s\\) Quote"):
        render_handout(plan, DocxLook(bare, None, "", look.brand))


def test_wrapped_notes_join_into_paragraphs_and_keep_labels_and_bullets() -> None:
    notes = "We start with words. The Toolkit\ndescribes CSEC widely.\nAnswer: A. Yes\nWhy: because\n- one\n  more\n- 2"
    assert note_paragraphs(notes) == [
        (False, "We start with words. The Toolkit describes CSEC widely."),
        (False, "Answer: A. Yes"),
        (False, "Why: because"),
        (True, "one more"),
        (True, "2"),
    ]


# --- a real client -------------------------------------------------------------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize(("contractor", "suffix"), [(DEFAULT, s) for s in SUFFIXES] + [(BRANDED, SUFFIXES[0])])
def test_libreoffice_converts_each_file_to_a_pdf_with_its_headings(
    built: Path, soffice: str, tmp_path: Path, contractor: str, suffix: str
) -> None:
    source = built / contractor / f"{contractor}-{suffix}.docx"
    pdf = convert_with_libreoffice(soffice, source, "pdf", tmp_path)
    assert pdf_page_count(pdf) > 0
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    document = Document(str(source))
    title = next(p.text for p in document.paragraphs if p.style.name == "Title")
    wanted = [title, *(t for level, t in headings(document) if level == 1)]
    assert [h for h in wanted if " ".join(h.split()) not in text] == []
