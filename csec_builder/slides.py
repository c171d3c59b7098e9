"""The slides of a plan: what each one says, in deck order, split to fit the template's text area.

The deck is kept lean (issue 19): about one slide per 2.5 minutes of teaching. The agenda, the
objectives and the references take at most two slides each, and each objective at most two
knowledge-check slides; the guides keep the rest.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from .day import AgendaItem, minutes_of
from .models import Activity, Contractor, Diagram, KnowledgeCheckItem, Objective, Reference, SlideKind
from .wording import LETTERS, Wording, for_language

Bullets = tuple[str, ...]

DECK_CHECKS = 2
"""Knowledge-check slides per objective; the guide keeps the others as optional discussion questions."""
COMPACT_SLIDES = 2
"""The most slides the agenda, the objectives and the references take each."""


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
    diagram: Diagram | None = None
    """Drawn as shapes in place of the bullets, which then hold its steps as text (for the guides)."""

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
    on_slide: bool = True
    """On a check slide in the deck; the others are the guide's optional discussion questions."""

    @property
    def answer_letter(self) -> str | None:
        return LETTERS[self.choices.index(self.item.answer)] if self.choices else None


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


class SlideList:
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
        diagram: Diagram | None = None,
    ) -> None:
        # A question and its choices stay on one slide (the deck shrinks the text to fit): split, the
        # later choices, the answer among them, would stand on a slide whose notes hold no answer.
        # A diagram is drawn whole, so its steps never split either.
        whole = kind == "knowledge_check" or diagram is not None
        self._add_chunks(kind, title, [bullets] if whole else self._chunks(bullets), notes, objective, image, alt_text)
        if diagram is not None:
            self.slides[-1] = replace(self.slides[-1], diagram=diagram)

    def add_compact(self, kind: SlideKind, title: str, bullets: list[str], notes: str) -> None:
        """A list on at most COMPACT_SLIDES slides, split evenly: the deck sets the text smaller to fit."""
        chunks = self._chunks(bullets)
        if len(chunks) > COMPACT_SLIDES:
            chunks = _even_split(bullets, COMPACT_SLIDES, self.text_area.chars_per_line)
        self._add_chunks(kind, title, chunks, notes)

    def leading(self, bullets: list[str], slides: int) -> list[str]:
        """The first bullets that fill at most `slides` slides at the usual split."""
        return [b for chunk in self._chunks(bullets)[:slides] for b in chunk]

    def _add_chunks(
        self,
        kind: SlideKind,
        title: str,
        chunks: list[list[str]],
        notes: str,
        objective: Objective | None = None,
        image: str | None = None,
        alt_text: str | None = None,
    ) -> None:
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
            need = _lines(bullet, self.text_area.chars_per_line)
            if chunks[-1] and (len(chunks[-1]) == self.max_bullets or lines + need > self.text_area.max_lines):
                chunks.append([])
                lines = 0
            chunks[-1].append(bullet)
            lines += need
        return chunks

    def add_opening(self, contractor: Contractor, objectives: list[Objective], agenda: list[AgendaItem]) -> None:
        self.add("title", contractor.title, [self.words.title_subtitle(contractor)], self.words.title_notes(contractor))
        self.add(
            "content_warning",
            self.words.CONTENT_WARNING_TITLE,
            list(self.words.CONTENT_WARNING),
            self.words.CONTENT_WARNING_NOTES,
        )
        words = self.words
        agenda_lines = [f"{a.time}  {a.title}" for a in agenda] + [f"{words.time(_end(agenda))}  {words.END_AGENDA}"]
        self.add_compact("agenda", self.words.AGENDA_TITLE, agenda_lines, self.words.agenda_notes(contractor, agenda))
        statements = [self.words.short_statement(o) for o in objectives]
        self.add_compact("objectives", self.words.OBJECTIVES_TITLE, statements, self.words.objectives_notes(objectives))

    def add_objective(self, objective: Objective, item: AgendaItem, checks: list[PlannedCheck]) -> None:
        self.add(
            "section", objective.title, [objective.statement], self.words.section_notes(objective, item), objective
        )
        for slide in objective.slides:
            self.add(
                "content",
                slide.title,
                slide.points,
                slide.notes,
                objective,
                slide.image,
                slide.alt_text,
                slide.diagram,
            )
        for activity in objective.activities:
            # The trainer's steps and answers go to the notes only: the slide is what the room sees.
            self.add(
                "activity",
                f"{self.words.ACTIVITY_PREFIX}{activity.title}",
                activity_lines(activity, self.words),
                self.words.activity_notes(activity),
                objective,
            )
        if objective.discussion_questions:
            self.add(
                "activity",
                f"{self.words.DISCUSSION_PREFIX}{objective.title}",
                list(objective.discussion_questions),
                self.words.DISCUSSION_NOTES,
                objective,
            )
        shown = [c for c in checks if c.on_slide]
        for index, check in enumerate(shown, start=1):
            title = self.words.check_title(objective.title, index, len(shown))
            self.add(
                "knowledge_check", title, self.words.check_bullets(check), self.words.check_notes(check), objective
            )

    def add_closing(
        self, contractor: Contractor, objectives: list[Objective], references: tuple[Reference, ...]
    ) -> None:
        if contractor.resources:
            self.add(
                "resources",
                self.words.RESOURCES_TITLE,
                [self.words.resource_line(r) for r in contractor.resources],
                self.words.resources_notes(contractor.resources),
            )
        # The full list is in the guide and the handout: the slides show the sources most objectives rest on.
        words = self.words
        lines = [words.references_intro(len(references)), *(r.citation for r in most_cited(objectives))]
        self.add("references", words.REFERENCES_TITLE, self.leading(lines, COMPACT_SLIDES), words.REFERENCES_NOTES)
        self.add("closing", words.CLOSING_TITLE, list(words.closing_bullets(contractor)), words.CLOSING_NOTES)


def activity_lines(activity: Activity, words: Wording) -> list[str]:
    """An activity slide's lines: its task, and its time unless the task already says how long."""
    lines = task_lines(activity, words)
    if any(words.states_minutes(line) for line in lines):
        return lines
    return [*lines, words.minutes_line(activity.minutes)]


def most_cited(objectives: list[Objective]) -> list[Reference]:
    """Every reference once, those cited by the most objectives first (then alphabetically)."""
    counts: dict[str, int] = {}
    found: dict[str, Reference] = {}
    for objective in objectives:
        for reference in {r.citation: r for r in objective.references}.values():
            counts[reference.citation] = counts.get(reference.citation, 0) + 1
            found[reference.citation] = reference
    return [found[c] for c in sorted(found, key=lambda c: (-counts[c], c.casefold()))]


def _lines(text: str, chars_per_line: int) -> int:
    return max(1, math.ceil(len(text) / chars_per_line))


def _even_split(bullets: list[str], parts: int, chars_per_line: int) -> list[list[str]]:
    """`bullets` in `parts` runs of about the same number of lines, in order."""
    needs = [_lines(b, chars_per_line) for b in bullets]
    target = sum(needs) / parts
    chunks: list[list[str]] = [[]]
    lines = 0
    for bullet, need in zip(bullets, needs, strict=True):
        if chunks[-1] and len(chunks) < parts and lines + need / 2 > target:
            chunks.append([])
            lines = 0
        chunks[-1].append(bullet)
        lines += need
    return chunks


def _end(agenda: list[AgendaItem]) -> int:
    last = agenda[-1]
    return minutes_of(last.start) + last.minutes
