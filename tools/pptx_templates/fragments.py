"""XML fragments of DrawingML and PresentationML, written as strings: positions, fills, text and paragraph
properties, placeholder prompts, shapes and shape trees."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .spec import DECORATIVE_EXT, EMU_PER_INCH, INSETS, SLIDE_H, SLIDE_W, Box, Shape


def emu(inches: float) -> int:
    """Convert inches to EMU, rounded to a whole EMU."""
    return round(inches * EMU_PER_INCH)


def xfrm(box: Box) -> str:
    """Return an ``a:xfrm`` element for ``box``, clamped to the slide."""
    x, y = emu(box.x), emu(box.y)
    cx = min(emu(box.w), SLIDE_W - x)
    cy = min(emu(box.h), SLIDE_H - y)
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def fill(colour: str) -> str:
    """Return a solid fill with a scheme colour (``tx1``) or RGB hex (``1F1F1F``)."""
    if len(colour) == 6 and all(c in "0123456789ABCDEF" for c in colour):
        return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
    return f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>'


def run_props(
    *,
    size: int | None = None,
    colour: str | None = None,
    bold: bool | None = None,
    font: str | None = None,
) -> str:
    """Return an ``a:defRPr`` element (sizes in hundredths of a point)."""
    attrs = ""
    if size is not None:
        attrs += f' sz="{size}"'
    if bold is not None:
        attrs += f' b="{int(bold)}"'
    inner = fill(colour) if colour else ""
    if font:
        inner += f'<a:latin typeface="+{font}-lt"/><a:ea typeface="+{font}-ea"/><a:cs typeface="+{font}-cs"/>'
    return f'<a:defRPr{attrs} kern="1200">{inner}</a:defRPr>' if inner else f"<a:defRPr{attrs}/>"


def para_props(
    level: int,
    *,
    size: int | None = None,
    colour: str | None = None,
    bold: bool | None = None,
    font: str | None = None,
    align: str | None = None,
    indent_in: tuple[float, float] | None = None,
    line_spacing: int | None = None,
    space_before: int | None = None,
    bullet: str | None = None,
    bullet_colour: str | None = None,
    bullet_font: str = "Arial",
) -> str:
    """Return an ``a:lvlNpPr`` element.

    ``bullet`` is None to inherit, "" for no bullet, or the bullet character.
    ``indent_in`` is (left margin, first-line indent) in inches.
    """
    attrs = ""
    if indent_in is not None:
        attrs += f' marL="{emu(indent_in[0])}" indent="{emu(indent_in[1])}"'
    if align:
        attrs += f' algn="{align}"'
    inner = ""
    if line_spacing is not None:
        inner += f'<a:lnSpc><a:spcPct val="{line_spacing * 1000}"/></a:lnSpc>'
    if space_before is not None:
        inner += f'<a:spcBef><a:spcPts val="{space_before * 100}"/></a:spcBef>'
    if bullet == "":
        inner += "<a:buNone/>"
    elif bullet is not None:
        if bullet_colour:
            inner += f'<a:buClr><a:schemeClr val="{bullet_colour}"/></a:buClr>'
        inner += f'<a:buFont typeface="{bullet_font}"/><a:buChar char="{bullet}"/>'
    inner += run_props(size=size, colour=colour, bold=bold, font=font)
    return f"<a:lvl{level}pPr{attrs}>{inner}</a:lvl{level}pPr>"


def prompt(*lines: str) -> str:
    """Return prompt paragraphs; a leading tab in a line means level 2, etc."""
    out = ""
    for line in lines:
        level = len(line) - len(line.lstrip("\t"))
        ppr = f'<a:pPr lvl="{level}"/>' if level else ""
        out += f'<a:p>{ppr}<a:r><a:rPr lang="en-US"/><a:t>{escape(line.lstrip(chr(9)))}</a:t></a:r></a:p>'
    return out


def body_pr(anchor: str = "t", autofit: str = "<a:normAutofit/>") -> str:
    """Return an ``a:bodyPr`` with standard insets, an anchor and an autofit mode."""
    return f'<a:bodyPr vert="horz" {INSETS} rtlCol="0" anchor="{anchor}">{autofit}</a:bodyPr>'


def shape_xml(shape: Shape, shape_id: int) -> str:
    """Return the ``p:sp`` element for a placeholder or a decorative rectangle."""
    geometry = f'{xfrm(shape.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    if not shape.ph:
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(shape.name)}>'
            f'{DECORATIVE_EXT}</p:cNvPr><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f"<p:spPr>{geometry}{fill(shape.fill)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
        )
    paragraphs = shape.paragraphs or '<a:p><a:endParaRPr lang="en-US"/></a:p>'
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(shape.name)}/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph {shape.ph}/></p:nvPr></p:nvSpPr>"
        f"<p:spPr>{geometry}</p:spPr>"
        f"<p:txBody>{shape.body_pr or '<a:bodyPr/>'}<a:lstStyle>{shape.lst_style}</a:lstStyle>"
        f"{paragraphs}</p:txBody></p:sp>"
    )


def sp_tree(shapes: tuple[Shape, ...]) -> str:
    """Return a ``p:spTree`` holding ``shapes`` with ids 2, 3, ..."""
    body = "".join(shape_xml(shape, n) for n, shape in enumerate(shapes, start=2))
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
        '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
        f"{body}</p:spTree>"
    )


def background(colour: str) -> str:
    """Return a solid ``p:bg`` element."""
    return f"<p:bg><p:bgPr>{fill(colour)}<a:effectLst/></p:bgPr></p:bg>"
