"""csec.yaml: the workspace's standard, audiences, domains, teaching order and defaults, and `extends`."""

from __future__ import annotations

from pydantic import Field, field_validator

from ..formats import FORMAT_NAMES
from ..versions import parse_requirement
from .fields import FormatName, ObjectiveId, Slug, Strict, Text


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
