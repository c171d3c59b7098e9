"""The day: a session's timed blocks, where its breaks fall, and the rule that sizes them.

The rule (docs/contractors.md, "A day that has breaks"): nobody sits through more than 90 minutes
without a 15-minute break, after Robert Pike's 90/20/8 rule for adult learners; and a session over
five hours has a meal break that starts within its first five hours, as California Labor Code §512
asks of a work day. `init` and the sample profiles use `suggested_breaks`; `validate` warns with
`break_warnings` when a profile's own breaks leave a longer stretch.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from .models import Break, Contractor, Objective, WorkspaceConfig
from .wording import Wording, for_language

MAX_STRETCH = 90
"""Minutes of training before a break is due."""
SHORT_BREAK = 15
MEAL_AFTER = 5 * 60
"""A session longer than this has a meal break, which starts no later than this far in."""
MEAL_BREAK = 45
"""Minutes of a meal break: Labor Code §512 asks for at least 30; 45 leaves time to eat away from the room."""
MEAL_MINUTES = 30
"""A break at least this long counts as the meal break."""

UNTIMED_KINDS = ("break", "pre_test", "post_test", "evaluation")
"""Agenda items that are not teaching: the deck's slide budget counts only the rest."""


@dataclass(frozen=True)
class AgendaItem:
    start: str
    minutes: int
    title: str
    kind: str  # opening | pre_test | objective | break | post_test | closing | evaluation
    objective: Objective | None = None
    first_slide: int | None = None
    last_slide: int | None = None
    time: str = ""
    """`start` as the contractor's language writes a clock time (Babel): what people read."""


@dataclass(frozen=True)
class Block:
    """A part of the session before it is placed on the clock."""

    kind: str
    minutes: int
    title: str
    objective: Objective | None = None


def minutes_of(hh_mm: str) -> int:
    hours, minutes = hh_mm.split(":")
    return int(hours) * 60 + int(minutes)


def clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def blocks_for(
    contractor: Contractor, objectives: list[Objective], config: WorkspaceConfig, words: Wording | None = None
) -> list[Block]:
    """The session's parts in order: opening, pre-test, objectives, post-test, closing, evaluation.

    A sitting of 0 minutes is left out: a contractor that tests another way says so in its profile.
    """
    words = words or for_language(contractor.language)
    session = contractor.session
    parts = [
        Block("opening", config.defaults.opening_minutes, words.OPENING_AGENDA),
        Block("pre_test", session.pre_test_minutes, words.PRE_TEST_AGENDA),
        *[Block("objective", o.total_minutes, o.title, o) for o in objectives],
        Block("post_test", session.post_test_minutes, words.POST_TEST_AGENDA),
        Block("closing", config.defaults.closing_minutes, words.CLOSING_AGENDA),
        Block("evaluation", session.evaluation_minutes, words.EVALUATION_AGENDA),
    ]
    return [b for b in parts if b.minutes > 0 or b.kind in ("opening", "closing")]


def schedule(
    contractor: Contractor, objectives: list[Objective], config: WorkspaceConfig, words: Wording | None = None
) -> list[AgendaItem]:
    """The blocks on the clock, with each break at the boundary nearest its time."""
    words = words or for_language(contractor.language)
    blocks = blocks_for(contractor, objectives, config, words)
    start = minutes_of(contractor.session.start)
    for pause in sorted(contractor.session.breaks, key=lambda b: minutes_of(b.at)):
        gap = _nearest_gap(blocks, start, minutes_of(pause.at))
        blocks.insert(gap, Block("break", pause.minutes, words.break_agenda(pause.minutes >= MEAL_MINUTES)))
    agenda, now = [], start
    for block in blocks:
        item = AgendaItem(clock(now), block.minutes, block.title, block.kind, block.objective, time=words.time(now))
        agenda.append(item)
        now += block.minutes
    return agenda


def _nearest_gap(blocks: list[Block], start: int, wanted: int) -> int:
    """Index before which a break starting at `wanted` fits best (never before the first block)."""
    best, best_distance, now = 1, None, start
    for index, block in enumerate(blocks[:-1], start=1):
        now += block.minutes
        distance = abs(now - wanted)
        if best_distance is None or distance < best_distance:
            best, best_distance = index, distance
    return best


