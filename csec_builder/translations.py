"""Translations of objectives: `objectives/<language>/<ID>.yaml` beside the objective they follow.

A translation holds only the texts a trainer reads or says, in the same structure as the objective
(the same number of key points, slides, bullets, activities, materials, questions and choices) and
`translates: <version>`, the objective version it follows. Ids, domains, audiences, minutes,
references, images and answer keys stay in the objective alone: the translated objective takes them
from there, so a translation can never teach another answer or cite another source. The same files
serve every language: a new language is a new folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import Discriminator, Field, StringConstraints, Tag

from .models import (
    Activity,
    Diagram,
    Document,
    KnowledgeCheckItem,
    Objective,
    ObjectiveId,
    Slide,
    Slug,
    Strict,
    Text,
    material_form,
)
from .problems import Problem
from .yamlio import Source

TRANSLATION_HINT = "see docs/translating.md"


class StepText(Strict):
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    detail: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] | None = None


class DiagramText(Strict):
    """A diagram's words; its kind comes from the objective."""

    steps: list[StepText] = Field(min_length=1, description="As many as the objective's, in its order.")


class SlideText(Strict):
    title: Text
    bullets: list[Text] = Field(default_factory=list, description="As many as the objective's; none on a diagram.")
    notes: Text
    alt_text: Text | None = Field(None, description="Only where the objective's slide has an image.")
    diagram: DiagramText | None = Field(None, description="Only where the objective's slide has a diagram.")


class DocumentText(Strict):
    """A document's words; who it is given to comes from the objective."""

    title: Text
    body: Text


MaterialText = Annotated[
    Annotated[Text, Tag("supply")] | Annotated[DocumentText, Tag("document")],
    Discriminator(
        material_form,
        custom_error_type="material_form",
        custom_error_message="expected a supply (text) or a document {title, body}",
    ),
]


class ActivityText(Strict):
    title: Text
    instructions: Text
    prompt: Text | None = None
    materials: list[MaterialText] = Field(default_factory=list)


class CheckText(Strict):
    question: Text
    choices: list[Text] | None = Field(None, description="In the objective's order: its answer key picks among them.")
    answer: Text | None = Field(None, description="Only for an open question (no choices): the expected answer.")
    rationale: Text | None = None


class ObjectiveTranslation(Strict):
    """objectives/<language>/<ID>.yaml: the words of one objective in another language."""

    id: ObjectiveId = Field(description="The objective's id; equals the file name.")
    translates: int = Field(ge=1, description="The version of the objective this translation follows.")
    title: Text
    statement: Text
    short_statement: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=90)] | None = None
    key_points: list[Text] = Field(min_length=1)
    slides: list[SlideText] = Field(min_length=1)
    activities: list[ActivityText] = Field(default_factory=list)
    discussion_questions: list[Text] = Field(default_factory=list)
    knowledge_check: list[CheckText] = Field(min_length=1)
    test_items: list[CheckText] = Field(
        default_factory=list,
        description="The objective's test items, in order: the pre/post test in this language. Optional: "
        "without them the test asks the objective's items as written.",
    )


class StandardTranslation(Strict):
    """objectives/<language>/csec.yaml: the standard's audience and domain titles (by id) in the language."""

    audiences: dict[Slug, Text] = Field(default_factory=dict)
    domains: dict[Slug, Text] = Field(default_factory=dict)


STANDARD_FILE = "csec.yaml"


@dataclass(frozen=True)
class Language:
    """Every translation into one language, from every content layer (the workspace's own first)."""

    tag: str
    objectives: dict[str, Source[ObjectiveTranslation]] = field(default_factory=dict)
    standard: Source[StandardTranslation] | None = None
    broken: frozenset[str] = frozenset()
    """Ids (file names) of translations that failed to load: contractors in this language cannot use them."""


@dataclass(frozen=True)
class Translations:
    languages: dict[str, Language] = field(default_factory=dict)

    def language(self, tag: str) -> Language | None:
        """The translations a BCP 47 tag uses: its own folder (es-MX), else its primary language's (es)."""
        folded = {name.casefold(): lang for name, lang in self.languages.items()}
        return folded.get(tag.casefold()) or folded.get(tag.split("-")[0].casefold())

    def all(self) -> list[tuple[Language, Source[ObjectiveTranslation]]]:
        return [(lang, source) for lang in self.languages.values() for source in lang.objectives.values()]


# --- checks ------------------------------------------------------------------------------


