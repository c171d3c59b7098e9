"""Groups of shapes drawn once through python-pptx, then copied onto later slides with the ids it would give them.

python-pptx numbers a new group with the first unused id of the slide, and each shape after it with
one more than the largest id in use; it names each shape after its id ("Rounded Rectangle 6" has id
7), and a connector names the ids of the shapes it is glued to. A copy made for another slide shifts
all of these, and is then the XML python-pptx would have written there, without its hundreds of
lookups (a group recomputes its extents after every shape added to it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

LIMIT = 512
"""Drawings kept per process: a catalogue's diagrams, several times over."""
NUMBERED_NAME = re.compile(r"(.+) (\d+)")


@dataclass(frozen=True)
class Fix:
    """An element of the drawing whose `id` (and, for a shape, whose name) depends on where it is drawn."""

    position: int
    """Its place in the drawing's `iter()` order."""
    offset: int
    """Its id less the first shape id in the group."""
    basename: str | None
    """For a shape: its name without the number python-pptx gave it (its id less one)."""


@dataclass(frozen=True)
class Drawing:
    element: Any
    """The group as first drawn, never attached to a slide: only copies are."""
    fixes: tuple[Fix, ...]

    def copy(self, group_id: int, first_shape_id: int) -> Any:
        element = deepcopy(self.element)
        nodes = list(element.iter())
        element.nvGrpSpPr.cNvPr.set("id", str(group_id))
        for fix in self.fixes:
            node, number = nodes[fix.position], first_shape_id + fix.offset
            node.set("id", str(number))
            if fix.basename is not None:
                node.set("name", f"{fix.basename} {number - 1}")
        return element


_DRAWINGS: dict[Hashable, Drawing | None] = {}


def draw(slide: Any, key: Hashable, make: Callable[[], Any]) -> Any:
    """The group `make()` draws on `slide`; `key` must name everything the drawing depends on but its ids.

    The first time a key is seen, `make` draws it; afterwards its drawing is copied, renumbered for `slide`.
    """
    tree = slide.shapes._spTree
    group_id, first_shape_id = next_ids(tree)
    drawing = _DRAWINGS.get(key)
    if drawing is None:
        group = make()
        if key not in _DRAWINGS and len(_DRAWINGS) < LIMIT:
            _DRAWINGS[key] = record(group._element, group_id, first_shape_id)
        return group
    element = drawing.copy(group_id, first_shape_id)
    tree.insert_element_before(element, "p:extLst")  # where python-pptx's add_group_shape puts a group
    return slide.shapes._shape_factory(element)


def next_ids(tree: Any) -> tuple[int, int]:
    """The id python-pptx gives a new group on this shape tree (the first free one), and its first shape."""
    used = {int(value) for value in tree.xpath("//@id") if value.isdigit()}
    group_id = next(n for n in range(1, len(used) + 2) if n not in used)
    return group_id, max(used | {group_id}) + 1


def record(group: Any, group_id: int, first_shape_id: int) -> Drawing | None:
    """What to change in a copy of `group`; None when it cannot be copied safely (it is then drawn every time)."""
    own = group.nvGrpSpPr.cNvPr
    if own.get("id") != str(group_id):
        return None
    fixes = []
    for position, node in enumerate(group.iter()):
        value = node.get("id")
        if node is own or value is None or not value.isdigit():
            continue
        number = int(value)
        if number < first_shape_id:  # a reference out of the group: its copy would point elsewhere
            return None
        basename = None
        if node.tag.endswith("}cNvPr"):
            match = NUMBERED_NAME.fullmatch(node.get("name", ""))
            if match is None or int(match.group(2)) != number - 1:
                return None
            basename = match.group(1)
        fixes.append(Fix(position, number - first_shape_id, basename))
    return Drawing(deepcopy(group), tuple(fixes))
