"""What every Word output shares: the reference document, the cover, tables, footer and properties.

Each document starts as a copy of the reference document (`templates/docx/reference.docx`, or the
workspace's or contractor's own), so its styles, page setup and footer come from there; the
renderers only pick style names. Saved bytes are reproducible: fixed core-property dates and a
normalised zip.
"""

from __future__ import annotations

import copy
import io
import re
import weakref
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...limits import MAX_PACKAGE_BYTES, LimitError, check_zip_data, read_bounded
from ...problems import CsecError, display_path
from ...wording import CHECKBOX
from ..common.color import WHITE, contrast_ratio, contrast_text
from ..common.reproducible import fixed_datetime, normalize_zip, property_text
from .xml import (
    P,
    add_field,
    append_paragraph,
    append_run,
    has_field,
    keep_row_on_one_page,
    paragraph_format,
    ppr_child,
    repeat_as_header,
    restart_numbering,
    set_alt_text,
    shade_cell,
    use_numbering,
)

if TYPE_CHECKING:
    from ...plan import Plan

DEFAULT_BRAND = "#1F4E79"
INK = "1F1F1F"
SOFT_FILL = "F3F5F7"  # the HTML guide's break rows
# The styles the renderers use: a reference document must define them all.
REQUIRED_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "List Bullet",
    "List Bullet 2",
    "List Number",
    "List Number 2",
    "Quote",
    "Caption",
    "Footer",
    "Table Grid",
)
LOGO_MAX_WIDTH_IN, LOGO_MAX_HEIGHT_IN = 2.4, 1.0


@dataclass
class _Cache:
    """What python-docx looks up again on every call, kept per document (its part).

    A style's id (python-docx scans every style for a name), the text block's width (it searches the
    whole body for the section properties) and a new table row per column widths (copied rather than
    built again through python-docx's table code).
    """

    style_ids: dict[str, str] = field(default_factory=dict)
    table_style_ids: dict[str, str | None] = field(default_factory=dict)
    blank_rows: dict[tuple[float, ...], Any] = field(default_factory=dict)
    block_width: int | None = None
    text_width: int | None = None


_CACHES: weakref.WeakKeyDictionary[Any, _Cache] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class DocxLook:
    """What a Word output takes besides the plan: resolved paths and the brand colour."""

    reference: Path
    logo: Path | None
    logo_alt: str
    brand: str = DEFAULT_BRAND


def look_for(plan: Plan, reference: Path, logo: Path | None, logo_alt: str) -> DocxLook:
    """The look of a contractor's Word outputs: its brand colour, or the default one."""
    branding = plan.contractor.branding
    return DocxLook(reference, logo, logo_alt, branding.primary_color if branding else DEFAULT_BRAND)


def open_reference(path: Path) -> Any:
    """A fresh document with the reference's styles, page setup and footer, and an empty body."""
    from docx import Document

    try:
        data = read_bounded(path, "docx_template", MAX_PACKAGE_BYTES)
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise CsecError(f"{display_path(path)}: not a Word document (.docx): it is not a zip package")
        check_zip_data(data, path, "docx_template")  # before python-docx parses every part
        document = Document(io.BytesIO(data))
    except LimitError as exc:
        raise CsecError(exc.message) from None
    except CsecError:
        raise
    except Exception as exc:  # python-docx raises several types for a file that is not a .docx
        message = f"{display_path(path)}: not a Word document python-docx can open ({type(exc).__name__})"
        raise CsecError(message) from None
    missing = [name for name in REQUIRED_STYLES if name not in document.styles]
    if missing:
        raise CsecError(
            f"{display_path(path)}: the Word reference document lacks the style(s) {', '.join(missing)}; "
            "start from csec-builder's templates/docx/reference.docx"
        )
    body = document.element.body
    for child in list(body):
        if child is not body.sectPr:
            body.remove(child)
    return document


def _cache(part: Any) -> _Cache:
    return _CACHES.setdefault(part, _Cache())


def style_id(document: Any, name: str) -> str:
    ids = _cache(document.part).style_ids
    if name not in ids:
        ids[name] = document.styles[name].style_id
    return ids[name]


