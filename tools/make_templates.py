"""Generate the PowerPoint templates and logo bundled with csec-builder.

Outputs (all committed, all byte-for-byte reproducible):

* ``templates/pptx/default.pptx`` -- the bundled default template: 16:9, white
  background, near-black Arial text, large type, and the eleven layouts the
  renderer looks up by name ("Title", "Content Warning", ... "Closing"). It
  carries the custom property "csec-builder paint" = true, so csec-builder
  paints the contractor's brand colour on it (and on copies of it).
* ``templates/pptx/sierra-probation.pptx`` -- a branded template for the
  fictional "Sierra Justice Training Collaborative". Its layouts have other
  names ("Cover", "Notice", ... "Thanks"), its bullet layout uses an object
  placeholder (idx 2), and it carries one sample slide, so that it exercises
  a contractor profile's ``layouts:`` mapping and the renderer's clean-up.
  It has no paint mark: it is the organisation's own design.
* ``templates/images/sierra-logo.png`` -- the fictional organisation's logo.

Rerun from the repository root after editing this file (or give another templates folder)::

    python tools/make_templates.py [TEMPLATES_FOLDER]

The script starts from python-pptx's own default template, sets the slide
size, rewrites the theme, slide master and slide layouts with lxml, and then
rewrites the saved zip with fixed timestamps and fixed core properties, so two
runs give identical bytes. See ``docs/templates.md`` for the placeholder
contract the layouts follow.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.parts.slide import SlideLayoutPart
from pptx.presentation import Presentation as PresentationObj

REPO: Final = Path(__file__).resolve().parent.parent
TEMPLATES: Final = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else REPO / "templates"
DEFAULT_PPTX: Final = TEMPLATES / "pptx" / "default.pptx"
SIERRA_PPTX: Final = TEMPLATES / "pptx" / "sierra-probation.pptx"
SIERRA_LOGO: Final = TEMPLATES / "images" / "sierra-logo.png"

EMU_PER_INCH: Final = 914400
SLIDE_W_IN: Final = 13.333
SLIDE_H_IN: Final = 7.5
SLIDE_W: Final = 12192000  # 13.333 in: 16:9 widescreen
SLIDE_H: Final = 6858000  # 7.5 in

ZIP_DATE: Final = (1980, 1, 1, 0, 0, 0)
FIXED_TIME: Final = dt.datetime(2026, 1, 1, 0, 0, 0)
AUTHOR: Final = "csec-builder"

NS_A: Final = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P: Final = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_R: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL: Final = f'xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"'
XML_HEAD: Final = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Marks layout decorations as decorative for screen readers (Office 2019+).
DECORATIVE_EXT: Final = (
    '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative"'
    ' val="1"/></a:ext></a:extLst>'
)
# Fixed field id so the slide-number field is identical on every run.
SLIDENUM_FIELD_ID: Final = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"

THEME_COLOUR_SLOTS: Final = (
    "dk1", "lt1", "dk2", "lt2",
    "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
    "hlink", "folHlink",
)  # fmt: skip

# Text insets of every placeholder (PowerPoint's defaults).
INSETS: Final = 'lIns="91440" tIns="45720" rIns="91440" bIns="45720"'


# --------------------------------------------------------------------------
# Specification types
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches from the top-left corner."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Shape:
    """A placeholder (``ph`` set) or a decorative rectangle (``fill`` set)."""

    name: str
    box: Box
    ph: str = ""  # attributes of <p:ph>, e.g. 'type="body" idx="1"'
    fill: str = ""  # scheme colour of a decorative rectangle
    body_pr: str = ""
    lst_style: str = ""
    paragraphs: str = ""


@dataclass(frozen=True)
class Layout:
    """One slide layout: its name, shapes (drawn in order) and background."""

    name: str
    shapes: tuple[Shape, ...]
    background: str = ""  # scheme colour; empty inherits the master's
    show_master_shapes: bool = True


@dataclass(frozen=True)
class Design:
    """Everything that differs between the templates this script builds."""

    path: Path
    theme_name: str
    colours: dict[str, str]
    major_font: str
    minor_font: str
    title_size: int  # hundredths of a point
    title_colour: str  # scheme colour
    title_anchor: str
    body_sizes: tuple[int, int, int]  # level 1, level 2, levels 3-9
    bullet_colour: str
    line_spacing: int  # per cent
    space_before: int  # points
    master_shapes: tuple[Shape, ...]
    title_box: Box
    body_box: Box
    footer_box: Box
    slide_number_box: Box
    layouts: tuple[Layout, ...]
    core_title: str
    core_subject: str
    sample_slide: tuple[str, str] | None = None  # (layout name, title text)
    paintable: bool = False  # carries the mark that lets csec-builder paint the brand colour on it


# --------------------------------------------------------------------------
# XML fragments
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Placeholder builders shared by both designs
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Master and theme
# --------------------------------------------------------------------------


def master_xml(design: Design) -> str:
    """Return the slide master: background, placeholders and text styles."""
    title = Shape(
        name="Title Placeholder 1",
        box=design.title_box,
        ph='type="title"',
        body_pr=body_pr(design.title_anchor),
        paragraphs=prompt("Click to add title"),
    )
    body = Shape(
        name="Text Placeholder 2",
        box=design.body_box,
        ph='type="body" idx="1"',
        body_pr=body_pr("t"),
        paragraphs=prompt("Click to add text", "\tSecond level", "\t\tThird level"),
    )
    footer = Shape(
        name="Footer Placeholder 3",
        box=design.footer_box,
        ph='type="ftr" sz="quarter" idx="3"',
        body_pr=body_pr("ctr", ""),
        lst_style=para_props(1, size=1200, colour="tx1", align="l"),
    )
    number = Shape(
        name="Slide Number Placeholder 4",
        box=design.slide_number_box,
        ph='type="sldNum" sz="quarter" idx="4"',
        body_pr=body_pr("ctr", ""),
        lst_style=para_props(1, size=1200, colour="tx1", align="r"),
        paragraphs=slide_number_ph(design.slide_number_box).paragraphs,
    )
    shapes = (*design.master_shapes, title, body, footer, number)

    title_style = para_props(
        1,
        size=design.title_size,
        colour=design.title_colour,
        bold=True,
        font="mj",
        align="l",
        line_spacing=90,
        space_before=0,
        bullet="",
    )
    lvl1, lvl2, lvl_rest = design.body_sizes
    body_levels = [
        para_props(
            1,
            size=lvl1,
            colour="tx1",
            font="mn",
            align="l",
            indent_in=(0.375, -0.375),
            line_spacing=design.line_spacing,
            space_before=design.space_before,
            bullet="•",
            bullet_colour=design.bullet_colour,
        ),
        para_props(
            2,
            size=lvl2,
            colour="tx1",
            font="mn",
            align="l",
            indent_in=(0.875, -0.375),
            line_spacing=design.line_spacing,
            space_before=design.space_before // 2,
            bullet="\u2013",
            bullet_colour=design.bullet_colour,
        ),
    ]
    for level in range(3, 10):
        body_levels.append(
            para_props(
                level,
                size=lvl_rest,
                colour="tx1",
                font="mn",
                align="l",
                indent_in=(0.875 + 0.5 * (level - 2), -0.375),
                line_spacing=design.line_spacing,
                space_before=design.space_before // 2,
                bullet="•",
                bullet_colour=design.bullet_colour,
            )
        )
    other_levels = [para_props(level, size=1800, colour="tx1", font="mn") for level in range(1, 10)]
    clr_map = (
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" '
        'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" '
        'accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
    )
    return (
        f"{XML_HEAD}<p:sldMaster {NSDECL}><p:cSld>{background('bg1')}{sp_tree(shapes)}</p:cSld>"
        f"{clr_map}<p:sldLayoutIdLst/><p:txStyles>"
        f"<p:titleStyle>{title_style}</p:titleStyle>"
        f"<p:bodyStyle>{''.join(body_levels)}</p:bodyStyle>"
        '<p:otherStyle><a:defPPr><a:defRPr lang="en-US"/></a:defPPr>'
        f"{''.join(other_levels)}</p:otherStyle>"
        "</p:txStyles></p:sldMaster>"
    )


def layout_xml(layout: Layout) -> str:
    """Return a slide layout part's XML."""
    attrs = ' preserve="1"'
    if not layout.show_master_shapes:
        attrs += ' showMasterSp="0"'
    bg = background(layout.background) if layout.background else ""
    return (
        f"{XML_HEAD}<p:sldLayout {NSDECL}{attrs}>"
        f"<p:cSld name={quoteattr(layout.name)}>{bg}{sp_tree(layout.shapes)}</p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def theme_blob(original: bytes, design: Design) -> bytes:
    """Return the theme with the design's name, colour scheme and fonts.

    The format scheme (fills, lines, effects) of python-pptx's default theme is
    kept as it is.
    """
    root = etree.fromstring(original)
    ns = {"a": NS_A}
    root.set("name", design.theme_name)
    scheme = root.find("a:themeElements/a:clrScheme", ns)
    assert scheme is not None
    scheme.set("name", design.theme_name)
    for child in list(scheme):
        scheme.remove(child)
    for slot in THEME_COLOUR_SLOTS:
        slot_el = etree.SubElement(scheme, f"{{{NS_A}}}{slot}")
        etree.SubElement(slot_el, f"{{{NS_A}}}srgbClr", val=design.colours[slot])
    fonts = root.find("a:themeElements/a:fontScheme", ns)
    assert fonts is not None
    fonts.set("name", design.theme_name)
    for tag, face in (("majorFont", design.major_font), ("minorFont", design.minor_font)):
        latin = fonts.find(f"a:{tag}/a:latin", ns)
        assert latin is not None
        latin.set("typeface", face)
    fmt = root.find("a:themeElements/a:fmtScheme", ns)
    assert fmt is not None
    fmt.set("name", design.theme_name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def app_blob(design: Design, slide_titles: list[str]) -> bytes:
    """Return docProps/app.xml describing this file (no timings, no editor name)."""
    titles = "".join(f"<vt:lpstr>{escape(t)}</vt:lpstr>" for t in slide_titles)
    xml = (
        f"{XML_HEAD}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<TotalTime>0</TotalTime><Words>0</Words><Application>{AUTHOR}</Application>"
        "<PresentationFormat>Widescreen</PresentationFormat><Paragraphs>0</Paragraphs>"
        f"<Slides>{len(slide_titles)}</Slides><Notes>0</Notes><HiddenSlides>0</HiddenSlides>"
        "<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop><HeadingPairs>"
        '<vt:vector size="4" baseType="variant">'
        "<vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>"
        "<vt:variant><vt:lpstr>Slide Titles</vt:lpstr></vt:variant>"
        f"<vt:variant><vt:i4>{len(slide_titles)}</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="{1 + len(slide_titles)}" baseType="lpstr">'
        f"<vt:lpstr>{escape(design.theme_name)}</vt:lpstr>{titles}</vt:vector></TitlesOfParts>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion>"
        "</Properties>"
    )
    return xml.encode("utf-8")


# --------------------------------------------------------------------------
# Package assembly
# --------------------------------------------------------------------------


def drop_package_extras(prs: PresentationObj) -> None:
    """Drop the template's stale thumbnail and Mac printer settings."""
    package = prs.part.package
    for rel in list(package.iter_rels()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rel.rId)
    for rId, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rId)


def set_slide_size(prs: PresentationObj) -> None:
    """Make the deck 16:9 (13.333 x 7.5 in)."""
    prs.slide_width = SLIDE_W
    prs.slide_height = SLIDE_H
    sld_sz = prs.element.find(f"{{{NS_P}}}sldSz")
    if sld_sz is not None and "type" in sld_sz.attrib:
        del sld_sz.attrib["type"]  # "screen4x3" no longer true; absent means custom


def replace_master_and_layouts(prs: PresentationObj, design: Design) -> None:
    """Rewrite the slide master and replace every layout with the design's."""
    master = prs.slide_master
    master_part = master.part
    master_el = master.element

    # Delete the template's layouts: the sldLayoutId entry and the relationship
    # (the parts become unreachable, so python-pptx does not save them).
    # The theme relationship is dropped too and added back last, only so that
    # the new layouts get the tidy ids rId1..rIdN.
    theme_part = master_part.part_related_by(RT.THEME)
    old_rids = [rId for rId, rel in master_part.rels.items() if rel.reltype in (RT.SLIDE_LAYOUT, RT.THEME)]
    for rId in old_rids:
        master_part.drop_rel(rId)

    # Replace the master's content in place (the element is shared by the part).
    new_master = parse_xml(master_xml(design).encode("utf-8"))
    for child in list(master_el):
        master_el.remove(child)
    for child in list(new_master):
        master_el.append(child)

    package = prs.part.package
    id_list = master_el.sldLayoutIdLst
    for number, layout in enumerate(design.layouts):
        partname = package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
        element = parse_xml(layout_xml(layout).encode("utf-8"))
        part = SlideLayoutPart(partname, CT.PML_SLIDE_LAYOUT, package, element)
        part.relate_to(master_part, RT.SLIDE_MASTER)
        rId = master_part.relate_to(part, RT.SLIDE_LAYOUT)
        entry = etree.SubElement(id_list, f"{{{NS_P}}}sldLayoutId")
        entry.set("id", str(2147483649 + number))
        entry.set(f"{{{NS_R}}}id", rId)

    master_part.relate_to(theme_part, RT.THEME)
    theme_part.blob = theme_blob(theme_part.blob, design)


def set_core_properties(prs: PresentationObj, design: Design) -> None:
    """Fixed document properties, so the output does not depend on the clock."""
    props = prs.core_properties
    props.title = design.core_title
    props.subject = design.core_subject
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = "Generated by templates/pptx/make_templates.py"
    props.keywords = "csec-builder; template"
    props.category = "template"
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME


def add_paint_mark(prs: PresentationObj) -> None:
    """The custom document property "csec-builder paint" = true: csec-builder may paint this template.

    A custom property survives copying and resaving in PowerPoint or LibreOffice (File > Properties >
    Custom), so a copy of the default made to rebrand it is still painted; any other template is
    an organisation's own design and is left as it is.
    """
    package = prs.part.package
    xml = (
        f"{XML_HEAD}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="csec-builder paint">'
        "<vt:bool>true</vt:bool></property></Properties>"
    )
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, package, xml.encode("utf-8"))
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, same entry order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            dst.writestr(fixed, src.read(info.filename), compresslevel=6)
    return out.getvalue()


