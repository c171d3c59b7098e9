"""The facilitator guide as an editable Word document: the same parts as the Markdown and HTML guide.

Heading 1 for each part and each objective, Heading 2 within an objective, Heading 3 for a slide or
an activity, so Word's navigation pane and table of contents follow the session. Slide numbers and
knowledge-check numbers come from the plan, so they match the deck and the knowledge test.
"""

from __future__ import annotations

from typing import Any

from ... import __version__
from ...models import Activity
from ...plan import Plan, PlannedCheck, PlannedSlide, split_steps, task_lines
from ...wording import CLOSING_KINDS, OPENING_KINDS, Wording
from ..guide.guide import ObjectiveSection, sections, session_materials
from .blocks import add_bullets, add_checklist, add_facts, add_labelled, add_notes, add_numbered, add_references
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
)
from .knowledge_test import add_answer, add_choices, add_question
from .markdown import add_markdown
from .tables import SOFT_FILL, add_resources_table, add_table, row_cells, shade_row
from .xml import paragraph_format

AGENDA_WIDTHS = (0.8, 0.9, 3.6, 1.2)


def render_docx_guide(plan: Plan, look: DocxLook) -> bytes:
    """The facilitator guide as .docx bytes: identical bytes for identical inputs."""
    contractor, words = plan.contractor, plan.words
    document = open_reference(look.reference)
    apply_brand(document, look.brand)
    add_cover(document, look, contractor.title, words.document_subtitle(words.GUIDE_NAME, contractor))
    add_facts(document, _cover_facts(plan))
    _how_to_use(document, words)
    _agenda(document, plan, look.brand)
    _preparation(document, plan)
    _facilitation(document, words)
    add_heading(document, words.OPENING_TITLE, 1)
    _talking_points(document, [s for s in plan.slides if s.kind in OPENING_KINDS], 2, words)
    domains = {d.id: d.title for d in plan.config.domains}
    for section in sections(plan):
        _objective(document, plan, section, domains.get(section.objective.domain, section.objective.domain), look)
    _closing(document, plan, look.brand)
    add_heading(document, words.REFERENCES_TITLE, 1)
    add_references(document, plan.references)
    standard = f"{plan.config.standard.name} {plan.config.standard.version}"
    add_paragraph(document, words.built_by(f"csec-builder {__version__}", standard), "Caption")
    set_footer(document, words.docx_footer(words.GUIDE_NAME, contractor))
    title = words.document_title(words.GUIDE_NAME, contractor)
    return finish(document, title, contractor.organization, words.LANGUAGE)


def _cover_facts(plan: Plan) -> list[tuple[str, str]]:
    contractor, config, words = plan.contractor, plan.config, plan.words
    audience = next((a.title for a in config.audiences if a.id == contractor.audience), contractor.audience)
    standard = f"{config.standard.name} {config.standard.version}"
    facts = (audience, standard, plan.total_minutes, len(plan.slides))
    return words.guide_facts(plan.start_time, plan.end_time, contractor, *facts)


def _how_to_use(document: Any, words: Wording) -> None:
    add_heading(document, words.HOW_TO_USE_TITLE, 1)
    for paragraph in words.HOW_TO_USE:
        add_paragraph(document, paragraph)


