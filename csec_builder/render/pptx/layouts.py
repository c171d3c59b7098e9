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
_PLACEHOLDER = etree.XPath(PH_PATH, namespaces=NS)
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
FILLS = ("a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill")
EMU_PER_INCH = 914400

Box = tuple[int, int, int, int]  # left, top, width, height in EMU


@dataclass(frozen=True)
class PlaceholderInfo:
    role: str  # title | body | picture | footer | number | date | other
    box: Box
    type: str = "obj"  # the <p:ph> type, 'obj' when it has none
    idx: int = 0
    vertical: bool = False
    anchor: str = "t"  # where text sits when it does not fill the box: t, ctr or b


@dataclass(frozen=True)
class Art:
    """A picture or a filled shape that the layout (or its master) draws on every slide."""

    kind: str  # picture | fill
    name: str
    owner: str  # layout | master
    box: Box


@dataclass(frozen=True)
class LayoutInfo:
    name: str
    index: int
    """Position among all layouts of all slide masters, in file order: names may repeat across masters."""
    master: int
    type: str | None
    """The layout's `type` attribute (title, obj, secHead, ...), None when the file gives none."""
    cloned: tuple[PlaceholderInfo, ...]
    """The placeholders python-pptx copies onto a new slide, in the order it copies them."""
    placeholders: tuple[PlaceholderInfo, ...]
    """Every placeholder of the layout, furniture included, in file order."""
    title_points: float
    body_points: float
    footer_xml: bytes | None
    number_xml: bytes | None
    art: tuple[Art, ...] = ()
    unstyled: tuple[str, ...] = ()
    """'title' and/or 'body' when the template gives their size only on sample text, not in a style:
    clients then disagree on the size (LibreOffice exports do this), so the deck sets it on every run."""
    footer_points: float = 12.0

    def box_of(self, role: str) -> Box | None:
        return next((p.box for p in self.placeholders if p.role == role), None)

    def anchor_of(self, role: str) -> str:
        return next((p.anchor for p in self.cloned if p.role == role), "t")

    def count(self, *types: str) -> int:
        return sum(p.type in types for p in self.placeholders)

    @property
    def has_title(self) -> bool:
        return any(p.role == "title" for p in self.cloned)

    @property
    def has_text(self) -> bool:
        return any(p.role == "body" for p in self.cloned)

    @property
    def shared_idx(self) -> bool:
        """Two placeholders share an `idx` (LibreOffice writes none, so all are 0): clients may then
        place a slide's placeholder where another one of the layout is."""
        numbers = [p.idx for p in self.placeholders]
        return len(numbers) != len(set(numbers))

    @property
    def vertical(self) -> bool:
        return any(p.vertical for p in self.placeholders)

    def covering(self, role: str, share: float = 0.2) -> list[Art]:
        """Art that covers at least `share` of the title or text area: text over it may be unreadable."""
        box = self.box_of(role)
        if box is None or box[2] <= 0 or box[3] <= 0:
            return []
        return [a for a in self.art if overlap(a.box, box) >= share * box[2] * box[3]]


def placeholder_type(element: Any) -> str | None:
    """The `type` of a shape's <p:ph>, 'obj' when it has none (the OOXML default), None for non-placeholders."""
    found = _PLACEHOLDER(element)  # a compiled query: three times quicker than find(), on every shape of every slide
    return found[0].get("type", "obj") if found else None


def all_layouts(presentation: Any) -> list[Any]:
    """The layouts of every slide master, in file order (python-pptx's `slide_layouts` has the first only)."""
    return [layout for master in presentation.slide_masters for layout in master.slide_layouts]


def analyse(layout: Any, index: int, master: int, slide_size: tuple[int, int]) -> LayoutInfo:
    cloned, every, footer, number = [], [], None, None
    for shape in layout.placeholders:
        kind = placeholder_type(shape._element) or "obj"
        role = ROLE_BY_TYPE.get(kind, "other")
        box = _box(shape, role, slide_size)
        info = PlaceholderInfo(role, box, kind, _idx(shape._element), _vertical(shape), _anchor(shape))
        every.append(info)
        if role == "footer":
            footer = etree.tostring(shape._element)
        elif role == "number":
            number = etree.tostring(shape._element)
        if role not in NOT_CLONED:
            cloned.append(info)
    title_points, title_styled = _points(layout, "title")
    body_points, body_styled = _points(layout, "body")
    return LayoutInfo(
        name=layout.name,
        index=index,
        master=master,
        type=layout._element.get("type"),
        cloned=tuple(_first_body_only(cloned)),
        placeholders=tuple(every),
        title_points=title_points,
        body_points=body_points,
        footer_xml=footer,
        number_xml=number,
        art=tuple(_art(layout)),
        unstyled=tuple(role for role, styled in (("title", title_styled), ("body", body_styled)) if not styled),
        footer_points=_points(layout, "footer")[0],
    )


def default_box(role: str, slide_size: tuple[int, int]) -> Box:
    """Where csec-builder puts a title or text box itself when a layout has no placeholder for it."""
    width, inch = slide_size[0], EMU_PER_INCH
    if role == "title":
        return int(0.6 * inch), int(0.4 * inch), width - int(1.2 * inch), int(1.0 * inch)
    height = slide_size[1] - int(2.6 * inch)  # below the title, above a footer strip
    return int(0.6 * inch), int(1.6 * inch), width - int(1.2 * inch), max(height, inch)


def _box(shape: Any, role: str, slide_size: tuple[int, int]) -> Box:
    values = (shape.left, shape.top, shape.width, shape.height)
    if any(v is None for v in values):  # neither the layout nor the master places it
        return default_box("title" if role == "title" else "body", slide_size)
    return int(values[0]), int(values[1]), int(values[2]), int(values[3])


