"""The facilitator guide: parsed as a reader's browser would, and checked against the deck."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pptx import Presentation

from csec_builder import wording

from .helpers import REPO, contractors, planned_minutes, taught_by

CONTRACTOR = "bay-area-academy"
PROFILE = contractors(REPO)[CONTRACTOR]


class GuideParser(HTMLParser):
    """Collects the agenda rows, the slide blocks and every external reference the page makes."""

    def __init__(self) -> None:
        super().__init__()
        self.agenda: list[dict[str, str]] = []
        self.slides: dict[int, str] = {}
        self.external: list[str] = []
        self.sections: list[dict[str, str]] = []
        self.html_lang: str | None = None
        self._slide: int | None = None
        self._in_title = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.html_lang = found.get("lang")
        if tag == "tr" and "agenda-item" in (found.get("class") or ""):
            self.agenda.append({k: v or "" for k, v in found.items()})
        if tag == "div" and found.get("data-slide"):
            self._slide = int(found["data-slide"])
        # Opening and closing slides are h3 (they sit under an h2), objective slides h4.
        if tag in ("h3", "h4") and "slide-title" in (found.get("class") or "").split() and self._slide is not None:
            self._in_title, self._text = True, []
        if tag == "section" and found.get("data-objective"):
            self.sections.append({k: v or "" for k, v in found.items()})
        for attribute in ("src", "href"):
            value = found.get(attribute) or ""
            if tag in ("img", "script", "link") and value and not value.startswith(("data:", "#")):
                self.external.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h3", "h4") and self._in_title and self._slide is not None:
            self.slides[self._slide] = "".join(self._text).split(": ", 1)[1]
            self._in_title, self._slide = False, None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._text.append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from csec_builder.cli import app

    out = tmp_path_factory.mktemp("guide")
    result = CliRunner().invoke(app, ["build", CONTRACTOR, "-w", str(REPO), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / CONTRACTOR


@pytest.fixture(scope="module")
def guide(built: Path) -> GuideParser:
    parser = GuideParser()
    parser.feed((built / f"{CONTRACTOR}-facilitator-guide.html").read_text(encoding="utf-8"))
    return parser


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def test_agenda_clock_times_add_up_from_the_session_start(guide: GuideParser) -> None:
    rows = guide.agenda
    assert rows[0]["data-start"] == PROFILE["session"]["start"]
    for before, after in itertools.pairwise(rows):
        assert minutes(after["data-start"]) == minutes(before["data-start"]) + int(before["data-minutes"])
    breaks = [r for r in rows if "break" in r["class"].split()]
    assert [int(b["data-minutes"]) for b in breaks] == [b["minutes"] for b in PROFILE["session"]["breaks"]]
    total = sum(int(r["data-minutes"]) for r in rows)
    assert total == planned_minutes(REPO, PROFILE)


def test_breaks_sit_near_their_planned_times(guide: GuideParser) -> None:
    planned = [b["at"] for b in PROFILE["session"]["breaks"]]
    assert planned, "the contractor plans breaks"
    starts = [minutes(r["data-start"]) for r in guide.agenda if "break" in r["class"].split()]
    for start, wanted in zip(starts, planned, strict=True):
        assert abs(start - minutes(wanted)) <= 20


def test_slide_numbers_in_the_guide_match_the_deck(guide: GuideParser, built: Path) -> None:
    deck = Presentation(str(built / f"{CONTRACTOR}-deck.pptx"))
    titles = {n: s.shapes.title.text_frame.text for n, s in enumerate(deck.slides, start=1)}
    assert guide.slides, "the guide refers to no slides"
    for number, title in guide.slides.items():
        assert titles[number] == title, f"guide slide {number}"
    covered = set(guide.slides)
    assert covered == set(titles), "every deck slide has talking points in the guide"


def test_agenda_slide_ranges_match_the_objectives_in_the_deck(guide: GuideParser, built: Path) -> None:
    deck = Presentation(str(built / f"{CONTRACTOR}-deck.pptx"))
    for row in guide.agenda:
        objective = row.get("data-objective")
        if not objective:
            continue
        first, last = int(row["data-first-slide"]), int(row["data-last-slide"])
        for number in range(first, last + 1):
            notes = deck.slides[number - 1].notes_slide.notes_text_frame.text
            assert f"Objective: {objective} v" in notes


def test_the_html_guide_is_self_contained_and_printable(guide: GuideParser, built: Path) -> None:
    text = (built / f"{CONTRACTOR}-facilitator-guide.html").read_text(encoding="utf-8")
    assert guide.external == []
    assert guide.html_lang == "en-US"  # the document language every output declares
    assert "@media print" in text
    sections = [s["data-objective"] for s in guide.sections]
    assert sorted(sections) == sorted(taught_by(REPO, PROFILE)), "one section per objective taught"


def test_markdown_guide_has_every_part_a_new_trainer_needs(built: Path) -> None:
    text = (built / f"{CONTRACTOR}-facilitator-guide.md").read_text(encoding="utf-8")
    for heading in (
        "## How to use this guide",
        "## Agenda",
        "## Preparation and materials checklist",
        "## Trauma-informed facilitation",
        "### If someone discloses in the room",
        "## Closing and local resources",
        "## References",
    ):
        assert heading in text
    assert f"**Total: {planned_minutes(REPO, PROFILE)} minutes**" in text
    assert f"### {wording.KNOWLEDGE_CHECK_TITLE}" in text and re.search(r"\*\*Answer: [A-D]\. \w", text)
    assert "#### Slide 11: " in text
    assert "National Human Trafficking Hotline" in text


def test_markdown_guide_asks_each_question_once_and_lists_references_once(built: Path, inputs) -> None:
    """Check slides' questions under their slides, the rest as optional discussion; one reference list."""
    text = (built / f"{CONTRACTOR}-facilitator-guide.md").read_text(encoding="utf-8")
    plan = next(p.prepared.plan for p in inputs.preparations.values() if p.source.model.id == CONTRACTOR)
    assert any(not c.on_slide for c in plan.checks)
    for check in plan.checks:
        assert text.count(check.item.question) == 1, check.item.question
    lines = text.splitlines()
    for reference in plan.references:
        listed = [
            line for line in lines if line in (f"- {reference.citation}", f"- {reference.citation} <{reference.url}>")
        ]
        assert len(listed) == 1, reference.citation
    assert "References for this objective" not in text


def test_guides_show_a_diagrams_steps_as_a_list(built: Path, catalog: dict) -> None:
    text = (built / f"{CONTRACTOR}-facilitator-guide.md").read_text(encoding="utf-8")
    html = (built / f"{CONTRACTOR}-facilitator-guide.html").read_text(encoding="utf-8")
    steps = catalog["RECRUIT-01"].slides[2].diagram.steps
    for step in steps:
        assert f"- {step.label}: {step.detail}" in text
        assert f"<li>{step.label}: " in html