def suggested_breaks(blocks: list[Block], start: str) -> list[Break]:
    """Breaks for these blocks by the rule: a meal break mid-day when the day is long, short ones between.

    Breaks fall between blocks, so a block is never cut. A long day is cut in two at the boundary
    nearest its middle (within the first five hours) for the meal; each part then gets the fewest
    short breaks that keep every stretch within 90 minutes, spread evenly.
    """
    minutes = [b.minutes for b in blocks]
    short = _even_gaps(minutes, 0, len(minutes))
    if sum(minutes) + SHORT_BREAK * len(short) <= MEAL_AFTER or len(minutes) < 2:
        return _placed(minutes, [(g, SHORT_BREAK) for g in short], start)
    meal = _meal_gap(minutes)
    gaps = [*_even_gaps(minutes, 0, meal), meal, *_even_gaps(minutes, meal, len(minutes))]
    return _placed(minutes, [(g, MEAL_BREAK if g == meal else SHORT_BREAK) for g in gaps], start)


def _meal_gap(minutes: list[int]) -> int:
    """The boundary nearest the day's middle whose time, short breaks included, is within five hours."""
    total = sum(minutes)
    ahead = [sum(minutes[:gap]) for gap in range(1, len(minutes))]
    early = [
        gap
        for gap in range(1, len(minutes))
        if ahead[gap - 1] + SHORT_BREAK * (ahead[gap - 1] // MAX_STRETCH) <= MEAL_AFTER
    ]
    return min(early or [1], key=lambda gap: abs(ahead[gap - 1] - total / 2))


def _even_gaps(minutes: list[int], first: int, end: int) -> list[int]:
    """The fewest boundaries inside blocks[first:end] that keep each stretch within MAX_STRETCH, spread evenly."""
    part = minutes[first:end]
    total = sum(part)
    for count in range(max(0, -(-total // MAX_STRETCH) - 1), len(part)):
        ahead = [sum(part[:i]) for i in range(len(part) + 1)]
        gaps = sorted(
            {
                min(range(1, len(part)), key=lambda i: abs(ahead[i] - total * n / (count + 1)))
                for n in range(1, count + 1)
            }
        )
        bounds = [0, *gaps, len(part)]
        if all(ahead[b] - ahead[a] <= MAX_STRETCH for a, b in pairwise(bounds)):
            return [first + g for g in gaps]
    return [first + i for i in range(1, len(part))]  # a single block over 90 minutes: a break after every block


def _placed(minutes: list[int], gaps: list[tuple[int, int]], start: str) -> list[Break]:
    """Each break on the clock: the session's start plus the blocks and breaks before it."""
    first, placed, before = minutes_of(start), [], 0
    for gap, length in gaps:
        placed.append(Break(at=clock(first + sum(minutes[:gap]) + before), minutes=length))
        before += length
    return placed


def session_length(blocks: list[Block], breaks: list[Break]) -> int:
    """The session's minutes for a profile: the plan rounded up to a quarter hour, a little slack for the day."""
    total = sum(b.minutes for b in blocks) + sum(b.minutes for b in breaks)
    return -(-total // 15) * 15


def break_warnings(agenda: list[AgendaItem]) -> list[str]:
    """What the day's breaks miss by the rule: stretches over 90 minutes, a long day without a meal break."""
    problems, stretch_start, stretch = [], None, 0
    for item in [*agenda, None]:
        if item is None or item.kind == "break":
            if stretch > MAX_STRETCH and stretch_start is not None:
                problems.append(_long_stretch(stretch_start, stretch))
            stretch_start, stretch = None, 0
            continue
        stretch_start = stretch_start or item.start
        stretch += item.minutes
    total = sum(a.minutes for a in agenda)
    if total > MEAL_AFTER and not any(a.kind == "break" and a.minutes >= MEAL_MINUTES for a in agenda):
        problems.append(
            f"the session runs {total} minutes with no meal break: a session over {MEAL_AFTER // 60} hours needs "
            f"one of {MEAL_MINUTES} minutes or more (session.breaks)"
        )
    return problems


def _long_stretch(start: str, minutes: int) -> str:
    return (
        f"from {start} the session runs {minutes} minutes without a break: add a {SHORT_BREAK}-minute break at "
        f"least every {MAX_STRETCH} minutes (session.breaks)"
    )


def teaching_minutes(agenda: list[AgendaItem] | tuple[AgendaItem, ...]) -> int:
    """Minutes the deck is shown: everything but breaks, test sittings and the evaluation."""
    return sum(a.minutes for a in agenda if a.kind not in UNTIMED_KINDS)