def _idx(element: Any) -> int:
    ph = element.find(PH_PATH, NS)
    return int(ph.get("idx", "0")) if ph is not None and ph.get("idx", "0").isdigit() else 0


def _anchor(shape: Any) -> str:
    """The text anchor the placeholder has, or inherits from the master's placeholder."""
    for owner in (shape, getattr(shape, "_base_placeholder", None)):
        body = owner._element.find(".//a:bodyPr", NS) if owner is not None else None
        if body is not None and body.get("anchor"):
            return str(body.get("anchor"))
    return "t"


def _vertical(shape: Any) -> bool:
    body = shape._element.find(".//a:bodyPr", NS)
    return body is not None and body.get("vert", "horz") not in ("horz", "wordArtVertRtl")


def _first_body_only(placeholders: list[PlaceholderInfo]) -> list[PlaceholderInfo]:
    """Text goes to the first body-like placeholder; any further ones are left empty (and removed)."""
    seen, result = False, []
    for info in placeholders:
        if info.role == "body" and seen:
            info = PlaceholderInfo("other", info.box, info.type, info.idx, info.vertical)
        seen = seen or info.role == "body"
        result.append(info)
    return result


def _art(layout: Any) -> list[Art]:
    """Pictures and filled shapes drawn over the background: the layout's, and its master's unless hidden.

    A title or text placeholder with a fill of its own counts too: its text sits on that fill.
    """
    found = [a for shape in layout.shapes if (a := _as_art(shape, "layout")) is not None]
    for shape in layout.placeholders:
        if ROLE_BY_TYPE.get(placeholder_type(shape._element) or "obj") in ("title", "body") and _own_fill(shape):
            box = (int(shape.left or 0), int(shape.top or 0), int(shape.width or 0), int(shape.height or 0))
            found.append(Art("fill", shape.name or "placeholder", "layout", box))
    if layout._element.get("showMasterSp") not in ("0", "false"):
        found += [a for shape in layout.slide_master.shapes if (a := _as_art(shape, "master")) is not None]
    return found


def _as_art(shape: Any, owner: str) -> Art | None:
    element = shape._element
    if placeholder_type(element) is not None or None in (shape.left, shape.top, shape.width, shape.height):
        return None
    tag = etree.QName(element).localname
    if tag == "pic" or element.find(".//p:pic", NS) is not None:
        kind = "picture"
    elif tag in ("sp", "grpSp") and _filled(element):
        kind = "fill"
    else:
        return None
    return Art(kind, shape.name or tag, owner, (int(shape.left), int(shape.top), int(shape.width), int(shape.height)))


def _own_fill(shape: Any) -> bool:
    """Whether a placeholder paints a fill behind its text: its own spPr, else the master's it inherits."""
    for owner in (shape, getattr(shape, "_base_placeholder", None)):
        properties = owner._element.find("p:spPr", NS) if owner is not None else None
        if properties is None:
            continue
        if any(properties.find(f, NS) is not None for f in FILLS):
            return True
        if properties.find("a:noFill", NS) is not None:
            return False
    return False


def _filled(element: Any) -> bool:
    """A shape (or any shape in a group) with a fill of its own or from the theme's style."""
    shapes = [element] if etree.QName(element).localname == "sp" else element.findall(".//p:sp", NS)
    for sp in shapes:
        properties = sp.find("p:spPr", NS)
        if properties is not None and any(properties.find(f, NS) is not None for f in FILLS):
            return True
        if properties is not None and properties.find("a:noFill", NS) is not None:
            continue
        fill_ref = sp.find("p:style/a:fillRef", NS)
        if fill_ref is not None and fill_ref.get("idx", "0") != "0":
            return True
    return False


def overlap(first: Box, second: Box) -> int:
    width = min(first[0] + first[2], second[0] + second[2]) - max(first[0], second[0])
    height = min(first[1] + first[3], second[1] + second[3]) - max(first[1], second[1])
    return max(width, 0) * max(height, 0)


def _points(layout: Any, style: str) -> tuple[float, bool]:
    """The font size the template gives titles, body text or footers, and whether a style says so.

    Clients inherit sizes from list styles (layout placeholder, master placeholder, master text
    styles), never from the sample text a layout shows; some exporters write a size only there.
    """
    roles = {"title": ("title",), "body": ("body",), "footer": ("footer",)}[style]
    samples: list[float] = []
    for owner in (layout, layout.slide_master):
        for shape in owner.placeholders:
            if ROLE_BY_TYPE.get(placeholder_type(shape._element) or "obj") in roles:
                size = first_size(shape._element.find("p:txBody/a:lstStyle", NS))
                if size:
                    return size, True
                samples += [s for s in [first_size(shape._element, SAMPLE_PATHS)] if s]
                break
    styles = layout.slide_master._element.find("p:txStyles", NS)
    tag = {"title": "p:titleStyle", "body": "p:bodyStyle", "footer": "p:otherStyle"}[style]
    element = styles.find(tag, NS) if styles is not None else None
    size = first_size(element) if element is not None and style != "footer" else None
    if size:
        return size, True
    return (samples[0] if samples else {"title": 44.0, "body": 18.0, "footer": 12.0}[style]), style == "footer"


STYLE_PATHS = ("a:lvl1pPr/a:defRPr", "a:defRPr")
SAMPLE_PATHS = ("a:rPr", "a:endParaRPr")


def first_size(element: Any, paths: tuple[str, ...] = STYLE_PATHS) -> float | None:
    """The level-1 size declared in a list style or text style (or, with SAMPLE_PATHS, on sample text), in points."""
    if element is None:
        return None
    for path in paths:
        for found in element.iterfind(f".//{path}", NS):
            if found.get("sz"):
                return int(found.get("sz")) / 100
    return None
