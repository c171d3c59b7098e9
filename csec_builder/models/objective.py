"""objectives/<ID>.yaml: one learning objective, its slides, diagrams, activities, materials and checks."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Discriminator, Field, StringConstraints, Tag, model_validator

from .fields import MAX_VERSION, BloomLevel, Minutes, ObjectiveId, Slug, Strict, Text

DiagramKind = Literal["process", "cycle", "comparison"]
DIAGRAM_STEPS = {"process": (2, 6), "cycle": (3, 6), "comparison": (2, 3)}
"""Fewest and most steps of each kind: what a slide's content area holds legibly."""


class DiagramStep(Strict):
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)] = Field(
        description="The step's name, in a shape: at most 40 characters."
    )
    detail: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] | None = Field(
        None, description="A sentence or two under or beside the label: at most 200 characters."
    )


class Diagram(Strict):
    """A diagram drawn as editable shapes in the slide's content area, in the template's colours."""

    kind: DiagramKind = Field(
        description="process: steps left to right with arrows; cycle: steps around a circle, the last leading back "
        "to the first; comparison: columns side by side (2 or 3)."
    )
    steps: list[DiagramStep] = Field(description="process 2-6 steps, cycle 3-6, comparison 2-3 columns.")

    @model_validator(mode="after")
    def _steps_fit_the_kind(self) -> Diagram:
        fewest, most = DIAGRAM_STEPS[self.kind]
        if not fewest <= len(self.steps) <= most:
            raise ValueError(f"a {self.kind} diagram has {fewest} to {most} steps, not {len(self.steps)}")
        return self

    def lines(self) -> list[str]:
        """The steps as text: the list the guides show, and what a screen reader reads on the slide."""
        return [f"{s.label}: {s.detail}" if s.detail else s.label for s in self.steps]


class Slide(Strict):
    title: Text
    bullets: list[Text] = Field(default_factory=list, description="The slide's points; none on a diagram slide.")
    notes: Text = Field(description="What the trainer says: the speaker notes for this slide.")
    image: Text | None = Field(None, description="Picture path, relative to the workspace.")
    alt_text: Text | None = Field(None, description="Describes the picture; required with image.")
    diagram: Diagram | None = Field(None, description="A process, cycle or comparison drawn in place of bullets.")

    @model_validator(mode="after")
    def _image_needs_alt_text(self) -> Slide:
        if self.image and not self.alt_text:
            raise ValueError("a slide with an image needs alt_text describing it")
        return self

    @model_validator(mode="after")
    def _bullets_or_diagram(self) -> Slide:
        if self.diagram is None and not self.bullets:
            raise ValueError("a slide needs bullets or a diagram")
        if self.diagram is not None and (self.bullets or self.image):
            raise ValueError("a diagram slide shows the diagram alone: move its bullets into the steps' details")
        return self

    @property
    def points(self) -> list[str]:
        """What the slide says, as lines: its bullets, or its diagram's steps."""
        return self.diagram.lines() if self.diagram else list(self.bullets)


class Document(Strict):
    """A material with its content: a handout, card set, case note or scenario, or a trainer's key."""

    title: Text
    given_to: Literal["participants", "trainer"] = Field(
        description="participants: handouts, cards, case notes, scenarios; trainer: answer keys, marked-up copies."
    )
    body: Text = Field(description="The document's content in Markdown: paragraphs, lists, tables, headings.")
    print_as: Literal["handout", "cards", "signs"] = Field(
        "handout",
        description="handout: printed in the participant handout; cards: printed and cut apart by the trainer; "
        "signs: one per page, posted or laid out by the trainer. Cards and signs go to the trainer's print pack, "
        "not the handout.",
    )

    @model_validator(mode="after")
    def _only_participant_documents_are_cut_out(self) -> Document:
        if self.print_as != "handout" and self.given_to != "participants":
            raise ValueError(f"print_as: {self.print_as} is for documents given to participants")
        return self