def table_style_id(document: Any, name: str) -> str | None:
    """The id `table.style = document.styles[name]` sets (None for the default table style)."""
    from docx.enum.style import WD_STYLE_TYPE

    ids = _cache(document.part).table_style_ids
    if name not in ids:
        ids[name] = document.part.get_style_id(document.styles[name], WD_STYLE_TYPE.TABLE)
    return ids[name]


def add_paragraph(document: Any, text: str = "", style: str | None = None) -> Any:
    """A paragraph in the named style (by its cached id: see _Cache), appended to the document.

    Written with lxml (see docx_xml), the same XML as python-docx's `document.add_paragraph`.
    """
    from docx.text.paragraph import Paragraph

    body = document._body
    return Paragraph(append_paragraph(body._element, text, None if style is None else style_id(document, style)), body)


def add_run(paragraph: Any, text: str | None = None, bold: bool = False) -> Any:
    """A run at the end of the paragraph: python-docx's `paragraph.add_run(text)`, written with lxml."""
    from docx.text.run import Run

    return Run(append_run(paragraph._p, text, bold), paragraph)


def add_heading(document: Any, text: str, level: int) -> Any:
    return add_paragraph(document, text, f"Heading {level}")


def apply_brand(document: Any, brand: str) -> None:
    """Title and top headings in the brand colour when it is readable on white, else near-black."""
    from docx.shared import RGBColor

    colour = brand.lstrip("#") if contrast_ratio(brand, WHITE) >= 4.5 else INK
    for name in ("Title", "Heading 1", "Heading 2"):
        document.styles[name].font.color.rgb = RGBColor.from_string(colour.upper())


def add_cover(document: Any, look: DocxLook, title: str, subtitle: str) -> None:
    """The first lines of every document: logo (top right), title and subtitle."""
    if look.logo is not None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        width, height = _logo_size(look.logo)
        picture = paragraph.add_run().add_picture(str(look.logo), width=width, height=height)
        set_alt_text(picture, look.logo_alt)
    add_paragraph(document, title, "Title")
    add_paragraph(document, subtitle, "Subtitle")


def _logo_size(path: Path) -> tuple[int, int]:
    """The logo's size in EMU, fitted inside the cover's logo box, keeping its proportions."""
    from docx.image.image import Image
    from docx.shared import Inches

    image = Image.from_file(str(path))
    width, height = image.width, image.height  # EMU at the image's own resolution
    scale = min(Inches(LOGO_MAX_WIDTH_IN) / width, Inches(LOGO_MAX_HEIGHT_IN) / height)
    return int(width * scale), int(height * scale)


def add_facts(document: Any, facts: Sequence[tuple[str, str]]) -> None:
    """Label: value lines, the label in bold."""
    for label, value in facts:
        paragraph = add_paragraph(document)
        paragraph_format(paragraph).space_after = 0
        add_run(paragraph, f"{label}: ", bold=True)
        add_run(paragraph, value)


def add_bullets(document: Any, items: Sequence[str], style: str = "List Bullet") -> None:
    for item in items:
        add_paragraph(document, item, style)


def add_checklist(document: Any, items: Sequence[str]) -> None:
    """Tick-box lines a trainer can print and tick."""
    from docx.shared import Inches

    for item in items:
        paragraph = add_paragraph(document, f"{CHECKBOX}\t{item}")
        layout = paragraph_format(paragraph)
        layout.left_indent = Inches(0.3)
        layout.first_line_indent = Inches(-0.3)
        layout.space_after = 0
        layout.add_tab_stop(Inches(0.3))


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
    cache = _cache(document.part)
    if cache.block_width is None:
        cache.block_width = document._block_width
    table = document._body.add_table(1, columns, cache.block_width)
    table._tbl.tblStyle_val = table_style_id(document, "Table Grid")
    return table


def add_row(table: Any, widths_in: Sequence[float]) -> Any:
    """A row that never splits, its cells as wide as the columns: a copy of the first one python-docx built."""
    from docx.table import _Row

    blanks = _cache(table.part).blank_rows
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


def add_references(document: Any, references: Sequence[Any]) -> None:
    for reference in references:
        text = f"{reference.citation} {reference.url}" if reference.url else reference.citation
        add_paragraph(document, text, "List Bullet")


