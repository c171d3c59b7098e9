"""Brand colours on a slide's background and text runs, as python-pptx sets them, from XML it made once.

python-pptx sets a fill through its schema machinery (remove any other fill, find the place in the
element's sequence, make each element from a string): a title, section or closing slide costs most
of a millisecond. The XML it writes for a colour is always the same, so the first slide of a
process goes through python-pptx and later ones get a copy of what it wrote, wherever the result
cannot differ (no background yet; a run with no other character properties).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from .package import parsed

_BACKGROUNDS: dict[str, bytes] = {}
"""The <p:bg> python-pptx writes for a solid background, by colour."""
_RUN_FILLS: dict[str, bytes] = {}
"""The <a:solidFill> python-pptx writes into a bare run's properties, by colour."""


def paint_background(slide: Any, rgb: Any) -> None:
    """`slide.background.fill.solid()` and `fore_color.rgb = rgb`, as python-pptx does them."""
    common = slide._element.cSld
    xml, bare = _BACKGROUNDS.get(str(rgb)), common.bg is None
    if xml is None or not bare:  # a background already there: python-pptx keeps what it can of it
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = rgb
        if bare:
            _BACKGROUNDS[str(rgb)] = etree.tostring(common.bg)
        return
    common._insert_bg(parsed(xml))  # where python-pptx's get_or_add_bg puts it


def colour_run(run: Any, rgb: Any) -> None:
    """`font.color.rgb = rgb` on a run (`run` is its <a:r> element), as python-pptx sets it."""
    from pptx.text.text import Font

    properties = run.get_or_add_rPr()
    xml, bare = _RUN_FILLS.get(str(rgb)), len(properties) == 0
    if xml is None or not bare:  # other properties: python-pptx finds the fill's place among them
        Font(properties).color.rgb = rgb
        if bare:
            _RUN_FILLS[str(rgb)] = etree.tostring(properties[0])
        return
    properties.append(parsed(xml))