def build_presentation(design: Design) -> bytes:
    """Build one template and return its (deterministic) bytes."""
    prs = Presentation()
    drop_package_extras(prs)
    set_slide_size(prs)
    replace_master_and_layouts(prs, design)

    slide_titles: list[str] = []
    if design.sample_slide is not None:
        layout_name, title = design.sample_slide
        layout = prs.slide_layouts.get_by_name(layout_name)
        assert layout is not None, layout_name
        slide = prs.slides.add_slide(layout)
        assert slide.shapes.title is not None
        slide.shapes.title.text = title
        slide_titles.append(title)

    app_part = prs.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    app_part.blob = app_blob(design, slide_titles)
    set_core_properties(prs, design)
    if design.paintable:
        add_paint_mark(prs)

    raw = io.BytesIO()
    prs.save(raw)
    return normalise_zip(raw.getvalue())


# --------------------------------------------------------------------------
# The default template
# --------------------------------------------------------------------------

MARGIN: Final = 0.5
CONTENT_W: Final = SLIDE_W_IN - 2 * MARGIN
# Footer and slide number share the strip between the body (ends at 6.65 in)
# and the bottom margin (starts at 7.0 in).
FOOTER_BOX: Final = Box(MARGIN, 6.7, 9.0, 0.3)
NUMBER_BOX: Final = Box(SLIDE_W_IN - MARGIN - 2.0, 6.7, 2.0, 0.3)


