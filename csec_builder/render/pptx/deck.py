"""Render a plan into a .pptx deck with python-pptx, from the template's layouts and placeholders."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from ...plan import Plan, PlannedSlide
from ..common.color import contrast_text
from ..common.reproducible import fixed_datetime, property_text, property_words
from ..common.textfit import BODY_LINE_HEIGHT
from .brand import colour_run, paint_background
from .diagram import draw_diagram
from .fit import display_scale, fit_footer, fit_text, grow_to_fit, logo_box, smallest_points
from .layouts import NS, Box, LayoutInfo, default_box, placeholder_type
from .package import SlideMaker, append_runs, next_shape_id, parsed, save_deck, text_of, write_text
from .template import DeckTemplate, open_presentation, paints

EMU_PER_INCH = 914400
BAR_INCHES = 0.12
BRANDED_KINDS = ("title", "section", "closing")
TIGHT_KINDS = ("agenda",)  # a day's parts on at most two slides: its short lines close up to fit
DEFAULT_BRAND = "#1F4E79"
SLIDE_NUMBER_FIELD_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "csec-builder/slidenum")).upper() + "}"
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
    presentation = open_presentation(template.data, template.path, checked=True)
    _drop_existing_slides(presentation)
    branding = plan.contractor.branding
    brand = branding.primary_color if branding else DEFAULT_BRAND
    paint = paints(template, branding.paint if branding else None)
    if paint:  # an organisation's own template keeps its theme: its colours are its brand
        _set_theme_accent(presentation, brand)
    footer = _footer_text(plan)
    slides = SlideMaker(presentation, plan.words.LANGUAGE)
    size = (presentation.slide_width, presentation.slide_height)  # read once: python-pptx looks it up each time
    for planned in plan.slides:
        layout = template.layout(planned.kind)
        slide = slides.add(layout.index)
        texts = _fill(slide, planned, layout, size, assets, plan.words.LANGUAGE)
        footers = _add_footer(slide, layout, footer, planned.number, template.slide_size, plan.words.LANGUAGE)
        if paint:
            _apply_brand(slide, planned, brand, layout, size[0], texts, footers)
        slides.add_notes(slide, planned.number, planned.speaker_notes)
    _set_core_properties(presentation, plan)
    return save_deck(presentation)


def _drop_existing_slides(presentation: Any) -> None:
    """Templates exported from PowerPoint or Google Slides often carry sample slides: remove them.

    Custom shows and PowerPoint's slide sections point at slides too. They go first: python-pptx
    keeps a relationship that something still names, and a kept sample slide would be saved
    beside the new slide of the same name.
    """
    root = presentation.part._element
    for element in root.findall(_qn("p:custShowLst")):
        root.remove(element)
    for section_list in list(root.iter("{http://schemas.microsoft.com/office/powerpoint/2010/main}sectionLst")):
        ext = section_list.getparent()
        ext.getparent().remove(ext)
    id_list = presentation.slides._sldIdLst
    for sld_id in list(id_list):
        id_list.remove(sld_id)
        presentation.part.drop_rel(sld_id.rId)


def _fill(
    slide: Any, planned: PlannedSlide, layout: LayoutInfo, size: tuple[int, int], assets: Assets, lang: str
) -> list[Any]:
    """Put the slide's title, text and pictures in place; return the shapes that hold its text."""
    from pptx.shapes.placeholder import SlidePlaceholder

    cloned = [sp for sp in slide.shapes._spTree.iterchildren() if placeholder_type(sp) is not None]
    roles: dict[str, tuple[Any, Box]] = {}
    for sp, info in zip(cloned, layout.cloned, strict=False):  # same order: python-pptx clones in layout order
        roles.setdefault(info.role, (sp, info.box))
        if layout.shared_idx:  # pin the position the layout gives, rather than let a client guess by idx
            shape = SlidePlaceholder(sp, slide.shapes)
            shape.left, shape.top, shape.width, shape.height = info.box
    title_sp, title_box = roles.get("title", (None, default_box("title", size)))
    title = SlidePlaceholder(title_sp, slide.shapes) if title_sp is not None else _textbox(slide, title_box)
    write_text(title.text_frame._txBody, planned.title, lang)
    scale = display_scale(size)
    fit_text(title, title_box, [planned.title], layout, "title", scale)
    texts = [title]
    body_sp, body_box = roles.get("body", (None, default_box("body", size)))
    if planned.diagram is not None:  # drawn in the body's place; the empty placeholder is removed below
        draw_diagram(slide, planned.diagram, body_box, planned.title, scale, lang)
    elif planned.bullets:
        body = SlidePlaceholder(body_sp, slide.shapes) if body_sp is not None else _textbox(slide, body_box)
        # On a knowledge check the first line is the question and the rest are its choices.
        nested, tight = planned.kind == "knowledge_check", planned.kind in TIGHT_KINDS
        _write_bullets(body.text_frame, planned.bullets, nested, lang, tight)
        image = assets.images.get(planned.image) if planned.image else None
        if image is not None:
            body_box = _place_beside(slide, body, body_box, image, planned.alt_text or "")
        bullets = list(planned.bullets)
        points = fit_text(body, body_box, bullets, layout, "body", scale)
        if body_sp is not None and image is None:
            obstacles = [p.box for p in layout.placeholders if p.role in ("title", "footer", "number")]
            anchor = layout.anchor_of("body")
            grow_to_fit(body, body_box, bullets, points, BODY_LINE_HEIGHT, anchor, obstacles, size)
        texts.append(body)
    if planned.kind == "title" and assets.logo is not None:
        occupied = [p.box for p in layout.placeholders if p.role in ("title", "body", "footer", "number", "date")]
        box = roles["picture"][1] if "picture" in roles else logo_box(size, occupied)
        _place_picture(slide, assets.logo, assets.logo_alt, box)
    _remove_unused(cloned)
    return texts


