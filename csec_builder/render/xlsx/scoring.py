"""The scoring sheet of the pre/post knowledge test: a workbook that computes itself.

A spreadsheet rather than a Word table because the trainer types only the letters participants circled;
scores, gains and how many got each question right are formulas, so nobody adds up by hand. Sheets:
Scores (per participant: pre, post, gain), Pre-test and Post-test (the letters, under the answer key's
row), Items (per question: right on each sitting, and the change). Saved bytes are reproducible: fixed
document dates and a normalised zip, as for the Word outputs.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ...plan import Plan, PlannedCheck
from ..common.reproducible import fixed_datetime, normalize_zip

PARTICIPANT_ROWS = 40
"""Rows for participants on every sheet: a full training room."""
HEADER_ROW = 4
KEY_ROW = HEADER_ROW + 1  # on the answer sheets: the correct letters
FIRST_ANSWER_ROW = KEY_ROW + 1
FIRST_SCORE_ROW = HEADER_ROW + 1  # on the Scores sheet
NAME_WIDTH, NARROW_WIDTH, WIDE_WIDTH = 28, 5.5, 16


def render_scoring_sheet(plan: Plan, brand: str) -> bytes:
    """The workbook's bytes: identical for identical plans."""
    from openpyxl import Workbook

    words = plan.words
    workbook = Workbook()
    scores = workbook.active
    scores.title = words.SCORES_SHEET
    items = list(plan.test)
    _answer_sheet(workbook.create_sheet(words.PRE_SHEET), plan, items, brand, names_from=None)
    _answer_sheet(workbook.create_sheet(words.POST_SHEET), plan, items, brand, names_from=words.PRE_SHEET)
    _scores(scores, plan, len(items), brand)
    _items(workbook.create_sheet(words.ITEMS_SHEET), plan, items, brand)
    return _save(workbook, plan)


