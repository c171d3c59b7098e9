"""A knowledge check as one session asks it: here, not in plan, so that wording can use it without a circle."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import LETTERS
from .objective import KnowledgeCheckItem, Objective


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
