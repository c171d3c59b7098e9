"""Exports for learning systems: the standard as CASE JSON, the knowledge test as QTI and Moodle XML."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...models import Objective
    from ...plan import Plan, PlannedCheck


def test_items(plan: Plan) -> tuple[PlannedCheck, ...]:
    """The knowledge test's items, numbered, choices in the test's order: what the Word test and key print.

    The plan chose and ordered them once; every export reads them from here, so the LMS quiz asks the
    same questions in the same order with the same keys as the Word test and its answer key.
    """
    # The test-items change (branch teach-kit) gives the plan its own `test`, which the Word test then
    # prints; until it reaches main the Word test prints the checks. Drop the fallback once it has.
    return getattr(plan, "test", plan.checks)


def by_objective(items: tuple[PlannedCheck, ...]) -> list[tuple[Objective, list[PlannedCheck]]]:
    """The items grouped into one bank per objective, objectives in the test's order."""
    banks: dict[str, tuple[Objective, list[PlannedCheck]]] = {}
    for item in items:
        banks.setdefault(item.objective.id, (item.objective, []))[1].append(item)
    return list(banks.values())
