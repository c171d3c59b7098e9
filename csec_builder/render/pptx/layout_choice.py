"""Choose a template layout for each kind of slide: by mapping, by name, by type, then by placeholders.

Organisations bring templates saved by PowerPoint in any language, by Google Slides or by
LibreOffice, whose layouts carry names csec-builder cannot know. What they do carry is the
layout's `type` (PowerPoint's built-in "Title Slide" is `title` in every language) and, failing
that, placeholders that say what the layout is for. Works on plain data (`LayoutInfo`), so it
needs no python-pptx.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...models import SLIDE_KINDS
from ...problems import TemplateError, display_path
from .layouts import LayoutInfo

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
# Layout types (ECMA-376 ST_SlideLayoutType) that mean the same as a slide kind, best first.
TYPES_FOR_KIND: dict[str, tuple[str, ...]] = {"title": ("title",), "section": ("secHead",), "content": ("obj", "tx")}
VERTICAL_TYPES = ("vertTx", "vertTitleAndTx", "vertTitleAndTxOverChart")
TEXT_TYPES = ("body", "obj")
SECTION_TITLE_BELOW = 0.3  # a divider's title sits lower than a content title: its middle below 30% of the slide


@dataclass(frozen=True)
class Choice:
    layout: LayoutInfo
    reason: str  # how it was found, in words for `template check`


def choose_layouts(
    path: Path, layouts: Sequence[LayoutInfo], mapping: dict[str, str], slide_height: int
) -> dict[str, Choice]:
    """The layout for every slide kind, or a TemplateError that says what is missing."""
    if not any(layout.has_title for layout in layouts):
        raise TemplateError(
            f"{display_path(path)}: no slide layout has a title placeholder; every slide needs a title "
            "(for accessibility), so csec-builder cannot use this template"
        )
    content = _choose(path, "content", layouts, mapping, slide_height, None)
    return {kind: _choose(path, kind, layouts, mapping, slide_height, content) for kind in SLIDE_KINDS}


def _choose(
    path: Path,
    kind: str,
    layouts: Sequence[LayoutInfo],
    mapping: dict[str, str],
    slide_height: int,
    content: Choice | None,
) -> Choice:
    wanted = mapping.get(kind)
    if wanted is not None:
        found = _named(layouts, wanted)
        if found is None:
            raise _missing(path, wanted, kind, layouts)
        _check_title(path, kind, found)
        return Choice(found, "mapped in the contractor file")
    default = _named(layouts, DEFAULT_LAYOUT_NAMES[kind])
    if default is not None and default.has_title:
        return Choice(default, "default name")
    if content is not None and kind not in TYPES_FOR_KIND:
        return Choice(content.layout, "as content slides")
    for layout_type in TYPES_FOR_KIND[kind]:
        typed = next((x for x in layouts if x.type == layout_type and x.has_title), None)
        if typed is not None:
            return Choice(typed, f"layout type '{layout_type}'")
    found = PLACEHOLDER_RULES[kind](layouts, slide_height)
    if found is not None:
        return Choice(found, "its placeholders")
    if content is not None:
        return Choice(content.layout, "as content slides")
    return Choice(_any_titled(layouts), "the only kind of layout with a title")


def _named(layouts: Sequence[LayoutInfo], name: str) -> LayoutInfo | None:
    return next((layout for layout in layouts if layout.name == name), None)


def _usable(layout: LayoutInfo) -> bool:
    return layout.has_title and not layout.vertical and layout.type not in VERTICAL_TYPES


def _content_by_placeholders(layouts: Sequence[LayoutInfo], _slide_height: int) -> LayoutInfo | None:
    """A title and one text placeholder, no picture; the largest text area wins."""
    candidates = [x for x in layouts if _usable(x) and x.count(*TEXT_TYPES) == 1 and not x.count("pic", "subTitle")]
    return max(candidates, key=_text_area_size, default=None)


def _title_by_placeholders(layouts: Sequence[LayoutInfo], _slide_height: int) -> LayoutInfo | None:
    """A centred title (with a subtitle, best), or a title with a subtitle as LibreOffice writes it."""
    scored = [(2 * x.count("ctrTitle") + x.count("subTitle"), -i, x) for i, x in enumerate(layouts) if _usable(x)]
    best = max((r for r in scored if r[0]), key=lambda r: r[:2], default=None)
    return best[2] if best else None


def _section_by_placeholders(layouts: Sequence[LayoutInfo], slide_height: int) -> LayoutInfo | None:
    """A title low on the slide with one text placeholder: how section dividers are drawn."""
    for layout in layouts:
        title = layout.box_of("title")
        if not _usable(layout) or title is None or layout.count("pic", "subTitle"):
            continue
        if layout.count(*TEXT_TYPES) == 1 and title[1] + title[3] / 2 > SECTION_TITLE_BELOW * slide_height:
            return layout
    return None


PLACEHOLDER_RULES: dict[str, Callable[[Sequence[LayoutInfo], int], LayoutInfo | None]] = {
    "title": _title_by_placeholders,
    "section": _section_by_placeholders,
    "content": _content_by_placeholders,
}


def _any_titled(layouts: Sequence[LayoutInfo]) -> LayoutInfo:
    """Some layout with a title: one with any text placeholder first (its first gets the text), else a title only."""
    titled = [x for x in layouts if x.has_title]
    return next((x for x in titled if x.has_text and not x.vertical), titled[0])


def _text_area_size(layout: LayoutInfo) -> int:
    box = layout.box_of("body")
    return box[2] * box[3] if box else 0


def _check_title(path: Path, kind: str, layout: LayoutInfo) -> None:
    if not layout.has_title:
        raise TemplateError(
            f"{display_path(path)}: layout '{layout.name}' (for {kind} slides) has no title placeholder; "
            "every slide needs a title for accessibility",
            kind=kind,
        )


def _missing(path: Path, name: str, kind: str, layouts: Sequence[LayoutInfo]) -> TemplateError:
    names = list(dict.fromkeys(layout.name for layout in layouts))
    have = ", ".join(f"'{n}'" for n in names) or "none"
    return TemplateError(
        f"{display_path(path)}: no slide layout named '{name}' (needed for {kind} slides); "
        f"the template's layouts are: {have}. Map it with `layouts: {{{kind}: <layout name>}}` in the contractor file.",
        kind=kind,
    )
