"""Make text and the logo fit a template's boxes, whatever size the template gives them.

Templates from other organisations come in 4:3 and 16:9, with text areas of any size and, from
some exporters, sizes written only on sample text. The plan already splits long lists for the
template's text area; this module handles what is left on one slide: a smaller font (never below
the readable minimum), then a taller box where the layout leaves free space, and a logo corner
that covers no text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..common.textfit import (
    BODY_LINE_HEIGHT,
    TITLE_LINE_HEIGHT,
    capacity,
    fits,
    fitting_size,
    needed_height,
    wrapped_lines,
)
from .layouts import EMU_PER_INCH, NS, Box, LayoutInfo, overlap

MARGIN = int(0.3 * EMU_PER_INCH)  # growing text stays this far from the slide's edges
# Never smaller, on the default 13.33 x 7.5 in slide: readable from the back of a training room.
MIN_POINTS = {"title": 24.0, "body": 18.0, "footer": 9.0}
FOOTER_LINE_HEIGHT = 1.2
PLAN_POINTS = 24.0  # the plan splits lists for this size at most: the shrink step brings larger text down to it
DEFAULT_SLIDE = (12192000, 6858000)  # 13.33 x 7.5 in
LOGO_SIZE = (int(2.6 * EMU_PER_INCH), int(1.3 * EMU_PER_INCH))
A_P, A_R = f"{{{NS['a']}}}p", f"{{{NS['a']}}}r"


def display_scale(slide_size: tuple[int, int]) -> float:
    """How large this slide's points look on screen, against the default slide's.

    A screen shows a slide as large as it fits: 18 pt on a 10 x 5.625 in slide looks as large as
    24 pt on the default 13.33 x 7.5 in one, and 18 pt on a 10 x 7.5 in (4:3) slide as 18 pt does.
    """
    return max(slide_size[0] / DEFAULT_SLIDE[0], slide_size[1] / DEFAULT_SLIDE[1]) if slide_size[0] else 1.0


def smallest_points(role: str, scale: float) -> float:
    """The readable minimum for titles, text or footers on a slide of this scale, to half a point."""
    return round(MIN_POINTS[role] * scale * 2) / 2


def start_points(layout: LayoutInfo, role: str, scale: float) -> float:
    """The size text starts at: the template's; where only sample text gives one, never below the minimum."""
    points = layout.title_points if role == "title" else layout.body_points
    return max(points, smallest_points(role, scale)) if role in layout.unstyled else points


def plan_points(layout: LayoutInfo, scale: float) -> float:
    """The body size the plan splits lists for: the starting size, at most 24 pt (scaled)."""
    return min(start_points(layout, "body", scale), PLAN_POINTS * scale)


def fit_text(shape: Any, box: Box, paragraphs: list[str], layout: LayoutInfo, role: str, scale: float) -> float:
    """Title or body text at the template's size, or smaller to fit; returns the size it has."""
    start, smallest = start_points(layout, role, scale), smallest_points(role, scale)
    line_height = TITLE_LINE_HEIGHT if role == "title" else BODY_LINE_HEIGHT
    return shrink_to_fit(shape, box, paragraphs, start, smallest, line_height, role in layout.unstyled)


def shrink_to_fit(
    shape: Any, box: Box, paragraphs: list[str], start: float, smallest: float, line_height: float, always: bool
) -> float:
    """Set a smaller font size on the shape's runs when the text would overflow it at the template's size.

    `always` sets the size even when the text fits, for templates whose style gives no size.
    Returns the size the text now has.
    """
    size = fitting_size(paragraphs, box[2], box[3], start, min(smallest, start), line_height)
    if size is None and not always:
        return start
    set_points(shape, size or start)
    return size or start


def set_points(shape: Any, points: float) -> None:
    """Every run of the shape at `points`: what python-pptx's `run.font.size = Pt(points)` on each run
    sets, through the text body's own elements instead of a proxy object per paragraph, run and font."""
    from pptx.util import Pt

    centipoints = Pt(points).centipoints
    for paragraph in shape.text_frame._txBody.iterchildren(A_P):
        for run in paragraph.iterchildren(A_R):
            run.get_or_add_rPr().sz = centipoints


