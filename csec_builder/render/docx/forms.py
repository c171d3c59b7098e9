"""The forms a training day needs, as Word files: the sign-in sheet, the evaluation and the certificate.

Each starts from the contractor's Word reference document, like the guide, handout and test, so its
styles, logo and brand colour match the rest of the kit. Every fixed word comes from the contractor's
language catalog (`plan.words`, see csec_builder/wording/).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...plan import Plan
from ...wording import CHECKBOX, SOURCE_LANGUAGE, Wording, for_language
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
from .tables import add_row, brand_header_row, finish_table, new_table, row_cells
from .xml import paragraph_format

SIGN_IN_ROWS = 17  # with the cover, a dated line and the header: one page
SIGN_IN_WIDTHS = (0.4, 2.0, 1.1, 1.3, 1.7)
SIGN_IN_ROW_HEIGHT_IN = 0.36
STATEMENT_WIDTH_IN, LIKERT_WIDTH_IN = 2.5, 0.8
STATEMENT_SIZE_PT = 9
LIKERT_HEADER_PT = 7.5  # 'Strongly', 'disagree', 'desacuerdo' stay whole in a narrow column
OPEN_LINES = 4


def _start(plan: Plan, look: DocxLook, kind: str) -> Any:
    document = open_reference(look.reference)
    apply_brand(document, look.brand)
    add_cover(document, look, plan.contractor.title, plan.words.document_subtitle(kind, plan.contractor))
    return document


def _end(document: Any, plan: Plan, kind: str) -> bytes:
    contractor, words = plan.contractor, plan.words
    set_footer(document, words.docx_footer(kind, contractor))
    return finish(document, words.document_title(kind, contractor), contractor.organization, words.LANGUAGE)


def fill_in_line(document: Any, labels: Sequence[str], space_before: float = 10) -> Any:
    """'Label: ______  Label: ______' across the text width, the blanks drawn as underlined tab leaders."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Pt

    paragraph = add_paragraph(document, "  ".join(f"{label}:\t" for label in labels))
    layout = paragraph_format(paragraph)
    layout.space_before = Pt(space_before)
    width = text_width(document)
    for index in range(1, len(labels) + 1):
        layout.add_tab_stop(width * index // len(labels), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
    return paragraph


def ruled_lines(document: Any, count: int) -> None:
    """Blank lines to write on, ending at the right margin."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Pt

    for line in range(count):
        layout = paragraph_format(add_paragraph(document, "\t"))
        layout.space_before = Pt(12)
        layout.space_after = 0
        layout.keep_with_next = line < count - 1
        layout.add_tab_stop(text_width(document), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)


def _header_table(document: Any, headers: Sequence[str], widths: Sequence[float], brand: str) -> Any:
    table = new_table(document, widths)
    for cell, text in zip(row_cells(table.rows[0]), headers, strict=True):
        add_run(cell.paragraphs[0], text)
    brand_header_row(table.rows[0], brand)
    return table


# --- sign-in sheet ----------------------------------------------------------------------------


def render_sign_in(plan: Plan, look: DocxLook) -> bytes:
    """Title, date and location lines, trainers, then numbered rows: name, county, role, signature."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Inches, Pt

    words = plan.words
    document = _start(plan, look, words.SIGN_IN_NAME)
    if plan.contractor.session.date:  # the day is known: print it, and leave the place to fill in
        paragraph = add_paragraph(document, f"{_date_caption(plan)}  ")
        paragraph_format(paragraph).space_before = Pt(10)
        fill_in_line(document, (words.LOCATION_LINE,), space_before=2)
    else:
        fill_in_line(document, (words.DATE_LINE, words.LOCATION_LINE))
    if plan.contractor.trainers:
        paragraph = add_paragraph(document)
        add_run(paragraph, f"{words.TRAINERS_LABEL}: ", bold=True)
        add_run(paragraph, ", ".join(plan.contractor.trainers))
    add_paragraph(document, words.SIGN_IN_NOTE, "Caption")
    table = _header_table(document, words.SIGN_IN_HEADERS, SIGN_IN_WIDTHS, look.brand)
    for number in range(1, SIGN_IN_ROWS + 1):
        row = add_row(table, SIGN_IN_WIDTHS)
        row.height = Inches(SIGN_IN_ROW_HEIGHT_IN)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        add_run(row_cells(row)[0].paragraphs[0], str(number))
    finish_table(document, table)
    return _end(document, plan, words.SIGN_IN_NAME)


# --- evaluation ---------------------------------------------------------------------------------


def render_evaluation(plan: Plan, look: DocxLook) -> bytes:
    """Likert items on each objective and on the session, the pace, then open questions with lines."""
    words = plan.words
    document = _start(plan, look, words.EVALUATION_NAME)
    add_paragraph(document, words.EVALUATION_INTRO)
    add_heading(document, words.OBJECTIVES_MET_TITLE, 1)
    add_paragraph(document, words.OBJECTIVES_MET_LEAD)
    _likert(document, [can_do(o.statement, words) for o in plan.objectives], look.brand, words)
    add_heading(document, words.SESSION_TITLE, 1)
    _likert(document, list(words.SESSION_STATEMENTS), look.brand, words)
    paragraph = add_paragraph(document)
    add_run(paragraph, f"{words.PACE_TITLE}:   ", bold=True)
    add_run(paragraph, "     ".join(f"{CHECKBOX} {choice}" for choice in words.PACE_CHOICES))
    add_heading(document, words.OPEN_TITLE, 1)
    for question in words.OPEN_QUESTIONS:
        paragraph_format(add_paragraph(document, question)).keep_with_next = True
        ruled_lines(document, OPEN_LINES)
    return _end(document, plan, words.EVALUATION_NAME)


def _likert(document: Any, statements: Sequence[str], brand: str, words: Wording) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    widths = (STATEMENT_WIDTH_IN, *(LIKERT_WIDTH_IN,) * len(words.LIKERT))
    table = _header_table(document, (words.STATEMENT_HEADER, *words.LIKERT), widths, brand)
    for statement in statements:
        cells = row_cells(add_row(table, widths))
        add_run(cells[0].paragraphs[0], statement).font.size = Pt(STATEMENT_SIZE_PT)
        for cell in cells[1:]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_run(cell.paragraphs[0], CHECKBOX)
    for cell in row_cells(table.rows[0])[1:]:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].runs[0].font.size = Pt(LIKERT_HEADER_PT)
    finish_table(document, table)