def _title(sheet: Any, plan: Plan, text: str) -> None:
    from openpyxl.styles import Font

    sheet["A1"] = f"{plan.words.SCORING_NAME} · {plan.contractor.title}"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = text
    # Printed, every sheet is one page wide, in landscape: a trainer may file a printed copy.
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def _header(sheet: Any, values: list[str], brand: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    from ..common.color import contrast_text

    fill = PatternFill("solid", fgColor=brand.lstrip("#").upper())
    font = Font(bold=True, color=contrast_text(brand).lstrip("#").upper())
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(HEADER_ROW, column, value)
        cell.fill, cell.font = fill, font
        cell.alignment = Alignment(horizontal="center", wrap_text=True)


def _answer_sheet(sheet: Any, plan: Plan, items: list[PlannedCheck], brand: str, names_from: str | None) -> None:
    """Names, one column per question, the answer key's row, then the letters typed in; a score per row."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    words = plan.words
    _title(sheet, plan, words.SCORING_INSTRUCTIONS if names_from is None else words.ANSWERS_INSTRUCTIONS)
    count = len(items)
    score_column = count + 2
    questions = [words.text("question_header", number=c.number) for c in items]
    _header(sheet, [words.PARTICIPANT_HEADER, *questions, words.text("score_out_of", items=count)], brand)
    sheet.cell(KEY_ROW, 1, words.ANSWER_ROW_LABEL).font = Font(bold=True)
    for column, check in enumerate(items, start=2):
        key = sheet.cell(KEY_ROW, column, check.answer_letter or "")
        key.font = Font(bold=True)
        key.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[get_column_letter(column)].width = NARROW_WIDTH
    first, last = get_column_letter(2), get_column_letter(count + 1)
    for row in range(FIRST_ANSWER_ROW, FIRST_ANSWER_ROW + PARTICIPANT_ROWS):
        if names_from is not None:
            source = f"'{names_from}'!A{row}"
            sheet.cell(row, 1, f'=IF({source}="","",{source})')
        answers = f"{first}{row}:{last}{row}"
        key_row = f"{first}${KEY_ROW}:{last}${KEY_ROW}"
        score = f'=IF(COUNTA({answers})=0,"",SUMPRODUCT(({answers}={key_row})*1))'
        sheet.cell(row, score_column, score).font = Font(bold=True)
        for column in range(2, count + 2):
            sheet.cell(row, column).alignment = Alignment(horizontal="center")
    sheet.column_dimensions["A"].width = NAME_WIDTH
    sheet.column_dimensions[get_column_letter(score_column)].width = WIDE_WIDTH
    sheet.freeze_panes = sheet.cell(FIRST_ANSWER_ROW, 2)


def _scores(sheet: Any, plan: Plan, count: int, brand: str) -> None:
    """Per participant: the pre-test and post-test scores from their sheets, and the gain."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    words = plan.words
    _title(sheet, plan, words.SCORING_INSTRUCTIONS)
    _header(sheet, list(words.SCORE_HEADERS), brand)
    score = get_column_letter(count + 2)
    last = FIRST_SCORE_ROW + PARTICIPANT_ROWS - 1
    for offset in range(PARTICIPANT_ROWS):
        row, source = FIRST_SCORE_ROW + offset, FIRST_ANSWER_ROW + offset
        name = f"'{words.PRE_SHEET}'!A{source}"
        sheet.cell(row, 1, f'=IF({name}="","",{name})')
        sheet.cell(row, 2, f"='{words.PRE_SHEET}'!{score}{source}")
        sheet.cell(row, 3, f"='{words.POST_SHEET}'!{score}{source}")
        sheet.cell(row, 4, f'=IF(OR(B{row}="",C{row}=""),"",C{row}-B{row})')
    average = last + 1
    sheet.cell(average, 1, words.AVERAGE_LABEL).font = Font(bold=True)
    for column in "BCD":
        cells = f"{column}{FIRST_SCORE_ROW}:{column}{last}"
        cell = sheet[f"{column}{average}"]
        cell.value = f'=IF(COUNT({cells})=0,"",ROUND(AVERAGE({cells}),1))'
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = NAME_WIDTH
    for column in "BCD":
        sheet.column_dimensions[column].width = WIDE_WIDTH
    sheet.freeze_panes = sheet.cell(FIRST_SCORE_ROW, 2)


def _items(sheet: Any, plan: Plan, items: list[PlannedCheck], brand: str) -> None:
    """Per question: its objective and answer, and how many got it right before and after."""
    from openpyxl.utils import get_column_letter

    words = plan.words
    _title(sheet, plan, words.text("score_out_of", items=len(items)))
    _header(sheet, list(words.ITEM_HEADERS), brand)
    first, last = FIRST_ANSWER_ROW, FIRST_ANSWER_ROW + PARTICIPANT_ROWS - 1
    for offset, check in enumerate(items):
        row, column = HEADER_ROW + 1 + offset, get_column_letter(offset + 2)
        sheet.cell(row, 1, check.number)
        sheet.cell(row, 2, f"{check.objective.id}: {check.objective.title}")
        sheet.cell(row, 3, check.answer_letter or "")
        for target, name in ((4, words.PRE_SHEET), (5, words.POST_SHEET)):
            answers = f"'{name}'!{column}{first}:{column}{last}"
            sheet.cell(row, target, f"=COUNTIF({answers},'{name}'!{column}{KEY_ROW})")
        sheet.cell(row, 6, f"=E{row}-D{row}")
    sheet.column_dimensions["B"].width = 60
    for column in "ACDEF":
        sheet.column_dimensions[column].width = WIDE_WIDTH if column != "A" else 10


def _save(workbook: Any, plan: Plan) -> bytes:
    """Save without openpyxl's `save`, which stamps the current time as the modified date."""
    from openpyxl.writer.excel import ExcelWriter

    from ... import __version__

    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = plan.contractor.organization
    properties.title = f"{plan.contractor.title}: {plan.words.SCORING_NAME.lower()}"
    properties.language = plan.words.LANGUAGE
    properties.description = f"csec-builder {__version__}"
    properties.created = properties.modified = fixed_datetime()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return normalize_zip(out.getvalue())
