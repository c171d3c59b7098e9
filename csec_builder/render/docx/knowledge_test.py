"""The knowledge test (pre and post) and its answer key, from the plan's numbered test items.

Both read `plan.test`: the objectives' test items, never the deck's check slides, so the post-test does
not ask what a slide has just revealed. Question 7's choice B is the same choice in the test, the key
and the scoring sheet. The test holds no answer and no rationale.
"""

from __future__ import annotations

from typing import Any

from ...models import PlannedCheck
from ...plan import Plan
from ...wording import CHECKBOX, LETTERS, Wording
from .blocks import add_labelled
from .document import (
    DocxLook,
    add_cover,
    add_heading,
    add_paragraph,
    add_run,
    apply_brand,
    finish,
    open_reference,
    set_footer,
    text_width,
)
from .tables import add_table
from .xml import paragraph_format

QUESTION_INDENT_IN = 0.35
CHOICE_INDENT_IN = 0.7
NAME_LINE_END_IN = 4.2
MARKING_PAIRS = 3
MARKING_WIDTHS = (1.1, 1.05)  # inches, per pair: three pairs fill the 6.5 in between the margins


def render_knowledge_test(plan: Plan, look: DocxLook) -> bytes:
    """The test participants fill in before and after the session: questions and lettered choices only."""
    contractor, wording = plan.contractor, plan.words
    document = open_reference(look.reference)
    apply_brand(document, look.brand)
    add_cover(document, look, wording.TEST_NAME, f"{contractor.title} · {contractor.organization}")
    _name_and_date(document, wording)
    _pre_or_post(document, wording)
    add_paragraph(document, wording.TEST_INSTRUCTIONS)
    for check in plan.test:
        add_question(document, check)
        add_choices(document, check)  # test items are always multiple choice
    set_footer(document, wording.docx_footer(wording.TEST_NAME, contractor))
    title = wording.document_title(wording.TEST_NAME, contractor)
    return finish(document, title, contractor.organization, wording.LANGUAGE)


def render_answer_key(plan: Plan, look: DocxLook) -> bytes:
    """For the trainer: every item's number, question, correct letter and answer, and rationale."""
    contractor, wording = plan.contractor, plan.words
    document = open_reference(look.reference)
    apply_brand(document, look.brand)
    add_cover(document, look, wording.ANSWER_KEY_NAME, f"{contractor.title} · {contractor.organization}")
    add_paragraph(document, wording.ANSWER_KEY_INTRO)
    add_heading(document, wording.MARKING_TITLE, 1)
    _marking_grid(document, plan, look.brand)
    add_heading(document, wording.RATIONALES_TITLE, 1)
    for check in plan.test:
        add_question(document, check)
        add_answer(document, check, wording)
        _indent(add_paragraph(document, f"{check.objective.id}: {check.objective.title}", "Caption"))
    set_footer(document, wording.docx_footer(wording.ANSWER_KEY_NAME, contractor))
    title = wording.document_title(wording.ANSWER_KEY_NAME, contractor)
    return finish(document, title, contractor.organization, wording.LANGUAGE)


def _marking_grid(document: Any, plan: Plan, brand: str) -> None:
    """Question and letter pairs, several pairs side by side, numbers running down each pair of columns."""
    pairs, wording = MARKING_PAIRS, plan.words
    depth = -(-len(plan.test) // pairs)
    answers = [(str(c.number), c.answer_letter or wording.WRITTEN_ANSWER) for c in plan.test]
    answers += [("", "")] * (depth * pairs - len(answers))
    rows = [[text for pair in range(pairs) for text in answers[pair * depth + row]] for row in range(depth)]
    add_table(document, wording.MARKING_HEADERS * pairs, rows, MARKING_WIDTHS * pairs, brand)


def _name_and_date(document: Any, wording: Wording) -> None:
    """'Name: ______ Date: ______' drawn with underlined tab leaders, which stay lines when edited."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Inches, Pt

    paragraph = add_paragraph(document, f"{wording.NAME_LABEL}:\t  {wording.DATE_LABEL}:\t")
    layout = paragraph_format(paragraph)
    layout.space_before = Pt(12)
    layout.add_tab_stop(Inches(NAME_LINE_END_IN), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.LINES)
    layout.add_tab_stop(text_width(document), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)


def _pre_or_post(document: Any, wording: Wording) -> None:
    from docx.shared import Pt

    box = CHECKBOX
    paragraph = add_paragraph(document, f"{box} {wording.PRE_TEST}        {box} {wording.POST_TEST}")
    layout = paragraph_format(paragraph)
    layout.space_before = Pt(6)
    layout.space_after = Pt(12)


def add_question(document: Any, check: PlannedCheck) -> None:
    """'7.<tab>Question', hanging, kept on the page with its choices."""
    from docx.shared import Inches, Pt

    paragraph = add_paragraph(document)
    add_run(paragraph, f"{Wording.question_label(check.number)}\t", bold=True)
    add_run(paragraph, check.item.question, bold=True)
    layout = paragraph_format(paragraph)
    layout.left_indent = Inches(QUESTION_INDENT_IN)
    layout.first_line_indent = Inches(-QUESTION_INDENT_IN)
    layout.add_tab_stop(Inches(QUESTION_INDENT_IN))
    layout.space_before = Pt(10)
    layout.space_after = Pt(3)
    layout.keep_with_next = True
    layout.keep_together = True


def add_choices(document: Any, check: PlannedCheck) -> None:
    from docx.shared import Inches, Pt

    for index, choice in enumerate(check.choices):
        paragraph = add_paragraph(document, f"{LETTERS[index]}.\t{choice}")
        layout = paragraph_format(paragraph)
        layout.left_indent = Inches(CHOICE_INDENT_IN)
        layout.first_line_indent = Inches(QUESTION_INDENT_IN - CHOICE_INDENT_IN)  # the letter hangs
        layout.add_tab_stop(Inches(CHOICE_INDENT_IN))
        layout.space_after = Pt(2)
        layout.keep_together = True
        layout.keep_with_next = index < len(check.choices) - 1


def add_answer(document: Any, check: PlannedCheck, wording: Wording) -> None:
    """The correct letter and answer in bold, then the rationale: for the trainer's eyes only."""
    answer = add_paragraph(document)
    add_run(answer, wording.answer_line(check), bold=True)
    _indent(answer)
    if check.item.rationale:
        _indent(add_labelled(document, wording.RATIONALE_LABEL, check.item.rationale))


def _indent(paragraph: Any) -> Any:
    from docx.shared import Inches

    paragraph_format(paragraph).left_indent = Inches(QUESTION_INDENT_IN)
    return paragraph
