"""The plan behind deck and guide: timings that add up and lists that never overflow a slide."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from csec_builder.models import Contractor, Objective, WorkspaceConfig
from csec_builder.plan import DEFAULT_TEXT_AREA, TextArea, clock, minutes_of, plan_for

CONFIG = WorkspaceConfig.model_validate(
    {
        "standard": {"name": "Test standard", "version": "1"},
        "audiences": [{"id": "caregiver", "title": "Caregivers"}],
        "domains": [{"id": "d", "title": "Domain"}],
    }
)


def objective(number: int, bullets: list[str], minutes: int, activity: int | None) -> Objective:
    data = {
        "id": f"T-{number:02d}",
        "version": 1,
        "title": f"Topic {number}",
        "statement": "Participants will be able to describe the topic.",
        "bloom_level": "understand",
        "domain": "d",
        "audiences": ["caregiver"],
        "required_for": ["caregiver"],
        "minutes": minutes,
        "key_points": ["one", "two", "three"],
        "slides": [{"title": f"Slide {number}", "bullets": bullets, "notes": "Say this."}],
        "knowledge_check": [{"question": "Q?", "choices": ["a", "b"], "answer": "a"}],
        "references": [{"citation": f"Source {number}"}],
    }
    if activity:
        data["activities"] = [{"title": "Practice", "minutes": activity, "instructions": "Do it.\nThen share."}]
    return Objective.model_validate(data)


def contractor(start: str, breaks: list[tuple[str, int]], session: int | None = None) -> Contractor:
    return Contractor.model_validate(
        {
            "id": "t",
            "name": "T",
            "kind": "college",
            "audience": "caregiver",
            "session": {"minutes": session, "start": start, "breaks": [{"at": a, "minutes": m} for a, m in breaks]},
        }
    )


texts = st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=200).filter(lambda t: t.strip())
objectives = st.lists(
    st.tuples(st.lists(texts, min_size=1, max_size=20), st.integers(1, 60), st.one_of(st.none(), st.integers(1, 30))),
    min_size=1,
    max_size=8,
)
clock_times = st.integers(6 * 60, 12 * 60).map(clock)


@settings(max_examples=60, deadline=None)
@given(objectives, clock_times, st.lists(st.tuples(st.integers(0, 600), st.integers(5, 60)), max_size=3))
def test_agenda_is_continuous_and_totals_add_up(specs, start, pauses) -> None:
    items = [objective(i, b, m, a) for i, (b, m, a) in enumerate(specs)]
    breaks = [(clock(minutes_of(start) + offset), length) for offset, length in pauses]
    plan = plan_for(contractor(start, breaks), items, CONFIG)
    assert plan.agenda[0].start == start
    for before, after in zip(plan.agenda, plan.agenda[1:], strict=False):
        assert minutes_of(after.start) % 1440 == (minutes_of(before.start) + before.minutes) % 1440
    sittings = 15 + 15 + 10  # pre-test, post-test and evaluation by default
    expected = 15 + 10 + sittings + sum(o.total_minutes for o in items) + sum(length for _, length in pauses)
    assert plan.total_minutes == expected
    assert plan.agenda[0].kind == "opening" and plan.agenda[-1].kind == "evaluation"
    kinds = [a.kind for a in plan.agenda if a.kind != "break"]
    assert kinds[1] == "pre_test" and kinds[-3:] == ["post_test", "closing", "evaluation"]


@settings(max_examples=60, deadline=None)
@given(objectives)
def test_no_slide_exceeds_the_bullet_limit_and_numbers_run_in_order(specs) -> None:
    items = [objective(i, b, m, a) for i, (b, m, a) in enumerate(specs)]
    plan = plan_for(contractor("09:00", []), items, CONFIG)
    assert [s.number for s in plan.slides] == list(range(1, len(plan.slides) + 1))
    for slide in plan.slides:
        if slide.kind in ("agenda", "objectives"):
            continue  # at most two slides each, their text set smaller: tested below
        assert len(slide.bullets) <= CONFIG.defaults.max_bullets
        if slide.continues is not None:
            assert "(continued" in slide.title and slide.continues < slide.number
    for item in items:
        shown = [b for s in plan.slides if s.kind == "content" and s.objective is item for b in s.bullets]
        assert shown == list(item.slides[0].bullets), "every bullet appears once, in order"
    for kind in ("agenda", "objectives", "references"):
        assert 1 <= sum(s.kind == kind for s in plan.slides) <= 2


@settings(max_examples=40, deadline=None)
@given(objectives, st.integers(20, 80), st.integers(3, 12))
def test_lists_split_for_the_templates_text_area(specs, chars: int, lines: int) -> None:
    """A smaller text area (a 4:3 template's) never gets more lines than it holds, nor fewer slides."""
    items = [objective(i, b, m, a) for i, (b, m, a) in enumerate(specs)]
    who = contractor("09:00", [])
    small = plan_for(who, items, CONFIG, text_area=TextArea(chars, lines))
    default = plan_for(who, items, CONFIG)
    assert default.slides == plan_for(who, items, CONFIG, text_area=DEFAULT_TEXT_AREA).slides
    for slide in small.slides:
        if slide.kind in ("agenda", "objectives"):
            continue  # at most two slides, whatever the text area: the deck sets them smaller
        needed = [-(-len(b) // chars) or 1 for b in slide.bullets]
        assert sum(needed) <= lines or len(slide.bullets) == 1
    if chars <= DEFAULT_TEXT_AREA.chars_per_line and lines <= DEFAULT_TEXT_AREA.max_lines:
        assert len(small.slides) >= len(default.slides)


def test_overrun_is_reported_with_the_numbers() -> None:
    items = [objective(1, ["a"], 50, 20)]
    plan = plan_for(contractor("09:00", [], session=60), items, CONFIG)
    assert plan.total_minutes == 135
    assert plan.warnings == (
        "the plan needs 135 minutes (objectives, activities, opening, tests, closing, evaluation and breaks) "
        "but the session is 60 minutes: 75 minutes over",
    )


def test_every_objective_slide_carries_its_marker_in_the_speaker_notes() -> None:
    items = [objective(1, ["a", "b"], 20, 10), objective(2, ["c"], 20, None)]
    plan = plan_for(contractor("09:00", []), items, CONFIG)
    for slide in plan.slides:
        if slide.objective is not None:
            assert slide.speaker_notes.endswith(f"Objective: {slide.objective.id} v1")
        else:
            assert "Objective:" not in slide.speaker_notes


def test_a_step_wrapped_over_two_lines_stays_one_bullet() -> None:
    from csec_builder.plan import split_steps

    steps = split_steps("1. Put the three scenarios\n   on the screen, one at a time.\n2. Ask the room.\n- Close.")
    assert steps == ["Put the three scenarios on the screen, one at a time.", "Ask the room.", "Close."]
    assert split_steps("Read it aloud. Then ask\nwho has questions.") == [
        "Read it aloud.",
        "Then ask who has questions.",
    ]


def quiz(number: int, items: list[tuple[list[str], str]]) -> Objective:
    base = objective(number, ["point"], 10, None).model_dump()
    base["knowledge_check"] = [{"question": f"Q{i}?", "choices": c, "answer": a} for i, (c, a) in enumerate(items)]
    return Objective.model_validate(base)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(3, 5), st.integers(0, 4)).map(lambda t: (t[0], min(t[1], t[0] - 1))),
        min_size=10,
        max_size=40,
    )
)
def test_answer_positions_are_balanced_whatever_the_authors_wrote(shapes: list[tuple[int, int]]) -> None:
    items = [([f"choice {i}" for i in range(size)], f"choice {answer}") for size, answer in shapes]
    objectives = [quiz(n, items[n::3]) for n in range(3) if items[n::3]]
    plan = plan_for(contractor("09:00", []), objectives, CONFIG)

    letters = [c.answer_letter for c in plan.checks]
    assert len(letters) == len(items)
    assert max(letters.count(x) for x in set(letters)) <= 0.4 * len(letters)
    for check in plan.checks:  # nothing lost or invented, and the letter points at the answer
        assert sorted(check.choices) == sorted(check.item.choices)
        assert check.choices[ord(check.answer_letter) - ord("A")] == check.item.answer


def test_checks_keep_two_choice_items_in_their_written_order() -> None:
    plan = plan_for(contractor("09:00", []), [quiz(1, [(["True", "False"], "False")])], CONFIG)
    assert plan.checks[0].choices == ("True", "False")
    assert plan.checks[0].answer_letter == "B"


def test_a_long_knowledge_check_item_stays_on_one_slide_with_its_answer_in_the_notes() -> None:
    long = ("a choice long enough to fill most of a line on the slide, and then some more words " * 2).strip()
    choices = [f"{letter}: {long}" for letter in "abcd"]
    plan = plan_for(contractor("09:00", []), [quiz(1, [(choices, choices[3])])], CONFIG)

    [slide] = [s for s in plan.slides if s.kind == "knowledge_check"]
    assert len(slide.bullets) == 5  # the question and all four choices
    assert f"Answer: {plan.checks[0].answer_letter}. {choices[3]}" in slide.notes
