"""Text longer than any slide holds: one bullet that alone needs more lines than a slide's text area.

The deck splits long lists into "(continued)" slides between bullets, never inside one, and text is made
smaller only down to a readable size: a bullet of a thousand words overflows its slide whatever is done.
The measure is the bundled default template's text area at its body size (what `plan` splits lists by),
so the warning does not depend on which contractor teaches the objective.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..plan import DEFAULT_TEXT_AREA, TextArea, prompt_lines
from ..problems import Problem, warning
from ..yamlio import Loc, YamlDoc

ANY = "*"
# Objective fields whose text the deck shows as bullets (see plan._SlideList): one list item each.
SLIDE_BULLETS: tuple[tuple[str, ...], ...] = (
    ("statement",),
    ("slides", ANY, "bullets", ANY),
    ("discussion_questions", ANY),
    ("knowledge_check", ANY, "question"),
    ("knowledge_check", ANY, "choices", ANY),
)
PROMPT = ("activities", ANY, "prompt")  # a prompt becomes one bullet per line or step


def overlong_bullets(doc: YamlDoc, area: TextArea = DEFAULT_TEXT_AREA) -> list[Problem]:
    """A warning at each bullet of an objective file that one slide cannot hold."""
    problems = []
    for loc, text in _bullets(doc.data):
        lines = math.ceil(len(text) / area.chars_per_line)
        if lines > area.max_lines:
            line, col = doc.values.get(loc, (1, 1))
            problems.append(warning(doc.path, _message(loc, text, area), line, col))
    return problems


def _message(loc: Loc, text: str, area: TextArea) -> str:
    shown = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    holds = area.chars_per_line * area.max_lines
    return (
        f"{shown}: {len(text):,} characters on one slide bullet; a slide holds about {holds:,} "
        f"({area.max_lines} lines of {area.chars_per_line} at the default template's body size), so it overflows "
        "its slide. Shorten it, split it, or move the detail into the notes"
    )


def _bullets(data: object) -> Iterator[tuple[Loc, str]]:
    for shape in SLIDE_BULLETS:
        yield from _matching(data, shape, ())
    for loc, prompt in _matching(data, PROMPT, ()):
        longest = max(prompt_lines(prompt), key=len, default="")
        yield loc, longest


def _matching(data: object, shape: tuple[str, ...], loc: Loc) -> Iterator[tuple[Loc, str]]:
    """The strings at every path of `data` that `shape` describes (ANY stands for each list index)."""
    if not shape:
        if isinstance(data, str):
            yield loc, data
        return
    head, rest = shape[0], shape[1:]
    if head == ANY and isinstance(data, list):
        for index, item in enumerate(data):
            yield from _matching(item, rest, (*loc, index))
    elif isinstance(data, dict) and head in data:
        yield from _matching(data[head], rest, (*loc, head))
