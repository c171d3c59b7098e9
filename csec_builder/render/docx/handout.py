"""The participant handout: what participants take home, and nothing only the trainer should see.

Session title, agenda with clock times, the learning objectives, a notes page per objective, the
participant documents of the session's activities that are read on paper (with the activity's
prompt), the local resources and the references. Handed out after the pre-test, so never an
objective's key points (they pair each statute with its meaning: the card game's answers and the
test's), an activity's instructions, cards or signs (the trainer's print pack), a trainer document,
an answer or a speaker note.
"""

from __future__ import annotations

from typing import Any

from ...models import Activity, Document, Objective
from ...plan import Plan, prompt_lines
from .blocks import add_bullets, add_numbered, add_references
from .document import (
    DocxLook,
    add_cover,
    add_heading,
    add_paragraph,
    add_run,
    apply_brand,
    finish,
    open_reference,
    set_footer,
    style_id,
)
from .forms import can_do
from .markdown import add_markdown
from .tables import SOFT_FILL, add_grid_table, add_resources_table, add_spacer, add_table, row_cells, shade_row
from .xml import keep_row_on_one_page, paragraph_format

AGENDA_WIDTHS = (1.0, 5.5)
NOTES_BOX_HEIGHT_IN = 1.6


def render_handout(plan: Plan, look: DocxLook) -> bytes:
    """The participant handout as .docx bytes: identical bytes for identical inputs."""
    contractor, wording = plan.contractor, plan.words
    document = open_reference(look.reference)
    apply_brand(document, look.brand)
    add_cover(document, look, contractor.title, wording.document_subtitle(wording.HANDOUT_NAME, contractor))
    add_heading(document, wording.CONTENT_WARNING_TITLE, 1)
    add_bullets(document, wording.CONTENT_WARNING)
    _agenda(document, plan, look.brand)
    add_heading(document, wording.OBJECTIVES_TITLE, 1)
    add_paragraph(document, wording.HANDOUT_OBJECTIVES_INTRO)
    add_numbered(document, [can_do(o.statement, wording) for o in plan.objectives])
    _notes(document, plan)
    _materials(document, plan, look.brand)
    add_heading(document, wording.RESOURCES_TITLE, 1)
    if contractor.resources:
        add_paragraph(document, wording.HANDOUT_RESOURCES_INTRO)
        add_resources_table(document, contractor.resources, look.brand, wording.RESOURCE_HEADERS)
    else:
        add_paragraph(document, wording.NO_RESOURCES)
    add_heading(document, wording.REFERENCES_TITLE, 1)
    add_references(document, plan.references)
    set_footer(document, wording.docx_footer(wording.HANDOUT_NAME, contractor))
    title = wording.document_title(wording.HANDOUT_NAME, contractor)
    return finish(document, title, contractor.organization, wording.LANGUAGE)


def participant_activities(plan: Plan) -> list[tuple[Objective, Activity]]:
    """The session's activities that hand participants a document, in teaching order."""
    return [
        (objective, activity)
        for objective in plan.objectives
        for activity in objective.activities
        if any(is_handed_out(d) for d in activity.documents)
    ]


def is_handed_out(document: Document) -> bool:
    """A participant document read on paper; cards and signs go to the print pack instead."""
    return document.given_to == "participants" and document.print_as == "handout"


def _agenda(document: Any, plan: Plan, brand: str) -> None:
    wording = plan.words
    add_heading(document, wording.AGENDA_TITLE, 1)
    rows = [(item.time, item.title) for item in plan.agenda] + [(plan.end_time, wording.END_AGENDA)]
    table = add_table(document, wording.HANDOUT_AGENDA_HEADERS, rows, AGENDA_WIDTHS, brand)
    for row, item in zip(table.rows[1:], plan.agenda, strict=False):
        if item.kind == "break":
            shade_row(row, SOFT_FILL)


def _notes(document: Any, plan: Plan) -> None:
    """Per objective, what participants will be able to do and room to write: no key points (see above)."""
    add_heading(document, plan.words.KEY_POINTS_SECTION_TITLE, 1)
    for objective in plan.objectives:
        paragraph_format(add_heading(document, objective.title, 2)).keep_with_next = True
        paragraph_format(add_paragraph(document, can_do(objective.statement, plan.words))).keep_with_next = True
        _notes_box(document, plan.words.NOTES_LABEL)


def _notes_box(document: Any, label: str) -> None:
    """A ruled box to write in, that never splits across pages."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Inches

    table = add_grid_table(document, 1)
    row = table.rows[0]
    row.height = Inches(NOTES_BOX_HEIGHT_IN)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    keep_row_on_one_page(row)
    paragraph = row_cells(row)[0].paragraphs[0]
    add_run(paragraph, label)
    paragraph._p.style = style_id(document, "Caption")
    add_spacer(document)


def _materials(document: Any, plan: Plan, brand: str) -> None:
    activities, wording = participant_activities(plan), plan.words
    if not activities:
        return
    heading = add_heading(document, wording.MATERIALS_TITLE, 1)
    paragraph_format(heading).page_break_before = True
    for index, (objective, activity) in enumerate(activities):
        title = add_heading(document, f"{wording.ACTIVITY_PREFIX}{activity.title}", 2)
        paragraph_format(title).page_break_before = index > 0  # each activity's pages can be handed out alone
        add_paragraph(document, objective.title, "Caption")
        if activity.prompt:
            add_bullets(document, prompt_lines(activity.prompt))
        for material in activity.documents:
            if is_handed_out(material):
                add_heading(document, material.title, 3)
                add_markdown(document, material.body, top_heading=4, brand=brand)
