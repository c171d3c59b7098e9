"""The fictional organisation's logo, drawn with Pillow: a mountain mark and its initials on a white card."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Final

from PIL import Image, ImageDraw, ImageFont

FONT_PATH: Final = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def fitted_font(lines: tuple[str, ...], width: int, largest: int) -> ImageFont.FreeTypeFont | None:
    """Return the largest DejaVu Sans Bold (<= ``largest`` px) that fits every line in ``width``.

    Returns None when the font is not installed.
    """
    if not FONT_PATH.is_file():
        return None
    for size in range(largest, 7, -1):
        font = ImageFont.truetype(str(FONT_PATH), size)
        if all(font.getlength(line) <= width for line in lines):
            return font
    return ImageFont.truetype(str(FONT_PATH), 8)


def logo_png() -> bytes:
    """A 600x300 generic logo: a mountain mark and "SJTC" on a white card.

    Without DejaVu fonts the logo falls back to shapes only.
    """
    green, gold, white = (30, 61, 51, 255), (217, 164, 65, 255), (255, 255, 255, 255)
    image = Image.new("RGBA", (600, 300), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 599, 299), radius=36, fill=white)

    # Mark: a sun behind two peaks, with a gold base line.
    draw.ellipse((158, 52, 226, 120), fill=gold)
    draw.polygon([(28, 236), (118, 76), (188, 188), (226, 128), (290, 236)], fill=green)
    draw.rectangle((28, 236, 290, 248), fill=gold)

    column_x, column_w = 310, 262
    tagline = ("SIERRA JUSTICE", "TRAINING", "COLLABORATIVE")
    initials = fitted_font(("SJTC",), column_w, 110)
    small = fitted_font(tagline, column_w, 30)
    if initials is not None and small is not None:
        draw.text((column_x, 138), "SJTC", font=initials, fill=green, anchor="ls")
        for row, line in enumerate(tagline):
            draw.text((column_x + 2, 178 + row * 30), line, font=small, fill=green, anchor="ls")
    else:
        draw.rectangle((column_x, 96, column_x + column_w, 110), fill=green)
        draw.rectangle((column_x, 150, column_x + 180, 160), fill=gold)
        draw.rectangle((column_x, 190, column_x + 220, 200), fill=green)

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