def default_design() -> Design:
    """The bundled default: white, near-black Arial, a sober blue accent."""
    title_box = Box(MARGIN, 0.5, CONTENT_W, 0.95)
    body_box = Box(MARGIN, 1.5, CONTENT_W, 5.15)
    furniture = (footer_ph(FOOTER_BOX), slide_number_ph(NUMBER_BOX))

    def content(name: str, *decor: Shape) -> Layout:
        return Layout(name, (*decor, title_ph(title_box), body_ph(body_box), *furniture))

    top_band = Box(0, 0, SLIDE_W_IN, 0.1)
    title_layout = Layout(
        "Title",
        (
            band("Accent bar", Box(MARGIN, 2.3, 0.12, 3.0), "accent1"),
            title_ph(Box(0.8, 2.2, 12.033, 1.9), centre_title=True, size=4400),
            subtitle_ph(Box(0.8, 4.25, 12.033, 1.2), size=2400, colour="tx1"),
            logo_ph(Box(SLIDE_W_IN - MARGIN - 2.5, MARGIN, 2.5, 1.2)),
            *furniture,
        ),
    )
    section_layout = Layout(
        "Section",
        (
            band("Accent bar", Box(MARGIN, 2.0, 0.12, 3.4), "accent1"),
            title_ph(Box(0.8, 1.9, 12.033, 1.5), centre_title=True, size=4000),
            body_ph(Box(0.8, 3.6, 12.033, 2.3), bulleted=False, size=2400),
            *furniture,
        ),
    )
    closing_layout = Layout(
        "Closing",
        (
            title_ph(Box(MARGIN, 0.5, CONTENT_W, 0.9), centre_title=True, size=4000),
            band("Accent rule", Box(0.6, 1.42, 2.0, 0.05), "accent1"),
            body_ph(body_box),
            *furniture,
        ),
    )
    layouts = (
        title_layout,
        content("Content Warning", band("Accent band", top_band, "accent1")),
        content("Agenda"),
        content("Objectives Overview"),
        section_layout,
        content("Content"),
        content("Activity", band("Accent band", top_band, "accent4")),
        content("Knowledge Check"),
        content("Resources"),
        content("References"),
        closing_layout,
    )
    return Design(
        path=DEFAULT_PPTX,
        theme_name="CSEC Builder",
        colours={
            "dk1": "1F1F1F",
            "lt1": "FFFFFF",
            "dk2": "1F4E79",
            "lt2": "E7E6E6",
            "accent1": "1F4E79",
            "accent2": "2E75B6",
            "accent3": "C55A11",
            "accent4": "4E7A2A",
            "accent5": "7030A0",
            "accent6": "8A6100",
            "hlink": "0563C1",
            "folHlink": "7030A0",
        },
        major_font="Arial",
        minor_font="Arial",
        title_size=3600,
        title_colour="tx2",
        title_anchor="b",
        body_sizes=(2400, 2000, 1800),
        bullet_colour="accent1",
        line_spacing=100,
        space_before=6,
        master_shapes=(),
        title_box=title_box,
        body_box=body_box,
        footer_box=FOOTER_BOX,
        slide_number_box=NUMBER_BOX,
        layouts=layouts,
        core_title="csec-builder default template",
        core_subject="CSEC 101 training slides",
        paintable=True,
    )