def can_do(statement: str, words: Wording) -> str:
    """A statement as a participant reads it: without 'Participants will be able to', capitalised.

    The lead is looked for in the session's language and in the catalog's source language, since an
    objective without a translation is taught as written (fallback_language).
    """
    text = statement.strip()
    for lead in (words.text("statement_lead"), for_language(SOURCE_LANGUAGE).text("statement_lead")):
        start = lead.casefold() + " "
        if text.casefold().startswith(start) and len(text) > len(start):
            return text[len(start)].upper() + text[len(start) + 1 :]
    return text


# --- certificate ---------------------------------------------------------------------------------


def render_certificate(plan: Plan, look: DocxLook) -> bytes:
    """One landscape page: the name line, the training, its hours and date, what it taught, a signature."""
    contractor, words = plan.contractor, plan.words
    document = open_reference(look.reference)
    _landscape(document)
    apply_brand(document, look.brand)
    add_cover(document, look, words.CERTIFICATE_NAME, contractor.organization)
    _centre_cover(document)
    _centred(document, words.CERTIFIES, space_before=12)
    _signature_line(document, words.PARTICIPANT_LINE, space_before=30)
    _centred(document, words.COMPLETED, space_before=12)
    _centred(document, contractor.title, style="Heading 1")
    teaching = sum(item.minutes for item in plan.agenda if item.kind != "break")
    hours = hours_text(teaching, words)
    _centred(document, words.text("hours_line", hours=hours, organization=contractor.organization))
    standard = plan.config.standard
    _centred(document, words.text("standard_line", standard=standard.name, version=standard.version))
    taught = " · ".join(f"{o.title} ({o.id} v{o.version})" for o in plan.objectives)
    _centred(document, f"{words.OBJECTIVES_TAUGHT}: {taught}", style="Caption", space_before=8)
    _signature_line(document, f"{words.TRAINER_SIGNATURE}\t{_date_caption(plan)}", space_before=30, two=True)
    if contractor.trainers:
        _centred(document, ", ".join(contractor.trainers), style="Caption")
    return _end(document, plan, words.CERTIFICATE_NAME)


def hours_text(minutes: int, words: Wording) -> str:
    """Training hours, counted down to the quarter hour, as the language writes numbers: '5.75', '5,75'."""
    from babel.numbers import format_decimal

    return format_decimal(minutes // 15 / 4, format="#,##0.##", locale=words.locale)


def _date_caption(plan: Plan) -> str:
    """The date under its line: the session's date when the profile gives one, else a line to write it on."""
    day = plan.contractor.session.day if plan.contractor.session.date else None
    return f"{plan.words.DATE_LINE}: {plan.words.date(day)}" if day else plan.words.DATE_LINE


def _centre_cover(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for paragraph in document.paragraphs:  # the cover is all the body holds so far
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _landscape(document: Any) -> None:
    from docx.enum.section import WD_ORIENT

    section = document.sections[0]
    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def _centred(document: Any, text: str, style: str | None = None, space_before: float | None = None) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = add_paragraph(document, text, style)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if space_before is not None:
        paragraph_format(paragraph).space_before = Pt(space_before)
    return paragraph


def _signature_line(document: Any, caption: str, space_before: float, two: bool = False) -> None:
    """A line to write on (two side by side when `two`), its caption centred beneath."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Pt

    width = text_width(document)
    line = add_paragraph(document, "\t\t\t\t" if two else "\t\t")
    layout = paragraph_format(line)
    layout.space_before = Pt(space_before)
    layout.space_after = 0
    stops = (width // 10, width * 5 // 10, width * 6 // 10, width * 9 // 10) if two else (width // 5, width * 4 // 5)
    for index, stop in enumerate(stops):
        leader = WD_TAB_LEADER.LINES if index % 2 else WD_TAB_LEADER.SPACES
        layout.add_tab_stop(stop, WD_TAB_ALIGNMENT.LEFT, leader)
    label = add_paragraph(document, f"\t{caption}", "Caption")
    label_layout = paragraph_format(label)
    centres = (width * 3 // 10, width * 75 // 100) if two else (width // 2,)
    for centre in centres:
        label_layout.add_tab_stop(centre, WD_TAB_ALIGNMENT.CENTER)
