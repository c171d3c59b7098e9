"""The training kit around the deck and guide, built as a new trainer and every sample would build it:
the pre/post test from test items, its scoring sheet, the forms, the print pack, and a handout that
holds only what participants read.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from docx import Document
from docx.oxml.ns import qn

from csec_builder import wording
from csec_builder.assessment import choose_test_items
from csec_builder.models import Document as DocumentModel
from csec_builder.pipeline import load_inputs
from csec_builder.plan import Plan
from csec_builder.render.docx.forms import can_do, hours_text
from csec_builder.validate import near_repeat
from csec_builder.wording import for_language
from csec_builder.workspace import Workspace

from .conftest import convert_with_libreoffice, pdf_page_count
from .helpers import CONTRACTORS, REPO, line_of, small_objective, small_workspace

KIT = "handout,test,scoring,print-pack,sign-in,evaluation,certificate"
NEW_TRAINER = "my-org"
kit = for_language("en")  # the English catalog: every sample here is taught in English
WORKSPACES = {contractor: "repo" for contractor in CONTRACTORS} | {NEW_TRAINER: "init"}


def run_cli(*args: str | Path, cwd: Path | None = None) -> None:
    command = [sys.executable, "-m", "csec_builder", *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=cwd)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def roots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The repository's workspace, and the workspace `init` makes for a caregiver trainer."""
    folder = tmp_path_factory.mktemp("kit")
    init = folder / "new-trainer"
    run_cli("init", init, "--contractor", NEW_TRAINER, "--name", "My Org", "--audience", "caregiver")
    return {"repo": REPO, "init": init}


