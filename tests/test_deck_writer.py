"""The deck writer's shortcuts write exactly what python-pptx's slower paths write."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.util import Inches

from csec_builder.render.common.reproducible import DEFAULT_EPOCH, normalize_zip
from csec_builder.render.pptx.deck import save_deck, write_text
from csec_builder.render.pptx.layouts import NS
from csec_builder.render.pptx.package import parsed, rels_xml

from .helpers import REPO

# Text as YAML can carry it: paragraphs, vertical tabs, control characters, markup-like and non-ASCII text.
TEXT = st.text(alphabet=st.sampled_from(list("ab <&>\n\v\t\x07\x1f€é")), max_size=30)


def _text_body(text: str | None) -> etree._Element:
    """A fresh text box's body, after python-pptx's own setter when `text` is given."""
    deck = Presentation()
    box = deck.slides.add_slide(deck.slide_layouts[6]).shapes.add_textbox(0, 0, Inches(4), Inches(1))
    box.text_frame.text = "something to replace"
    if text is not None:
        box.text_frame.text = text
    return box.text_frame._txBody


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_write_text_writes_what_python_pptx_writes(text: str) -> None:
    ours = _text_body(None)
    write_text(ours, text)
    assert etree.tostring(ours) == etree.tostring(_text_body(text))


def test_save_deck_zips_python_pptx_package_once_with_fixed_times() -> None:
    deck = Presentation(str(REPO / "templates" / "pptx" / "default.pptx"))
    for layout in list(deck.slide_layouts)[:3]:
        slide = deck.slides.add_slide(layout)
        slide.notes_slide.notes_text_frame.text = f"Notes for {layout.name}"
    saved = io.BytesIO()
    deck.save(saved)
    ours = save_deck(deck)
    assert ours == normalize_zip(saved.getvalue())  # same entries, same order, same bytes
    with zipfile.ZipFile(io.BytesIO(ours)) as package:
        stamps = {info.date_time for info in package.infolist()}
        assert len(package.infolist()) > 20
    epoch = dt.datetime.fromtimestamp(DEFAULT_EPOCH, tz=dt.UTC)
    assert stamps == {epoch.timetuple()[:6]}
    reopened = Presentation(io.BytesIO(ours))
    notes = [s.notes_slide.notes_text_frame.text for s in reopened.slides]
    assert notes == [f"Notes for {layout.name}" for layout in list(deck.slide_layouts)[:3]]


def test_slides_made_without_python_pptx_are_numbered_and_related_like_its_own(tmp_path: Path, cli) -> None:
    run = cli("build", "bay-area-academy", "-w", REPO, "--out", tmp_path, "-f", "pptx")
    assert run.exit_code == 0, run.output
    deck = Presentation(str(tmp_path / "bay-area-academy" / "bay-area-academy-deck.pptx"))
    ids = [int(s.get("id")) for s in deck.slides._sldIdLst]
    assert ids == list(range(256, 256 + len(ids)))
    partnames = [s.part.partname for s in deck.slides]
    assert partnames == [f"/ppt/slides/slide{n}.xml" for n in range(1, len(ids) + 1)]
    for number, slide in enumerate(deck.slides, start=1):
        assert slide.notes_slide.part.partname == f"/ppt/notesSlides/notesSlide{number}.xml"
        assert slide.notes_slide.notes_text_frame.text.strip()
        shape_ids = [s.shape_id for s in slide.shapes]
        assert len(shape_ids) == len(set(shape_ids)), f"slide {number} repeats a shape id"


def test_rels_xml_writes_what_python_pptx_writes_for_every_part() -> None:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    deck = Presentation(str(REPO / "templates" / "pptx" / "sierra-probation.pptx"))
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.notes_slide.notes_text_frame.text = "notes"
    slide.shapes.add_picture(str(REPO / "templates" / "images" / "sierra-logo.png"), 0, 0)
    slide.part.relate_to("https://example.org/a?b=1&c=<2>", RT.HYPERLINK, is_external=True)
    parts = [part for part in deck.part.package.iter_parts() if part.rels]
    assert len(parts) > 10 and any(rel.is_external for part in parts for rel in part.rels.values())
    assert [rels_xml(part.rels) for part in parts] == [part.rels.xml for part in parts]


def test_a_copied_element_is_what_parsing_its_xml_again_gives() -> None:
    from pptx.oxml import parse_xml

    deck = Presentation(str(REPO / "templates" / "pptx" / "default.pptx"))
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    xml = etree.tostring(slide.shapes._spTree[2])
    first, second = parsed(xml), parsed(xml)
    assert first is not second and type(first) is type(parse_xml(xml))
    assert etree.tostring(first) == etree.tostring(parse_xml(xml)) == xml
    first.set("changed", "1")
    assert etree.tostring(parsed(xml)) == xml  # a copy never changes what later copies start from


def _slide_with_shapes(deck: object, boxes: int, removed: int | None) -> object:
    """A blank slide holding `boxes` text boxes, one of them removed to leave a gap in the shape ids."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    added = [slide.shapes.add_textbox(0, 0, Inches(1), Inches(1)) for _ in range(boxes)]
    if removed is not None:
        slide.shapes._spTree.remove(added[removed]._element)
    return slide


