"""The public data contract: pydantic models for csec.yaml, objectives and contractors.

Field names here are what contractors and academies write in YAML, so they change only with a
version bump. Every model rejects unknown keys: a typo must never pass silently.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

from .formats import FORMAT_NAMES
from .versions import parse_requirement

OBJECTIVE_ID = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"
CONTRACTOR_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CLOCK = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"
DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
COLOR = r"^#[0-9A-Fa-f]{6}$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ObjectiveId = Annotated[str, StringConstraints(pattern=OBJECTIVE_ID)]
Slug = Annotated[str, StringConstraints(pattern=SLUG)]
Clock = Annotated[str, StringConstraints(pattern=CLOCK)]
Minutes = Annotated[int, Field(ge=1, le=1440)]
# An objective's version goes up by one per change of content: ten thousand changes never happen, and a
# bound keeps a typo such as 10000000000000000000000 out of every deck's notes and every coverage report.
MAX_VERSION = 9999


class Strict(BaseModel):
    """Base for every YAML-facing model: unknown keys are errors, no silent type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# Literals rather than enums: strict mode accepts plain strings for Literal, not for Enum.
# The output formats come from the registry of outputs, so a new output needs no change here.
FormatName = Literal[FORMAT_NAMES]  # type: ignore[valid-type]
BloomLevel = Literal["remember", "understand", "apply", "analyze", "evaluate", "create"]
BLOOM_LEVELS: tuple[str, ...] = get_args(BloomLevel)

# Every kind of slide a deck can hold, in deck order; the keys of a contractor's `layouts`.
SlideKind = Literal[
    "title",
    "content_warning",
    "agenda",
    "objectives",
    "section",
    "content",
    "activity",
    "knowledge_check",
    "resources",
    "references",
    "closing",
]
SLIDE_KINDS: tuple[str, ...] = get_args(SlideKind)


# --- csec.yaml ---------------------------------------------------------------------------


class StandardInfo(Strict):
    name: Text
    version: Text = Field(description='Version of the standard, e.g. "1.0.0" (quote it in YAML).')


class Audience(Strict):
    id: Slug
    title: Text


class Domain(Strict):
    id: Slug
    title: Text


class Defaults(Strict):
    output: Text = Field("dist", description="Output folder, relative to the workspace.")
    formats: list[FormatName] = Field(
        default_factory=lambda: list(FORMAT_NAMES), min_length=1, description="Which outputs `build` writes."
    )
    max_bullets: int = Field(6, ge=2, le=12, description="Bullets per slide before a (continued) slide.")
    opening_minutes: int = Field(15, ge=0, le=120, description="Welcome, content warning, agenda.")
    closing_minutes: int = Field(10, ge=0, le=120, description="Local resources and questions.")


def unique_ids(items: list[Audience] | list[Domain]) -> list:
    seen = [item.id for item in items]
    dupes = sorted({i for i in seen if seen.count(i) > 1})
    if dupes:
        raise ValueError(f"duplicate id(s): {', '.join(dupes)}")
    return items


class WorkspaceConfig(Strict):
    """csec.yaml: the root of a workspace."""

    standard: StandardInfo
    audiences: list[Audience] = Field(min_length=1)
    domains: list[Domain] = Field(min_length=1)
    order: list[ObjectiveId] = Field(
        default_factory=list,
        description="Catalog (teaching) order of objective ids; unlisted ones follow by domain, then id.",
    )
    defaults: Defaults = Field(default_factory=Defaults)

    @field_validator("audiences", "domains")
    @classmethod
    def _unique_ids(cls, items: list[Audience] | list[Domain]) -> list:
        return unique_ids(items)

    @property
    def audience_ids(self) -> list[str]:
        return [a.id for a in self.audiences]

    @property
    def domain_ids(self) -> list[str]:
        return [d.id for d in self.domains]


class Extends(Strict):
    """Which standard a contractor workspace builds on: the one bundled with csec-builder."""

    standard: Text = Field(description='Name of the standard, as csec-builder ships it: "California CSEC 101".')
    version: Text | None = Field(
        None,
        description='Versions of the standard this workspace works with, e.g. ">=1.1" or ">=1.1, <2" '
        "(operators >=, >, <=, <, ==, !=, ~=). Any version when left out.",
    )

    @field_validator("version")
    @classmethod
    def _readable_requirement(cls, value: str | None) -> str | None:
        if value is not None:
            parse_requirement(value)  # raises ValueError with a plain message
        return value


class ExtendingConfig(Strict):
    """csec.yaml of a workspace that extends the bundled standard.

    The standard's name, version and audiences cannot change here; domains can be added to, and `order` and
    `defaults` override the standard's (each key of `defaults` on its own).
    """

    extends: Extends
    domains: list[Domain] = Field(
        default_factory=list, description="Extra domains for local objectives, after the standard's."
    )
    order: list[ObjectiveId] | None = Field(
        None, description="Replaces the standard's teaching order when given; unlisted objectives follow."
    )
    defaults: Defaults = Field(default_factory=Defaults, description="Keys given here replace the standard's.")

    @field_validator("domains")
    @classmethod
    def _unique_ids(cls, items: list[Domain]) -> list[Domain]:
        return unique_ids(items)


# --- objectives --------------------------------------------------------------------------


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


