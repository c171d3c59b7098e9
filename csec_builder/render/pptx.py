"""Render a plan into a .pptx deck with python-pptx, from the template's layouts and placeholders."""

from __future__ import annotations

import copy
import io
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..plan import Plan, PlannedSlide
from .pptx_template import (
    BODY_TYPES,
    FOOTER_TYPE,
    PICTURE_TYPE,
    SLIDE_NUMBER_TYPE,
    TITLE_TYPES,
    DeckTemplate,
    layout_by_name,
    open_presentation,
)
from .reproducible import fixed_datetime, normalize_zip
from .textfit import fitting_size

EMU_PER_INCH = 914400
TITLE_LINE_HEIGHT, BODY_LINE_HEIGHT = 1.0, 1.3  # line pitch as a share of the font size, spacing included
MIN_TITLE_POINTS, MIN_BODY_POINTS = 24, 18  # never smaller: readable from the back of a training room
BRANDED_KINDS = ("title", "section", "closing")
DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


@dataclass(frozen=True)
class Assets:
    """Files the deck embeds, already resolved inside the workspace."""

    logo: Path | None
    logo_alt: str
    images: dict[str, Path]


def render_deck(plan: Plan, template: DeckTemplate, assets: Assets) -> bytes:
    """The deck as .pptx bytes: identical bytes for identical inputs."""
    presentation = open_presentation(template.data, template.path)
    _drop_existing_slides(presentation)
    brand = plan.contractor.branding.primary_color if plan.contractor.branding else "#1F4E79"
    _set_theme_accent(presentation, brand)
    footer = _footer_text(plan)
    for planned in plan.slides:
        layout = layout_by_name(presentation, template.layout_for[planned.kind])
        slide = presentation.slides.add_slide(layout)
        _fill(slide, planned, presentation, assets)
        _add_footer(slide, layout, footer, planned.number)
        _apply_brand(slide, planned, brand, presentation)
        _add_notes(slide, planned.number, planned.speaker_notes)
    _set_core_properties(presentation, plan)
    out = io.BytesIO()
    presentation.save(out)
    return normalize_zip(out.getvalue())


