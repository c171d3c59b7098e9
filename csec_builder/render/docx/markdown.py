"""Markdown (a material's body) -> Word paragraphs, lists, tables and headings, with python-docx.

Parsed by markdown-it-py (CommonMark plus tables). Headings map onto the document's heading styles
below the heading the material sits under; lists use the List Bullet / List Number styles, each
numbered list starting again at 1; tables get the reference's Table Grid style and a branded
header row. Raw HTML is shown as text, never interpreted.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from .document import add_paragraph, add_run
from .tables import add_row, brand_header_row, finish_table, new_table, row_cells
from .xml import append_run, format_run, paragraph_format, restart_numbering, use_numbering

MONOSPACE = "Courier New"
DEEPEST_HEADING = 4
INDENT_IN = 0.25
TEXT_WIDTH_IN = 6.5  # between the reference document's margins
CHAR_IN = 0.09  # a wide character of 11 pt Arial, bold: a conservative width
CELL_PADDING_IN = 0.2
MAX_WORD_IN = 1.6
WRITE_IN_ROW_IN = 0.45


@dataclass
class _List:
    ordered: bool
    start: int
    num_id: int | None = None
    fresh_item: bool = False


@dataclass
class _State:
    lists: list[_List] = field(default_factory=list)
    quotes: int = 0
    heading: int | None = None


def add_markdown(document: Any, text: str, top_heading: int, brand: str) -> None:
    """Append `text` to the document; its highest Markdown headings become Heading `top_heading`."""
    tokens = _parser().parse(text)
    levels = [int(t.tag[1:]) for t in tokens if t.type == "heading_open"]
    _Writer(document, top_heading - min(levels, default=1) + 1, brand).write(tokens)


@functools.cache
def _parser() -> Any:
    """One Markdown parser per process: building one costs more than parsing a material's body."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


class _Writer:
    def __init__(self, document: Any, top_heading: int, brand: str) -> None:
        self.document = document
        self.top_heading = top_heading
        self.brand = brand
        self.state = _State()

    def write(self, tokens: list[Any]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "table_open":
                end = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
                self.table(tokens[index:end])
                index = end
            else:
                self.block(token)
            index += 1

    def block(self, token: Any) -> None:
        state = self.state
        kind = token.type
        if kind == "heading_open":
            state.heading = int(token.tag[1:])
        elif kind == "heading_close":
            state.heading = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1)
            state.lists.append(_List(kind == "ordered_list_open", start))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            state.lists.pop()
        elif kind == "list_item_open":
            state.lists[-1].fresh_item = True
        elif kind == "blockquote_open":
            state.quotes += 1
        elif kind == "blockquote_close":
            state.quotes -= 1
        elif kind == "inline":
            add_inline(self.new_paragraph(), token.children or [])
        elif kind in ("fence", "code_block"):
            self.code(token.content)
        elif kind == "html_block":
            add_run(self.new_paragraph(), token.content.strip())

    def new_paragraph(self) -> Any:
        from docx.shared import Inches

        state = self.state
        if state.heading is not None:
            level = min(self.top_heading + state.heading - 1, DEEPEST_HEADING)
            return add_paragraph(self.document, "", f"Heading {level}")
        if state.lists:
            current = state.lists[-1]
            if current.fresh_item:
                current.fresh_item = False
                return self.list_item(current, len(state.lists))
            paragraph = add_paragraph(self.document)  # a list item's second paragraph: indented, unnumbered
            paragraph_format(paragraph).left_indent = Inches(INDENT_IN * (len(state.lists) + 1))
            return paragraph
        return add_paragraph(self.document, "", "Quote" if state.quotes else None)

    def list_item(self, current: _List, depth: int) -> Any:
        kind = "Number" if current.ordered else "Bullet"
        style = f"List {kind}" if depth == 1 else f"List {kind} 2"
        paragraph = add_paragraph(self.document, "", style)
        if current.ordered:
            if current.num_id is None:
                current.num_id = restart_numbering(self.document, paragraph, current.start)
            if current.num_id is not None:
                use_numbering(paragraph, current.num_id)
        return paragraph

    def code(self, content: str) -> None:
        for line in content.rstrip("\n").split("\n"):
            paragraph = add_paragraph(self.document)
            paragraph_format(paragraph).space_after = 0
            format_run(append_run(paragraph._p, line), font=MONOSPACE)

    def table(self, tokens: list[Any]) -> None:
        from docx.enum.table import WD_ROW_HEIGHT_RULE
        from docx.shared import Inches

        rows: list[tuple[bool, list[Any]]] = []
        for token in tokens:
            if token.type == "tr_open":
                rows.append((False, []))
            elif token.type == "inline" and rows:
                rows[-1][1].append(token)
            elif token.type == "th_open" and rows:
                rows[-1] = (True, rows[-1][1])
        if not any(cells for _, cells in rows):
            return
        widths = column_widths([[cell.content for cell in cells] for _, cells in rows], TEXT_WIDTH_IN)
        table = new_table(self.document, widths)
        for index, (_header, cells) in enumerate(rows):
            row = table.rows[0] if index == 0 else add_row(table, widths)
            for cell, inline in zip(row_cells(row), cells, strict=False):
                add_inline(cell.paragraphs[0], inline.children or [])
            if index > 0 and not any(cell.content.strip() for cell in cells):
                row.height, row.height_rule = Inches(WRITE_IN_ROW_IN), WD_ROW_HEIGHT_RULE.AT_LEAST  # room to write
        if rows[0][0]:
            brand_header_row(table.rows[0], self.brand)
        finish_table(self.document, table)


def column_widths(rows: list[list[str]], total: float) -> list[float]:
    """Column widths in inches: each wide enough for its longest word, the rest shared by amount of text.

    A column of short labels ("1", "Week 2, Tue") stays narrow, so the column of notes beside it does
    not run to a word per line.
    """
    count = max(len(row) for row in rows)
    columns = [[row[i] if i < len(row) else "" for row in rows] for i in range(count)]
    floors = [
        min(MAX_WORD_IN, CELL_PADDING_IN + CHAR_IN * max((len(w) for text in column for w in text.split()), default=1))
        for column in columns
    ]
    if sum(floors) >= total:
        return [total * floor / sum(floors) for floor in floors]
    wants = [max(1, sum(len(text) for text in column)) for column in columns]
    spare = total - sum(floors)
    return [floor + spare * want / sum(wants) for floor, want in zip(floors, wants, strict=True)]


def add_inline(paragraph: Any, children: list[Any]) -> None:
    """Runs for Markdown's inline content: bold, italic, code, links (text, then the address)."""
    p = paragraph._p
    bold = italic = False
    link: str | None = None
    link_text: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
        elif kind == "link_open":
            link, link_text = str(child.attrGet("href") or ""), []
        elif kind == "link_close":
            if link and link not in "".join(link_text):
                append_run(p, f" ({link})")
            link = None
        elif kind == "softbreak":
            append_run(p, " ")
        elif kind == "hardbreak":
            append_run(p, "\n")  # a line break, as python-docx's run.add_break() writes it
        elif kind in ("text", "code_inline", "html_inline", "image"):
            text = child.content
            # python-docx wrote an empty w:rPr for a plain run too (`run.bold = None`): kept, bytes unchanged
            format_run(append_run(p, text), bold, italic, MONOSPACE if kind == "code_inline" else None)
            if link is not None:
                link_text.append(text)
