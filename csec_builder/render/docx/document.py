"""A Word document's set-up and saving: the reference document, styles, paragraphs, cover, footer, properties.

Each document starts as a copy of the reference document (`templates/docx/reference.docx`, or the
workspace's or contractor's own), so its styles, page setup and footer come from there; the
renderers only pick style names. Saved bytes are reproducible: fixed core-property dates and a
normalised zip. Tables are in `tables.py`, lists and labelled lines in `blocks.py`.
"""

from __future__ import annotations

import io
import weakref
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...limits import MAX_PACKAGE_BYTES, LimitError, check_zip_data, read_bounded
from ...problems import CsecError, display_path
from ..common.color import WHITE, contrast_ratio
from ..common.reproducible import fixed_datetime, normalize_zip, property_text
from .xml import add_field, append_paragraph, append_run, has_field, set_alt_text

if TYPE_CHECKING:
    from ...plan import Plan

DEFAULT_BRAND = "#1F4E79"
INK = "1F1F1F"
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


def cache_of(part: Any) -> _Cache:
    """What python-docx would look up again, kept for this document (its part): see _Cache."""
    return _CACHES.setdefault(part, _Cache())


def style_id(document: Any, name: str) -> str:
    ids = cache_of(document.part).style_ids
    if name not in ids:
        ids[name] = document.styles[name].style_id
    return ids[name]


def table_style_id(document: Any, name: str) -> str | None:
    """The id `table.style = document.styles[name]` sets (None for the default table style)."""
    from docx.enum.style import WD_STYLE_TYPE

    ids = cache_of(document.part).table_style_ids
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


def text_width(document: Any) -> int:
    """The width between the margins, in EMU: where a right-aligned tab or a write-in line ends."""
    cache = cache_of(document.part)
    if cache.text_width is None:
        section = document.sections[0]
        cache.text_width = int(section.page_width - section.left_margin - section.right_margin)
    return cache.text_width