def _write_bullets(
    frame: Any, bullets: tuple[str, ...], nested: bool = False, lang: str | None = None, tight: bool = False
) -> None:
    """The first bullet as the frame's text, each next one a paragraph with its level (what python-pptx's
    `add_paragraph`, `text` and `level` write, without their lookups). `tight` sets no space before each
    paragraph: a long agenda on two slides fits at a readable size without the template's gaps."""
    tx_body = frame._txBody
    write_text(tx_body, bullets[0], lang)
    for bullet in bullets[1:]:
        paragraph = etree.SubElement(tx_body, _qn("a:p"))
        etree.SubElement(paragraph, _qn("a:pPr"), {"lvl": "1"} if nested else {})
        append_runs(paragraph, bullet, lang)
    if tight:
        for paragraph in tx_body.findall(_qn("a:p")):
            properties = paragraph.find(_qn("a:pPr"))
            if properties is None:
                properties = etree.Element(_qn("a:pPr"))
                paragraph.insert(0, properties)
            spacing = etree.SubElement(properties, _qn("a:spcBef"))
            etree.SubElement(spacing, _qn("a:spcPts"), {"val": "0"})


def _textbox(slide: Any, box: Box) -> Any:
    shape = slide.shapes.add_textbox(*box)
    shape.text_frame.word_wrap = True
    return shape


