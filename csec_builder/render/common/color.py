"""Colour contrast by WCAG 2 relative luminance: used to pick readable text on brand colours."""

from __future__ import annotations

WHITE, NEAR_BLACK = "#FFFFFF", "#1F1F1F"


def contrast_text(background: str) -> str:
    """White or near-black text (as RRGGBB), whichever contrasts more with `background`."""
    white, dark = contrast_ratio(background, WHITE), contrast_ratio(background, NEAR_BLACK)
    return (WHITE if white >= dark else NEAR_BLACK).lstrip("#")


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def luminance(hex_color: str) -> float:
    channels = [int(hex_color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
