"""The deck writer's shortcuts write exactly what python-pptx's slower paths write."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.util import Inches

from csec_builder.render.common.reproducible import DEFAULT_EPOCH, normalize_zip
from csec_builder.render.pptx.deck import save_deck, write_text

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
