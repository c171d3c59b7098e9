"""Open a .pptx template once and check that it can make every kind of slide.

Checks happen here, before any slide is made, so a broken template fails with one clear message
naming the file, the missing layout and the layouts it does have.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..models import SLIDE_KINDS
from ..problems import TemplateError, display_path
from .pptx_layouts import LayoutInfo, analyse

DEFAULT_TEMPLATE = "templates/pptx/default.pptx"
DEFAULT_LAYOUT_NAMES: dict[str, str] = {
    "title": "Title",
    "content_warning": "Content Warning",
    "agenda": "Agenda",
    "objectives": "Objectives Overview",
    "section": "Section",
    "content": "Content",
    "activity": "Activity",
    "knowledge_check": "Knowledge Check",
    "resources": "Resources",
    "references": "References",
    "closing": "Closing",
}
# Kinds that may borrow the content layout when a template has no layout of their own.
REQUIRED_KINDS = ("content",)


@dataclass(frozen=True)
class DeckTemplate:
    """A checked template: its bytes, the layout chosen for each slide kind, and what each layout offers."""

    path: Path
    data: bytes
    layout_for: dict[str, str]
    layouts: dict[str, LayoutInfo]


def cached_template(path: Path, layouts: dict[str, str]) -> DeckTemplate:
    """`load_template`, done once per template file, mapping and file version in a process."""
    return _cached(path, tuple(sorted(layouts.items())), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _cached(path: Path, layouts: tuple[tuple[str, str], ...], mtime: int) -> DeckTemplate:
    return load_template(path, dict(layouts))


def load_template(path: Path, mapping: dict[str, str]) -> DeckTemplate:
    """Read and check a template; `mapping` is the contractor's `layouts` (kind -> layout name)."""
    data = _read(path)
    presentation = open_presentation(data, path)
    names = [layout.name for layout in presentation.slide_layouts]
    layout_for = {kind: _choose(path, kind, mapping, names) for kind in SLIDE_KINDS}
    layouts = {name: analyse(_layout(presentation, name)) for name in sorted(set(layout_for.values()))}
    for kind, name in layout_for.items():
        _check_layout(path, kind, layouts[name])
    return DeckTemplate(path, data, layout_for, layouts)


def open_presentation(data: bytes, path: Path) -> Any:
    """A python-pptx Presentation from bytes; any failure becomes one clear message naming `path`."""
    from pptx import Presentation  # deferred: python-pptx is slow to import and only some commands need it

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateError(f"{display_path(path)}: not a valid PowerPoint (.pptx) file (it is not a zip package)")
    try:
        return Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many types for a broken package
        raise TemplateError(f"{display_path(path)}: not a valid PowerPoint (.pptx) file ({_reason(exc)})") from None


def read_presentation(path: Path) -> Any:
    return open_presentation(_read(path), path)


def _read(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"{display_path(path)}: cannot read file: {exc.strerror or exc}") from None
    return data


def _choose(path: Path, kind: str, mapping: dict[str, str], names: list[str]) -> str:
    wanted = mapping.get(kind)
    if wanted is not None:
        if wanted not in names:
            raise _missing(path, wanted, kind, names)
        return wanted
    default = DEFAULT_LAYOUT_NAMES[kind]
    if default in names:
        return default
    if kind not in REQUIRED_KINDS:
        return _choose(path, "content", mapping, names)
    raise _missing(path, default, kind, names)


def _missing(path: Path, name: str, kind: str, names: list[str]) -> TemplateError:
    have = ", ".join(f"'{n}'" for n in names) or "none"
    return TemplateError(
        f"{display_path(path)}: no slide layout named '{name}' (needed for {kind} slides); "
        f"the template's layouts are: {have}. Map it with `layouts: {{{kind}: <layout name>}}` in the contractor file.",
        kind=kind,
    )


def _layout(presentation: Any, name: str) -> Any:
    return next(layout for layout in presentation.slide_layouts if layout.name == name)


def _check_layout(path: Path, kind: str, layout: LayoutInfo) -> None:
    if not any(p.role == "title" for p in layout.cloned):
        raise TemplateError(
            f"{display_path(path)}: layout '{layout.name}' (for {kind} slides) has no title placeholder; "
            "every slide needs a title for accessibility",
            kind=kind,
        )


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