# --------------------------------------------------------------------------
# The fictional contractor's template
# --------------------------------------------------------------------------


def sierra_design() -> Design:
    """Sierra Justice Training Collaborative (fictional): forest green and gold.

    Content layouts have a dark title band with white Georgia titles; the
    cover, divider and closing layouts are dark throughout with white text.
    """
    band_box = Box(0, 0, SLIDE_W_IN, 1.45)
    rule_box = Box(0, 1.45, SLIDE_W_IN, 0.06)
    title_box = Box(MARGIN, 0.3, CONTENT_W, 0.95)
    body_box = Box(MARGIN, 1.7, CONTENT_W, 4.95)
    furniture = (footer_ph(FOOTER_BOX), slide_number_ph(NUMBER_BOX))
    dark_furniture = (footer_ph(FOOTER_BOX, "bg1"), slide_number_ph(NUMBER_BOX, "bg1"))

    def content(name: str, *decor: Shape, body: Shape | None = None) -> Layout:
        return Layout(
            name,
            (*decor, title_ph(title_box, anchor="ctr"), body or body_ph(body_box), *furniture),
        )

    def dark(name: str, *shapes: Shape) -> Layout:
        return Layout(name, (*shapes, *dark_furniture), background="tx2", show_master_shapes=False)

    cover = dark(
        "Cover",
        title_ph(Box(0.75, 1.9, 11.833, 2.3), centre_title=True, size=4000, colour="bg1"),
        band("Accent rule", Box(0.85, 4.35, 3.0, 0.08), "accent6"),
        subtitle_ph(Box(0.75, 4.6, 11.833, 1.3), size=2200, colour="bg1"),
    )
    divider = dark(
        "Divider",
        title_ph(Box(0.75, 1.8, 11.833, 1.6), centre_title=True, size=4000, colour="bg1"),
        band("Accent rule", Box(0.85, 3.55, 3.0, 0.08), "accent6"),
        body_ph(Box(0.75, 3.8, 11.833, 2.4), bulleted=False, size=2200, colour="bg1"),
    )
    thanks = dark(
        "Thanks",
        title_ph(Box(0.75, 0.5, 11.833, 1.0), centre_title=True, size=4000, colour="bg1"),
        band("Accent rule", Box(0.85, 1.6, 3.0, 0.08), "accent6"),
        body_ph(Box(0.75, 1.75, 11.833, 4.9), colour="bg1", bullet_colour="accent6"),
    )
    layouts = (
        cover,
        content("Notice", band("Notice band", band_box, "accent2")),
        content("Schedule"),
        content("Goals"),
        divider,
        content(
            "Bullets",
            body=body_ph(body_box, ph='type="obj" idx="2"', name="Content Placeholder 2"),
        ),
        content("Exercise", band("Exercise band", band_box, "accent3")),
        content("Quiz"),
        content("Help"),
        content("Sources"),
        thanks,
    )
    return Design(
        path=SIERRA_PPTX,
        theme_name="Sierra Justice",
        colours={
            "dk1": "1B1F1D",
            "lt1": "FFFFFF",
            "dk2": "1E3D33",
            "lt2": "EEF2EF",
            "accent1": "2E5E4E",
            "accent2": "9A4A1F",
            "accent3": "35526E",
            "accent4": "5E6B2F",
            "accent5": "6B4E71",
            "accent6": "D9A441",
            "hlink": "1F5C99",
            "folHlink": "6B4E71",
        },
        major_font="Georgia",
        minor_font="Verdana",
        title_size=3400,
        title_colour="bg1",
        title_anchor="ctr",
        body_sizes=(2200, 2000, 2000),
        bullet_colour="accent1",
        line_spacing=100,
        space_before=6,
        master_shapes=(
            band("Title band", band_box, "tx2"),
            band("Title rule", rule_box, "accent6"),
        ),
        title_box=title_box,
        body_box=body_box,
        footer_box=FOOTER_BOX,
        slide_number_box=NUMBER_BOX,
        layouts=layouts,
        core_title="Sierra Justice Training Collaborative (fictional) template",
        core_subject="CSEC 101 training slides - sample contractor template",
        sample_slide=("Cover", "Sample slide - delete me"),
    )


