"""Render a plan into a .pptx deck with python-pptx, from the template's layouts and placeholders."""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from .. import wording
from ..plan import Plan, PlannedSlide
from .color import contrast_text
from .pptx_layouts import NS, Box, LayoutInfo, placeholder_type
from .pptx_template import DeckTemplate, open_presentation
from .reproducible import fixed_datetime, normalize_zip
from .textfit import fitting_size

EMU_PER_INCH = 914400
TITLE_LINE_HEIGHT, BODY_LINE_HEIGHT = 1.0, 1.3  # line pitch as a share of the font size, spacing included
MIN_TITLE_POINTS, MIN_BODY_POINTS = 24, 18  # never smaller: readable from the back of a training room
BRANDED_KINDS = ("title", "section", "closing")
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
    presentation = open_presentation(template.data, template.path)
    _drop_existing_slides(presentation)
    brand = plan.contractor.branding.primary_color if plan.contractor.branding else DEFAULT_BRAND
    _set_theme_accent(presentation, brand)
    footer = _footer_text(plan)
    slides = _SlideMaker(presentation)
    for planned in plan.slides:
        name = template.layout_for[planned.kind]
        slide = slides.add(name)
        texts = _fill(slide, planned, template.layouts[name], presentation, assets)
        footers = _add_footer(slide, template.layouts[name], footer, planned.number)
        _apply_brand(slide, planned, brand, presentation, texts, footers)
        slides.add_notes(slide, planned.number, planned.speaker_notes)
    _set_core_properties(presentation, plan)
    out = io.BytesIO()
    presentation.save(out)
    return normalize_zip(out.getvalue())


class _SlideMaker:
    """Adds slides and notes, copying each layout's placeholders once and reusing them.

    python-pptx clones placeholders through many XPath queries per shape and re-scans the whole
    package for every notes slide; the first slide of each layout goes through python-pptx, and
    later ones reuse the exact XML it produced.
    """

    def __init__(self, presentation: Any) -> None:
        self.presentation = presentation
        self.layouts = {layout.name: layout for layout in presentation.slide_layouts}
        self.prototypes: dict[str, list[bytes]] = {}
        self.notes_prototype: list[bytes] | None = None

    def add(self, layout_name: str) -> Any:
        from pptx.oxml import parse_xml

        layout = self.layouts[layout_name]
        if layout_name not in self.prototypes:
            slide = self.presentation.slides.add_slide(layout)
            self.prototypes[layout_name] = [etree.tostring(sp) for sp in _shape_elements(slide)]
            return slide
        r_id, slide = self.presentation.part.add_slide(layout)
        self.presentation.slides._sldIdLst.add_sldId(r_id)
        for xml in self.prototypes[layout_name]:
            slide.shapes._spTree.append(parse_xml(xml))
        return slide

    def add_notes(self, slide: Any, number: int, text: str) -> None:
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.oxml import parse_xml
        from pptx.oxml.slide import CT_NotesSlide
        from pptx.parts.slide import NotesSlidePart

        package = slide.part.package
        master_part = package.presentation_part.notes_master_part
        partname = PackURI(f"/ppt/notesSlides/notesSlide{number}.xml")
        notes_part = NotesSlidePart(partname, CT.PML_NOTES_SLIDE, package, CT_NotesSlide.new())
        notes_part.relate_to(master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(notes_part, RT.NOTES_SLIDE)
        notes = notes_part.notes_slide
        if self.notes_prototype is None:
            notes.clone_master_placeholders(master_part.notes_master)
            self.notes_prototype = [etree.tostring(sp) for sp in _shape_elements(notes)]
        else:
            for xml in self.notes_prototype:
                notes.shapes._spTree.append(parse_xml(xml))
        notes.notes_text_frame.text = text


def _shape_elements(slide: Any) -> list[Any]:
    return [child for child in slide.shapes._spTree.iterchildren() if not child.tag.endswith(("nvGrpSpPr", "grpSpPr"))]


def _drop_existing_slides(presentation: Any) -> None:
    """Templates exported from PowerPoint or Google Slides often carry sample slides: remove them."""
    id_list = presentation.slides._sldIdLst
    for sld_id in list(id_list):
        presentation.part.drop_rel(sld_id.rId)
        id_list.remove(sld_id)


def _fill(slide: Any, planned: PlannedSlide, layout: LayoutInfo, presentation: Any, assets: Assets) -> list[Any]:
    """Put the slide's title, text and pictures in place; return the shapes that hold its text."""
    from pptx.shapes.placeholder import SlidePlaceholder

    cloned = [sp for sp in slide.shapes._spTree.iterchildren() if placeholder_type(sp) is not None]
    roles: dict[str, tuple[Any, Box]] = {}
    for sp, info in zip(cloned, layout.cloned, strict=False):  # same order: python-pptx clones in layout order
        roles.setdefault(info.role, (sp, info.box))
    title_sp, title_box = roles.get("title", (None, _title_box(presentation)))
    title = SlidePlaceholder(title_sp, slide.shapes) if title_sp is not None else _textbox(slide, title_box)
    title.text_frame.text = planned.title
    _shrink_to_fit(title, title_box, [planned.title], layout.title_points, MIN_TITLE_POINTS, TITLE_LINE_HEIGHT)
    texts = [title]
    body_sp, body_box = roles.get("body", (None, _body_box(presentation)))
    if planned.bullets:
        body = SlidePlaceholder(body_sp, slide.shapes) if body_sp is not None else _textbox(slide, body_box)
        # On a knowledge check the first line is the question and the rest are its choices.
        _write_bullets(body.text_frame, planned.bullets, nested=planned.kind == "knowledge_check")
        image = assets.images.get(planned.image) if planned.image else None
        if image is not None:
            body_box = _place_beside(slide, body, body_box, image, planned.alt_text or "")
        _shrink_to_fit(body, body_box, list(planned.bullets), layout.body_points, MIN_BODY_POINTS, BODY_LINE_HEIGHT)
        texts.append(body)
    if planned.kind == "title" and assets.logo is not None:
        box = roles["picture"][1] if "picture" in roles else _corner_box(presentation)
        _place_picture(slide, assets.logo, assets.logo_alt, box)
    _remove_unused(cloned)
    return texts


def _shrink_to_fit(
    shape: Any, box: Box, paragraphs: list[str], start: float, smallest: float, line_height: float
) -> None:
    """Set a smaller font size on the shape's runs when the text would overflow it at the template's size."""
    from pptx.util import Pt

    size = fitting_size(paragraphs, box[2], box[3], start, min(smallest, start), line_height)
    if size is None:
        return
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)