def _add_notes(slide: Any, number: int, text: str) -> None:
    """Speaker notes, named by slide number: python-pptx's own way re-scans every part per slide."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.oxml.slide import CT_NotesSlide
    from pptx.parts.slide import NotesSlidePart

    package = slide.part.package
    master_part = package.presentation_part.notes_master_part
    partname = PackURI(f"/ppt/notesSlides/notesSlide{number}.xml")
    notes_part = NotesSlidePart(partname, CT.PML_NOTES_SLIDE, package, CT_NotesSlide.new())
    notes_part.relate_to(master_part, RT.NOTES_MASTER)
    notes_part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(notes_part, RT.NOTES_SLIDE)
    notes_part.notes_slide.clone_master_placeholders(master_part.notes_master)
    notes_part.notes_slide.notes_text_frame.text = text


def _drop_existing_slides(presentation: Any) -> None:
    """Templates exported from PowerPoint or Google Slides often carry sample slides: remove them."""
    id_list = presentation.slides._sldIdLst
    for sld_id in list(id_list):
        presentation.part.drop_rel(sld_id.rId)
        id_list.remove(sld_id)


def _fill(slide: Any, planned: PlannedSlide, presentation: Any, assets: Assets) -> None:
    placeholders = list(slide.placeholders)
    title = next((p for p in placeholders if int(p.placeholder_format.type) in TITLE_TYPES), None)
    body = next((p for p in placeholders if int(p.placeholder_format.type) in BODY_TYPES), None)
    if title is None:
        title = _textbox(slide, presentation, "", top=0.4, height=1.2)
    title.text_frame.text = planned.title
    _shrink_to_fit(title, [planned.title], "title", TITLE_LINE_HEIGHT)
    if planned.bullets:
        if body is None:
            body = _textbox(slide, presentation, "", top=1.7, height=4.8)
        # On a knowledge check the first line is the question and the rest are its choices.
        _write_bullets(body.text_frame, planned.bullets, nested=planned.kind == "knowledge_check")
        _shrink_to_fit(body, list(planned.bullets), "body", BODY_LINE_HEIGHT)
    if planned.kind == "title" and assets.logo is not None:
        box = _picture_box(placeholders) or _corner_box(presentation)
        _place_picture(slide, assets.logo, assets.logo_alt, box)
    image = assets.images.get(planned.image) if planned.image else None
    if image is not None and body is not None:
        _place_beside(slide, body, image, planned.alt_text or "")
    _remove_empty_placeholders(slide)


def _shrink_to_fit(shape: Any, paragraphs: list[str], style: str, line_height: float) -> None:
    """Set a smaller font size on the shape's runs when the text would overflow it at the template's size."""
    from pptx.util import Pt

    start = _inherited_points(shape, style)
    smallest = MIN_TITLE_POINTS if style == "title" else MIN_BODY_POINTS
    size = fitting_size(paragraphs, shape.width, shape.height, start, min(smallest, start), line_height)
    if size is None:
        return
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)


def _inherited_points(shape: Any, style: str) -> float:
    """The font size the template gives this placeholder: layout, then master placeholder, then master style."""
    default = 44.0 if style == "title" else 18.0
    base = getattr(shape, "_base_placeholder", None) if shape.is_placeholder else None
    while base is not None:
        size = _first_size(base._element)
        if size:
            return size
        base = getattr(base, "_base_placeholder", None)
    master = shape.part.slide_layout.slide_master._element
    styles = master.find(_qn("p:txStyles"))
    style_element = (
        styles.find(_qn("p:titleStyle" if style == "title" else "p:bodyStyle")) if styles is not None else None
    )
    return (_first_size(style_element) if style_element is not None else None) or default


def _first_size(element: Any) -> float | None:
    """The level-1 size declared in a placeholder or text style, in points."""
    for tag in ("a:lvl1pPr", "a:defRPr", "a:rPr", "a:endParaRPr"):
        for found in element.iter(_qn(tag)):
            target = found.find(_qn("a:defRPr")) if tag == "a:lvl1pPr" else found
            if target is not None and target.get("sz"):
                return int(target.get("sz")) / 100
    return None


def _write_bullets(frame: Any, bullets: tuple[str, ...], nested: bool = False) -> None:
    frame.text = bullets[0]
    for bullet in bullets[1:]:
        paragraph = frame.add_paragraph()
        paragraph.text = bullet
        paragraph.level = 1 if nested else 0


def _textbox(slide: Any, presentation: Any, text: str, top: float, height: float) -> Any:
    width = presentation.slide_width - 2 * _inches(0.6)
    box = slide.shapes.add_textbox(_inches(0.6), _inches(top), width, _inches(height))
    box.text_frame.word_wrap = True
    box.text_frame.text = text
    return box


def _picture_box(placeholders: list) -> tuple[int, int, int, int] | None:
    picture = next((p for p in placeholders if int(p.placeholder_format.type) == PICTURE_TYPE), None)
    return (picture.left, picture.top, picture.width, picture.height) if picture is not None else None


def _corner_box(presentation: Any) -> tuple[int, int, int, int]:
    width, height = _inches(2.6), _inches(1.3)
    return presentation.slide_width - width - _inches(0.5), _inches(0.4), width, height


def _place_picture(slide: Any, image: Path, alt: str, box: tuple[int, int, int, int]) -> None:
    """Fit the picture inside `box`, keeping its aspect ratio."""
    left, top, width, height = box
    picture = slide.shapes.add_picture(str(image), left, top)
    scale = min(width / picture.width, height / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    picture.left = left + (width - picture.width) // 2
    picture.top = top + (height - picture.height) // 2
    _set_alt_text(picture, alt)


def _place_beside(slide: Any, body: Any, image: Path, alt: str) -> None:
    """Give the picture the right 40% of the body area and keep the text on the left."""
    left, top, width, height = body.left, body.top, body.width, body.height
    text_width = int(width * 0.58)
    body.width = text_width
    gap = int(width * 0.04)
    _place_picture(slide, image, alt, (left + text_width + gap, top, width - text_width - gap, height))


def _set_alt_text(picture: Any, alt: str) -> None:
    # python-pptx has no alt-text setter and writes the file name into descr: replace it.
    c_nv_pr = picture._element.nvPicPr.cNvPr
    c_nv_pr.set("descr", alt)
    c_nv_pr.set("name", "Logo" if "logo" in alt.lower() else "Picture")


def _remove_empty_placeholders(slide: Any) -> None:
    """No 'Click to add text' prompts in a finished deck."""
    for placeholder in list(slide.placeholders):
        kind = int(placeholder.placeholder_format.type)
        empty = not placeholder.has_text_frame or not placeholder.text_frame.text.strip()
        if kind == PICTURE_TYPE or empty:
            element = placeholder._element
            element.getparent().remove(element)


def _add_footer(slide: Any, layout: Any, text: str, number: int) -> None:
    """python-pptx does not copy footer and slide-number placeholders to new slides: copy them."""
    for placeholder in layout.placeholders:
        kind = int(placeholder.placeholder_format.type)
        if kind == FOOTER_TYPE and text:
            _clone_placeholder(slide, placeholder, _run_xml(text))
        elif kind == SLIDE_NUMBER_TYPE:
            field_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "csec-builder/slidenum")).upper() + "}"
            field = f'<a:fld id="{field_id}" type="slidenum"><a:rPr lang="en-US"/><a:t>{number}</a:t></a:fld>'
            _clone_placeholder(slide, placeholder, field)


def _clone_placeholder(slide: Any, placeholder: Any, paragraph_content: str) -> None:
    from pptx.oxml import parse_xml

    element = copy.deepcopy(placeholder._element)
    element.nvSpPr.cNvPr.set("id", str(slide.shapes._next_shape_id))
    tx_body = element.txBody
    for paragraph in tx_body.findall(_qn("a:p")):
        tx_body.remove(paragraph)
    ns = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    tx_body.append(parse_xml(f"<a:p {ns}>{paragraph_content}</a:p>"))
    slide.shapes._spTree.append(element)


def _run_xml(text: str) -> str:
    from xml.sax.saxutils import escape

    return f'<a:r><a:rPr lang="en-US"/><a:t>{escape(text)}</a:t></a:r>'


def _apply_brand(slide: Any, planned: PlannedSlide, brand: str, presentation: Any) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE

    rgb = RGBColor.from_string(brand.lstrip("#").upper())
    if planned.kind in BRANDED_KINDS:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = rgb
        text_rgb = RGBColor.from_string(contrast_text(brand))
        for shape in slide.shapes:
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.color.rgb = text_rgb
        return
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, presentation.slide_width, _inches(0.12))
    bar.name = "Brand bar"
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb
    bar.line.fill.background()
    bar.shadow.inherit = False
    _mark_decorative(bar)


def _mark_decorative(shape: Any) -> None:
    """Screen readers skip shapes flagged decorative (PowerPoint's 'Mark as decorative')."""
    from pptx.oxml import parse_xml

    c_nv_pr = shape._element.nvSpPr.cNvPr
    c_nv_pr.append(
        parse_xml(
            f'<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ext uri="{DECORATIVE_EXT}">'
            f'<adec:decorative xmlns:adec="{DECORATIVE_NS}" val="1"/></a:ext></a:extLst>'
        )
    )


def contrast_text(background: str) -> str:
    """White or near-black text, whichever contrasts more with `background` (WCAG luminance)."""
    white, dark = contrast_ratio(background, "#FFFFFF"), contrast_ratio(background, "#1F1F1F")
    return "FFFFFF" if white >= dark else "1F1F1F"


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(hex_color: str) -> float:
    channels = [int(hex_color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _set_theme_accent(presentation: Any, brand: str) -> None:
    """Make the theme's first accent colour the brand colour, so the template's accents follow it."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = presentation.slide_master.part.part_related_by(RT.THEME)
    blob = theme.blob.decode("utf-8")
    updated = re.sub(
        r"(<a:accent1>\s*<a:srgbClr val=\")[0-9A-Fa-f]{6}", lambda m: m.group(1) + brand.lstrip("#").upper(), blob
    )
    theme._blob = updated.encode("utf-8")


def _footer_text(plan: Plan) -> str:
    branding = plan.contractor.branding
    if branding and branding.footer:
        return branding.footer
    return f"{plan.contractor.title} · {plan.contractor.organization}"


def _set_core_properties(presentation: Any, plan: Plan) -> None:
    props = presentation.core_properties
    props.title = plan.contractor.title
    props.author = plan.contractor.organization
    props.subject = f"{plan.config.standard.name} {plan.config.standard.version}"
    props.keywords = " ".join(o.id for o in plan.objectives)
    props.last_modified_by = "csec-builder"
    props.revision = 1
    props.created = props.modified = fixed_datetime()


def _inches(value: float) -> int:
    return int(value * EMU_PER_INCH)


def _qn(tag: str) -> str:
    from pptx.oxml.ns import qn

    return qn(tag)
