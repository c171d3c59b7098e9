"""The few WordprocessingML details python-docx has no API for, in one place.

Fields (the page number), a table row that repeats as a header on every page, cell shading, a
picture's alternative text and the restart of a numbered list. Also the paragraphs and runs every
renderer writes thousands of: python-docx builds each element through its schema code (a scan of
the allowed successors per child, a loop per character of text), so these are written here with
plain lxml calls that produce exactly python-docx's XML. Everything else goes through python-docx's
own objects.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
P, R, T, TAB, BR = f"{_W}p", f"{_W}r", f"{_W}t", f"{_W}tab", f"{_W}br"
PPR, PSTYLE, RPR, VAL = f"{_W}pPr", f"{_W}pStyle", f"{_W}rPr", f"{_W}val"
FONTS, BOLD, ITALIC, ASCII, HANSI = f"{_W}rFonts", f"{_W}b", f"{_W}i", f"{_W}ascii", f"{_W}hAnsi"
SECT_PR = f"{_W}sectPr"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# w:pPr's children in schema order (python-docx's CT_PPr._tag_seq, which it deletes after use)
_PPR_SEQUENCE = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
_PPR_ORDER = {f"{_W}{tag}": rank for rank, tag in enumerate(_PPR_SEQUENCE.split())}
_TEXT_PIECES = re.compile(r"[^\t\r\n]+|[\t\r\n]")


def append_paragraph(body: Any, text: str = "", style_id: str | None = None) -> Any:
    """A `w:p` at the end of a body or cell (before a body's closing `w:sectPr`), as python-docx adds it."""
    p = etree.SubElement(body, P)
    last = p.getprevious()
    if last is not None and last.tag == SECT_PR:  # the section properties end a body
        last.addprevious(p)
    if style_id is not None:
        etree.SubElement(etree.SubElement(p, PPR), PSTYLE).set(VAL, style_id)
    if text:
        append_run(p, text)
    return p


def append_run(p: Any, text: str | None = None, bold: bool = False) -> Any:
    """A `w:r` holding `text` (a tab as `w:tab`, a line end as `w:br`), optionally bold, as python-docx writes it."""
    r = etree.SubElement(p, R)
    if text:
        for piece in _TEXT_PIECES.findall(text):
            if piece == "\t":
                etree.SubElement(r, TAB)
            elif piece in "\r\n":
                etree.SubElement(r, BR)
            else:
                t = etree.SubElement(r, T)
                t.text = piece
                if len(piece.strip()) < len(piece):
                    t.set(XML_SPACE, "preserve")
    if bold:
        format_run(r, bold=True)
    return r


def ppr_child(p: Any, tag: str) -> Any:
    """The paragraph's `w:pPr` child `tag` (e.g. "w:spacing"), added in schema order when absent.

    What python-docx's `get_or_add_*` does, without its scan of every possible successor.
    """
    properties = p.find(PPR)
    if properties is None:
        properties = etree.SubElement(p, PPR)
        p.insert(0, properties)
    name = qn(tag)
    child = properties.find(name)
    if child is None:
        child = etree.SubElement(properties, name)
        rank = _PPR_ORDER[name]
        later = next((c for c in properties if _PPR_ORDER.get(c.tag, -1) > rank), None)
        if later is not None:
            later.addprevious(child)
    return child


def format_run(r: Any, bold: bool = False, italic: bool = False, font: str | None = None) -> None:
    """A new run's `w:rPr`, its children in schema order; python-docx writes one even when nothing is set."""
    properties = etree.SubElement(r, RPR)
    r.insert(0, properties)
    if font is not None:
        fonts = etree.SubElement(properties, FONTS)
        fonts.set(ASCII, font)
        fonts.set(HANSI, font)
    if bold:
        etree.SubElement(properties, BOLD)
    if italic:
        etree.SubElement(properties, ITALIC)


def add_field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (begin, instruction, separator, last result, end), e.g. PAGE for the page number.

    `shown` is the result a reader sees until the field is updated; Word and LibreOffice update PAGE
    as they lay the document out.
    """

    def mark(kind: str) -> None:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(char)

    mark("begin")
    instruction_text = OxmlElement("w:instrText")
    instruction_text.set(qn("xml:space"), "preserve")
    instruction_text.text = f" {instruction} "
    paragraph.add_run()._r.append(instruction_text)
    mark("separate")
    paragraph.add_run(shown)
    mark("end")


def has_field(element: Any, instruction: str) -> bool:
    """Whether a part of the document (a footer, a paragraph) holds the named field."""
    texts = element.iter(qn("w:instrText"))
    simple = (f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple")))
    return any(instruction in (t.text or "").split() for t in texts) or any(instruction in s.split() for s in simple)


def repeat_as_header(row: Any) -> None:
    """Mark a table row to repeat at the top of every page the table runs onto (w:tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:tblHeader")) is None:
        properties.append(OxmlElement("w:tblHeader"))


def keep_row_on_one_page(row: Any) -> None:
    """A row never splits across pages (w:cantSplit), so an agenda line is read in one piece."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.insert(0, OxmlElement("w:cantSplit"))


def shade_cell(cell: Any, fill: str) -> None:
    """Fill a table cell with a solid colour (RRGGBB)."""
    properties = cell._tc.get_or_add_tcPr()
    for old in properties.findall(qn("w:shd")):
        properties.remove(old)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def set_alt_text(inline_shape: Any, text: str) -> None:
    """A picture's alternative text: the `descr` of its drawing properties, which screen readers read."""
    inline_shape._inline.docPr.set("descr", text)


def restart_numbering(document: Any, paragraph: Any, start: int = 1) -> int | None:
    """A fresh numbering instance for the list `paragraph`'s style numbers, so a new list starts over.

    Paragraphs in one numbered style share one counter; every Markdown list is its own list, so each
    gets its own instance of the style's abstract numbering, starting at `start`. Returns the new
    numbering id (None when the style has no numbering).
    """
    style_properties = paragraph.style.element.pPr
    style_numbering = style_properties.numPr if style_properties is not None else None
    if style_numbering is None or style_numbering.numId is None:
        return None
    numbering = document.part.numbering_part.element
    existing = numbering.num_having_numId(style_numbering.numId.val)
    fresh = numbering.add_num(existing.abstractNumId.val)
    fresh.add_lvlOverride(ilvl=0).add_startOverride(start)
    return fresh.numId


def use_numbering(paragraph: Any, num_id: int) -> None:
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id


class ParagraphLayout:
    """python-docx's `paragraph.paragraph_format` for the properties the renderers set, writing the same XML.

    Each `w:pPr` child is found or added by `ppr_child`; its attributes go through python-docx's own
    typed setters, in the order python-docx sets them.
    """

    def __init__(self, paragraph: Any) -> None:
        self._p = paragraph._p

    def _set_left_indent(self, value: int) -> None:
        ppr_child(self._p, "w:ind").left = value

    def _set_first_line_indent(self, value: int) -> None:
        indent = ppr_child(self._p, "w:ind")
        indent.firstLine = indent.hanging = None
        if value < 0:
            indent.hanging = -value
        else:
            indent.firstLine = value

    def _set_space_before(self, value: int) -> None:
        ppr_child(self._p, "w:spacing").before = value

    def _set_space_after(self, value: int) -> None:
        ppr_child(self._p, "w:spacing").after = value

    def _set_keep_with_next(self, value: bool) -> None:
        ppr_child(self._p, "w:keepNext").val = value

    def _set_keep_together(self, value: bool) -> None:
        ppr_child(self._p, "w:keepLines").val = value

    def _set_page_break_before(self, value: bool) -> None:
        ppr_child(self._p, "w:pageBreakBefore").val = value

    left_indent = property(fset=_set_left_indent)
    first_line_indent = property(fset=_set_first_line_indent)
    space_before = property(fset=_set_space_before)
    space_after = property(fset=_set_space_after)
    keep_with_next = property(fset=_set_keep_with_next)
    keep_together = property(fset=_set_keep_together)
    page_break_before = property(fset=_set_page_break_before)

    def add_tab_stop(self, position: int, alignment: Any = None, leader: Any = None) -> None:
        """python-docx's `tab_stops.add_tab_stop`: left-aligned and without a leader unless told."""
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

        tabs = ppr_child(self._p, "w:tabs")
        tabs.insert_tab_in_order(position, alignment or WD_TAB_ALIGNMENT.LEFT, leader or WD_TAB_LEADER.SPACES)


def paragraph_format(paragraph: Any) -> ParagraphLayout:
    return ParagraphLayout(paragraph)