def _write_bullets(frame: Any, bullets: tuple[str, ...], nested: bool = False) -> None:
    frame.text = bullets[0]
    for bullet in bullets[1:]:
        paragraph = frame.add_paragraph()
        paragraph.text = bullet
        paragraph.level = 1 if nested else 0


def _textbox(slide: Any, box: Box) -> Any:
    shape = slide.shapes.add_textbox(*box)
    shape.text_frame.word_wrap = True
    return shape


def _title_box(presentation: Any) -> Box:
    return _inches(0.6), _inches(0.4), presentation.slide_width - _inches(1.2), _inches(1.0)


def _body_box(presentation: Any) -> Box:
    return _inches(0.6), _inches(1.6), presentation.slide_width - _inches(1.2), _inches(4.9)


def _corner_box(presentation: Any) -> Box:
    width, height = _inches(2.6), _inches(1.3)
    return presentation.slide_width - width - _inches(0.5), _inches(0.4), width, height


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
        text = "".join(element.itertext()) if placeholder_type(element) != "pic" else ""
        if not text.strip():
            element.getparent().remove(element)


def _add_footer(slide: Any, layout: LayoutInfo, text: str, number: int) -> list[Any]:
    """python-pptx does not copy footer and slide-number placeholders to new slides: copy them."""
    added = []
    if layout.footer_xml and text:
        added.append(_clone_placeholder(slide, layout.footer_xml, _run_xml(text)))
    if layout.number_xml:
        field = f'<a:fld id="{SLIDE_NUMBER_FIELD_ID}" type="slidenum"><a:rPr lang="en-US"/><a:t>{number}</a:t></a:fld>'
        added.append(_clone_placeholder(slide, layout.number_xml, field))
    return added


def _clone_placeholder(slide: Any, xml: bytes, paragraph_content: str) -> Any:
    from pptx.oxml import parse_xml
    from pptx.shapes.placeholder import SlidePlaceholder

    element = parse_xml(xml)
    element.nvSpPr.cNvPr.set("id", str(slide.shapes._next_shape_id))
    tx_body = element.get_or_add_txBody()
    for paragraph in tx_body.findall(_qn("a:p")):
        tx_body.remove(paragraph)
    tx_body.append(parse_xml(f'<a:p xmlns:a="{NS["a"]}">{paragraph_content}</a:p>'))
    slide.shapes._spTree.append(element)
    return SlidePlaceholder(element, slide.shapes)


def _run_xml(text: str) -> str:
    from xml.sax.saxutils import escape

    return f'<a:r><a:rPr lang="en-US"/><a:t>{escape(text)}</a:t></a:r>'


def _color_field(field: Any, rgb: str) -> None:
    from pptx.oxml import parse_xml

    properties = field.find(_qn("a:rPr"))
    if properties is None:
        properties = parse_xml(f'<a:rPr xmlns:a="{NS["a"]}" lang="en-US"/>')
        field.insert(0, properties)
    properties.append(parse_xml(f'<a:solidFill xmlns:a="{NS["a"]}"><a:srgbClr val="{rgb}"/></a:solidFill>'))


def _apply_brand(
    slide: Any, planned: PlannedSlide, brand: str, presentation: Any, texts: list[Any], footers: list[Any]
) -> None:
    """Title, section and closing slides on the brand colour; a thin brand bar on every other slide."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE

    rgb = RGBColor.from_string(brand.lstrip("#").upper())
    if planned.kind in BRANDED_KINDS:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = rgb
        text_rgb = RGBColor.from_string(contrast_text(brand))
        for shape in [*texts, *footers]:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.color.rgb = text_rgb
                for field in paragraph._p.findall(_qn("a:fld")):  # the slide number
                    _color_field(field, str(text_rgb))
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
    props.comments = f"Built by csec-builder from {plan.config.standard.name} {plan.config.standard.version}"
    props.category = "CSEC 101 training"
    props.language = wording.LANGUAGE
    props.last_modified_by = "csec-builder"
    props.revision = 1
    props.created = props.modified = fixed_datetime()


def _inches(value: float) -> int:
    return int(value * EMU_PER_INCH)


def _qn(tag: str) -> str:
    from pptx.oxml.ns import qn

    return qn(tag)