def _material_form(value: Any) -> str | None:
    if isinstance(value, str):
        return "supply"
    return "document" if isinstance(value, dict | Document) else None


# A supply ("flip chart") is a plain string; a document carries its own content.
Material = Annotated[
    Annotated[Text, Tag("supply")] | Annotated[Document, Tag("document")],
    Discriminator(
        _material_form,
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


# --- contractors -------------------------------------------------------------------------


class ObjectiveSelection(Strict):
    """The mapping form of `objectives`: the audience's required set, plus or minus some."""

    include_required: bool = True
    include: list[ObjectiveId] = Field(default_factory=list)
    exclude: list[ObjectiveId] = Field(default_factory=list)


def _selection_form(value: Any) -> str | None:
    if isinstance(value, list):
        return "list"
    return "mapping" if isinstance(value, dict | ObjectiveSelection) else None


# A tagged union, so a mistake is reported against the form the author chose, not against both.
ObjectivesField = Annotated[
    Annotated[list[ObjectiveId], Tag("list")] | Annotated[ObjectiveSelection, Tag("mapping")],
    Discriminator(
        _selection_form,
        custom_error_type="objectives_form",
        custom_error_message="expected a list of objective ids or a mapping {include_required, include, exclude}",
    ),
]


class Branding(Strict):
    organization: Text
    primary_color: Annotated[str, StringConstraints(pattern=COLOR)] = "#1F4E79"
    logo: Text | None = Field(None, description="Logo image path, relative to the workspace.")
    logo_alt: Text | None = Field(None, description="Alt text for the logo; defaults to '<organization> logo'.")
    footer: Text | None = None
    paint: bool | None = Field(
        None,
        description="Paint the brand colour on the slides (backgrounds, a top bar, the theme's accent): true or "
        "false. Default: only on a template that carries csec-builder's mark, such as the bundled default; "
        "any other template is the organisation's own design and is filled, not repainted.",
    )


class Break(Strict):
    at: Clock
    minutes: Minutes


SittingMinutes = Annotated[int, Field(ge=0, le=120)]


class Session(Strict):
    minutes: Minutes | None = Field(None, description="Length of the session, breaks included.")
    start: Clock = "09:00"
    breaks: list[Break] = Field(
        default_factory=list,
        description="Each goes between two parts, near its time; a 15-minute break at least every 90 minutes, "
        "and a meal break of 30 minutes or more in a session over 5 hours (see docs/contractors.md).",
    )
    pre_test_minutes: SittingMinutes = Field(15, description="The pre-test, after the opening; 0: none.")
    post_test_minutes: SittingMinutes = Field(15, description="The post-test, after the last objective; 0: none.")
    evaluation_minutes: SittingMinutes = Field(
        10, description="The training evaluation, at the end of the session; 0: none."
    )
    date: Annotated[str, StringConstraints(pattern=DAY)] | None = Field(
        None,
        description='The day of the session, "2027-03-06" (quote it); shown on the title slide and the covers, '
        "written the way the contractor's language writes dates.",
    )

    @field_validator("date")
    @classmethod
    def _real_day(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"'{value}' is not a date in the calendar") from None
        return value

    @property
    def day(self) -> datetime.date:
        assert self.date is not None
        return datetime.date.fromisoformat(self.date)


class LocalResource(Strict):
    name: Text
    phone: Text | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    description: Text | None = None


DEFAULT_TITLE = "CSEC 101: Identification and Awareness"


class Contractor(Strict):
    """A contractor profile: contractors/<id>.yaml."""

    id: Annotated[str, StringConstraints(pattern=CONTRACTOR_ID)] = Field(
        description="Lower-case slug; equals the file name."
    )
    name: Text
    kind: Literal["academy", "college", "contractor"]
    audience: Slug
    title: Text = DEFAULT_TITLE
    language: Annotated[str, StringConstraints(pattern=LANGUAGE_TAG)] = Field(
        "en",
        description='The language every output is built in, a BCP 47 tag such as "en", "es" or "es-MX"; '
        "objectives need a translation into it (objectives/<language>/<ID>.yaml).",
    )
    fallback_language: Literal["en"] | None = Field(
        None,
        description="Teach an objective that has no translation into `language` in English instead (with a "
        "warning); without it, a missing translation is an error.",
    )
    objectives: ObjectivesField = Field(
        default_factory=ObjectiveSelection,
        description="Objective ids in teaching order, or {include_required, include, exclude}.",
    )
    template: Text | None = Field(
        None, description="PowerPoint template (.pptx or .potx) path, relative to the workspace."
    )
    docx_template: Text | None = Field(
        None,
        description="Word reference document (.docx) whose styles the Word outputs use, relative to the workspace; "
        "default templates/docx/reference.docx.",
    )
    layouts: dict[SlideKind, Text] = Field(
        default_factory=dict, description="Slide kind -> layout name in the template."
    )
    branding: Branding | None = None
    session: Session = Field(default_factory=Session)
    trainers: list[Text] = Field(default_factory=list)
    resources: list[LocalResource] = Field(default_factory=list)

    @property
    def organization(self) -> str:
        return self.branding.organization if self.branding else self.name

    @property
    def logo_alt(self) -> str:
        if self.branding and self.branding.logo_alt:
            return self.branding.logo_alt
        return f"{self.organization} logo"