def _place_picture(slide: Any, image: Path, alt: str, box: Box) -> None:
    """Fit the picture inside `box`, keeping its aspect ratio."""
    left, top, width, height = box
    picture = slide.shapes.add_picture(str(image), left, top)
    scale = min(width / picture.width, height / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    picture.left = left + (width - picture.width) // 2
    picture.top = top + (height - picture.height) // 2
    _set_alt_text(picture, alt)


def _place_beside(slide: Any, body: Any, box: Box, image: Path, alt: str) -> Box:
    """Give the picture the right 40% of the body area; return the narrower box left for the text."""
    left, top, width, height = box
    text_width, gap = int(width * 0.58), int(width * 0.04)
    body.left, body.top, body.width, body.height = left, top, text_width, height
    _place_picture(slide, image, alt, (left + text_width + gap, top, width - text_width - gap, height))
    return left, top, text_width, height


def _set_alt_text(picture: Any, alt: str) -> None:
    # python-pptx has no alt-text setter and writes the file name into descr: replace it.
    c_nv_pr = picture._element.nvPicPr.cNvPr
    c_nv_pr.set("descr", alt)
    c_nv_pr.set("name", "Logo" if "logo" in alt.lower() else "Picture")


def _remove_unused(placeholders: list[Any]) -> None:
    """No 'Click to add text' prompts and no empty picture frames in a finished deck."""
    for element in placeholders:
        text = text_of(element) if placeholder_type(element) != "pic" else ""
        if not text.strip():
            element.getparent().remove(element)


def _add_footer(
    slide: Any, layout: LayoutInfo, text: str, number: int, slide_size: tuple[int, int], lang: str
) -> list[Any]:
    """python-pptx does not copy footer and slide-number placeholders to new slides: copy them."""
    added = []
    footer_box = layout.box_of("footer")
    if layout.footer_xml and text:
        added.append(_clone_placeholder(slide, layout.footer_xml, _run_xml(text, lang)))
        if footer_box is not None:
            smallest = smallest_points("footer", display_scale(slide_size))
            beside = [p.box for p in layout.placeholders if p.role in ("title", "body", "number", "picture")]
            fit_footer(added[-1], footer_box, text, layout.footer_points, smallest, beside, slide_size[0])
    if layout.number_xml:
        field = f'<a:fld id="{SLIDE_NUMBER_FIELD_ID}" type="slidenum"><a:rPr lang="{lang}"/><a:t>{number}</a:t></a:fld>'
        added.append(_clone_placeholder(slide, layout.number_xml, field))
    return added


def _clone_placeholder(slide: Any, xml: bytes, paragraph_content: str) -> Any:
    from pptx.shapes.placeholder import SlidePlaceholder

    element = parsed(_with_paragraph(xml, paragraph_content))
    element.nvSpPr.cNvPr.set("id", str(next_shape_id(slide)))
    slide.shapes._spTree.append(element)
    return SlidePlaceholder(element, slide.shapes)


@lru_cache(maxsize=1024)
def _with_paragraph(xml: bytes, paragraph_content: str) -> bytes:
    """A layout placeholder's XML holding one paragraph: the same footer, or number, on many slides and decks."""
    from pptx.oxml import parse_xml

    element = parse_xml(xml)
    tx_body = element.get_or_add_txBody()
    for paragraph in tx_body.findall(_qn("a:p")):
        tx_body.remove(paragraph)
    tx_body.append(parse_xml(f'<a:p xmlns:a="{NS["a"]}">{paragraph_content}</a:p>'))
    return etree.tostring(element)


def _run_xml(text: str, lang: str) -> str:
    from xml.sax.saxutils import escape

    return f'<a:r><a:rPr lang="{lang}"/><a:t>{escape(text)}</a:t></a:r>'


def _color_field(field: Any, rgb: str) -> None:
    from pptx.oxml import parse_xml

    properties = field.find(_qn("a:rPr"))
    if properties is None:
        properties = parse_xml(f'<a:rPr xmlns:a="{NS["a"]}" lang="en-US"/>')
        field.insert(0, properties)
    properties.append(parse_xml(f'<a:solidFill xmlns:a="{NS["a"]}"><a:srgbClr val="{rgb}"/></a:solidFill>'))


def _apply_brand(
    slide: Any,
    planned: PlannedSlide,
    brand: str,
    layout: LayoutInfo,
    slide_width: int,
    texts: list[Any],
    footers: list[Any],
) -> None:
    """Title, section and closing slides on the brand colour; a thin brand bar on every other slide.

    Text must never end up over a picture or a fill it was not coloured for: a slide whose layout
    (or master) draws art over its title or text keeps the template's own background and colours,
    and the bar is left off a slide whose title reaches the top edge.
    """
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE

    rgb = RGBColor.from_string(brand.lstrip("#").upper())
    if planned.kind in BRANDED_KINDS:
        if layout.covering("title") or layout.covering("body"):
            return
        paint_background(slide, rgb)
        text_rgb = RGBColor.from_string(contrast_text(brand))
        for shape in [*texts, *footers]:
            for paragraph in shape.text_frame._txBody.iterchildren(_qn("a:p")):
                for run in paragraph.iterchildren(_qn("a:r")):
                    colour_run(run, text_rgb)
                for field in paragraph.findall(_qn("a:fld")):  # the slide number
                    _color_field(field, str(text_rgb))
        return
    title_box = layout.box_of("title")
    if title_box is not None and title_box[1] < _inches(BAR_INCHES):
        return
    key = (brand, slide_width)
    if key in _BARS:  # python-pptx makes an autoshape through dozens of lookups: reuse the first one's XML
        _add_copy(slide, _BARS[key])
        return
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, slide_width, _inches(BAR_INCHES))
    bar.name = "Brand bar"
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb
    bar.line.fill.background()
    bar.shadow.inherit = False
    _mark_decorative(bar)
    _BARS[key] = etree.tostring(bar._element)


_BARS: dict[tuple[str, int], bytes] = {}
"""The brand bar's XML by brand colour and slide width: the same on every slide but for its shape id."""


def _add_copy(slide: Any, xml: bytes) -> None:
    """Add a shape from its XML, numbered as python-pptx numbers a new shape, where it adds one."""
    element = parsed(xml)
    element.nvSpPr.cNvPr.set("id", str(next_shape_id(slide)))
    slide.shapes._spTree.insert_element_before(element, "p:extLst")


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


def _set_theme_accent(presentation: Any, brand: str) -> None:
    """Make each theme's first accent colour the brand colour, so the template's accents follow it."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    accent = re.compile(r"(<a:accent1>\s*<a:srgbClr val=\")[0-9A-Fa-f]{6}")
    colour = brand.lstrip("#").upper()
    for master in presentation.slide_masters:
        theme = master.part.part_related_by(RT.THEME)
        theme._blob = accent.sub(lambda m: m.group(1) + colour, theme.blob.decode("utf-8")).encode("utf-8")


def _footer_text(plan: Plan) -> str:
    branding = plan.contractor.branding
    if branding and branding.footer:
        return branding.footer
    return f"{plan.contractor.title} · {plan.contractor.organization}"


def _set_core_properties(presentation: Any, plan: Plan) -> None:
    props = presentation.core_properties
    standard = f"{plan.config.standard.name} {plan.config.standard.version}"
    props.title = property_text(plan.contractor.title)
    props.author = property_text(plan.contractor.organization)
    props.subject = property_text(standard)
    props.keywords = property_words([o.id for o in plan.objectives])
    props.comments = property_text(plan.words.text("deck_comments", standard=standard))
    props.category = property_text(plan.words.text("deck_category"))
    props.language = plan.words.LANGUAGE
    props.last_modified_by = "csec-builder"
    props.revision = 1
    props.created = props.modified = fixed_datetime()


def _inches(value: float) -> int:
    return int(value * EMU_PER_INCH)


def _qn(tag: str) -> str:
    from pptx.oxml.ns import qn

    return qn(tag)
