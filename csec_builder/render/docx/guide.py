"""The facilitator guide as an editable Word document: the same parts as the Markdown and HTML guide.

Heading 1 for each part and each objective, Heading 2 within an objective, Heading 3 for a slide or
an activity, so Word's navigation pane and table of contents follow the session. Slide numbers and
knowledge-check numbers come from the plan, so they match the deck and the knowledge test.
"""

from __future__ import annotations

from typing import Any

from ... import __version__, wording
from ...models import Activity, Objective
from ...plan import Plan, PlannedSlide, split_steps, task_lines
from ..guide.guide import ObjectiveSection, sections, session_materials, slide_range
from .common import (
    SOFT_FILL,
    DocxLook,
    add_bullets,
    add_checklist,
    add_cover,
    add_facts,
    add_heading,
    add_labelled,
    add_notes,
    add_numbered,
    add_paragraph,
    add_references,
    add_resources_table,
    add_run,
    add_table,
    apply_brand,
    finish,
    open_reference,
    row_cells,
    set_footer,
    shade_row,
)
from .knowledge_test import add_answer, add_choices, add_question
from .markdown import add_markdown
from .xml import paragraph_format

AGENDA_WIDTHS = (0.8, 0.9, 3.6, 1.2)


def render_docx_guide(plan: Plan, look: DocxLook) -> bytes:
    """The facilitator guide as .docx bytes: identical bytes for identical inputs."""
    contractor = plan.contractor
    document = open_reference(look.reference)
    apply_brand(document, look.brand)
    add_cover(document, look, contractor.title, wording.document_subtitle(wording.GUIDE_NAME, contractor))
    add_facts(document, _cover_facts(plan))
    _how_to_use(document)
    _agenda(document, plan, look.brand)
    _preparation(document, plan)
    _facilitation(document)
    add_heading(document, wording.OPENING_TITLE, 1)
    _talking_points(document, [s for s in plan.slides if s.kind in wording.OPENING_KINDS], level=2)
    domains = {d.id: d.title for d in plan.config.domains}
    for section in sections(plan):
        _objective(document, plan, section, domains.get(section.objective.domain, section.objective.domain), look)
    _closing(document, plan, look.brand)
    add_heading(document, wording.REFERENCES_TITLE, 1)
    add_references(document, plan.references)
    standard = f"{plan.config.standard.name} {plan.config.standard.version}"
    add_paragraph(document, wording.built_by(f"csec-builder {__version__}", standard), "Caption")
    set_footer(document, wording.docx_footer(wording.GUIDE_NAME, contractor))
    return finish(document, wording.document_title(wording.GUIDE_NAME, contractor), contractor.organization)


def _cover_facts(plan: Plan) -> list[tuple[str, str]]:
    contractor, config = plan.contractor, plan.config
    audience = next((a.title for a in config.audiences if a.id == contractor.audience), contractor.audience)
    standard = f"{config.standard.name} {config.standard.version}"
    return wording.guide_facts(plan.end, contractor, audience, standard, plan.total_minutes, len(plan.slides))


def _how_to_use(document: Any) -> None:
    add_heading(document, wording.HOW_TO_USE_TITLE, 1)
    for paragraph in wording.HOW_TO_USE:
        add_paragraph(document, paragraph)


