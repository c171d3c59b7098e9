"""Plan stage: one contractor + its objectives -> the ordered slides and the timed agenda.

The deck and the guides are both rendered from this plan, so the guide's slide numbers and clock
times match the deck by construction. Nothing here knows about python-pptx or HTML.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .models import Activity, Contractor, KnowledgeCheckItem, Objective, Reference, SlideKind, WorkspaceConfig
from .wording import CLOSING_KINDS, LETTERS, OPENING_KINDS, Wording, for_language

Bullets = tuple[str, ...]


@dataclass(frozen=True)
class TextArea:
    """What a slide's text area holds at the template's body size: a conservative estimate.

    Read from the chosen template once (see `render.pptx.template.cached_text_area`), so long lists
    split into "(continued)" slides where that template needs them.
    """

    chars_per_line: int
    max_lines: int


# The bundled default template's 16:9 text area (12.33 x 5.15 in) at 24 pt.
DEFAULT_TEXT_AREA = TextArea(chars_per_line=60, max_lines=11)


@dataclass(frozen=True)
class PlannedSlide:
    number: int
    kind: SlideKind
    title: str
    bullets: Bullets
    notes: str
    objective: Objective | None = None
    image: str | None = None
    alt_text: str | None = None
    continues: int | None = None
    """The number of the slide this one continues, when a long list was split."""

    @property
    def speaker_notes(self) -> str:
        """The notes as the deck carries them: with the audit marker on every objective slide."""
        return f"{self.notes}\n\n{marker(self.objective)}" if self.objective is not None else self.notes


@dataclass(frozen=True)
class PlannedCheck:
    """A knowledge-check item as this session asks it: numbered, with its choices in session order.

    The deck, the guides and the test all read this, so a question carries the same letter in each.
    """

    number: int
    objective: Objective
    item: KnowledgeCheckItem
    choices: tuple[str, ...]

    @property
    def answer_letter(self) -> str | None:
        return LETTERS[self.choices.index(self.item.answer)] if self.choices else None


@dataclass(frozen=True)
class AgendaItem:
    start: str
    """24-hour "HH:MM", for arithmetic and machine-readable attributes."""
    minutes: int
    title: str
    kind: str  # opening | objective | break | closing
    objective: Objective | None = None
    first_slide: int | None = None
    last_slide: int | None = None
    time: str = ""
    """`start` as the contractor's language writes a clock time (Babel): what people read."""


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
    builder = _SlideList(config.defaults.max_bullets, text_area or DEFAULT_TEXT_AREA, words)
    builder.add_opening(contractor, objectives, agenda)
    for objective in objectives:
        item = next(a for a in agenda if a.objective is objective)
        builder.add_objective(objective, item, [c for c in checks if c.objective is objective])
    references = collect_references(objectives)
    builder.add_closing(contractor, references)
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
    their written order. Two-choice items (true/false, yes/no) keep their natural order.
    """
    used = [0] * len(LETTERS)
    turn = 0
    planned: list[PlannedCheck] = []
    for objective in objectives:
        for item in objective.knowledge_check:
            choices = tuple(item.choices or ())
            if len(choices) >= 3:
                size = len(choices)
                position = min(range(size), key=lambda p: (used[p], (p - turn) % size))
                used[position] += 1
                turn = (position + 1) % len(LETTERS)
                others = [c for c in choices if c != item.answer]
                choices = (*others[:position], item.answer, *others[position:])
            planned.append(PlannedCheck(len(planned) + 1, objective, item, choices))
    return tuple(planned)


# --- timing ------------------------------------------------------------------------------


def minutes_of(hh_mm: str) -> int:
    hours, minutes = hh_mm.split(":")
    return int(hours) * 60 + int(minutes)


def clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def schedule(
    contractor: Contractor, objectives: list[Objective], config: WorkspaceConfig, words: Wording | None = None
) -> list[AgendaItem]:
    """Opening, one block per objective, closing; breaks at the boundary nearest their time."""
    words = words or for_language(contractor.language)
    blocks: list[tuple[str, int, str, Objective | None]] = [
        ("opening", config.defaults.opening_minutes, words.OPENING_AGENDA, None),
        *[("objective", o.total_minutes, o.title, o) for o in objectives],
        ("closing", config.defaults.closing_minutes, words.CLOSING_AGENDA, None),
    ]
    start = minutes_of(contractor.session.start)
    for pause in sorted(contractor.session.breaks, key=lambda b: minutes_of(b.at)):
        gap = _nearest_gap(blocks, start, minutes_of(pause.at))
        blocks.insert(gap, ("break", pause.minutes, words.BREAK_AGENDA, None))
    agenda, now = [], start
    for kind, minutes, title, objective in blocks:
        agenda.append(AgendaItem(clock(now), minutes, title, kind, objective, time=words.time(now)))
        now += minutes
    return agenda


def _nearest_gap(blocks: list, start: int, wanted: int) -> int:
    """Index before which a break starting at `wanted` fits best (never before the opening)."""
    best, best_distance, now = 1, None, start
    for index, (_kind, minutes, _title, _objective) in enumerate(blocks[:-1], start=1):
        now += minutes
        distance = abs(now - wanted)
        if best_distance is None or distance < best_distance:
            best, best_distance = index, distance
    return best


def _fit_warnings(contractor: Contractor, total: int) -> list[str]:
    session = contractor.session.minutes
    if session is None or total <= session:
        return []
    return [
        f"the plan needs {total} minutes (objectives, activities, opening, closing and breaks) "
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


# --- slides ------------------------------------------------------------------------------


def marker(objective: Objective) -> str:
    """The audit line in speaker notes that `coverage --deck` reads back."""
    return f"Objective: {objective.id} v{objective.version}"


_LIST_MARKER = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def split_steps(text: str) -> list[str]:
    """Instructions as bullet steps.

    Lines that start with a list marker (1. 2) - *) begin a step and the lines after them continue
    it, so a step wrapped over two lines stays one bullet; prose without markers splits by sentence.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if not any(_LIST_MARKER.match(line) for line in lines):
        prose = " ".join(line.strip() for line in lines)
        return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])", prose) if s.strip()]
    steps: list[str] = []
    for line in lines:
        if _LIST_MARKER.match(line) or not steps:
            steps.append(_LIST_MARKER.sub("", line).strip())
        else:
            steps[-1] = f"{steps[-1]} {line.strip()}"
    return steps


