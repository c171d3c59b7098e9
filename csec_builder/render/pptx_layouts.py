"""What a template's layouts offer, read once per template as plain data.

Reading placeholders through python-pptx costs an XPath query per property, and a deck asks the
same questions of the same layouts hundreds of times; this module asks each layout once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
PH_PATH = "./p:nvSpPr/p:nvPr/p:ph"
ROLE_BY_TYPE = {
    "title": "title",
    "ctrTitle": "title",
    "body": "body",
    "subTitle": "body",
    "obj": "body",
    "pic": "picture",
    "ftr": "footer",
    "sldNum": "number",
    "dt": "date",
}
NOT_CLONED = ("date", "footer", "number")  # python-pptx leaves these off new slides

Box = tuple[int, int, int, int]  # left, top, width, height in EMU


@dataclass(frozen=True)
class PlaceholderInfo:
    role: str  # title | body | picture | footer | number | date | other
    box: Box


@dataclass(frozen=True)
class LayoutInfo:
    name: str
    cloned: tuple[PlaceholderInfo, ...]
    """The placeholders python-pptx copies onto a new slide, in the order it copies them."""
    title_points: float
    body_points: float
    footer_xml: bytes | None
    number_xml: bytes | None


def placeholder_type(element: Any) -> str | None:
    """The `type` of a shape's <p:ph>, 'obj' when it has none (the OOXML default), None for non-placeholders."""
    ph = element.find(PH_PATH, NS)
    return None if ph is None else ph.get("type", "obj")


def analyse(layout: Any) -> LayoutInfo:
    cloned, footer, number = [], None, None
    for shape in layout.placeholders:
        kind = placeholder_type(shape._element) or "obj"
        role = ROLE_BY_TYPE.get(kind, "other")
        if role == "footer":
            footer = etree.tostring(shape._element)
        elif role == "number":
            number = etree.tostring(shape._element)
        if role not in NOT_CLONED:
            cloned.append(PlaceholderInfo(role, (shape.left, shape.top, shape.width, shape.height)))
    return LayoutInfo(
        layout.name, tuple(_first_body_only(cloned)), _points(layout, "title"), _points(layout, "body"), footer, number
    )


def _first_body_only(placeholders: list[PlaceholderInfo]) -> list[PlaceholderInfo]:
    """Text goes to the first body-like placeholder; any further ones are left empty (and removed)."""
    seen, result = False, []
    for info in placeholders:
        if info.role == "body" and seen:
            info = PlaceholderInfo("other", info.box)
        seen = seen or info.role == "body"
        result.append(info)
    return result


def _points(layout: Any, style: str) -> float:
    """The font size the template gives titles or body text: layout, master placeholder, master style."""
    roles = ("title",) if style == "title" else ("body",)
    for owner in (layout, layout.slide_master):
        for shape in owner.placeholders:
            if ROLE_BY_TYPE.get(placeholder_type(shape._element) or "obj") in roles:
                size = first_size(shape._element)
                if size:
                    return size
                break
    styles = layout.slide_master._element.find("p:txStyles", NS)
    element = styles.find("p:titleStyle" if style == "title" else "p:bodyStyle", NS) if styles is not None else None
    return (first_size(element) if element is not None else None) or (44.0 if style == "title" else 18.0)


def first_size(element: Any) -> float | None:
    """The level-1 size declared in a placeholder or text style, in points."""
    for path in ("a:lvl1pPr/a:defRPr", "a:defRPr", "a:rPr", "a:endParaRPr"):
        for found in element.iterfind(f".//{path}", NS):
            if found.get("sz"):
                return int(found.get("sz")) / 100
    return None
