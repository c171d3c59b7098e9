"""Draw a slide's diagram as native, editable shapes: a process, a cycle or a comparison.

Everything is drawn inside the template's content area (the body placeholder's box), filled with
the theme's first accent colour by reference, so the diagram follows the template (and the brand
colour where the deck paints it). Text on a fill gets white or near-black by contrast; text on the
slide inherits the template's own text colour. Sizes come from the same conservative text-fit
estimate as the bullets, never below a readable minimum. The shapes sit in one group named after
the slide, whose description lists the steps for screen readers; connectors are glued to the
shapes, so moving a shape in PowerPoint keeps its arrows attached.
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import pairwise
from typing import Any

from lxml import etree

from ...models import Diagram, DiagramStep
from ..common.color import contrast_text
from ..common.textfit import BODY_LINE_HEIGHT, fitting_size, needed_height
from . import drawn
from .layouts import NS, Box

EMU_PER_INCH = 914400
GAP = int(0.3 * EMU_PER_INCH)
LABEL_POINTS, DETAIL_POINTS = 22.0, 18.0
SMALLEST_LABEL, SMALLEST_DETAIL = 16.0, 14.0
"""Never smaller on the default 13.33 x 7.5 in slide, scaled like the bullets' minimum."""
LINE_POINTS = 2.25
FALLBACK_ACCENT = "1F4E79"
TEXT_COLOUR = "tx1"
"""Text on an unfilled shape: the theme's text colour, by reference."""
# Connection sites of a rectangle, in python-pptx's numbering: top, left, bottom, right.
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3


def draw_diagram(slide: Any, diagram: Diagram, box: Box, title: str, scale: float, lang: str | None = None) -> Any:
    """Draw `diagram` inside `box` on `slide`; return the group that holds it. Every run declares `lang`.

    The same diagram recurs on many decks (every contractor teaching an objective shows it): drawn
    once through python-pptx, whose groups recompute their extents after every added shape, it is
    then copied and renumbered (see `drawn`), which gives the same XML far sooner.
    """
    key = (diagram.kind, tuple((s.label, s.detail) for s in diagram.steps), tuple(box), title, scale, lang)
    accent = theme_accent(slide)
    return drawn.draw(slide, (*key, accent), lambda: _draw(slide, diagram, box, title, scale, lang, accent))


def _draw(slide: Any, diagram: Diagram, box: Box, title: str, scale: float, lang: str | None, accent: str) -> Any:
    group = slide.shapes.add_group_shape()
    group.name = f"Diagram: {title}"
    _describe(group, title, diagram)
    draw = {"process": _process, "cycle": _cycle, "comparison": _comparison}[diagram.kind]
    draw(group.shapes, diagram.steps, box, accent, scale)
    if lang:
        for run in group._element.iter(f"{{{NS['a']}}}r"):
            run.get_or_add_rPr().set("lang", lang)
    return group


def _process(shapes: Any, steps: list[DiagramStep], box: Box, accent: str, scale: float) -> None:
    """Steps left to right, each a filled box with its label, its detail underneath, arrows between."""
    left, top, width, height = box
    count = len(steps)
    step_width = (width - GAP * (count - 1)) // count
    label_height = min(int(height * 0.4), int(1.6 * EMU_PER_INCH * scale))
    has_details = any(s.detail for s in steps)
    if not has_details:
        label_height = min(height, int(2.2 * EMU_PER_INCH * scale))
        top += (height - label_height) // 2
    boxes = []
    for index, step in enumerate(steps):
        x = left + index * (step_width + GAP)
        shape = _filled(shapes, (x, top, step_width, label_height), step.label, accent, scale)
        boxes.append(shape)
        if step.detail:
            detail_box = (x, top + label_height + GAP // 2, step_width, height - label_height - GAP // 2)
            _text(shapes, detail_box, step.detail, scale)
    for before, after in pairwise(boxes):
        _arrow(shapes, before, RIGHT, after, LEFT, accent)


def _cycle(shapes: Any, steps: list[DiagramStep], box: Box, accent: str, scale: float) -> None:
    """Steps around an ellipse, clockwise from the top, each arrow to the next and the last back to the first."""
    left, top, width, height = box
    count = len(steps)
    step_width = min(int(width * (0.32 if count <= 4 else 0.28)), int(3.6 * EMU_PER_INCH * scale))
    step_height = min(int(height * (0.32 if count <= 4 else 0.3)), int(1.7 * EMU_PER_INCH * scale))
    centre_x, centre_y = left + width // 2, top + height // 2
    radius_x, radius_y = (width - step_width) // 2, (height - step_height) // 2
    boxes = []
    for index, step in enumerate(steps):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x = centre_x + int(radius_x * math.cos(angle)) - step_width // 2
        y = centre_y + int(radius_y * math.sin(angle)) - step_height // 2
        boxes.append(_filled(shapes, (x, y, step_width, step_height), step.label, accent, scale, step.detail))
    for index, shape in enumerate(boxes):
        following = boxes[(index + 1) % count]
        start, end = _facing_sites(shape, following)
        _arrow(shapes, shape, start, following, end, accent)


def _comparison(shapes: Any, steps: list[DiagramStep], box: Box, accent: str, scale: float) -> None:
    """Columns side by side: a filled heading with the label, an outlined panel with the detail."""
    left, top, width, height = box
    count = len(steps)
    column = (width - GAP * (count - 1)) // count
    heading = min(int(height * 0.25), int(1.1 * EMU_PER_INCH * scale))
    # The panels are as tall as the longest text needs at the label's size, so short columns do not float.
    details = [s.detail or "" for s in steps]
    needed = max(needed_height([d], column, LABEL_POINTS * scale, BODY_LINE_HEIGHT) for d in details)
    panel_height = min(height - heading, needed + GAP)
    for index, step in enumerate(steps):
        x = left + index * (column + GAP)
        _filled(shapes, (x, top, column, heading), step.label, accent, scale)
        panel = _outlined(shapes, (x, top + heading, column, panel_height))
        if step.detail:
            _set_text(panel, [step.detail], LABEL_POINTS, SMALLEST_DETAIL, scale, TEXT_COLOUR, bold=False)


def _filled(shapes: Any, box: Box, label: str, accent: str, scale: float, detail: str | None = None) -> Any:
    """A rounded box in the accent colour, its text in white or near-black, whichever reads better."""
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.shapes import MSO_SHAPE

    shape = shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *box)
    shape.fill.solid()
    shape.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    shape.line.fill.background()
    shape.shadow.inherit = False
    lines = [label, detail] if detail else [label]
    _set_text(
        shape, lines, LABEL_POINTS if not detail else DETAIL_POINTS, SMALLEST_DETAIL, scale, contrast_text(accent)
    )
    return shape


