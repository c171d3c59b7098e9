"""The placeholders both designs use (title, body, subtitle, logo, footer, slide number) and decorative bands."""

from __future__ import annotations

from .fragments import body_pr, para_props, prompt
from .spec import SLIDENUM_FIELD_ID, Box, Shape


def title_ph(
    box: Box,
    *,
    centre_title: bool = False,
    size: int | None = None,
    colour: str | None = None,
    anchor: str = "b",
) -> Shape:
    """A title placeholder (``ctrTitle`` for title, section and closing layouts)."""
    ph_type = "ctrTitle" if centre_title else "title"
    style = ""
    if size is not None or colour is not None:
        style = para_props(1, size=size, colour=colour)
    return Shape(
        name="Title 1",
        box=box,
        ph=f'type="{ph_type}"',
        body_pr=body_pr(anchor),
        lst_style=style,
        paragraphs=prompt("Click to add title"),
    )


def body_ph(
    box: Box,
    *,
    ph: str = 'type="body" idx="1"',
    name: str = "Text Placeholder 2",
    bulleted: bool = True,
    size: int | None = None,
    colour: str | None = None,
    bullet_colour: str | None = None,
) -> Shape:
    """The text area of a layout: bulleted, or plain paragraphs at one size."""
    if bulleted:
        style = ""
        if colour is not None or bullet_colour is not None:
            style = para_props(1, colour=colour, bullet="•", bullet_colour=bullet_colour) + (
                para_props(2, colour=colour, bullet="\u2013", bullet_colour=bullet_colour)
            )
        lines: tuple[str, ...] = ("Click to add text", "\tSecond level")
    else:
        style = para_props(1, size=size, colour=colour, indent_in=(0, 0), bullet="", space_before=0)
        lines = ("Click to add text",)
    return Shape(
        name=name,
        box=box,
        ph=ph,
        body_pr=body_pr("t"),
        lst_style=style,
        paragraphs=prompt(*lines),
    )


def subtitle_ph(box: Box, *, size: int, colour: str) -> Shape:
    """The subtitle (organisation / date line) of a title layout."""
    return Shape(
        name="Subtitle 2",
        box=box,
        ph='type="subTitle" idx="1"',
        body_pr=body_pr("t"),
        lst_style=para_props(1, size=size, colour=colour, indent_in=(0, 0), bullet="", space_before=0),
        paragraphs=prompt("Click to add subtitle"),
    )


def logo_ph(box: Box) -> Shape:
    """The picture placeholder that marks where the renderer puts the logo."""
    return Shape(
        name="Logo",
        box=box,
        ph='type="pic" sz="quarter" idx="13" hasCustomPrompt="1"',
        body_pr=body_pr("ctr"),
        lst_style=para_props(1, size=1800, colour="tx1", align="ctr", indent_in=(0, 0), bullet=""),
        paragraphs=prompt("Logo"),
    )


def footer_ph(box: Box, colour: str | None = None) -> Shape:
    """Footer placeholder (type ftr, idx 11); the renderer fills and copies it."""
    return Shape(
        name="Footer Placeholder 3",
        box=box,
        ph='type="ftr" sz="quarter" idx="11"',
        body_pr=body_pr("ctr", ""),
        lst_style=para_props(1, colour=colour) if colour else "",
    )


def slide_number_ph(box: Box, colour: str | None = None) -> Shape:
    """Slide-number placeholder (type sldNum, idx 12) with a slidenum field."""
    return Shape(
        name="Slide Number Placeholder 4",
        box=box,
        ph='type="sldNum" sz="quarter" idx="12"',
        body_pr=body_pr("ctr", ""),
        lst_style=para_props(1, colour=colour) if colour else "",
        paragraphs=(
            f'<a:p><a:fld id="{SLIDENUM_FIELD_ID}" type="slidenum"><a:rPr lang="en-US"/>'
            '<a:t>\u2039#\u203a</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p>'
        ),
    )


def band(name: str, box: Box, colour: str) -> Shape:
    """A decorative filled rectangle."""
    return Shape(name=name, box=box, fill=colour)
