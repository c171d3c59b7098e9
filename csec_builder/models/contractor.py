"""contractors/<id>.yaml: who teaches, to which audience, which objectives, with what template, brand and day."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, StringConstraints, Tag, field_validator

from .fields import COLOR, CONTRACTOR_ID, DAY, LANGUAGE_TAG, Clock, Minutes, ObjectiveId, SlideKind, Slug, Strict, Text


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
    test_length: int | None = Field(
        None,
        ge=1,
        le=100,
        description="Items on the pre/post knowledge test. Default: two per objective, at least 10 and at most 25, "
        "never more than the objectives' test items.",
    )

    @property
    def organization(self) -> str:
        return self.branding.organization if self.branding else self.name

    @property
    def logo_alt(self) -> str:
        if self.branding and self.branding.logo_alt:
            return self.branding.logo_alt
        return f"{self.organization} logo"