def grow_to_fit(
    shape: Any,
    box: Box,
    paragraphs: Sequence[str],
    points: float,
    line_height: float,
    anchor: str,
    obstacles: Sequence[Box],
    slide_size: tuple[int, int],
) -> Box:
    """Make the box taller, into free space, when the text still overflows it at its final size.

    A small text area (a section header's, a 4:3 layout's) would otherwise let the client's
    shrink-on-overflow make the text unreadably small, or let it run over the title.
    """
    left, top, width, height = box
    if fits(paragraphs, width, height, points, line_height):
        return box
    needed = needed_height(paragraphs, width, points, line_height)
    lowest_top, highest_bottom = _free_span(box, obstacles, slide_size)
    bottom = top + height
    if anchor == "b":
        new_top, new_bottom = max(lowest_top, bottom - needed), bottom
    elif anchor == "t":
        new_top, new_bottom = top, min(highest_bottom, top + needed)
    else:
        extra = (needed - height) // 2
        new_top, new_bottom = max(lowest_top, top - extra), min(highest_bottom, bottom + extra)
    new_top = max(lowest_top, min(new_top, new_bottom - needed))  # still short: take room on the other side
    new_bottom = min(highest_bottom, max(new_bottom, new_top + needed))
    if (new_top, new_bottom) == (top, bottom):
        return box
    shape.left, shape.width = left, width  # a placeholder inherits its position: pin all four
    shape.top, shape.height = new_top, new_bottom - new_top
    return left, new_top, width, new_bottom - new_top


def fit_footer(
    shape: Any, box: Box, text: str, start: float, smallest: float, obstacles: Sequence[Box], slide_width: int
) -> None:
    """A footer on one line: wider into the free part of its row (an unused date box), then smaller."""
    left, top, width, height = box
    if _one_line(text, width, start):
        return
    lowest_left, highest_right = MARGIN, slide_width - MARGIN
    for o_left, o_top, o_width, o_height in obstacles:
        if o_top >= top + height or o_top + o_height <= top:
            continue  # not in the same row
        if o_left + o_width / 2 < left + width / 2:
            lowest_left = max(lowest_left, o_left + o_width)
        else:
            highest_right = min(highest_right, o_left)
    new_left, new_right = min(lowest_left, left), max(highest_right, left + width)
    shape.left, shape.top, shape.width, shape.height = new_left, top, new_right - new_left, height
    size = start
    while size > smallest and not _one_line(text, new_right - new_left, size):
        size = max(size - 1, smallest)
    if size != start:
        set_points(shape, size)


def _one_line(text: str, width: int, points: float) -> bool:
    chars, _ = capacity(width, EMU_PER_INCH, points, FOOTER_LINE_HEIGHT)
    return wrapped_lines(text, chars) == 1


def logo_box(slide_size: tuple[int, int], occupied: Sequence[Box]) -> Box:
    """A corner for the logo that covers no text: top right, bottom right, top left or bottom left."""
    slide_width, slide_height = slide_size
    width = min(LOGO_SIZE[0], slide_width // 4)
    height = min(LOGO_SIZE[1], width // 2)
    inset, footer_strip = int(0.5 * EMU_PER_INCH), int(0.6 * EMU_PER_INCH)
    right, left = slide_width - width - inset, inset
    top, bottom = int(0.4 * EMU_PER_INCH), slide_height - height - footer_strip
    corners = [(right, top, width, height), (right, bottom, width, height), (left, top, width, height)]
    corners.append((left, bottom, width, height))
    return min(corners, key=lambda corner: sum(overlap(corner, box) for box in occupied))


def _free_span(box: Box, obstacles: Sequence[Box], slide_size: tuple[int, int]) -> tuple[int, int]:
    """How high and how low the box may reach without covering a shape beside it in the same column."""
    left, top, width, height = box
    lowest_top, highest_bottom = MARGIN, slide_size[1] - MARGIN
    middle = top + height / 2
    for o_left, o_top, o_width, o_height in obstacles:
        if o_left >= left + width or o_left + o_width <= left:
            continue  # not in the same column
        if o_top + o_height / 2 < middle:
            lowest_top = max(lowest_top, o_top + o_height)
        else:
            highest_bottom = min(highest_bottom, o_top)
    return min(lowest_top, top), max(highest_bottom, top + height)
