"""Tables in a Word document: the reference's Table Grid, a branded header row that repeats, rows that never split.

Rows are copied from the first one python-docx builds for the same column widths (see `document._Cache`),
which is much faster than building each one again.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from ..common.color import contrast_text
from .document import add_paragraph, add_run, cache_of, table_style_id
from .xml import P, keep_row_on_one_page, paragraph_format, ppr_child, repeat_as_header, shade_cell

SOFT_FILL = "F3F5F7"  # the HTML guide's break rows


def new_table(document: Any, widths_in: Sequence[float]) -> Any:
    """An empty table in the reference's Table Grid style: a header row that repeats on every page."""
    from docx.shared import Inches

    table = add_grid_table(document, len(widths_in))
    table.autofit = False
    for column, cell, width in zip(table.columns, row_cells(table.rows[0]), widths_in, strict=True):
        column.width = Inches(width)  # LibreOffice reads the grid...
        cell.width = Inches(width)  # ...Word reads the cells
    repeat_as_header(table.rows[0])
    return table


def add_grid_table(document: Any, columns: int) -> Any:
    """One row of empty cells in the reference's Table Grid style: `document.add_table(1, columns, "Table Grid")`."""
    cache = cache_of(document.part)
    if cache.block_width is None:
        cache.block_width = document._block_width
    table = document._body.add_table(1, columns, cache.block_width)
    table._tbl.tblStyle_val = table_style_id(document, "Table Grid")
    return table


def add_row(table: Any, widths_in: Sequence[float]) -> Any:
    """A row that never splits, its cells as wide as the columns: a copy of the first one python-docx built."""
    from docx.table import _Row

    blanks = cache_of(table.part).blank_rows
    blank = blanks.get(tuple(widths_in))
    if blank is None:
        row = _build_row(table, widths_in)
        blanks[tuple(widths_in)] = copy.deepcopy(row._tr)
        return row
    tr = copy.deepcopy(blank)
    table._tbl.append(tr)
    return _Row(tr, table)


def _build_row(table: Any, widths_in: Sequence[float]) -> Any:
    from docx.shared import Inches

    row = table.add_row()
    keep_row_on_one_page(row)
    for cell, width in zip(row_cells(row), widths_in, strict=True):
        cell.width = Inches(width)
    return row


def row_cells(row: Any) -> list[Any]:
    """The row's cells: python-docx's `row.cells` without its search for merged cells (these tables have none)."""
    from docx.table import _Cell

    return [_Cell(tc, row.table) for tc in row._tr.tc_lst]


def brand_header_row(row: Any, brand: str) -> None:
    """Header cells filled with the brand colour, their text bold in white or near-black."""
    from docx.shared import RGBColor

    text = RGBColor.from_string(contrast_text(brand).upper())
    for cell in row_cells(row):
        shade_cell(cell, brand.lstrip("#").upper())
        for paragraph in cell.paragraphs:
            paragraph_format(paragraph).keep_with_next = True
            for run in paragraph.runs:
                run.bold = True
                run.font.color.rgb = text


def add_table(
    document: Any, headers: Sequence[str], rows: Sequence[Sequence[str]], widths_in: Sequence[float], brand: str
) -> Any:
    """A plain-text table with a branded header row that repeats on every page."""
    table = new_table(document, widths_in)
    for cell, text in zip(row_cells(table.rows[0]), headers, strict=True):
        add_run(cell.paragraphs[0], text)
    brand_header_row(table.rows[0], brand)
    for values in rows:
        row = add_row(table, widths_in)
        for cell, text in zip(row_cells(row), values, strict=True):
            add_run(cell.paragraphs[0], text)
    finish_table(document, table)
    return table


def finish_table(document: Any, table: Any) -> None:
    """Tight paragraphs inside the cells (Normal's spacing is for running text), then a gap after the table."""
    from docx.shared import Pt

    for p in table._tbl.iter(P):  # the cells' paragraphs
        ppr_child(p, "w:spacing").after = Pt(2)
    add_spacer(document)


def add_spacer(document: Any) -> None:
    """A 6 pt gap after a table, so two tables never join.

    An ordinary empty paragraph after a table makes LibreOffice push a following keep-with-next
    chain (a heading and its first lines) to the next page even when it fits, leaving half-empty
    pages; a paragraph with an exact small line height does not.
    """
    from docx.shared import Pt

    spacer = add_paragraph(document)
    spacer.paragraph_format.space_before = spacer.paragraph_format.space_after = Pt(0)
    spacer.paragraph_format.line_spacing = Pt(6)


def shade_row(row: Any, fill: str) -> None:
    """A light fill that sets a row apart, such as a break in the agenda."""
    for cell in row_cells(row):
        shade_cell(cell, fill)


def add_resources_table(document: Any, resources: Sequence[Any], brand: str, headers: Sequence[str]) -> None:
    """One row per resource: its name, what it is for and its web address; the phone number beside it.

    Two columns, so neither a phone number nor an address has to break in the middle.
    """
    widths = (4.4, 2.1)
    table = new_table(document, widths)
    for cell, text in zip(row_cells(table.rows[0]), headers, strict=True):
        add_run(cell.paragraphs[0], text)
    brand_header_row(table.rows[0], brand)
    for resource in resources:
        about, phone = row_cells(add_row(table, widths))
        add_run(about.paragraphs[0], resource.name, bold=True)
        for line in (resource.description, resource.url):
            if line:
                about.add_paragraph(line)
        add_run(phone.paragraphs[0], resource.phone or "")
    finish_table(document, table)