def task_lines(activity: Activity, words: Wording | None = None) -> list[str]:
    """What participants see on an activity's slide: its prompt, never the trainer's steps or answers."""
    if activity.prompt is None:
        return [(words or for_language("en")).NO_PROMPT]
    return prompt_lines(activity.prompt)


def prompt_lines(prompt: str) -> list[str]:
    """A prompt as bullets: its list items, else its lines as written, else (one line) its sentences."""
    lines = [line.strip() for line in prompt.splitlines() if line.strip()]
    if len(lines) > 1 and not any(_LIST_MARKER.match(line) for line in lines):
        return lines
    return split_steps(prompt)


class _SlideList:
    """Accumulates planned slides, numbering them and splitting long lists into (continued) slides."""

    def __init__(self, max_bullets: int, text_area: TextArea, words: Wording) -> None:
        self.max_bullets = max_bullets
        self.text_area = text_area
        self.words = words
        self.slides: list[PlannedSlide] = []

    def add(
        self,
        kind: SlideKind,
        title: str,
        bullets: list[str],
        notes: str,
        objective: Objective | None = None,
        image: str | None = None,
        alt_text: str | None = None,
    ) -> None:
        # A question and its choices stay on one slide (the deck shrinks the text to fit): split, the
        # later choices, the answer among them, would stand on a slide whose notes hold no answer.
        chunks = [bullets] if kind == "knowledge_check" else self._chunks(bullets)
        first = len(self.slides) + 1
        for index, chunk in enumerate(chunks):
            number = len(self.slides) + 1
            shown_title = title if index == 0 else f"{title} ({self.words.continued(index)})"
            shown_notes = notes if index == 0 else self.words.continued_notes(first)
            self.slides.append(
                PlannedSlide(
                    number,
                    kind,
                    shown_title,
                    tuple(chunk),
                    shown_notes,
                    objective,
                    image if index == 0 else None,
                    alt_text if index == 0 else None,
                    None if index == 0 else first,
                )
            )

    def _chunks(self, bullets: list[str]) -> list[list[str]]:
        """Split bullets so no slide holds more than max_bullets or more text than its text area."""
        chunks: list[list[str]] = [[]]
        lines = 0
        for bullet in bullets:
            need = max(1, math.ceil(len(bullet) / self.text_area.chars_per_line))
            if chunks[-1] and (len(chunks[-1]) == self.max_bullets or lines + need > self.text_area.max_lines):
                chunks.append([])
                lines = 0
            chunks[-1].append(bullet)
            lines += need
        return chunks

    def add_opening(self, contractor: Contractor, objectives: list[Objective], agenda: list[AgendaItem]) -> None:
        words = self.words
        self.add("title", contractor.title, [words.title_subtitle(contractor)], words.title_notes(contractor))
        self.add(
            "content_warning",
            words.CONTENT_WARNING_TITLE,
            list(words.CONTENT_WARNING),
            words.CONTENT_WARNING_NOTES,
        )
        agenda_lines = [f"{a.time}  {a.title}" for a in agenda] + [f"{words.time(_end(agenda))}  {words.END_AGENDA}"]
        self.add("agenda", words.AGENDA_TITLE, agenda_lines, words.agenda_notes(contractor, agenda))
        self.add(
            "objectives", words.OBJECTIVES_TITLE, [o.title for o in objectives], words.objectives_notes(objectives)
        )

    def add_objective(self, objective: Objective, item: AgendaItem, checks: list[PlannedCheck]) -> None:
        words = self.words
        self.add("section", objective.title, [objective.statement], words.section_notes(objective, item), objective)
        for slide in objective.slides:
            self.add("content", slide.title, list(slide.bullets), slide.notes, objective, slide.image, slide.alt_text)
        for activity in objective.activities:
            # The trainer's steps and answers go to the notes only: the slide is what the room sees.
            bullets = [*task_lines(activity, words), words.minutes_line(activity.minutes)]
            self.add(
                "activity",
                f"{words.ACTIVITY_PREFIX}{activity.title}",
                bullets,
                words.activity_notes(activity),
                objective,
            )
        if objective.discussion_questions:
            self.add(
                "activity",
                f"{words.DISCUSSION_PREFIX}{objective.title}",
                list(objective.discussion_questions),
                words.DISCUSSION_NOTES,
                objective,
            )
        for index, check in enumerate(checks, start=1):
            title = words.check_title(objective.title, index, len(checks))
            self.add("knowledge_check", title, words.check_bullets(check), words.check_notes(check), objective)

    def add_closing(self, contractor: Contractor, references: tuple[Reference, ...]) -> None:
        words = self.words
        if contractor.resources:
            self.add(
                "resources",
                words.RESOURCES_TITLE,
                [words.resource_line(r) for r in contractor.resources],
                words.resources_notes(contractor.resources),
            )
        self.add("references", words.REFERENCES_TITLE, [r.citation for r in references], words.REFERENCES_NOTES)
        self.add("closing", words.CLOSING_TITLE, list(words.closing_bullets(contractor)), words.CLOSING_NOTES)


def _end(agenda: list[AgendaItem]) -> int:
    last = agenda[-1]
    return minutes_of(last.start) + last.minutes
