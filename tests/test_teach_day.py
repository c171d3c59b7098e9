"""Teach tomorrow (issue 19): a day with breaks and test sittings, a lean deck with native diagrams, local help.

Checked on the workspace `init` makes for caregivers and on every sample profile, as a new trainer
would get them: the plan each one builds, and the deck opened with python-pptx (and LibreOffice).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from csec_builder import wording
from csec_builder.day import MAX_STRETCH, MEAL_AFTER, MEAL_MINUTES, Block, break_warnings, minutes_of, schedule
from csec_builder.models import Contractor
from csec_builder.plan import Plan
from csec_builder.validate import NO_COUNTY_HOTLINE, load_inputs
from csec_builder.workspace import find_workspace

from .conftest import convert_with_libreoffice, pdf_page_count
from .helpers import CONTRACTORS, REPO, edit

INIT = "my-org"
WORKSPACES = [INIT, *CONTRACTORS]


@pytest.fixture(scope="module")
def init_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace a new caregiver trainer gets from `init`, with nothing edited."""
    folder = tmp_path_factory.mktemp("init") / "ws"
    command = ["init", "--contractor", INIT, "--name", "My Org", "--audience", "caregiver", str(folder)]
    _run(*command)
    return folder


@pytest.fixture(scope="module")
def plans(init_workspace: Path, inputs) -> dict[str, Plan]:
    found = {p.source.model.id: p.prepared.plan for p in inputs.preparations.values()}
    mine = load_inputs(find_workspace(init_workspace))
    found[INIT] = next(p.prepared.plan for p in mine.preparations.values())
    return found


