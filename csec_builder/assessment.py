"""Which test items a contractor's pre/post knowledge test asks, chosen from its objectives' `test_items`.

The test is its own set of items, not the deck's check slides: the post-test should measure what the
session taught, not recall of answers a slide has just revealed. The plan numbers the chosen items and
places their answers (see plan.number_items), as it does for the checks.
"""

from __future__ import annotations

from .models import Contractor, Objective, TestItem

PER_OBJECTIVE = 2
MIN_LENGTH, MAX_LENGTH = 10, 25
"""The default test: two items per objective, at least 10 and at most 25 (a test participants finish in
about 15 minutes); a contractor's `test_length` replaces it."""


def test_length(contractor: Contractor, objectives: list[Objective]) -> int:
    """How many items the test asks: the contractor's `test_length`, else the default, never more than exist."""
    available = sum(len(o.test_items) for o in objectives)
    wanted = contractor.test_length or min(MAX_LENGTH, max(MIN_LENGTH, PER_OBJECTIVE * len(objectives)))
    return min(wanted, available)


def choose_test_items(objectives: list[Objective], length: int) -> list[tuple[Objective, TestItem]]:
    """`length` items, balanced across the objectives, in teaching order.

    Round by round, each objective gives its next item, so no objective has two more items than
    another that has items left; when a round cannot be taken whole, its items are spread evenly over
    the teaching order rather than taken from the first objectives. Deterministic: no randomness.
    """
    chosen: set[tuple[int, int]] = set()
    depth = max((len(o.test_items) for o in objectives), default=0)
    for round_ in range(depth):
        left = length - len(chosen)
        if left <= 0:
            break
        having = [index for index, o in enumerate(objectives) if len(o.test_items) > round_]
        taken = having if len(having) <= left else [having[(k * len(having)) // left] for k in range(left)]
        chosen.update((index, round_) for index in taken)
    return [(objectives[o], objectives[o].test_items[i]) for o, i in sorted(chosen)]
