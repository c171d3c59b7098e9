"""Checks on question items that the schema cannot make: what would break the test's key or an LMS import.

The schema already requires an answer that is one of the choices and no empty choice. These add
what only reading the texts shows: two choices that read as the same answer (two correct answers,
or a key that cannot say which letter), and markup, which Word, QTI and Moodle XML would each show
differently: every export writes the texts as plain text, so markup would reach participants as
raw `<b>` or `**`.
"""

from __future__ import annotations

import re

from .loader import Source
from .models import KnowledgeCheckItem, Objective
from .problems import Problem

ITEM_LISTS = ("knowledge_check", "test_items")
"""The objective's lists of question items (`test_items` arrives with the test-items change)."""

MARKUP = re.compile(
    r"</?[A-Za-z][\w-]*(\s[^<>]*)?/?>"  # an HTML tag
    r"|&[A-Za-z]+;|&#\d+;"  # an HTML entity
    r"|\*\*|__|`[^`]+`"  # Markdown bold or code
    r"|\[[^\]]+\]\([^)]*\)"  # a Markdown link
)


def item_problems(source: Source[Objective]) -> list[Problem]:
    """Every question item's problems, each at the text it is about."""
    problems = []
    for field in ITEM_LISTS:
        for index, item in enumerate(getattr(source.model, field, [])):
            problems += _problems(source, (field, index), item)
    return problems


def _problems(source: Source[Objective], loc: tuple, item: KnowledgeCheckItem) -> list[Problem]:
    problems = []
    texts = [((*loc, "question"), item.question), ((*loc, "answer"), item.answer)]
    texts += [((*loc, "choices", n), choice) for n, choice in enumerate(item.choices or [])]
    for where, text in texts:
        found = MARKUP.search(text)
        if found:
            message = f"markup '{found.group(0)}' in a test item: write plain text (exports show it as typed)"
            problems.append(source.doc.problem(where, message))
    seen: dict[str, int] = {}
    for n, choice in enumerate(item.choices or []):
        key = comparable(choice)
        if key in seen:
            what = "two correct answers" if key == comparable(item.answer) else "the same choice twice"
            message = f"choice {n + 1} repeats choice {seen[key] + 1}: {what}"
            problems.append(source.doc.problem((*loc, "choices", n), message))
        seen.setdefault(key, n)
    return problems


def comparable(text: str) -> str:
    """A choice as a reader compares it: case, spacing and end punctuation ignored."""
    return " ".join(text.casefold().split()).rstrip(".!?")