def _agenda(document: Any, plan: Plan, brand: str) -> None:
    add_heading(document, wording.AGENDA_TITLE, 1)
    rows = [
        (
            item.start,
            str(item.minutes),
            f"{item.objective.id}: {item.title}" if item.objective else item.title,
            slide_range(item.first_slide, item.last_slide),
        )
        for item in plan.agenda
    ]
    rows.append((plan.end, "", wording.END_AGENDA, ""))
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = add_table(document, wording.AGENDA_HEADERS, rows, AGENDA_WIDTHS, brand)
    for row, item in zip(table.rows[1:], plan.agenda, strict=False):
        row_cells(row)[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT  # minutes line up
        if item.kind == "break":
            shade_row(row, SOFT_FILL)
    teaching = sum(a.minutes for a in plan.agenda if a.kind != "break")
    breaks = sum(a.minutes for a in plan.agenda if a.kind == "break")
    add_paragraph(document, wording.agenda_total(plan.total_minutes, teaching, breaks, plan.session_minutes))


def _preparation(document: Any, plan: Plan) -> None:
    add_heading(document, wording.PREPARATION_TITLE, 1)
    materials = [wording.checklist_line(m.name, m.given_to, m.activity_titles) for m in session_materials(plan)]
    add_checklist(document, [*wording.PREPARATION, *wording.PREPARATION_KIT, *materials])


def _facilitation(document: Any) -> None:
    add_heading(document, wording.FACILITATION_TITLE, 1)
    for heading, text in wording.FACILITATION:
        add_heading(document, heading, 2)
        add_paragraph(document, text)


def _talking_points(document: Any, slides: list[PlannedSlide], level: int) -> None:
    for slide in slides:
        add_heading(document, wording.slide_heading(slide.number, slide.title), level)
        if slide.kind not in ("title", "section"):
            add_bullets(document, slide.bullets)
        add_notes(document, slide.notes)


def _objective(document: Any, plan: Plan, section: ObjectiveSection, domain: str, look: DocxLook) -> None:
    objective = section.objective
    heading = add_heading(document, wording.objective_heading(section.number, objective.title), 1)
    paragraph_format(heading).page_break_before = True  # each objective starts a page: easy to print one part
    slides = slide_range(section.first_slide, section.last_slide)
    add_facts(document, wording.objective_facts(objective, section.start, slides, domain))
    add_heading(document, wording.KEY_POINTS_TITLE, 2)
    add_bullets(document, objective.key_points)
    add_heading(document, wording.TALKING_POINTS_TITLE, 2)
    _talking_points(document, list(section.slides), level=3)
    if objective.activities:
        add_heading(document, wording.ACTIVITIES_TITLE, 2)
        for activity in objective.activities:
            _activity(document, activity, look.brand)
    if objective.discussion_questions:
        add_heading(document, wording.DISCUSSION_TITLE, 2)
        add_bullets(document, objective.discussion_questions)
    add_heading(document, wording.KNOWLEDGE_CHECK_TITLE, 2)
    _checks(document, plan, objective)
    add_heading(document, wording.OBJECTIVE_REFERENCES_TITLE, 2)
    add_references(document, objective.references)


def _activity(document: Any, activity: Activity, brand: str) -> None:
    """What participants see, the trainer's steps, the supplies, then every document in full."""
    add_heading(document, wording.activity_heading(activity.title, activity.minutes), 3)
    _label(document, wording.TASK_LABEL)
    add_bullets(document, task_lines(activity))
    _label(document, wording.STEPS_LABEL)
    add_numbered(document, split_steps(activity.instructions))
    if activity.supplies:
        add_labelled(document, f"{wording.SUPPLIES_LABEL}: ", ", ".join(activity.supplies))
    for material in activity.documents:
        add_heading(document, f"{material.title} ({wording.given_to_label(material.given_to)})", 4)
        add_markdown(document, material.body, top_heading=4, brand=brand)


def _label(document: Any, label: str) -> None:
    paragraph = add_paragraph(document)
    add_run(paragraph, f"{label}:", bold=True)
    paragraph_format(paragraph).keep_with_next = True


def _checks(document: Any, plan: Plan, objective: Objective) -> None:
    """Numbered as in the knowledge test, lettered as in the deck, with the answer and its rationale."""
    for check in plan.checks_for(objective):
        add_question(document, check)
        add_choices(document, check)
        add_answer(document, check)


def _closing(document: Any, plan: Plan, brand: str) -> None:
    add_heading(document, wording.CLOSING_SECTION_TITLE, 1)
    _talking_points(document, [s for s in plan.slides if s.kind in wording.CLOSING_KINDS], level=2)
    add_heading(document, wording.RESOURCES_TITLE, 2)
    if plan.contractor.resources:
        add_resources_table(document, plan.contractor.resources, brand)
    else:
        add_paragraph(document, wording.NO_RESOURCES)