def version_problems(source: Source[ObjectiveTranslation], objective: Objective) -> list[Problem]:
    """A translation ahead of its objective is an error; one behind it, a warning to review what changed."""
    translates = source.model.translates
    if translates > objective.version:
        message = f"translates: {translates}, but {objective.id} is only at version {objective.version}"
        return [source.doc.problem(("translates",), message)]
    if translates < objective.version:
        message = (
            f"outdated translation: it follows {objective.id} v{translates}, the objective is now "
            f"v{objective.version}; translate what changed and raise translates ({TRANSLATION_HINT})"
        )
        return [source.doc.problem(("translates",), message).as_warning()]
    return []


def structure_problems(source: Source[ObjectiveTranslation], objective: Objective) -> list[Problem]:
    """Every place where the translation's shape differs from the objective's."""
    t = source.model
    found: list[tuple[tuple, str]] = []
    found += _count(("key_points",), t.key_points, objective.key_points, "key points")
    found += _count(("slides",), t.slides, objective.slides, "slides")
    for index, (slide, original) in enumerate(zip(t.slides, objective.slides, strict=False)):
        found += _slide(("slides", index), slide, original)
    found += _count(("activities",), t.activities, objective.activities, "activities")
    for index, (activity, original) in enumerate(zip(t.activities, objective.activities, strict=False)):
        found += _activity(("activities", index), activity, original)
    found += _count(
        ("discussion_questions",), t.discussion_questions, objective.discussion_questions, "discussion questions"
    )
    found += _count(("knowledge_check",), t.knowledge_check, objective.knowledge_check, "knowledge-check items")
    for index, (item, original) in enumerate(zip(t.knowledge_check, objective.knowledge_check, strict=False)):
        found += _check(("knowledge_check", index), item, original)
    if t.test_items:  # optional: without them, the test asks the objective's items as written
        found += _count(("test_items",), t.test_items, objective.test_items, "test items")
    for index, (item, original) in enumerate(zip(t.test_items, objective.test_items, strict=False)):
        found += _check(("test_items", index), item, original)
    return [source.doc.problem(loc, message) for loc, message in found]


def _count(loc: tuple, translated: list, original: list, what: str) -> list[tuple[tuple, str]]:
    if len(translated) == len(original):
        return []
    return [(loc, f"has {len(translated)} {what}; the objective has {len(original)}: translate each one, in order")]


def _slide(loc: tuple, slide: SlideText, original: Slide) -> list[tuple[tuple, str]]:
    found = _count((*loc, "bullets"), slide.bullets, original.bullets, "bullets")
    if original.image and not slide.alt_text:
        found.append((loc, "the objective's slide has an image: translate its alt_text"))
    if slide.alt_text and not original.image:
        found.append(((*loc, "alt_text"), "the objective's slide has no image: remove alt_text"))
    return found + _diagram(loc, slide.diagram, original.diagram)


def _diagram(loc: tuple, diagram: DiagramText | None, original: Diagram | None) -> list[tuple[tuple, str]]:
    if (diagram is None) != (original is None):
        which = "has a diagram: translate its steps" if original else "has no diagram: remove it"
        return [(loc, f"the objective's slide {which}")]
    if diagram is None or original is None:
        return []
    found = _count((*loc, "diagram", "steps"), diagram.steps, original.steps, "steps")
    for index, (step, given) in enumerate(zip(diagram.steps, original.steps, strict=False)):
        if (step.detail is None) != (given.detail is None):
            which = "has a detail: translate it" if given.detail else "has no detail: remove it"
            found.append(((*loc, "diagram", "steps", index), f"the objective's step {which}"))
    return found


def _activity(loc: tuple, activity: ActivityText, original: Activity) -> list[tuple[tuple, str]]:
    found = _count((*loc, "materials"), activity.materials, original.materials, "materials")
    if (activity.prompt is None) != (original.prompt is None):
        which = "has a prompt: translate it" if original.prompt else "has no prompt: remove it"
        found.append(((*loc, "prompt"), f"the objective's activity {which}"))
    for index, (material, given) in enumerate(zip(activity.materials, original.materials, strict=False)):
        if isinstance(material, str) != isinstance(given, str):
            form = "a supply (text)" if isinstance(given, str) else "a document {title, body}"
            found.append(((*loc, "materials", index), f"the objective has {form} here"))
    return found


