"""Open a .pptx or .potx template once, choose its layouts and measure what it offers.

Checks happen here, before any slide is made, so a broken template fails with one clear message
naming the file, the missing layout and the layouts it does have.
"""

from __future__ import annotations

import io
import posixpath
import urllib.parse
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from ...limits import MAX_PACKAGE_BYTES, LimitError, check_regular_file, check_zip_data, read_bounded
from ...models import SLIDE_KINDS
from ...plan import TextArea
from ...problems import TemplateError, display_path
from ...workspace import DEFAULT_TEMPLATE
from ..common.textfit import BODY_LINE_HEIGHT, capacity
from .fit import display_scale, plan_points
from .layout_choice import DEFAULT_LAYOUT_NAMES, Choice, choose_layouts
from .layouts import LayoutInfo, analyse, default_box

__all__ = ["DEFAULT_LAYOUT_NAMES", "DEFAULT_TEMPLATE", "DeckTemplate", "cached_template", "cached_text_area"]

# The mark that lets csec-builder paint a template: a custom document property (PowerPoint: File >
# Info > Properties > Advanced > Custom), so a copy of the bundled default, even one resaved, keeps it.
PAINT_PROPERTY = "csec-builder paint"
CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
PRESENTATION_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
OTHER_MAINS = (
    b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",  # .potx
    b"application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",  # .ppsx
)
LIST_KINDS = tuple(k for k in SLIDE_KINDS if k not in ("title", "section"))


@dataclass(frozen=True)
class DeckTemplate:
    """A checked template: its bytes, the layout chosen for each slide kind, and what its layouts offer."""

    path: Path
    data: bytes
    """A .pptx package: a .potx arrives here already converted."""
    slide_size: tuple[int, int]
    layouts: tuple[LayoutInfo, ...]
    choices: dict[str, Choice]
    sample_slides: tuple[str, ...]
    """Titles of the slides the file carries (csec-builder drops them)."""
    paintable: bool
    """The file carries csec-builder's mark: it may paint backgrounds, a brand bar and the theme's accent."""
    text_area: TextArea

    def layout(self, kind: str) -> LayoutInfo:
        return self.choices[kind].layout


def cached_template(path: Path, layouts: dict[str, str]) -> DeckTemplate:
    """`load_template`, done once per template file, mapping and file version in a process."""
    try:
        check_regular_file(path, "template", MAX_PACKAGE_BYTES)  # a FIFO, a device, a loop: refused before stat
        version = path.stat().st_mtime_ns
    except LimitError as exc:
        raise TemplateError(exc.message, exc.problems) from None
    except OSError as exc:
        raise TemplateError(f"{display_path(path)}: cannot read file: {exc.strerror or exc}") from None
    return _cached(path, tuple(sorted(layouts.items())), version)


def cached_text_area(path: Path, layouts: dict[str, str]) -> TextArea:
    """What the text area of this template (with this mapping) holds, for the plan."""
    return cached_template(path, layouts).text_area


@lru_cache(maxsize=16)
def _cached(path: Path, layouts: tuple[tuple[str, str], ...], mtime: int) -> DeckTemplate:
    return load_template(path, dict(layouts))


def load_template(path: Path, mapping: dict[str, str]) -> DeckTemplate:
    """Read and check a template; `mapping` is the contractor's `layouts` (kind -> layout name)."""
    data = as_presentation_package(_read(path, "template"))
    presentation = open_presentation(data, path)
    size = (int(presentation.slide_width or 0), int(presentation.slide_height or 0))
    try:
        layouts = tuple(_analyse_all(presentation, size))
    except KeyError:  # python-pptx drops a relationship whose part is missing, then fails when it is followed
        raise TemplateError(f"{display_path(path)}: {_damaged('parts of the presentation are missing')}") from None
    choices = choose_layouts(path, layouts, mapping, size[1])
    return DeckTemplate(
        path,
        data,
        size,
        layouts,
        choices,
        _sample_titles(presentation),
        has_paint_mark(data),
        _text_area(choices, size),
    )


def _analyse_all(presentation: Any, size: tuple[int, int]) -> list[LayoutInfo]:
    """Every layout of every slide master, in the order `all_layouts` gives them."""
    layouts: list[LayoutInfo] = []
    for number, master in enumerate(presentation.slide_masters):
        for layout in master.slide_layouts:
            layouts.append(analyse(layout, len(layouts), number, size))
    return layouts


def paints(template: DeckTemplate, setting: bool | None) -> bool:
    """Whether to paint: the contractor's explicit `branding.paint`, else the template's mark."""
    return template.paintable if setting is None else setting