@pytest.fixture(scope="module")
def decks(init_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("decks")
    _run("build", "--format", "pptx", "--out", str(out / "samples"), "--workspace", str(REPO))
    _run("build", "--format", "pptx", "--out", str(out / "init"), "--workspace", str(init_workspace))
    found = {c: out / "samples" / c / f"{c}-deck.pptx" for c in CONTRACTORS}
    return {**found, INIT: out / "init" / INIT / f"{INIT}-deck.pptx"}


def _run(*args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "csec_builder", *args], capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- the day -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", WORKSPACES)
def test_no_stretch_of_the_day_runs_over_90_minutes_and_a_long_day_has_lunch(plans, name: str) -> None:
    agenda = plans[name].agenda
    assert plans[name].total_minutes > MAX_STRETCH and any(a.kind == "break" for a in agenda)
    stretch = 0
    for item in agenda:
        stretch = 0 if item.kind == "break" else stretch + item.minutes
        assert stretch <= MAX_STRETCH, f"{item.start} {item.title}: {stretch} minutes without a break"
    if plans[name].total_minutes > MEAL_AFTER:
        meal = next(a for a in agenda if a.kind == "break" and a.minutes >= MEAL_MINUTES)
        assert minutes_of(meal.start) - minutes_of(agenda[0].start) <= MEAL_AFTER
    assert break_warnings(list(agenda)) == []


@pytest.mark.parametrize("name", WORKSPACES)
def test_agenda_adds_up_with_the_test_sittings_and_the_evaluation(plans, name: str) -> None:
    plan = plans[name]
    session = plan.contractor.session
    kinds = [a.kind for a in plan.agenda if a.kind != "break"]
    assert kinds[:2] == ["opening", "pre_test"] and kinds[-3:] == ["post_test", "closing", "evaluation"]
    minutes = {a.kind: a.minutes for a in plan.agenda}
    assert (minutes["pre_test"], minutes["post_test"], minutes["evaluation"]) == (
        session.pre_test_minutes,
        session.post_test_minutes,
        session.evaluation_minutes,
    )
    for before, after in zip(plan.agenda, plan.agenda[1:], strict=False):
        assert minutes_of(after.start) == minutes_of(before.start) + before.minutes
    assert sum(a.minutes for a in plan.agenda) == plan.total_minutes <= session.minutes
    assert minutes_of(plan.end) == minutes_of(session.start) + plan.total_minutes


def test_a_sitting_of_zero_minutes_is_left_out(inputs) -> None:
    prepared = next(iter(inputs.preparations.values()))
    data = prepared.source.model.model_dump()
    data["session"] |= {"pre_test_minutes": 0, "evaluation_minutes": 0}
    contractor = Contractor.model_validate(data, strict=False)
    kinds = [a.kind for a in schedule(contractor, list(prepared.objectives), inputs.config.model)]
    assert "pre_test" not in kinds and "evaluation" not in kinds and "post_test" in kinds


blocks = st.lists(st.integers(1, MAX_STRETCH), min_size=2, max_size=25)


@settings(max_examples=80, deadline=None)
@given(blocks)
def test_suggested_breaks_keep_every_stretch_within_the_rule(minutes: list[int]) -> None:
    from csec_builder.day import AgendaItem, clock, suggested_breaks

    parts = [Block("objective", m, f"part {i}") for i, m in enumerate(minutes)]
    pauses = suggested_breaks(parts, "09:00")
    agenda, now, queue = [], minutes_of("09:00"), list(pauses)
    for part in parts:  # each break where suggested_breaks put it: exactly between two parts
        while queue and minutes_of(queue[0].at) == now % (24 * 60):
            pause = queue.pop(0)
            agenda.append(AgendaItem(clock(now), pause.minutes, "Break", "break"))
            now += pause.minutes
        agenda.append(AgendaItem(clock(now), part.minutes, part.title, "objective"))
        now += part.minutes
    assert queue == [], "every break falls between two parts"
    assert break_warnings(agenda) == []


# --- validate ----------------------------------------------------------------------------


def test_validate_warns_when_a_long_session_has_no_break(cli, workspace: Path) -> None:
    profile = workspace / "contractors" / "foster-kinship-care-education.yaml"
    text = profile.read_text(encoding="utf-8")
    start = text.index("  breaks:\n")
    end = text.index("trainers:")
    profile.write_text(text[:start] + "  breaks: []\n" + text[end:], encoding="utf-8")
    run = cli("validate", "--workspace", workspace)
    line = text[:start].count("\n") + 1
    assert run.exit_code == 0, run.output
    assert f"foster-kinship-care-education.yaml:{line}:" in run.stdout
    assert "without a break: add a 15-minute break at least every 90 minutes" in run.stdout
    assert "no meal break" in run.stdout


def test_validate_warns_when_local_resources_lack_a_county_hotline(cli, workspace: Path) -> None:
    profile = workspace / "contractors" / "bay-area-academy.yaml"
    edit(profile, "Alameda County child abuse hotline", "Alameda crisis line")
    run = cli("validate", "--workspace", workspace)
    assert run.exit_code == 0
    assert "bay-area-academy.yaml:" in run.stdout and NO_COUNTY_HOTLINE in run.stdout
    assert cli("validate", "--strict", "--workspace", workspace).exit_code == 1


def test_init_puts_the_county_hotline_and_csec_services_in_the_profile(cli, tmp_path: Path) -> None:
    import yaml

    folder = tmp_path / "ws"
    run = cli(
        "init",
        "--contractor", "county-ed",
        "--name", "County Ed",
        "--audience", "caregiver",
        "--county", "Alameda",
        "--hotline", "(510) 259-1800",
        "--csec-service", "Alameda County CSEC program: 510-555-0100",
        "--csec-service", "Survivor mentors",
        str(folder),
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    resources = yaml.safe_load((folder / "contractors" / "county-ed.yaml").read_text(encoding="utf-8"))["resources"]
    named = {r["name"]: r.get("phone") for r in resources}
    assert named["Alameda County child abuse hotline"] == "(510) 259-1800"
    assert named["Alameda County CSEC program"] == "510-555-0100"
    assert named["Survivor mentors"] is None
    validated = cli("validate", "--strict", "--workspace", folder)
    assert validated.exit_code == 0, validated.output


# --- a lean deck -------------------------------------------------------------------------


def titles(deck: Path) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in Presentation(str(deck)).slides]


@pytest.mark.parametrize("name", WORKSPACES)
def test_deck_has_a_slide_per_2_5_minutes_of_teaching_or_fewer(decks, plans, name: str) -> None:
    slides = len(Presentation(str(decks[name])).slides)
    teaching = plans[name].teaching_minutes
    assert slides == len(plans[name].slides)
    assert slides <= teaching / 2.5, f"{slides} slides for {teaching} minutes of teaching"


@pytest.mark.parametrize("name", WORKSPACES)
def test_references_agenda_and_objectives_take_at_most_two_slides_each(decks, plans, name: str) -> None:
    shown, words = titles(decks[name]), plans[name].words
    for title in (words.REFERENCES_TITLE, words.AGENDA_TITLE, words.OBJECTIVES_TITLE):
        count = sum(t.startswith(title) for t in shown)
        assert 1 <= count <= 2, f"{count} slides titled {title}"


@pytest.mark.parametrize("name", [INIT, "sierra-probation-training"])
def test_objectives_slides_show_the_measurable_statements(decks, plans, name: str) -> None:
    deck = Presentation(str(decks[name]))
    text = "\n".join(
        shape.text_frame.text
        for slide in deck.slides
        if slide.shapes.title is not None and slide.shapes.title.text.startswith(wording.OBJECTIVES_TITLE)
        for shape in slide.placeholders
        if shape.has_text_frame and shape != slide.shapes.title
    )
    for objective in plans[name].objectives:
        assert wording.short_statement(objective) in text
        assert objective.title not in text.splitlines()


@pytest.mark.parametrize("name", [INIT, "bay-area-academy"])
def test_an_activity_slide_says_its_time_once(decks, name: str) -> None:
    deck = Presentation(str(decks[name]))
    activity_slides = [s for s in deck.slides if s.shapes.title.text.startswith(wording.ACTIVITY_PREFIX)]
    assert len(activity_slides) > 10
    for slide in activity_slides:
        body = [s.text_frame.text for s in slide.placeholders if s.has_text_frame and s != slide.shapes.title]
        lines = "\n".join(body).splitlines()
        added = [line for line in lines if line.startswith("Time: ")]
        told = [line for line in lines if wording.states_minutes(line) and not line.startswith("Time: ")]
        assert added or told, f"{slide.shapes.title.text}: no time"
        assert not (added and told), f"{slide.shapes.title.text}: time said twice"


@pytest.mark.parametrize("name", WORKSPACES)
def test_at_most_two_check_slides_per_objective(plans, name: str) -> None:
    plan = plans[name]
    for objective in plan.objectives:
        checks = [s for s in plan.slides_for(objective) if s.kind == "knowledge_check"]
        assert 1 <= len(checks) <= 2


# --- diagrams ----------------------------------------------------------------------------


def diagram_slides(deck: Path) -> list[tuple[int, object]]:
    found = []
    for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
        groups = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP and s.name.startswith("Diagram")]
        found += [(number, group) for group in groups]
    return found


