"""Plan stage: one contractor + its objectives -> the ordered slides and the timed agenda.

The deck and the guides are both rendered from this plan, so the guide's slide numbers and clock
times match the deck by construction. Nothing here knows about python-pptx or HTML. The day's
timing lives in `day`, the slides' wording and splitting in `slides`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .day import AgendaItem, clock, minutes_of, schedule, teaching_minutes
from .models import Contractor, Objective, Reference, WorkspaceConfig
from .slides import (
    DECK_CHECKS,
    DEFAULT_TEXT_AREA,
    PlannedCheck,
    PlannedSlide,
    SlideList,
    TextArea,
    marker,
    prompt_lines,
    split_steps,
    task_lines,
)
from .wording import CLOSING_KINDS, LETTERS, OPENING_KINDS, Wording, for_language

__all__ = [
    "DEFAULT_TEXT_AREA",
    "AgendaItem",
    "Plan",
    "PlannedCheck",
    "PlannedSlide",
    "TextArea",
    "clock",
    "marker",
    "minutes_of",
    "plan_for",
    "prompt_lines",
    "split_steps",
    "task_lines",
]


@dataclass(frozen=True)
class Plan:
    contractor: Contractor
    config: WorkspaceConfig
    objectives: tuple[Objective, ...]
    slides: tuple[PlannedSlide, ...]
    agenda: tuple[AgendaItem, ...]
    references: tuple[Reference, ...]
    end: str
    total_minutes: int
    warnings: tuple[str, ...] = field(default=())
    checks: tuple[PlannedCheck, ...] = field(default=())
    words: Wording = field(default_factory=lambda: for_language("en"))
    """The fixed words of the contractor's language, for every renderer."""

    @property
    def start_time(self) -> str:
        return self.words.time(minutes_of(self.contractor.session.start))

    @property
    def end_time(self) -> str:
        return self.words.time(minutes_of(self.end))

    @property
    def session_minutes(self) -> int | None:
        return self.contractor.session.minutes

    def slides_for(self, objective: Objective) -> list[PlannedSlide]:
        return [s for s in self.slides if s.objective is not None and s.objective.id == objective.id]

    def agenda_item(self, objective: Objective) -> AgendaItem:
        return next(a for a in self.agenda if a.objective is not None and a.objective.id == objective.id)

    def checks_for(self, objective: Objective) -> list[PlannedCheck]:
        return [c for c in self.checks if c.objective.id == objective.id]

    @property
    def teaching_minutes(self) -> int:
        """Minutes the deck is on screen: the agenda without breaks, test sittings and the evaluation."""
        return teaching_minutes(self.agenda)


def plan_for(
    contractor: Contractor,
    objectives: list[Objective],
    config: WorkspaceConfig,
    text_area: TextArea | None = None,
) -> Plan:
    """Compute the deck's slides and the session's agenda for one contractor.

    `text_area` is what the template's text area holds; without it, the default template's.
    """
    words = for_language(contractor.language)
    agenda = schedule(contractor, objectives, config, words)
    checks = order_checks(objectives)
    builder = SlideList(config.defaults.max_bullets, text_area or DEFAULT_TEXT_AREA, words)
    builder.add_opening(contractor, objectives, agenda)
    for objective in objectives:
        item = next(a for a in agenda if a.objective is objective)
        builder.add_objective(objective, item, [c for c in checks if c.objective is objective])
    references = collect_references(objectives)
    builder.add_closing(contractor, objectives, references)
    slides = tuple(builder.slides)
    agenda = _with_slide_ranges(agenda, slides)
    total = sum(item.minutes for item in agenda)
    end = clock(minutes_of(contractor.session.start) + total)
    return Plan(
        contractor,
        config,
        tuple(objectives),
        slides,
        tuple(agenda),
        references,
        end,
        total,
        tuple(_fit_warnings(contractor, total)),
        checks,
        words,
    )


# --- knowledge checks --------------------------------------------------------------------


def order_checks(objectives: list[Objective]) -> tuple[PlannedCheck, ...]:
    """Number every item and place each answer so no letter dominates the session.

    Authors tend to write the answer first; even a random shuffle leaves one letter well above its
    share over a few dozen items. So each item with three or more choices puts its answer at the
    least-used position so far (ties go to the next position in turn), and the other choices keep
    their written order. Two-choice items (true/false, yes/no) keep their natural order. The first
    DECK_CHECKS items of each objective go on its check slides.
    """
    used = [0] * len(LETTERS)
    turn = 0
    planned: list[PlannedCheck] = []
    for objective in objectives:
        for index, item in enumerate(objective.knowledge_check):
            choices = tuple(item.choices or ())
            if len(choices) >= 3:
                size = len(choices)
                position = min(range(size), key=lambda p: (used[p], (p - turn) % size))
                used[position] += 1
                turn = (position + 1) % len(LETTERS)
                others = [c for c in choices if c != item.answer]
                choices = (*others[:position], item.answer, *others[position:])
            planned.append(PlannedCheck(len(planned) + 1, objective, item, choices, index < DECK_CHECKS))
    return tuple(planned)


def _fit_warnings(contractor: Contractor, total: int) -> list[str]:
    session = contractor.session.minutes
    if session is None or total <= session:
        return []
    return [
        f"the plan needs {total} minutes (objectives, activities, opening, tests, closing, evaluation and breaks) "
        f"but the session is {session} minutes: {total - session} minutes over"
    ]


def _with_slide_ranges(agenda: list[AgendaItem], slides: tuple[PlannedSlide, ...]) -> list[AgendaItem]:
    opening = [s.number for s in slides if s.kind in OPENING_KINDS]
    closing = [s.number for s in slides if s.kind in CLOSING_KINDS]
    ranged = []
    for item in agenda:
        if item.objective is not None:
            numbers = [s.number for s in slides if s.objective is item.objective]
        else:
            numbers = {"opening": opening, "closing": closing}.get(item.kind, [])
        first, last = (numbers[0], numbers[-1]) if numbers else (None, None)
        ranged.append(
            AgendaItem(item.start, item.minutes, item.title, item.kind, item.objective, first, last, item.time)
        )
    return ranged


def collect_references(objectives: list[Objective]) -> tuple[Reference, ...]:
    """Every reference cited by the chosen objectives, once each, alphabetically."""
    unique = {r.citation: r for o in objectives for r in o.references}
    return tuple(unique[c] for c in sorted(unique, key=str.casefold))