def _outlined(shapes: Any, box: Box) -> Any:
    """An unfilled panel outlined in the accent colour, its text in the theme's text colour."""
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Pt

    shape = shapes.add_shape(MSO_SHAPE.RECTANGLE, *box)
    # The autoshape's default style would give its text white letters and a shadow: drop it, set all here.
    shape._element.remove(shape._element.find(f"{{{NS['p']}}}style"))
    shape.fill.background()
    shape.line.color.theme_color = MSO_THEME_COLOR.ACCENT_1
    shape.line.width = Pt(LINE_POINTS)
    return shape


def _text(shapes: Any, box: Box, text: str, scale: float) -> Any:
    """Text on the slide itself: the template's text colour, centred under its step."""
    shape = shapes.add_textbox(*box)
    _set_text(shape, [text], DETAIL_POINTS, SMALLEST_DETAIL, scale, None, bold=False, anchor="t")
    return shape


def _set_text(
    shape: Any,
    lines: list[str],
    start: float,
    smallest: float,
    scale: float,
    colour: str | None,
    bold: bool = True,
    anchor: str = "ctr",
) -> None:
    """Centred lines at the largest size that fits the shape (the first line bold on a filled box)."""
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE if anchor == "ctr" else MSO_ANCHOR.TOP
    size = fitting_size(lines, shape.width, shape.height, start * scale, smallest * scale, BODY_LINE_HEIGHT)
    points = size or start * scale
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(points if index == 0 or not bold else max(points - 2, smallest * scale))
        run.font.bold = bold and index == 0
        if colour == TEXT_COLOUR:  # the theme's text colour: an outlined shape's own style would make it white
            run.font.color.theme_color = MSO_THEME_COLOR.TEXT_1
        elif colour is not None:
            run.font.color.rgb = RGBColor.from_string(colour)


def _arrow(shapes: Any, start: Any, start_site: int, end: Any, end_site: int, accent: str) -> None:
    """A straight connector glued to both shapes, with an arrowhead at its end, in the accent colour."""
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.util import Pt

    connector = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
    connector.begin_connect(start, start_site)
    connector.end_connect(end, end_site)
    connector.line.color.theme_color = MSO_THEME_COLOR.ACCENT_1
    connector.line.width = Pt(LINE_POINTS)
    line = connector.line._get_or_add_ln()
    etree.SubElement(line, f"{{{NS['a']}}}tailEnd", {"type": "triangle", "w": "med", "len": "med"})


def _facing_sites(first: Any, second: Any) -> tuple[int, int]:
    """The connection sites on which two boxes face each other: the pair of sides with the shortest gap."""
    sites = {}
    for shape in (first, second):
        left, top, right, bottom = shape.left, shape.top, shape.left + shape.width, shape.top + shape.height
        middle_x, middle_y = (left + right) // 2, (top + bottom) // 2
        sites[id(shape)] = {
            TOP: (middle_x, top),
            LEFT: (left, middle_y),
            BOTTOM: (middle_x, bottom),
            RIGHT: (right, middle_y),
        }
    pairs = [(a, b) for a in sites[id(first)] for b in sites[id(second)]]
    return min(pairs, key=lambda p: math.dist(sites[id(first)][p[0]], sites[id(second)][p[1]]))


def _describe(group: Any, title: str, diagram: Diagram) -> None:
    """Alt text on the group: what a screen reader says before it reads the shapes' own text."""
    c_nv_pr = group._element.nvGrpSpPr.cNvPr
    c_nv_pr.set("descr", f"{diagram.kind.capitalize()}: " + "; ".join(diagram.lines()))


def theme_accent(slide: Any) -> str:
    """The first accent colour of the slide's theme, as RRGGBB (a system colour by its last value)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    master = slide.slide_layout.slide_master
    return _accent_of(master.part.part_related_by(RT.THEME).blob)


@lru_cache(maxsize=64)
def _accent_of(theme_xml: bytes) -> str:
    root = etree.fromstring(theme_xml)
    accent = root.find("a:themeElements/a:clrScheme/a:accent1", NS)
    if accent is None:
        return FALLBACK_ACCENT
    rgb = accent.find("a:srgbClr", NS)
    system = accent.find("a:sysClr", NS)
    value = rgb.get("val") if rgb is not None else system.get("lastClr") if system is not None else None
    return (value or FALLBACK_ACCENT).upper()
