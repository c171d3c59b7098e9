"""Running text in a Word document: bullets, numbered lists, tick boxes, labelled lines, facts and speaker notes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ...wording import CHECKBOX
from .document import add_paragraph, add_run
from .xml import paragraph_format, restart_numbering, use_numbering


def add_facts(document: Any, facts: Sequence[tuple[str, str]]) -> None:
    """Label: value lines, the label in bold."""
    for label, value in facts:
        paragraph = add_paragraph(document)
        paragraph_format(paragraph).space_after = 0
        add_run(paragraph, f"{label}: ", bold=True)
        add_run(paragraph, value)


def add_bullets(document: Any, items: Sequence[str], style: str = "List Bullet") -> None:
    for item in items:
        add_paragraph(document, item, style)


def add_checklist(document: Any, items: Sequence[str]) -> None:
    """Tick-box lines a trainer can print and tick."""
    from docx.shared import Inches

    for item in items:
        paragraph = add_paragraph(document, f"{CHECKBOX}\t{item}")
        layout = paragraph_format(paragraph)
        layout.left_indent = Inches(0.3)
        layout.first_line_indent = Inches(-0.3)
        layout.space_after = 0
        layout.add_tab_stop(Inches(0.3))


def add_references(document: Any, references: Sequence[Any]) -> None:
    for reference in references:
        text = f"{reference.citation} {reference.url}" if reference.url else reference.citation
        add_paragraph(document, text, "List Bullet")


def add_numbered(document: Any, items: Sequence[str]) -> None:
    """A numbered list that starts at 1, whatever lists came before it."""
    num_id: int | None = None
    for item in items:
        paragraph = add_paragraph(document, item, "List Number")
        if num_id is None:
            num_id = restart_numbering(document, paragraph)
        if num_id is not None:
            use_numbering(paragraph, num_id)


def add_notes(document: Any, text: str) -> None:
    """Talking points as paragraphs, hard-wrapped lines joined again; lines that start with '- ' are bullets."""
    for bullet, paragraph in note_paragraphs(text):
        add_paragraph(document, paragraph, "List Bullet" if bullet else None)


_LIST_MARKER = re.compile(r"^(?:[-*•]|\d+[.)])\s+")
_SENTENCE_END = (".", "!", "?", ":")
_LABEL = re.compile(r"^[A-Z][\w ]{0,30}: ")  # "Answer: ...", "Why: ...", "Materials: ..."


def note_paragraphs(text: str) -> list[tuple[bool, str]]:
    """(is a bullet, text) for each paragraph of speaker notes.

    Notes in YAML are often wrapped at a fixed width; a line joins the one before it unless a blank
    line or a list marker separates them, the line before ends a sentence and this one starts a new
    one, or this one starts with a label ('Why: ').
    """
    paragraphs: list[tuple[bool, str]] = []
    fresh = True
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            fresh = True
            continue
        if paragraphs and not fresh and not _LIST_MARKER.match(line) and _continues(paragraphs[-1][1], line):
            paragraphs[-1] = (paragraphs[-1][0], f"{paragraphs[-1][1]} {line}")
        else:
            bullet = line.startswith("- ")
            paragraphs.append((bullet, line[2:] if bullet else line))
        fresh = False
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    if _LABEL.match(line):
        return False
    return line[0].islower() or not previous.rstrip("\"'”’)").endswith(_SENTENCE_END)


def add_labelled(document: Any, label: str, text: str, style: str | None = None) -> Any:
    """A paragraph that starts with a bold label: 'Answer: ...', 'Why: ...'."""
    paragraph = add_paragraph(document, "", style)
    add_run(paragraph, label, bold=True)
    add_run(paragraph, text)
    return paragraph
