"""Generate the Word reference document bundled with csec-builder.

Output (committed, byte-for-byte reproducible): ``templates/docx/reference.docx``.

csec-builder builds every Word file (facilitator guide, participant handout, knowledge test and
answer key) on a copy of this document: its styles, page size and margins, and its footer with the
page number. The body is empty. See ``docs/templates.md`` for the styles the renderers use.

Rerun from the repository root after editing this file (or give another templates folder)::

    python tools/make_reference.py [TEMPLATES_FOLDER]

The script starts from python-docx's own default document, sets the styles through python-docx
where it can, and with lxml where python-docx has no API (document defaults, theme fonts, the page
field), then rewrites the saved zip with fixed timestamps and fixed core properties, so two runs
give identical bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from docx import Document
from docx.document import Document as DocumentObj
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from csec_builder.render.docx.xml import add_field

REPO: Final = Path(__file__).resolve().parent.parent
TEMPLATES: Final = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else REPO / "templates"
REFERENCE_DOCX: Final = TEMPLATES / "docx" / "reference.docx"

ZIP_DATE: Final = (1980, 1, 1, 0, 0, 0)
FIXED_TIME: Final = dt.datetime(2026, 1, 1, 0, 0, 0)
AUTHOR: Final = "csec-builder"

FONT: Final = "Arial"  # LibreOffice shows Liberation Sans, which has the same metrics
INK: Final = RGBColor(0x1F, 0x1F, 0x1F)
MUTED: Final = RGBColor(0x4A, 0x4A, 0x4A)  # 8.9:1 on white
ACCENT: Final = RGBColor(0x1F, 0x4E, 0x79)  # the default brand colour; builds replace it

PAGE_WIDTH: Final = Inches(8.5)  # US Letter: what California agencies print on
PAGE_HEIGHT: Final = Inches(11)
MARGIN: Final = Inches(1)
TEXT_WIDTH: Final = PAGE_WIDTH - 2 * MARGIN


@dataclass(frozen=True)
class Look:
    """How one paragraph style looks: sizes in points, spacing in points."""

    size: float
    bold: bool = False
    color: RGBColor = INK
    before: float = 0
    after: float = 6
    keep_with_next: bool = False


STYLES: Final = {
    "Normal": Look(11, after=6),
    "Title": Look(26, bold=True, color=ACCENT, after=6),
    "Subtitle": Look(14, color=MUTED, after=12),
    "Heading 1": Look(18, bold=True, color=ACCENT, before=18, after=6, keep_with_next=True),
    "Heading 2": Look(14, bold=True, color=ACCENT, before=14, after=4, keep_with_next=True),
    "Heading 3": Look(12, bold=True, before=10, after=3, keep_with_next=True),
    "Heading 4": Look(11, bold=True, before=8, after=2, keep_with_next=True),
    "List Bullet": Look(11, after=3),
    "List Bullet 2": Look(11, after=3),
    "List Number": Look(11, after=3),
    "List Number 2": Look(11, after=3),
    "Quote": Look(11, after=6),
    "Caption": Look(10, color=MUTED, after=6),
    "Footer": Look(10, color=MUTED, after=0),
}


def build_reference() -> bytes:
    """The reference document's bytes: identical on every run."""
    document = Document()
    drop_stale_parts(document)
    drop_unused_table_styles(document)
    set_document_defaults(document)
    for name, look in STYLES.items():
        style_paragraphs(document, name, look)
    tidy_special_styles(document)
    set_page(document)
    add_page_number_footer(document)
    set_core_properties(document)
    raw = io.BytesIO()
    document.save(raw)
    return normalise_zip(raw.getvalue())


def drop_stale_parts(document: DocumentObj) -> None:
    """python-docx's default document carries a thumbnail of a blank page, and a copy of its old styles
    for Word 2007 (stylesWithEffects) that would contradict the styles set here."""
    relationships = document.part.package.rels
    for rId, rel in list(relationships.items()):
        if rel.reltype == RT.THUMBNAIL:
            del relationships[rId]
    for rId, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rId]


