"""The parts a design rewrites: the slide master and its text styles, each slide layout, the theme's colours and
fonts, and docProps/app.xml."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from .fragments import background, body_pr, para_props, prompt, sp_tree
from .placeholders import slide_number_ph
from .spec import AUTHOR, NS_A, NSDECL, THEME_COLOUR_SLOTS, XML_HEAD, Design, Layout, Shape


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