@pytest.mark.parametrize("kind", ["process", "cycle", "comparison"])
def test_a_diagram_drawn_again_is_what_python_pptx_draws_there(kind: str) -> None:
    from csec_builder.models import Diagram, DiagramStep
    from csec_builder.render.pptx import diagram as drawing

    count = 3 if kind == "comparison" else 4
    steps = [
        DiagramStep(label=f"Step {n}", detail=f"What happens at step {n}." if n % 2 else None) for n in range(count)
    ]
    diagram = Diagram(kind=kind, steps=steps)
    box, title = (Inches(1), Inches(2), Inches(11), Inches(4.5)), f"A {kind} (test)"
    deck = Presentation(str(REPO / "templates" / "pptx" / "default.pptx"))
    drawing.draw_diagram(_slide_with_shapes(deck, 1, None), diagram, box, title, 1.0, "en-US")  # drawn, kept
    copied, drawn_there = (_slide_with_shapes(deck, 4, 1) for _ in range(2))  # ids 2-4, 6, 7: the group takes 5
    group = drawing.draw_diagram(copied, diagram, box, title, 1.0, "en-US")
    accent = drawing.theme_accent(drawn_there)
    reference = drawing._draw(drawn_there, diagram, box, title, 1.0, "en-US", accent)
    assert group.shape_id == reference.shape_id == 5
    assert (
        [s.shape_id for s in group.shapes]
        == [s.shape_id for s in reference.shapes]
        == list(range(8, 8 + len(group.shapes)))
    )
    assert etree.tostring(copied.shapes._spTree) == etree.tostring(drawn_there.shapes._spTree)
    if kind != "comparison":  # connectors name the shapes they are glued to
        assert b"stCxn" in etree.tostring(copied.shapes._spTree)


def _plain_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """What zipfile writes for `entries`, compressing each one: the bytes zip_entries must give."""
    from csec_builder.render.common.reproducible import fixed_datetime

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, date_time=fixed_datetime().timetuple()[:6])
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(entry, data, compresslevel=6)
    return out.getvalue()


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.sampled_from(["a.xml", "b/c.xml", "é.xml", "d.png"]), st.binary(max_size=3000)))
def test_a_zip_whose_entries_were_compressed_before_is_what_zipfile_writes(files: dict[str, bytes]) -> None:
    from csec_builder.render.common import reproducible

    entries = list(files.items())

    first = reproducible.zip_entries(entries)  # compresses what this process has not seen
    kept = all(hashlib.sha256(data).digest() in reproducible._COMPRESSED for _, data in entries)
    assert kept, "every entry's compressed bytes are kept for the next package"
    assert reproducible.zip_entries(entries) == first == _plain_zip(entries)  # the second time, replayed


def test_brand_colours_copied_from_python_pptx_are_what_it_writes() -> None:
    from pptx.dml.color import RGBColor

    from csec_builder.render.pptx.brand import colour_run, paint_background

    deck = Presentation(str(REPO / "templates" / "pptx" / "default.pptx"))
    ours, theirs = [], []
    for _ in range(3):  # the first pair goes through python-pptx and is kept; the later ones are copies
        for made in (ours, theirs):
            slide = deck.slides.add_slide(deck.slide_layouts[0])
            slide.shapes.title.text_frame.text = "Run one"
            slide.shapes.title.text_frame.paragraphs[0].add_run().text = " and two"
            made.append(slide)
    rgb = RGBColor.from_string("1F4E79")
    for slide in ours:
        paint_background(slide, rgb)
        for run in slide.shapes.title.text_frame._txBody.iter(f"{{{NS['a']}}}r"):
            colour_run(run, rgb)
    for slide in theirs:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = rgb
        for run in slide.shapes.title.text_frame.paragraphs[0].runs:
            run.font.color.rgb = rgb
    assert all(b"srgbClr" in etree.tostring(s._element) for s in ours)
    assert [etree.tostring(s._element) for s in ours] == [etree.tostring(s._element) for s in theirs]