def test_the_catalog_has_eight_diagram_slides_or_more(catalog: dict) -> None:
    kinds = [s.diagram.kind for o in catalog.values() for s in o.slides if s.diagram is not None]
    assert len(kinds) >= 8 and set(kinds) == {"process", "cycle", "comparison"}


def test_diagrams_are_native_editable_shapes_not_pictures(decks, catalog: dict) -> None:
    deck = decks["sierra-probation-training"]
    found = diagram_slides(deck)
    assert len(found) >= 8
    slides = Presentation(str(deck)).slides
    for number, group in found:
        shapes = list(group.shapes)
        autoshapes = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
        connectors = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.LINE]
        assert autoshapes, f"slide {number}: no shapes"
        assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slides[number - 1].shapes)
        if "comparison" not in (group._element.nvGrpSpPr.cNvPr.get("descr") or "").lower():
            glued = [c for c in group._element.iter("{*}cxnSp") if c.find(".//{*}stCxn") is not None]
            assert len(glued) == len(connectors) > 0, f"slide {number}: arrows not glued to their shapes"
        labels = "\n".join(s.text_frame.text for s in autoshapes if s.has_text_frame)
        title = slides[number - 1].shapes.title.text
        slide = next(s for o in catalog.values() for s in o.slides if s.title == title)
        assert all(step.label in labels for step in slide.diagram.steps)


def test_diagram_text_on_a_fill_contrasts_with_the_theme_accent(decks) -> None:
    from csec_builder.render.common.color import contrast_ratio

    for _, group in diagram_slides(decks[INIT]):
        for shape in group.shapes:
            if shape.shape_type != MSO_SHAPE_TYPE.AUTO_SHAPE or shape.fill.type != 1:  # solid fills only
                continue
            accent = _accent(group)
            for run in (r for p in shape.text_frame.paragraphs for r in p.runs):
                assert contrast_ratio(accent, str(run.font.color.rgb)) >= 4.5


def _accent(group) -> str:
    from csec_builder.render.pptx.diagram import _accent_of

    part = group.part
    theme = part.slide.slide_layout.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    return _accent_of(theme.blob)


@pytest.mark.libreoffice
def test_a_deck_with_diagrams_opens_in_libreoffice(decks, soffice: str, tmp_path: Path, catalog: dict) -> None:
    deck = decks[INIT]
    pdf = convert_with_libreoffice(soffice, deck, "pdf", tmp_path)
    assert pdf_page_count(pdf) == len(Presentation(str(deck)).slides)
    number, group = diagram_slides(deck)[0]
    page = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    labels = [s.text_frame.text.split("\n")[0] for s in group.shapes if s.has_text_frame and s.text_frame.text]
    assert labels and all(" ".join(label.split()[:1]) in page for label in labels)
