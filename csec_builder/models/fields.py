"""The vocabulary every YAML-facing model shares: id and colour patterns, constrained text, the `Strict` base.

Also the closed lists a file may name (output formats, Bloom levels, slide kinds), as Literals.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..formats import FORMAT_NAMES

OBJECTIVE_ID = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"
CONTRACTOR_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CLOCK = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"
DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
COLOR = r"^#[0-9A-Fa-f]{6}$"
LETTERS = "ABCDEFGHIJ"  # choice letters of a knowledge check: the schema allows at most ten choices

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