def _agenda(document: Any, plan: Plan, brand: str) -> None:
    words = plan.words
    add_heading(document, words.AGENDA_TITLE, 1)
    rows = [
        (
            item.time,
            str(item.minutes),
            f"{item.objective.id}: {item.title}" if item.objective else item.title,
            words.slide_range(item.first_slide, item.last_slide),
        )
        for item in plan.agenda
    ]
    rows.append((plan.end_time, "", words.END_AGENDA, ""))
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = add_table(document, words.AGENDA_HEADERS, rows, AGENDA_WIDTHS, brand)
    for row, item in zip(table.rows[1:], plan.agenda, strict=False):
        row_cells(row)[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT  # minutes line up
        if item.kind == "break":
            shade_row(row, SOFT_FILL)
    teaching, breaks = plan.teaching_minutes, sum(a.minutes for a in plan.agenda if a.kind == "break")
    sittings = plan.total_minutes - teaching - breaks
    add_paragraph(document, words.agenda_total(plan.total_minutes, teaching, sittings, breaks, plan.session_minutes))


def _preparation(document: Any, plan: Plan) -> None:
    words = plan.words
    add_heading(document, words.PREPARATION_TITLE, 1)
    materials = [words.checklist_line(m.name, m.given_to, m.activity_titles) for m in session_materials(plan)]
    add_checklist(document, [*words.PREPARATION, *words.PREPARATION_KIT, *words.PREPARATION_KIT_FORMS, *materials])
    add_heading(document, words.HAND_OUT_TITLE, 2)
    add_numbered(document, list(words.HAND_OUT))


def _facilitation(document: Any, words: Wording) -> None:
    add_heading(document, words.FACILITATION_TITLE, 1)
    for heading, text in words.FACILITATION:
        add_heading(document, heading, 2)
        add_paragraph(document, text)


def _talking_points(document: Any, slides: list[PlannedSlide], level: int, words: Wording) -> None:
    for slide in slides:
        add_heading(document, words.slide_heading(slide.number, slide.title), level)
        if slide.kind not in ("title", "section", "references"):  # the guide lists every reference at its end
            add_bullets(document, slide.bullets)
        add_notes(document, slide.notes)


def _objective(document: Any, plan: Plan, section: ObjectiveSection, domain: str, look: DocxLook) -> None:
    objective, words = section.objective, plan.words
    # No page break before an objective: most end a page or two in, and the page left behind was mostly empty.
    add_heading(document, words.objective_heading(section.number, objective.title), 1)
    slides = words.slide_range(section.first_slide, section.last_slide)
    add_facts(document, words.objective_facts(objective, section.time, slides, domain))
    add_heading(document, words.KEY_POINTS_TITLE, 2)
    add_bullets(document, objective.key_points)
    add_heading(document, words.TALKING_POINTS_TITLE, 2)
    _talking_points(document, list(section.slides), 3, words)
    if objective.activities:
        add_heading(document, words.ACTIVITIES_TITLE, 2)
        for activity in objective.activities:
            _activity(document, activity, look.brand, words)
    if objective.discussion_questions:
        add_heading(document, words.DISCUSSION_TITLE, 2)
        add_bullets(document, objective.discussion_questions)
    extra = [c for c in plan.checks_for(objective) if not c.on_slide]
    if extra:  # the check slides' questions are in the talking points: each question once
        add_heading(document, words.KNOWLEDGE_CHECK_TITLE, 2)
        add_paragraph(document, words.KNOWLEDGE_CHECK_INTRO)
        _checks(document, extra, words)


def _activity(document: Any, activity: Activity, brand: str, words: Wording) -> None:
    """What participants see, the trainer's steps, the supplies, then every document in full."""
    add_heading(document, words.activity_heading(activity.title, activity.minutes), 3)
    _label(document, words.TASK_LABEL)
    add_bullets(document, task_lines(activity, words))
    _label(document, words.STEPS_LABEL)
    add_numbered(document, split_steps(activity.instructions))
    if activity.supplies:
        add_labelled(document, f"{words.SUPPLIES_LABEL}: ", ", ".join(activity.supplies))
    for material in activity.documents:
        add_heading(document, f"{material.title} ({words.given_to_label(material.given_to)})", 4)
        add_markdown(document, material.body, top_heading=4, brand=brand)


def _label(document: Any, label: str) -> None:
    paragraph = add_paragraph(document)
    add_run(paragraph, f"{label}:", bold=True)
    paragraph_format(paragraph).keep_with_next = True


def _checks(document: Any, checks: list[PlannedCheck], words: Wording) -> None:
    """Numbered as in the plan, lettered as in the deck, with the answer and its rationale."""
    for check in checks:
        add_question(document, check)
        add_choices(document, check)
        add_answer(document, check, words)


def _closing(document: Any, plan: Plan, brand: str) -> None:
    words = plan.words
    add_heading(document, words.CLOSING_SECTION_TITLE, 1)
    _talking_points(document, [s for s in plan.slides if s.kind in CLOSING_KINDS], 2, words)
    add_heading(document, words.RESOURCES_TITLE, 2)
    if plan.contractor.resources:
        add_resources_table(document, plan.contractor.resources, brand, words.RESOURCE_HEADERS)
    else:
        add_paragraph(document, words.NO_RESOURCES)