def set_footer(document: Any, text: str) -> None:
    """The document's name before the page number the reference's footer holds (added when it has none)."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = next((p for p in footer.paragraphs if has_field(p._p, "PAGE")), None)
    if paragraph is None:
        paragraph = footer.add_paragraph(style=document.styles["Footer"])
        paragraph.add_run("\t")
        add_field(paragraph, "PAGE", "1")
    label = paragraph.add_run(text)
    paragraph.runs[0]._r.addprevious(label._r)


def finish(document: Any, title: str, author: str, language: str) -> bytes:
    """Set the core properties and the language, save, and normalise the zip."""
    from ... import __version__

    declare_language(document, language)
    properties = document.core_properties
    properties.title = property_text(title)
    properties.author = property_text(author)
    properties.last_modified_by = property_text(author)
    properties.language = language
    properties.subject = ""
    properties.keywords = ""
    properties.category = ""
    properties.comments = f"csec-builder {__version__}"
    properties.revision = 1
    properties.created = properties.modified = fixed_datetime()
    out = io.BytesIO()
    document.save(out)
    return normalize_zip(out.getvalue())


def declare_language(document: Any, language: str) -> None:
    """The document's language where Word and screen readers read it: the default run properties every
    style inherits (and any style that names its own), and the settings' theme font language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    val = qn("w:val")
    styles = document.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is not None and defaults.find(qn("w:lang")) is None:
        defaults.append(OxmlElement("w:lang"))
    for lang in styles.iter(qn("w:lang")):
        lang.set(val, language)
    for theme in document.settings.element.iter(qn("w:themeFontLang")):
        theme.set(val, language)


def add_numbered(document: Any, items: Sequence[str]) -> None:
    """A numbered list that starts at 1, whatever lists came before it."""
    num_id: int | None = None
    for item in items:
        paragraph = add_paragraph(document, item, "List Number")
        if num_id is None:
            num_id = restart_numbering(document, paragraph)
        if num_id is not None:
            use_numbering(paragraph, num_id)


def add_notes(document: Any, text: str) -> None:
    """Talking points as paragraphs, hard-wrapped lines joined again; lines that start with '- ' are bullets."""
    for bullet, paragraph in note_paragraphs(text):
        add_paragraph(document, paragraph, "List Bullet" if bullet else None)


_LIST_MARKER = re.compile(r"^(?:[-*•]|\d+[.)])\s+")
_SENTENCE_END = (".", "!", "?", ":")
_LABEL = re.compile(r"^[A-Z][\w ]{0,30}: ")  # "Answer: ...", "Why: ...", "Materials: ..."


def note_paragraphs(text: str) -> list[tuple[bool, str]]:
    """(is a bullet, text) for each paragraph of speaker notes.

    Notes in YAML are often wrapped at a fixed width; a line joins the one before it unless a blank
    line or a list marker separates them, the line before ends a sentence and this one starts a new
    one, or this one starts with a label ('Why: ').
    """
    paragraphs: list[tuple[bool, str]] = []
    fresh = True
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            fresh = True
            continue
        if paragraphs and not fresh and not _LIST_MARKER.match(line) and _continues(paragraphs[-1][1], line):
            paragraphs[-1] = (paragraphs[-1][0], f"{paragraphs[-1][1]} {line}")
        else:
            bullet = line.startswith("- ")
            paragraphs.append((bullet, line[2:] if bullet else line))
        fresh = False
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    if _LABEL.match(line):
        return False
    return line[0].islower() or not previous.rstrip("\"'”’)").endswith(_SENTENCE_END)


def text_width(document: Any) -> int:
    """The width between the margins, in EMU: where a right-aligned tab or a write-in line ends."""
    cache = _cache(document.part)
    if cache.text_width is None:
        section = document.sections[0]
        cache.text_width = int(section.page_width - section.left_margin - section.right_margin)
    return cache.text_width


def add_labelled(document: Any, label: str, text: str, style: str | None = None) -> Any:
    """A paragraph that starts with a bold label: 'Answer: ...', 'Why: ...'."""
    paragraph = add_paragraph(document, "", style)
    add_run(paragraph, label, bold=True)
    add_run(paragraph, text)
    return paragraph
