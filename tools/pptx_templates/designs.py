"""The two designs: the bundled default template, and the fictional contractor's own (Sierra Justice Training
Collaborative), whose layouts have other names so that it exercises a profile's `layouts:` mapping."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from .placeholders import band, body_ph, footer_ph, logo_ph, slide_number_ph, subtitle_ph, title_ph
from .spec import SLIDE_W_IN, Box, Design, Layout, Shape

DEFAULT_PPTX: Final = Path("pptx/default.pptx")
SIERRA_PPTX: Final = Path("pptx/sierra-probation.pptx")
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