@pytest.fixture(scope="module")
def built(roots: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kit-out")
    run_cli("build", "-w", roots["repo"], "--out", out, "--format", KIT)
    run_cli("build", "-w", roots["init"], "--out", out, "--format", KIT)
    return out


@pytest.fixture(scope="module")
def plans(roots: dict[str, Path]) -> dict[str, Plan]:
    found = {}
    for root in roots.values():
        inputs = load_inputs(Workspace.at(root))
        for source in inputs.contractors:
            prepared = inputs.preparation(source).prepared
            assert prepared is not None
            found[source.model.id] = prepared.plan
    assert set(found) == set(WORKSPACES)
    return found


def opened(built: Path, contractor: str, suffix: str):
    return Document(str(built / contractor / f"{contractor}-{suffix}.docx"))


def text_of(document) -> str:
    from docx.text.paragraph import Paragraph

    return "\n".join(Paragraph(p, document.part).text for p in document.element.body.iter(qn("w:p")))


# --- the pre/post test ------------------------------------------------------------------------


@pytest.mark.parametrize("contractor", WORKSPACES)
def test_the_test_holds_10_to_25_test_items_and_no_check_slides_question(plans, contractor: str) -> None:
    plan = plans[contractor]
    assert 10 <= len(plan.test) <= 25
    slides = {c.item.question for c in plan.checks}
    assert [c.item.question for c in plan.test if c.item.question in slides] == []
    catalog = {item.question for o in plan.objectives for item in o.test_items}
    assert {c.item.question for c in plan.test} <= catalog
    assert [c.number for c in plan.test] == list(range(1, len(plan.test) + 1))


@pytest.mark.parametrize("contractor", WORKSPACES)
def test_the_test_is_balanced_across_objectives_and_answer_letters(plans, contractor: str) -> None:
    plan = plans[contractor]
    per_objective = Counter(c.objective.id for c in plan.test)
    counts = [per_objective.get(o.id, 0) for o in plan.objectives]
    assert max(counts) - min(counts) <= 1
    letters = Counter(c.answer_letter for c in plan.test)
    assert max(letters.values()) - min(letters.values()) <= 1  # three-choice items: A, B and C evenly


def test_the_test_follows_the_contractors_test_length(roots, tmp_path: Path) -> None:
    import shutil

    workspace = tmp_path / "ws"
    shutil.copytree(roots["init"], workspace)
    profile = workspace / "contractors" / f"{NEW_TRAINER}.yaml"
    text = profile.read_text(encoding="utf-8")
    assert "\ntest_length:  #" in text  # the skeleton names the option, empty
    profile.write_text(text.replace("\ntest_length:  #", "\ntest_length: 12  #"), encoding="utf-8")
    inputs = load_inputs(Workspace.at(workspace))
    plan = inputs.preparation(inputs.contractor(NEW_TRAINER)).prepared.plan
    assert len(plan.test) == 12
    per_objective = Counter(c.objective.id for c in plan.test)
    assert len(per_objective) == 12 and set(per_objective.values()) == {1}  # 12 of 14 objectives, one each


def test_test_file_and_key_carry_the_plans_items_and_letters(built: Path, plans) -> None:
    plan = plans[NEW_TRAINER]
    test = text_of(opened(built, NEW_TRAINER, "knowledge-test"))
    key = text_of(opened(built, NEW_TRAINER, "knowledge-test-answer-key"))
    for check in plan.test:
        assert f"{check.number}.\t{check.item.question}" in test
        assert wording.answer_line(check) in key
    assert [c.item.rationale for c in plan.test if c.item.rationale and c.item.rationale in test] == []


# --- the scoring sheet ----------------------------------------------------------------------


def scoring_path(built: Path, contractor: str) -> Path:
    return built / contractor / f"{contractor}-test-scoring-sheet.xlsx"


def test_the_scoring_sheet_has_the_answer_key_and_formulas(built: Path, plans) -> None:
    from openpyxl import load_workbook

    plan = plans[NEW_TRAINER]
    book = load_workbook(scoring_path(built, NEW_TRAINER))
    assert book.sheetnames == [kit.SCORES_SHEET, kit.PRE_SHEET, kit.POST_SHEET, kit.ITEMS_SHEET]
    pre = book[kit.PRE_SHEET]
    key = [pre.cell(5, column).value for column in range(2, len(plan.test) + 2)]
    assert key == [c.answer_letter for c in plan.test]
    assert pre.cell(6, len(plan.test) + 2).value.startswith("=IF(COUNTA(")
    scores = book[kit.SCORES_SHEET]
    assert [scores.cell(4, c).value for c in range(1, 5)] == list(kit.SCORE_HEADERS)
    assert scores["D5"].value == '=IF(OR(B5="",C5=""),"",C5-B5)'
    items = book[kit.ITEMS_SHEET]
    assert [items.cell(5 + i, 1).value for i in range(len(plan.test))] == [c.number for c in plan.test]


@pytest.mark.libreoffice
def test_libreoffice_computes_scores_gains_and_items_right(built: Path, plans, soffice: str, tmp_path: Path) -> None:
    """Two participants typed in; LibreOffice recalculates and saves the values a trainer would see."""
    from openpyxl import load_workbook

    plan = plans[NEW_TRAINER]
    count = len(plan.test)
    right = [c.answer_letter for c in plan.test]
    wrong = ["A" if letter != "A" else "B" for letter in right]
    book = load_workbook(scoring_path(built, NEW_TRAINER))
    pre, post = book[kit.PRE_SHEET], book[kit.POST_SHEET]
    pre["A6"], pre["A7"] = "Ana", "Ben"
    for column in range(2, count + 2):
        index = column - 2
        pre.cell(6, column, wrong[index] if index < 4 else right[index].lower())  # 4 wrong, lower case counts
        pre.cell(7, column, wrong[index])
        post.cell(6, column, right[index])
        post.cell(7, column, right[index] if index < 3 else wrong[index])
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    computed = load_workbook(convert_with_libreoffice(soffice, filled, "xlsx", tmp_path / "out"), data_only=True)
    scores = computed[kit.SCORES_SHEET]
    assert [[scores.cell(row, c).value for c in range(1, 5)] for row in (5, 6)] == [
        ["Ana", count - 4, count, 4],
        ["Ben", 0, 3, 3],
    ]
    assert scores.cell(7, 1).value in (None, "")  # an empty row stays empty
    items = computed[kit.ITEMS_SHEET]
    assert [items.cell(5, c).value for c in range(4, 7)] == [0, 2, 2]  # question 1: nobody, then both
    assert [items.cell(5 + count - 1, c).value for c in range(4, 7)] == [1, 1, 0]


# --- the forms ----------------------------------------------------------------------------------


def test_the_sign_in_sheet_has_title_trainers_branding_and_columns(built: Path, plans) -> None:
    plan = plans["sierra-probation-training"]
    document = opened(built, plan.contractor.id, "sign-in-sheet")
    text = text_of(document)
    assert plan.contractor.title in text and plan.contractor.organization in text
    assert all(trainer in text for trainer in plan.contractor.trainers) and plan.contractor.trainers
    assert f"{kit.LOCATION_LINE}:\t" in text
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == list(kit.SIGN_IN_HEADERS)
    assert [r.cells[0].text for r in table.rows[1:]] == [str(n) for n in range(1, 18)]
    fill = table.rows[0].cells[1]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
    assert f"#{fill}".upper() == plan.contractor.branding.primary_color.upper()
    assert len(document.inline_shapes) == 1  # the contractor's logo


def test_the_evaluation_asks_each_objective_the_session_and_open_questions(built: Path, plans) -> None:
    plan = plans[NEW_TRAINER]
    document = opened(built, NEW_TRAINER, "evaluation")
    objectives, session = document.tables[:2]
    assert [c.text for c in objectives.rows[0].cells] == [kit.STATEMENT_HEADER, *kit.LIKERT]
    assert [r.cells[0].text for r in objectives.rows[1:]] == [can_do(o.statement, kit) for o in plan.objectives]
    assert [r.cells[0].text for r in session.rows[1:]] == list(kit.SESSION_STATEMENTS)
    assert {c.text for r in session.rows[1:] for c in r.cells[1:]} == {wording.CHECKBOX}
    text = text_of(document)
    assert all(q in text for q in kit.OPEN_QUESTIONS) and all(p in text for p in kit.PACE_CHOICES)


def test_the_certificate_names_hours_date_objectives_standard_and_signature(built: Path, plans) -> None:
    plan = plans[NEW_TRAINER]
    document = opened(built, NEW_TRAINER, "certificate")
    text = text_of(document)
    teaching = sum(a.minutes for a in plan.agenda if a.kind != "break")
    for line in (
        kit.CERTIFICATE_NAME,
        kit.PARTICIPANT_LINE,
        kit.TRAINER_SIGNATURE,
        kit.DATE_LINE,
        kit.text("hours_line", hours=hours_text(teaching, kit), organization=plan.contractor.organization),
        kit.text("standard_line", standard=plan.config.standard.name, version=plan.config.standard.version),
        plan.contractor.title,
    ):
        assert line in text
    assert all(f"({o.id} v{o.version})" in text for o in plan.objectives)
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape


def test_hours_are_counted_down_to_the_quarter() -> None:
    assert [hours_text(m, kit) for m in (345, 350, 360, 59)] == ["5.75", "5.75", "6", "0.75"]
    assert hours_text(345, for_language("es")) in ("5,75", "5.75")  # as the locale writes decimals


# --- participant and trainer material ------------------------------------------------------------


@pytest.mark.parametrize("contractor", WORKSPACES)
def test_the_handout_holds_no_trainer_instruction_cards_or_answers(built: Path, plans, contractor: str) -> None:
    plan = plans[contractor]
    text = text_of(opened(built, contractor, "participant-handout"))
    cards = [d for o in plan.objectives for a in o.activities for d in a.documents if d.print_as != "handout"]
    assert cards  # every sample teaches at least one activity with cards or signs
    assert [d.title for d in cards if d.title in text] == []
    for instruction in ("cut the cards", "Cut along", "Cut into", "Print each", "participants will meet"):
        assert instruction.lower() not in text.lower()
    assert [p for o in plan.objectives for p in o.key_points if p in text] == []
    assert [c.item.answer for c in plan.test if c.item.answer in text] == []
    assert all(can_do(o.statement, plan.words) in text for o in plan.objectives)


def test_the_print_pack_holds_each_card_set_with_how_to_prepare_it(built: Path, plans) -> None:
    plan = plans[NEW_TRAINER]
    document = opened(built, NEW_TRAINER, "print-pack")
    text = text_of(document)
    cards = [(a, d) for o in plan.objectives for a in o.activities for d in a.documents if d.print_as != "handout"]
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert titles == [d.title for _, d in cards]
    assert all(p.paragraph_format.page_break_before for p in document.paragraphs if p.style.name == "Heading 1")
    assert kit.PREPARE["cards"] in text and kit.PREPARE["signs"] in text
    assert "WIC §300(b)(2)" in text and "**" not in text  # the statute cards, Markdown rendered
    trainer_only = [
        d.title for o in plan.objectives for a in o.activities for d in a.documents if d.given_to == "trainer"
    ]
    assert trainer_only and [t for t in trainer_only if t in text] == []


def test_the_guide_says_when_each_piece_is_handed_out(built: Path, roots, tmp_path: Path) -> None:
    run_cli("build", "-w", roots["init"], "--out", tmp_path, "--format", "md")
    guide = (tmp_path / NEW_TRAINER / f"{NEW_TRAINER}-facilitator-guide.md").read_text(encoding="utf-8")
    steps = [f"{n}. {step}" for n, step in enumerate(kit.HAND_OUT, start=1)]
    assert f"### {kit.HAND_OUT_TITLE}" in guide and all(step in guide for step in steps)
    assert "the participant handout" in kit.HAND_OUT[2] and "pre-test" in kit.HAND_OUT[2]


# --- a real client -----------------------------------------------------------------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("suffix", "pages"),
    [("sign-in-sheet", 1), ("certificate", 1), ("evaluation", None), ("print-pack", None), ("knowledge-test", None)],
)
def test_libreoffice_opens_each_form(built: Path, soffice: str, tmp_path: Path, suffix: str, pages: int | None) -> None:
    source = built / NEW_TRAINER / f"{NEW_TRAINER}-{suffix}.docx"
    pdf = convert_with_libreoffice(soffice, source, "pdf", tmp_path)
    found = pdf_page_count(pdf)
    assert found == pages if pages is not None else found >= 1
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    title = next(p.text for p in Document(str(source)).paragraphs if p.style.name == "Title")
    assert title in text


