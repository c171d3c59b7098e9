"""What a template is made of: slide geometry, XML namespaces and fixed values, and the specification types
(`Box`, `Shape`, `Layout`, `Design`) the designs fill in and the writers read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Final

EMU_PER_INCH: Final = 914400
SLIDE_W_IN: Final = 13.333
SLIDE_H_IN: Final = 7.5
SLIDE_W: Final = 12192000  # 13.333 in: 16:9 widescreen
SLIDE_H: Final = 6858000  # 7.5 in

ZIP_DATE: Final = (1980, 1, 1, 0, 0, 0)
FIXED_TIME: Final = dt.datetime(2026, 1, 1, 0, 0, 0)
AUTHOR: Final = "csec-builder"

NS_A: Final = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P: Final = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_R: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL: Final = f'xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"'
XML_HEAD: Final = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Marks layout decorations as decorative for screen readers (Office 2019+).
DECORATIVE_EXT: Final = (
    '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative"'
    ' val="1"/></a:ext></a:extLst>'
)
# Fixed field id so the slide-number field is identical on every run.
SLIDENUM_FIELD_ID: Final = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"

THEME_COLOUR_SLOTS: Final = (
    "dk1", "lt1", "dk2", "lt2",
    "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
    "hlink", "folHlink",
)  # fmt: skip

# Text insets of every placeholder (PowerPoint's defaults).
INSETS: Final = 'lIns="91440" tIns="45720" rIns="91440" bIns="45720"'


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches from the top-left corner."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Shape:
    """A placeholder (``ph`` set) or a decorative rectangle (``fill`` set)."""

    name: str
    box: Box
    ph: str = ""  # attributes of <p:ph>, e.g. 'type="body" idx="1"'
    fill: str = ""  # scheme colour of a decorative rectangle
    body_pr: str = ""
    lst_style: str = ""
    paragraphs: str = ""


@dataclass(frozen=True)
class Layout:
    """One slide layout: its name, shapes (drawn in order) and background."""

    name: str
    shapes: tuple[Shape, ...]
    background: str = ""  # scheme colour; empty inherits the master's
    show_master_shapes: bool = True


@dataclass(frozen=True)
class Design:
    """Everything that differs between the templates this script builds."""

    path: Path  # relative to the templates folder
    theme_name: str
    colours: dict[str, str]
    major_font: str
    minor_font: str
    title_size: int  # hundredths of a point
    title_colour: str  # scheme colour
    title_anchor: str
    body_sizes: tuple[int, int, int]  # level 1, level 2, levels 3-9
    bullet_colour: str
    line_spacing: int  # per cent
    space_before: int  # points
    master_shapes: tuple[Shape, ...]
    title_box: Box
    body_box: Box
    footer_box: Box
    slide_number_box: Box
    layouts: tuple[Layout, ...]
    core_title: str
    core_subject: str
    sample_slide: tuple[str, str] | None = None  # (layout name, title text)
    paintable: bool = False  # carries the mark that lets csec-builder paint the brand colour on it
