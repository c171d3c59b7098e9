"""The Word renderers' shortcuts write exactly what python-docx's own calls write."""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Inches, Pt
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from csec_builder.render.docx import document as docx_document
from csec_builder.render.docx import tables as docx_tables
from csec_builder.render.docx.xml import (
    append_run,
    format_run,
    keep_row_on_one_page,
    paragraph_format,
    repeat_as_header,
)

from .helpers import REPO

REFERENCE = REPO / "templates" / "docx" / "reference.docx"
# Text as a material or a check can carry it: tabs, line ends, edge spaces, markup-like and non-ASCII text.
TEXT = st.text(alphabet=st.sampled_from(list("ab <&>\n\r\t €é")), max_size=30)
STYLES = st.sampled_from([None, "Heading 2", "List Bullet", "Caption"])


def _body_xml(document: Any) -> bytes:
    return etree.tostring(document.element.body)


@settings(max_examples=150, deadline=None)
@given(TEXT, STYLES, TEXT, st.booleans())
def test_paragraphs_and_runs_are_python_docx_s(text: str, style: str | None, more: str, bold: bool) -> None:
    ours, theirs = docx_document.open_reference(REFERENCE), docx_document.open_reference(REFERENCE)
    docx_document.add_run(docx_document.add_paragraph(ours, text, style), more, bold=bold)
    paragraph = theirs.add_paragraph(text, style)
    run = paragraph.add_run(more)
    if bold:
        run.bold = True
    assert _body_xml(ours) == _body_xml(theirs)


@settings(max_examples=60, deadline=None)
@given(TEXT, st.booleans(), st.booleans(), st.booleans())
def test_run_formats_are_python_docx_s(text: str, bold: bool, italic: bool, code: bool) -> None:
    ours, theirs = docx_document.open_reference(REFERENCE), docx_document.open_reference(REFERENCE)
    format_run(append_run(docx_document.add_paragraph(ours)._p, text), bold, italic, "Courier New" if code else None)
    run = theirs.add_paragraph().add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if code:
        run.font.name = "Courier New"
    assert _body_xml(ours) == _body_xml(theirs)


def _lay_out(layout: Any, tabs: Any, last: bool) -> None:
    """The settings add_question, add_choices and _write_in make, in their order."""
    layout.left_indent = Inches(0.7)
    layout.first_line_indent = Inches(-0.35) if last else Inches(0.2)
    tabs.add_tab_stop(Inches(0.7))
    layout.space_before = Pt(10)
    layout.space_after = 0
    layout.keep_with_next = not last
    layout.keep_together = True
    layout.page_break_before = last


def test_paragraph_layout_is_python_docx_s() -> None:
    ours, theirs = docx_document.open_reference(REFERENCE), docx_document.open_reference(REFERENCE)
    for last in (False, True):
        layout = paragraph_format(docx_document.add_paragraph(ours, "x", "List Bullet"))
        _lay_out(layout, layout, last)
        theirs_layout = theirs.add_paragraph("x", "List Bullet").paragraph_format
        _lay_out(theirs_layout, theirs_layout.tab_stops, last)
    right = docx_document.text_width(ours)
    paragraph_format(docx_document.add_paragraph(ours)).add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
    theirs.add_paragraph().paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
    assert b"w:hanging" in _body_xml(ours)
    assert _body_xml(ours) == _body_xml(theirs)


def test_table_rows_are_python_docx_s() -> None:
    """add_row's copied rows are the rows python-docx's add_row, cantSplit and cell widths make."""
    widths = (1.0, 2.5, 3.0)
    ours, theirs = docx_document.open_reference(REFERENCE), docx_document.open_reference(REFERENCE)
    ours_table = docx_tables.new_table(ours, widths)
    for _ in range(3):
        docx_tables.add_row(ours_table, widths)
    theirs_table = theirs.add_table(rows=1, cols=3)
    theirs_table.style = theirs.styles["Table Grid"]
    theirs_table.autofit = False
    for column, width in zip(theirs_table.columns, widths, strict=True):
        column.width = Inches(width)
        for cell in column.cells:
            cell.width = Inches(width)
    repeat_as_header(theirs_table.rows[0])
    for _ in range(3):
        row = theirs_table.add_row()
        keep_row_on_one_page(row)
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Inches(width)
    assert len(ours_table.rows) == 4
    assert _body_xml(ours) == _body_xml(theirs)
