"""Contrast of the text colours a deck will use against the backgrounds they sit on (WCAG 2.1 AA, 4.5:1).

Colours are resolved the way PowerPoint resolves them: a placeholder's own list style, else the
layout's, else the slide master's text styles; scheme colours through the master's colour map and
the theme, with luminance modifiers applied. Backgrounds come from the layout, else the master, else
the theme's background colour. A picture or gradient background cannot be judged from colours
alone, so it is skipped rather than guessed.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..loader import Loaded
from ..models import Contractor
from ..problems import CsecError, Problem
from ..render.common.color import contrast_ratio, contrast_text
from ..yamlio import Source

MINIMUM = 4.5
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}
THEME_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
DEFAULT_COLOR_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


@dataclass(frozen=True)
class Pair:
    layout: str
    role: str  # title | body
    text: str
    background: str

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.text, self.background)


def check_contractor_templates(loaded: Loaded) -> list[Problem]:
    """Every contractor's template and brand colour, reported at the contractor file's lines.

    The contractors that loaded, and their templates as the load stage resolved them: validate reports the rest.
    """
    problems: list[Problem] = []
    seen: dict[tuple[Path, tuple], list[Pair]] = {}
    for source in loaded.contractors:
        problems += _check_one(loaded, source, seen)
    return problems


def _check_one(loaded: Loaded, source: Source[Contractor], seen: dict) -> list[Problem]:
    from ..render.pptx.template import DEFAULT_TEMPLATE, cached_template, paints

    contractor = source.model
    try:
        path = loaded.resolve(contractor.template or DEFAULT_TEMPLATE)
        template = cached_template(path, dict(contractor.layouts))
    except (ValueError, CsecError):
        return []  # validate reports a missing or unusable template
    chosen = sorted({choice.layout.index for choice in template.choices.values()})
    key = (path, tuple(chosen))
    if key not in seen:
        seen[key] = low_contrast_pairs(template.data, chosen)
    loc = ("template",) if contractor.template else ("id",)
    problems = [source.doc.problem(loc, _message(pair, path)) for pair in seen[key]]
    if contractor.branding is not None and paints(template, contractor.branding.paint):
        problems += _brand_problems(source)
    return problems


def _message(pair: Pair, path: Path) -> str:
    return (
        f"{pair.role} text #{pair.text} on background #{pair.background} in layout '{pair.layout}' of "
        f"{path.name} has contrast {pair.ratio:.2f}:1; WCAG 2.1 AA needs {MINIMUM}:1"
    )


def _brand_problems(source: Source[Contractor]) -> list[Problem]:
    """Painted slides get white or near-black text on the brand colour, whichever reads better: is it enough?"""
    colour = source.model.branding.primary_color.lstrip("#").upper()  # type: ignore[union-attr]
    text = contrast_text(colour)
    ratio = contrast_ratio(colour, text)
    if ratio >= MINIMUM:
        return []
    message = (
        f"primary_color #{colour} gives brand-coloured slides text #{text} at contrast {ratio:.2f}:1; "
        f"WCAG 2.1 AA needs {MINIMUM}:1: choose a darker or a lighter colour"
    )
    return [source.doc.problem(("branding", "primary_color"), message)]


def low_contrast_pairs(data: bytes, chosen: list[int]) -> list[Pair]:
    """Title and body text colours below 4.5:1 on the chosen layouts (by index over all masters) of a template."""
    from ..render.pptx.template import open_presentation

    presentation = open_presentation(data, Path("template.pptx"))
    pairs = []
    layouts = [layout for master in presentation.slide_masters for layout in master.slide_layouts]
    for index in chosen:
        pairs += [p for p in layout_pairs(layouts[index]) if p.ratio < MINIMUM]
    return pairs


def layout_pairs(layout: Any) -> list[Pair]:
    master = layout.slide_master
    palette = _Palette(master, layout)
    pairs = []
    for role, style in (("title", "titleStyle"), ("body", "bodyStyle")):
        background = palette.behind(role)
        colour = palette.text_colour(role, style)
        if colour is not None and background is not None:
            pairs.append(Pair(layout.name, role, colour, background))
    return pairs


class _Palette:
    """Resolves colours for one layout through its master and theme."""

    def __init__(self, master: Any, layout: Any) -> None:
        self.master, self.layout = master.element, layout.element
        self.scheme = _theme_colours(master)
        self.colour_map = _colour_map(self.master, self.layout)

    def behind(self, role: str) -> str | None:
        """The colour behind a placeholder's centre: the topmost filled shape there, else the background."""
        centre = self._centre(role)
        if centre is None:
            return None
        for shape in reversed(self._decoration()):
            if _contains(shape, centre):
                if shape.tag.endswith("}pic"):
                    return None  # a picture: not judged by colour
                return self._fill(shape)
        return self.background()

    def _decoration(self) -> list[Any]:
        """Shapes that are not placeholders, bottom to top: the master's (unless hidden), then the layout's."""
        shows_master = self.layout.get("showMasterSp", "1") not in ("0", "false")
        layers = [self.master, self.layout] if shows_master else [self.layout]
        shapes = []
        for element in layers:
            for shape in element.find("p:cSld/p:spTree", NS):
                if shape.tag.rsplit("}", 1)[-1] in ("sp", "pic") and shape.find(".//p:nvPr/p:ph", NS) is None:
                    shapes.append(shape)
        return shapes

    def _fill(self, shape: Any) -> str | None:
        solid = shape.find("p:spPr/a:solidFill", NS)
        if solid is not None:
            return self.colour(solid)
        if shape.find("p:spPr/a:noFill", NS) is not None or shape.find("p:spPr/a:gradFill", NS) is not None:
            return None if shape.find("p:spPr/a:gradFill", NS) is not None else self.background()
        reference = shape.find("p:style/a:fillRef", NS)
        if reference is not None and reference.get("idx", "0") != "0":
            return self.colour(reference)
        return self.background()

    def _centre(self, role: str) -> tuple[int, int] | None:
        for element in (self.layout, self.master):
            for placeholder in element.iterfind("p:cSld/p:spTree/p:sp", NS):
                offset = placeholder.find("p:spPr/a:xfrm/a:off", NS)
                size = placeholder.find("p:spPr/a:xfrm/a:ext", NS)
                if _role(placeholder) == role and offset is not None and size is not None:
                    x, y = int(offset.get("x", 0)), int(offset.get("y", 0))
                    return x + int(size.get("cx", 0)) // 2, y + int(size.get("cy", 0)) // 2
        return None

    def background(self) -> str | None:
        for element in (self.layout, self.master):
            bg = element.find("p:cSld/p:bg", NS)
            if bg is None:
                continue
            fill = bg.find("p:bgPr", NS)
            if fill is not None:
                solid = fill.find("a:solidFill", NS)
                return self.colour(solid) if solid is not None else None  # a picture or gradient
            reference = bg.find("p:bgRef", NS)
            if reference is not None and int(reference.get("idx", "0")) < 1001:
                return self.colour(reference)
            return None
        return self.scheme_colour("bg1")

    def text_colour(self, role: str, style: str) -> str | None:
        for element in (self.layout, self.master):
            for placeholder in element.iterfind("p:cSld/p:spTree/p:sp", NS):
                if _role(placeholder) == role:
                    fill = placeholder.find("p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/a:solidFill", NS)
                    if fill is not None:
                        return self.colour(fill)
        fill = self.master.find(f"p:txStyles/p:{style}/a:lvl1pPr/a:defRPr/a:solidFill", NS)
        return self.colour(fill) if fill is not None else self.scheme_colour("tx1")

    def colour(self, holder: Any) -> str | None:
        """The RRGGBB of the colour element inside `holder` (srgbClr, sysClr or schemeClr)."""
        for child in holder:
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "srgbClr":
                base = child.get("val")
            elif tag == "sysClr":
                base = child.get("lastClr")
            elif tag == "schemeClr":
                base = self.scheme_colour(child.get("val", ""))
            else:
                continue
            return _modified(base.upper(), child) if base else None
        return None

    def scheme_colour(self, name: str) -> str | None:
        return self.scheme.get(self.colour_map.get(name, name))