def material_form(value: Any) -> str | None:
    """Which member of a materials list `value` is: a supply (text) or a document (a mapping, or a model)."""
    if isinstance(value, str):
        return "supply"
    return "document" if isinstance(value, dict | BaseModel) else None


# A supply ("flip chart") is a plain string; a document carries its own content.
Material = Annotated[
    Annotated[Text, Tag("supply")] | Annotated[Document, Tag("document")],
    Discriminator(
        material_form,
        custom_error_type="material_form",
        custom_error_message="expected a supply (text) or a document {title, given_to, body}",
    ),
]


def material_name(material: str | Document) -> str:
    """How a material is named in lists and notes: a supply as written, a document by its title."""
    return material if isinstance(material, str) else material.title


class Activity(Strict):
    title: Text
    minutes: Minutes
    instructions: Text = Field(description="The trainer's steps, expected answers and debrief: notes and guide only.")
    prompt: Text | None = Field(
        None,
        description="What participants see on the activity slide: the task, groups, time and question; never answers.",
    )
    materials: list[Material] = Field(default_factory=list)

    @property
    def documents(self) -> list[Document]:
        return [m for m in self.materials if isinstance(m, Document)]

    @property
    def supplies(self) -> list[str]:
        return [m for m in self.materials if isinstance(m, str)]


class KnowledgeCheckItem(Strict):
    question: Text
    choices: list[Text] | None = Field(None, min_length=2, max_length=10)
    answer: Text
    rationale: Text | None = None

    @model_validator(mode="after")
    def _answer_is_a_choice(self) -> KnowledgeCheckItem:
        if self.choices and self.answer not in self.choices:
            raise ValueError("answer must be one of the choices, word for word")
        return self


class TestItem(KnowledgeCheckItem):
    """A pre/post test item: a knowledge check's shape, but always multiple choice, so it is marked by letter."""

    choices: list[Text] = Field(min_length=3, max_length=10)  # type: ignore[assignment]


class Reference(Strict):
    citation: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


class Objective(Strict):
    """One standardized learning objective: objectives/<id>.yaml."""

    id: ObjectiveId = Field(description="Upper-case letters, digits and dashes; equals the file name.")
    version: int = Field(
        ge=1,
        le=MAX_VERSION,
        description=f"Raise it whenever the objective's content changes (1 to {MAX_VERSION}).",
    )
    title: Text
    statement: Text = Field(description='The measurable objective: "Participants will be able to <verb> ..."')
    short_statement: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=90)] | None = (
        Field(
            None,
            description="The statement in at most 90 characters, verb first, for the deck's objectives slides "
            '(which say "You will be able to:"); default: the statement without "Participants will be able to".',
        )
    )
    bloom_level: BloomLevel
    domain: Slug
    audiences: list[Slug] = Field(min_length=1)
    required_for: list[Slug] = Field(default_factory=list)
    minutes: Minutes = Field(description="Teaching time for the content slides, excluding activities.")
    key_points: list[Text] = Field(min_length=1)
    slides: list[Slide] = Field(min_length=1)
    activities: list[Activity] = Field(default_factory=list)
    discussion_questions: list[Text] = Field(default_factory=list)
    knowledge_check: list[KnowledgeCheckItem] = Field(min_length=1)
    test_items: list[TestItem] = Field(
        default_factory=list,
        description="Items for the pre/post knowledge test, written to the statement; never a knowledge check's "
        "question, since the post-test would then ask what the slides just revealed.",
    )
    references: list[Reference] = Field(min_length=1)

    @model_validator(mode="after")
    def _required_audiences_are_taught(self) -> Objective:
        stray = [a for a in self.required_for if a not in self.audiences]
        if stray:
            raise ValueError(f"required_for names audience(s) not in audiences: {', '.join(stray)}")
        return self

    @property
    def total_minutes(self) -> int:
        return self.minutes + sum(a.minutes for a in self.activities)