def open_presentation(data: bytes, path: Path, checked: bool = False) -> Any:
    """A python-pptx Presentation from bytes; any failure becomes one clear message naming `path`.

    `checked`: these bytes opened before (a loaded template's, once per deck), so the package's
    structure is not checked again.
    """
    from pptx import Presentation  # deferred: python-pptx is slow to import and only some commands need it

    if not checked and not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateError(f"{display_path(path)}: {_damaged('it is not a zip package')}")
    missing = None if checked else missing_part(data)
    if missing:
        raise TemplateError(f"{display_path(path)}: {_damaged(missing)}")
    try:
        return Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many types for a broken package
        raise TemplateError(f"{display_path(path)}: {_damaged(_reason(exc))}") from None


def _damaged(reason: str) -> str:
    return f"not a valid PowerPoint (.pptx) file ({reason})"


def missing_part(data: bytes) -> str | None:
    """A part that a relationship names but the package lacks ("ppt/slideLayouts/slideLayout2.xml, named by ...").

    python-pptx drops such a relationship silently when it opens the package, and fails with a KeyError only
    when something follows it, far from here; checked first, the package is refused in one clear line.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            for rels in sorted(n for n in names if n.endswith(".rels")):
                for target in _internal_targets(package.read(rels), rels):
                    if target not in names:
                        return f"{target}, named by {rels}, is missing"
    except (zipfile.BadZipFile, OSError, etree.XMLSyntaxError, ValueError):
        return None  # Presentation() says what is wrong with it
    return None


def _internal_targets(xml: bytes, rels: str) -> list[str]:
    """The package parts a .rels file points to, as zip member names."""
    folder = posixpath.dirname(posixpath.dirname(rels))  # ppt/_rels/presentation.xml.rels -> ppt
    targets = []
    for relationship in etree.fromstring(xml, parser=_SAFE_XML):
        target = relationship.get("Target")
        if not target or relationship.get("TargetMode") == "External":
            continue
        joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        targets.append(posixpath.normpath(urllib.parse.unquote(joined)))
    return targets


_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True)


def read_presentation(path: Path, what: str = "deck") -> Any:
    return open_presentation(as_presentation_package(_read(path, what)), path)


def as_presentation_package(data: bytes) -> bytes:
    """A .potx (or .ppsx) as a .pptx: python-pptx opens only the presentation content type.

    The packages differ in nothing but the main part's content type, so this rewrites that one
    entry in memory; the deck saved from it is then an ordinary .pptx.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            types = source.read("[Content_Types].xml")
            if not any(main in types for main in OTHER_MAINS):
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for info in source.infolist():
                    content = source.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        for main in OTHER_MAINS:
                            content = content.replace(main, PRESENTATION_MAIN)
                    target.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), content)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError):
        return data  # open_presentation says what is wrong with it


def has_paint_mark(data: bytes) -> bool:
    """True when the package's custom properties say `csec-builder paint` = true."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            rels = etree.fromstring(package.read("_rels/.rels"))
            target = next((r.get("Target") for r in rels if r.get("Type") == CUSTOM_PROPERTIES), None)
            if target is None:
                return False
            properties = etree.fromstring(package.read(target.lstrip("/")))
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError):
        return False
    for prop in properties:
        if prop.get("name", "").strip().casefold() == PAINT_PROPERTY:
            return "".join(prop.itertext()).strip().casefold() in ("true", "1", "yes")
    return False


def _text_area(choices: dict[str, Choice], slide_size: tuple[int, int]) -> TextArea:
    """The smallest text area among the layouts that carry lists, at the size their text starts at (24 pt at most)."""
    areas = []
    for kind in LIST_KINDS:
        layout = choices[kind].layout
        box = layout.box_of("body") or default_box("body", slide_size)
        areas.append(capacity(box[2], box[3], plan_points(layout, display_scale(slide_size)), BODY_LINE_HEIGHT))
    return TextArea(min(a[0] for a in areas), min(a[1] for a in areas))


def _sample_titles(presentation: Any) -> tuple[str, ...]:
    titles = []
    for number, slide in enumerate(presentation.slides, start=1):
        title = slide.shapes.title
        text = title.text_frame.text.strip() if title is not None and title.has_text_frame else ""
        titles.append(text or f"slide {number} (no title)")
    return tuple(titles)


def _read(path: Path, what: str) -> bytes:
    """The package's bytes, refused before python-pptx sees them when the file or its zip members are out of bounds."""
    try:
        data = read_bounded(path, what, MAX_PACKAGE_BYTES)
        if zipfile.is_zipfile(io.BytesIO(data)):  # any other file: open_presentation says it is not a package
            check_zip_data(data, path, what)
    except LimitError as exc:
        raise TemplateError(exc.message, exc.problems) from None
    return data


def _reason(exc: Exception) -> str:
    """Why python-pptx refused a file, in words that do not leak its internals."""
    text = str(exc)
    if "is not a PowerPoint file" in text:
        return "it is a different kind of Office document"
    if isinstance(exc, KeyError) or "no item named" in text:
        return "parts of the presentation are missing"
    if "XMLSyntaxError" in type(exc).__name__ or "xml" in type(exc).__module__:
        return "its XML is damaged"
    return "the file is damaged or is not a presentation"