# --- validate -------------------------------------------------------------------------------------


def test_validate_refuses_a_test_item_that_repeats_a_check_question_at_its_line(cli, tmp_path: Path) -> None:
    objective = small_objective()
    objective["test_items"][1]["question"] = "Is this a question ?"  # the check's, in other spacing
    workspace = small_workspace(tmp_path / "ws", [objective])
    run = cli("validate", "-w", workspace)
    assert run.exit_code == 1
    path = workspace / "objectives" / "KIT-01.yaml"
    text = path.read_text(encoding="utf-8")
    line = line_of(text, "question: Is this a question ?")
    col = text.splitlines()[line - 1].index("Is this") + 1
    message = "test item repeats knowledge check 1's question: ask what the slides did not"
    assert f"objectives/KIT-01.yaml:{line}:{col}: error: {message}" in run.stdout.replace("\\", "/")


def test_validate_warns_when_a_required_objective_has_fewer_than_two_test_items(cli, tmp_path: Path) -> None:
    objective = small_objective()
    objective["test_items"] = objective["test_items"][:1]
    workspace = small_workspace(tmp_path / "ws", [objective])
    run = cli("validate", "-w", workspace)
    assert run.exit_code == 0
    assert "warning: 1 test item(s): a required objective needs at least 2 for the pre/post test" in run.stdout


def test_near_repeats_are_caught_and_different_questions_are_not() -> None:
    check = "Which law created California's state Commercially Sexually Exploited Children Program?"
    assert near_repeat(check, "Which law created California's state Commercially Sexually Exploited Children program")
    assert not near_repeat(check, "A new resource parent asks why her county offers CSEC training to caregivers.")


def test_only_participant_documents_can_be_cards() -> None:
    with pytest.raises(ValueError, match="print_as: cards is for documents given to participants"):
        DocumentModel(title="Key", given_to="trainer", body="text", print_as="cards")


def test_a_short_test_spreads_its_items_over_the_teaching_order() -> None:
    objectives = [SimpleNamespace(test_items=[f"{k} first", f"{k} second"]) for k in range(6)]
    assert [i for _, i in choose_test_items(objectives, 3)] == ["0 first", "2 first", "4 first"]  # type: ignore[arg-type]
    longer = [i for _, i in choose_test_items(objectives, 8)]  # type: ignore[arg-type]
    assert longer == ["0 first", "0 second", "1 first", "2 first", "3 first", "3 second", "4 first", "5 first"]