def drop_unused_table_styles(document: DocumentObj) -> None:
    """Keep Table Grid (csec-builder's tables) and Table Normal (its base); Word still offers the rest."""
    for style in list(document.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in ("Normal Table", "Table Grid"):
            style.delete()


def set_document_defaults(document: DocumentObj) -> None:
    """Arial 11 pt, US English, for every run that no style overrides (python-docx has no API here)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    use_plain_font(run_defaults.find(qn("w:rFonts")))
    paragraph_defaults = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = paragraph_defaults.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "264")  # 1.1 lines


def use_plain_font(fonts: object) -> None:
    """Name the font outright: a theme font attribute would win over it in Word."""
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # type: ignore[attr-defined]
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), FONT)  # type: ignore[attr-defined]


def style_paragraphs(document: DocumentObj, name: str, look: Look) -> None:
    style = document.styles[name]
    assert style.type == WD_STYLE_TYPE.PARAGRAPH, name
    font = style.font
    font.name = FONT
    use_plain_font(style.element.rPr.find(qn("w:rFonts")))
    drop_complex_script_overrides(style.element.rPr)
    font.size = Pt(look.size)
    font.bold = look.bold
    font.italic = False
    font.color.rgb = look.color
    paragraph = style.paragraph_format
    paragraph.space_before = Pt(look.before)
    paragraph.space_after = Pt(look.after)
    if look.keep_with_next:
        paragraph.keep_with_next = True


def drop_complex_script_overrides(run_properties: object) -> None:
    """Complex-script size, bold and italic follow the style's own values rather than the old template's."""
    for name in ("w:szCs", "w:bCs", "w:iCs"):
        for element in run_properties.findall(qn(name)):  # type: ignore[attr-defined]
            run_properties.remove(element)  # type: ignore[attr-defined]


def tidy_special_styles(document: DocumentObj) -> None:
    """Undo defaults that would clash with any brand: a blue rule under the title, a numbered subtitle."""
    title = document.styles["Title"].element.pPr
    border = title.find(qn("w:pBdr"))
    if border is not None:
        title.remove(border)
    for name in ("Title", "Subtitle"):  # no letter spacing or kerning: plain, like the headings
        run_properties = document.styles[name].element.rPr
        for setting in ("w:spacing", "w:kern"):
            for element in run_properties.findall(qn(setting)):
                run_properties.remove(element)
    subtitle = document.styles["Subtitle"].element.pPr
    numbering = subtitle.find(qn("w:numPr"))
    if numbering is not None:
        subtitle.remove(numbering)
    quote = document.styles["Quote"].paragraph_format
    quote.left_indent = Inches(0.3)
    caption = document.styles["Caption"]  # small print, not hidden: show it in the style gallery
    for hidden in ("w:semiHidden", "w:unhideWhenUsed"):
        element = caption.element.find(qn(hidden))
        if element is not None:
            caption.element.remove(element)
    footer = document.styles["Footer"].paragraph_format
    footer.tab_stops.clear_all()
    footer.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def set_page(document: DocumentObj) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    section.header_distance = section.footer_distance = Inches(0.5)


def add_page_number_footer(document: DocumentObj) -> None:
    """A right-aligned page number. csec-builder writes the document's name before the tab."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.add_run("\t")
    add_field(paragraph, "PAGE", "1")


def set_core_properties(document: DocumentObj) -> None:
    """Fixed document properties, so the output does not depend on the clock."""
    props = document.core_properties
    props.title = "csec-builder reference document"
    props.subject = "Styles, page setup and footer for csec-builder's Word outputs"
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = "Generated by templates/docx/make_reference.py"
    props.keywords = "csec-builder; reference document"
    props.category = "template"
    props.language = "en-US"
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, same entry order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            dst.writestr(fixed, src.read(info.filename), compresslevel=6)
    return out.getvalue()


def main() -> None:
    REFERENCE_DOCX.write_bytes(build_reference())
    print(f"wrote {REFERENCE_DOCX.relative_to(TEMPLATES.parent)}")


if __name__ == "__main__":
    main()