def _check(loc: tuple, item: CheckText, original: KnowledgeCheckItem) -> list[tuple[tuple, str]]:
    found: list[tuple[tuple, str]] = []
    if original.choices is None and item.choices is not None:
        found.append(((*loc, "choices"), "the objective's question is open (no choices): remove choices"))
    if original.choices is not None:
        found += _count((*loc, "choices"), item.choices or [], original.choices, "choices")
        if item.answer is not None:
            message = "answer comes from the objective's answer key (the same choice, by position): remove it"
            found.append(((*loc, "answer"), message))
    elif item.answer is None:
        found.append((loc, "an open question needs its expected answer translated (answer)"))
    if (item.rationale is None) != (original.rationale is None):
        which = "has a rationale: translate it" if original.rationale else "has no rationale: remove it"
        found.append(((*loc, "rationale"), f"the objective's item {which}"))
    return found


# --- the translated objective ------------------------------------------------------------


def translated(objective: Objective, translation: ObjectiveTranslation) -> Objective:
    """The objective with the translation's words; everything else (ids, times, keys, sources) its own."""
    t = translation
    return objective.model_copy(
        update={
            "title": t.title,
            "statement": t.statement,
            "short_statement": t.short_statement,
            "key_points": list(t.key_points),
            "slides": [_slide_copy(s, o) for s, o in zip(t.slides, objective.slides, strict=True)],
            "activities": [_activity_copy(a, o) for a, o in zip(t.activities, objective.activities, strict=True)],
            "discussion_questions": list(t.discussion_questions),
            "knowledge_check": [
                _item_copy(c, o) for c, o in zip(t.knowledge_check, objective.knowledge_check, strict=True)
            ],
            "test_items": [_item_copy(c, o) for c, o in zip(t.test_items, objective.test_items, strict=True)]
            if t.test_items
            else objective.test_items,
        }
    )


def _slide_copy(slide: SlideText, original: Slide) -> Slide:
    update: dict[str, Any] = {
        "title": slide.title,
        "bullets": list(slide.bullets),
        "notes": slide.notes,
        "alt_text": slide.alt_text,
    }
    if slide.diagram is not None and original.diagram is not None:
        steps = [
            given.model_copy(update={"label": step.label, "detail": step.detail})
            for step, given in zip(slide.diagram.steps, original.diagram.steps, strict=True)
        ]
        update["diagram"] = original.diagram.model_copy(update={"steps": steps})
    return original.model_copy(update=update)


def _activity_copy(activity: ActivityText, original: Activity) -> Activity:
    materials = [_material_copy(m, o) for m, o in zip(activity.materials, original.materials, strict=True)]
    update = {"title": activity.title, "instructions": activity.instructions, "prompt": activity.prompt}
    return original.model_copy(update={**update, "materials": materials})


def _material_copy(material: str | DocumentText, original: str | Document) -> str | Document:
    if isinstance(material, DocumentText) and isinstance(original, Document):
        return original.model_copy(update={"title": material.title, "body": material.body})
    return material if isinstance(material, str) else original


def _item_copy(item: CheckText, original: KnowledgeCheckItem) -> KnowledgeCheckItem:
    if original.choices is not None and item.choices is not None:
        answer = item.choices[original.choices.index(original.answer)]  # the key by position, never retyped
    else:
        answer = item.answer or original.answer
    update = {"question": item.question, "choices": item.choices, "answer": answer, "rationale": item.rationale}
    return original.model_copy(update=update)


def checked(translations: Translations, objectives: dict[str, Objective]) -> tuple[Translations, list[Problem]]:
    """The translations that can be used, and every problem: a file whose name, objective or shape is wrong
    is set aside (contractors in its language then see it as broken); an outdated one is used, with a warning."""
    problems: list[Problem] = []
    languages = {}
    for tag, language in translations.languages.items():
        kept = {}
        broken = set(language.broken)
        for objective_id, source in language.objectives.items():
            found = _file_problems(source, objective_id, objectives.get(source.model.id))
            objective = objectives.get(source.model.id)
            if objective is not None and not found:
                found = structure_problems(source, objective)
                problems += version_problems(source, objective) if not found else []
            problems += found
            if found:
                broken.add(objective_id)
            else:
                kept[objective_id] = source
        languages[tag] = Language(tag, kept, language.standard, frozenset(broken))
    return Translations(languages), problems


def _file_problems(source: Source[ObjectiveTranslation], stem: str, objective: Objective | None) -> list[Problem]:
    t = source.model
    if t.id != stem:
        return [source.doc.problem(("id",), f"id '{t.id}' does not match the file name '{source.path.name}'")]
    if objective is None:
        return [source.doc.problem(("id",), f"translation of unknown objective '{t.id}' (no objectives/{t.id}.yaml)")]
    return []
