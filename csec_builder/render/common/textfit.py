"""Estimate whether text fits a placeholder, and the largest font size at which it does.

python-pptx cannot measure text without font files, and PowerPoint ignores shrink-on-overflow until
someone edits the text, so the deck renderer sets sizes itself from this conservative estimate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

EMU_PER_INCH = 914400
# Average glyph width as a share of the font size: conservative for Arial, Verdana, Georgia and their substitutes.
GLYPH_WIDTH = 0.6
INSET_INCHES = 0.2  # left + right (and top + bottom) default text insets
TITLE_LINE_HEIGHT, BODY_LINE_HEIGHT = 1.0, 1.3  # line pitch as a share of the font size, spacing included


def wrapped_lines(text: str, chars_per_line: int) -> int:
    """Lines a paragraph takes when wrapped at word boundaries."""
    lines, current = 1, 0
    for word in text.split():
        length = len(word)
        if current and current + 1 + length > chars_per_line:
            lines, current = lines + 1, length
        else:
            current += length + (1 if current else 0)
        lines += max(0, math.ceil(length / chars_per_line) - 1)
    return lines


def capacity(width_emu: int, height_emu: int, points: float, line_height: float) -> tuple[int, int]:
    """Characters per line and whole lines a box holds at `points`."""
    width = width_emu / EMU_PER_INCH - INSET_INCHES
    height = height_emu / EMU_PER_INCH - INSET_INCHES
    chars = max(8, int(width * 72 / (points * GLYPH_WIDTH)))
    return chars, max(1, int(height * 72 / (points * line_height)))


def fits(paragraphs: Sequence[str], width_emu: int, height_emu: int, points: float, line_height: float) -> bool:
    chars, _ = capacity(width_emu, height_emu, points, line_height)
    height = height_emu / EMU_PER_INCH - INSET_INCHES
    lines = sum(wrapped_lines(p, chars) for p in paragraphs)
    return lines * points * line_height / 72 <= height


def needed_height(paragraphs: Sequence[str], width_emu: int, points: float, line_height: float) -> int:
    """The height (EMU) a box of this width needs for the text at `points`, insets included."""
    chars, _ = capacity(width_emu, EMU_PER_INCH, points, line_height)
    lines = sum(wrapped_lines(p, chars) for p in paragraphs)
    return int((lines * points * line_height / 72 + INSET_INCHES) * EMU_PER_INCH) + 1


def fitting_size(
    paragraphs: Sequence[str], width_emu: int, height_emu: int, start: float, smallest: float, line_height: float
) -> float | None:
    """The template's size when the text fits, else the largest size from `start` down to `smallest`
    that fits (in 2 pt steps), else `smallest`. None means: leave the template's size alone."""
    if fits(paragraphs, width_emu, height_emu, start, line_height):
        return None
    size = start - 2
    while size > smallest and not fits(paragraphs, width_emu, height_emu, size, line_height):
        size -= 2
    return max(size, smallest)