# --------------------------------------------------------------------------
# The fictional logo
# --------------------------------------------------------------------------

FONT_PATH: Final = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def fitted_font(lines: tuple[str, ...], width: int, largest: int) -> ImageFont.FreeTypeFont | None:
    """Return the largest DejaVu Sans Bold (<= ``largest`` px) that fits every line in ``width``.

    Returns None when the font is not installed.
    """
    if not FONT_PATH.is_file():
        return None
    for size in range(largest, 7, -1):
        font = ImageFont.truetype(str(FONT_PATH), size)
        if all(font.getlength(line) <= width for line in lines):
            return font
    return ImageFont.truetype(str(FONT_PATH), 8)


def logo_png() -> bytes:
    """A 600x300 generic logo: a mountain mark and "SJTC" on a white card.

    Without DejaVu fonts the logo falls back to shapes only.
    """
    green, gold, white = (30, 61, 51, 255), (217, 164, 65, 255), (255, 255, 255, 255)
    image = Image.new("RGBA", (600, 300), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 599, 299), radius=36, fill=white)

    # Mark: a sun behind two peaks, with a gold base line.
    draw.ellipse((158, 52, 226, 120), fill=gold)
    draw.polygon([(28, 236), (118, 76), (188, 188), (226, 128), (290, 236)], fill=green)
    draw.rectangle((28, 236, 290, 248), fill=gold)

    column_x, column_w = 310, 262
    tagline = ("SIERRA JUSTICE", "TRAINING", "COLLABORATIVE")
    initials = fitted_font(("SJTC",), column_w, 110)
    small = fitted_font(tagline, column_w, 30)
    if initials is not None and small is not None:
        draw.text((column_x, 138), "SJTC", font=initials, fill=green, anchor="ls")
        for row, line in enumerate(tagline):
            draw.text((column_x + 2, 178 + row * 30), line, font=small, fill=green, anchor="ls")
    else:
        draw.rectangle((column_x, 96, column_x + column_w, 110), fill=green)
        draw.rectangle((column_x, 150, column_x + 180, 160), fill=gold)
        draw.rectangle((column_x, 190, column_x + 220, 200), fill=green)

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


# --------------------------------------------------------------------------


def write_if_changed(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (creating folders) and report what happened."""
    path.parent.mkdir(parents=True, exist_ok=True)
    state = "unchanged" if path.is_file() and path.read_bytes() == data else "written"
    if state == "written":
        path.write_bytes(data)
    print(f"{state}: {path.relative_to(TEMPLATES.parent)} ({len(data)} bytes)")


def main() -> None:
    """Build every template and the logo."""
    for design in (default_design(), sierra_design()):
        write_if_changed(design.path, build_presentation(design))
    write_if_changed(SIERRA_LOGO, logo_png())


if __name__ == "__main__":
    main()