def _contains(shape: Any, point: tuple[int, int]) -> bool:
    offset = shape.find("p:spPr/a:xfrm/a:off", NS)
    size = shape.find("p:spPr/a:xfrm/a:ext", NS)
    if offset is None or size is None:
        return False
    x, y = int(offset.get("x", 0)), int(offset.get("y", 0))
    return x <= point[0] <= x + int(size.get("cx", 0)) and y <= point[1] <= y + int(size.get("cy", 0))


def _role(shape: Any) -> str | None:
    placeholder = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
    if placeholder is None:
        return None
    kind = placeholder.get("type", "obj")
    if kind in ("title", "ctrTitle"):
        return "title"
    return "body" if kind in ("body", "obj", "subTitle") else None


def _theme_colours(master: Any) -> dict[str, str]:
    from lxml import etree

    theme = master.part.part_related_by(THEME_RELATIONSHIP)
    root = etree.fromstring(theme.blob)
    scheme = root.find("a:themeElements/a:clrScheme", NS)
    colours: dict[str, str] = {}
    for entry in scheme if scheme is not None else []:
        value = entry.find("a:srgbClr", NS)
        system = entry.find("a:sysClr", NS)
        hex_value = value.get("val") if value is not None else system.get("lastClr") if system is not None else None
        if hex_value:
            colours[etree.QName(entry).localname] = hex_value.upper()
    return colours


def _colour_map(master: Any, layout: Any) -> dict[str, str]:
    override = layout.find("p:clrMapOvr/a:overrideClrMapping", NS)
    element = override if override is not None else master.find("p:clrMap", NS)
    return dict(element.attrib) if element is not None else dict(DEFAULT_COLOR_MAP)


def _modified(base: str, element: Any) -> str:
    """Apply lumMod/lumOff (how themes lighten and darken text) in HSL, as PowerPoint does."""
    mod = element.find("a:lumMod", NS)
    off = element.find("a:lumOff", NS)
    if mod is None and off is None:
        return base
    red, green, blue = (int(base[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, sat = colorsys.rgb_to_hls(red, green, blue)
    light = light * (int(mod.get("val")) / 100_000 if mod is not None else 1)
    light = min(1.0, light + (int(off.get("val")) / 100_000 if off is not None else 0))
    channels = colorsys.hls_to_rgb(hue, light, sat)
    return "".join(f"{round(c * 255):02X}" for c in channels)
