"""The trainer's print pack: the cards and signs the activities use, to print and cut before the day.

These documents are given to participants, but only at their activity and only as cards or signs, so
they stay out of the participant handout (which must not show a card game's pairs before it is played).
Each starts on its own page, with how to prepare it; answer keys stay in the facilitator guide.
"""

from __future__ import annotations

from typing import Any

from ...models import Activity, Document, Objective
from ...plan import Plan
from ...wording import Wording
from .blocks import add_labelled
from .document import DocxLook, add_cover, add_heading, add_paragraph, apply_brand, finish, open_reference, set_footer
from .markdown import add_markdown
from .tables import add_table
from .xml import paragraph_format

CONTENTS_WIDTHS = (2.6, 2.5, 1.4)


def printed_documents(plan: Plan) -> list[tuple[Objective, Activity, Document]]:
    """The session's cards and signs, in teaching order."""
    return [
        (objective, activity, document)
        for objective in plan.objectives
        for activity in objective.activities
        for document in activity.documents
        if document.print_as != "handout"
    ]


def render_print_pack(plan: Plan, look: DocxLook) -> bytes:
    contractor, words = plan.contractor, plan.words
    document = open_reference(look.reference)
    apply_brand(document, look.brand)
    add_cover(document, look, contractor.title, words.document_subtitle(words.PRINT_PACK_NAME, contractor))
    printed = printed_documents(plan)
    add_paragraph(document, words.PRINT_PACK_INTRO if printed else words.NO_PRINT_PACK)
    if printed:  # what to print, at a glance, on the cover page
        rows = [(m.title, f"{a.title} ({o.id})", words.PRINT_AS[m.print_as]) for o, a, m in printed]
        add_table(document, words.CONTENTS_HEADERS, rows, CONTENTS_WIDTHS, look.brand)
    for objective, activity, material in printed:
        _material(document, objective, activity, material, look.brand, words)
    set_footer(document, words.docx_footer(words.PRINT_PACK_NAME, contractor))
    title = words.document_title(words.PRINT_PACK_NAME, contractor)
    return finish(document, title, contractor.organization, words.LANGUAGE)


def _material(
    document: Any, objective: Objective, activity: Activity, material: Document, brand: str, words: Wording
) -> None:
    heading = add_heading(document, material.title, 1)
    paragraph_format(heading).page_break_before = True  # each set prints, and is cut, on its own pages
    add_labelled(
        document, f"{words.FOR_ACTIVITY}: ", f"{activity.title} ({objective.id}: {objective.title})", "Caption"
    )
    add_labelled(document, words.PREPARE_LABEL, words.PREPARE[material.print_as])
    add_markdown(document, material.body, top_heading=2, brand=brand)
