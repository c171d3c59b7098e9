"""Validate stage: check the loaded workspace and collect every problem before deciding anything.

Validate only checks: it is handed what `loader.load_workspace` read and resolved, and reads no YAML.
Like MkDocs' strict mode, nothing stops at the first problem: users see all of them at once. The checks
that need a plan or a template (timing, layouts) run where those exist, in pipeline.py.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path

from .catalog import Catalog
from .clock import minutes_of
from .item_checks import item_problems
from .limits import LimitError, check_image
from .loader import Loaded
from .mentions import unwritten_materials
from .models import Contractor, LocalResource, Objective, WorkspaceConfig
from .output_folder import configured_output_problem
from .problems import Problem, warning
from .workspace import TEMPLATE_SUFFIXES
from .yamlio import Source

COUNTY_HOTLINE = re.compile(
    r"\b(?:county|condado)\b.*\b(?:hotline|child abuse|child protect|l[ií]nea|maltrato)"
    r"|\b(?:hotline|child abuse|l[ií]nea|maltrato)\b.*\b(?:county|condado)\b",
    re.IGNORECASE,
)
"""A resource named like a county child abuse hotline ("Alameda County child abuse hotline"), in English or
Spanish ("Línea de maltrato infantil del condado de Alameda")."""
NO_COUNTY_HOTLINE = (
    "local resources have no county child abuse hotline with a phone number: the reporting slides tell "
    "participants to phone it; add it, named like 'Alameda County child abuse hotline' (init --county --hotline)"
)

# Verbs that make a statement measurable, by the Bloom level they usually signal.
BLOOM_VERBS: dict[str, set[str]] = {
    "remember": {"define", "identify", "list", "name", "recall", "recognize", "recognise", "state", "label", "match"},
    "understand": {"describe", "explain", "summarize", "summarise", "distinguish", "classify", "discuss", "interpret"}
    | {"outline", "illustrate", "paraphrase", "compare"},
    "apply": {"apply", "use", "demonstrate", "respond", "complete", "practice", "practise", "implement", "conduct"}
    | {"perform", "follow", "carry", "employ", "report", "locate", "document", "refer", "screen", "engage"},
    "analyze": {"analyze", "analyse", "differentiate", "compare", "contrast", "examine", "distinguish", "categorize"}
    | {"organize", "deconstruct", "investigate"},
    "evaluate": {"assess", "evaluate", "judge", "justify", "prioritize", "prioritise", "critique", "decide"}
    | {"select", "recommend", "appraise"},
    "create": {"develop", "design", "plan", "create", "construct", "formulate", "produce", "compose", "build"},
}
VAGUE_VERBS = {"understand", "know", "learn", "appreciate", "realize", "realise", "grasp", "see", "become"}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")
STATEMENT_START = re.compile(r"^Participants will be able to (\w+)")
DRAFT_MARK = "TODO:"
"""Marks the texts of a skeleton (`csec-builder new`) that the author still has to write."""


def check(loaded: Loaded) -> list[Problem]:
    """Every problem in what was loaded, beyond loading's own: ids, declarations, paths, drafts, sessions."""
    problems = check_config(loaded.config, loaded.catalog)
    problems += [p for p in [configured_output_problem(loaded.workspace, loaded.config)] if p is not None]
    problems += check_objectives(loaded, loaded.catalog.sources)
    problems += check_contractors(loaded, loaded.contractors)
    return problems


def check_config(config: Source[WorkspaceConfig], catalog: Catalog) -> list[Problem]:
    known = set(catalog.ids) | catalog.broken
    return [
        config.doc.problem(("order", index), f"order names unknown objective '{objective_id}'").as_warning()
        for index, objective_id in enumerate(config.model.order)
        if objective_id not in known
    ]


def check_objectives(loaded: Loaded, sources: Sequence[Source[Objective]]) -> list[Problem]:
    config = loaded.config.model
    problems: list[Problem] = []
    first_file: dict[str, Path] = {}
    for source in sources:
        objective, doc = source.model, source.doc
        if objective.id != source.path.stem:
            problems.append(
                doc.problem(("id",), f"id '{objective.id}' does not match the file name '{source.path.name}'")
            )
        if objective.id in first_file:
            message = f"duplicate objective id '{objective.id}' (also in {first_file[objective.id].name})"
            problems.append(doc.problem(("id",), message))
        first_file.setdefault(objective.id, source.path)
        problems += _declared(source, "domain", [objective.domain], config.domain_ids)
        problems += _declared(source, "audiences", objective.audiences, config.audience_ids)
        problems += _declared(source, "required_for", objective.required_for, config.audience_ids)
        problems += _statement_warnings(source)
        problems += draft_warnings(source)
        problems += _image_problems(loaded, source)
        problems += _activity_warnings(source)
        problems += item_problems(source)
        problems += _test_item_problems(source)
    return problems


NEAR_REPEAT_RATIO = 0.8
"""How alike (difflib's ratio, over the words) two questions may be before one counts as a repeat."""
MIN_TEST_ITEMS = 2


def near_repeat(first: str, second: str) -> bool:
    """Whether two questions are the same question in other case, punctuation or a few changed words."""
    a, b = (" ".join(re.findall(r"\w+", text.casefold())) for text in (first, second))
    return a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR_REPEAT_RATIO


def _test_item_problems(source: Source[Objective]) -> list[Problem]:
    """A test item that repeats a check slide's question is an error: the post-test would ask what a slide revealed."""
    objective, problems = source.model, []
    for index, item in enumerate(objective.test_items):
        for number, check in enumerate(objective.knowledge_check, start=1):
            if near_repeat(item.question, check.question):
                message = f"test item repeats knowledge check {number}'s question: ask what the slides did not"
                problems.append(source.doc.problem(("test_items", index, "question"), message))
    if objective.required_for and len(objective.test_items) < MIN_TEST_ITEMS:
        message = (
            f"{len(objective.test_items)} test item(s): a required objective needs at least {MIN_TEST_ITEMS} "
            "for the pre/post test"
        )
        problems.append(source.doc.problem(("id",), message).as_warning())
    return problems


def check_contractors(loaded: Loaded, sources: Sequence[Source[Contractor]]) -> list[Problem]:
    config = loaded.config.model
    problems: list[Problem] = []
    for source in sources:
        contractor, doc = source.model, source.doc
        if contractor.id != source.path.stem:
            problems.append(
                doc.problem(("id",), f"id '{contractor.id}' does not match the file name '{source.path.name}'")
            )
        problems += _declared(source, "audience", [contractor.audience], config.audience_ids)
        problems += _path_problems(loaded, source, ("template",), contractor.template, TEMPLATE_SUFFIXES)
        problems += _path_problems(loaded, source, ("docx_template",), contractor.docx_template, (".docx",))
        if contractor.branding:
            logo = contractor.branding.logo
            problems += _path_problems(loaded, source, ("branding", "logo"), logo, IMAGE_SUFFIXES)
        problems += _break_warnings(source)
        problems += draft_warnings(source)
        if not contractor.resources:
            message = "no local resources listed: the deck will have no resources slide (add hotlines and contacts)"
            problems.append(doc.problem(("id",), message).as_warning())
        elif not any(_county_hotline(r) for r in contractor.resources):
            problems.append(doc.problem(("resources",), NO_COUNTY_HOTLINE).as_warning())
    return problems


def _county_hotline(resource: LocalResource) -> bool:
    """A county child abuse hotline with a number: what the reporting slides tell participants to phone."""
    phone = resource.phone or ""
    return bool(COUNTY_HOTLINE.search(resource.name)) and bool(phone) and DRAFT_MARK not in phone


def _declared(source: Source, key: str, values: list[str], allowed: list[str]) -> list[Problem]:
    problems = []
    for index, value in enumerate(values):
        if value not in allowed:
            loc = (key,) if key in ("domain", "audience") else (key, index)
            message = f"{key}: '{value}' is not declared in csec.yaml (declared: {', '.join(allowed)})"
            problems.append(source.doc.problem(loc, message))
    return problems


def _statement_warnings(source: Source[Objective]) -> list[Problem]:
    objective = source.model
    match = STATEMENT_START.match(objective.statement)
    if not match:
        message = "statement should start with 'Participants will be able to <measurable verb>'"
        return [source.doc.problem(("statement",), message).as_warning()]
    verb = match.group(1).lower()
    if verb in VAGUE_VERBS:
        message = f"statement verb '{verb}' cannot be measured; use a verb such as 'identify', 'describe' or 'apply'"
        return [source.doc.problem(("statement",), message).as_warning()]
    fitting = BLOOM_VERBS[objective.bloom_level]
    if verb in fitting:
        return []
    levels = [level for level, verbs in BLOOM_VERBS.items() if verb in verbs]
    hint = f" (it suggests {' or '.join(levels)})" if levels else ""
    message = f"statement verb '{verb}' does not fit bloom_level '{objective.bloom_level}'{hint}"
    return [source.doc.problem(("statement",), message).as_warning()]


def _activity_warnings(source: Source[Objective]) -> list[Problem]:
    """Activities participants cannot see the task of, or whose instructions name a document nobody wrote."""
    problems = []
    for index, activity in enumerate(source.model.activities):
        if activity.prompt is None:
            message = (
                f"activity '{activity.title}' has no prompt: its slide can only say that the trainer will explain it"
            )
            problems.append(source.doc.problem(("activities", index), message).as_warning())
        for mention in unwritten_materials(activity):
            message = (
                f"the instructions of activity '{activity.title}' name '{mention}', "
                "which is not among its documents (add it to materials with title, given_to and body)"
            )
            problems.append(source.doc.problem(("activities", index, "instructions"), message).as_warning())
    return problems


def _image_problems(loaded: Loaded, source: Source[Objective]) -> list[Problem]:
    problems = []
    for index, slide in enumerate(source.model.slides):
        loc = ("slides", index, "image")
        problems += _path_problems(loaded, source, loc, slide.image, IMAGE_SUFFIXES)
    return problems


def _path_problems(
    loaded: Loaded, source: Source, loc: tuple, relative: str | None, suffixes: tuple[str, ...]
) -> list[Problem]:
    if relative is None:
        return []
    try:
        path = loaded.resolve(relative)
    except ValueError as exc:
        return [source.doc.problem(loc, f"{loc[-1]}: {exc}")]
    if path.suffix.lower() not in suffixes:
        return [source.doc.problem(loc, f"{loc[-1]}: '{relative}' should be a {' or '.join(suffixes)} file")]
    if suffixes == IMAGE_SUFFIXES:
        try:
            check_image(path, str(loc[-1]))  # a file name can lie; the image's own header cannot
        except LimitError as exc:
            return [source.doc.problem(loc, f"{loc[-1]}: '{relative}' {exc.reason}")]
    return []


def _break_warnings(source: Source[Contractor]) -> list[Problem]:
    session = source.model.session
    start = minutes_of(session.start)
    problems = []
    for index, pause in enumerate(session.breaks):
        offset = minutes_of(pause.at) - start
        if offset <= 0 or (session.minutes is not None and offset + pause.minutes > session.minutes):
            message = (
                f"break at {pause.at} falls outside the session ({session.start}, {session.minutes or '?'} minutes)"
            )
            problems.append(warning(source.path, message, *source.doc.position(("session", "breaks", index, "at"))))
    return problems


def draft_warnings(source: Source) -> list[Problem]:
    """A file still holding skeleton texts builds, but must not be taught: one warning, at the first of them."""
    found = [loc for loc, value in _texts(source.doc.data, ()) if DRAFT_MARK in value]
    if not found:
        return []
    count = f"{len(found)} texts still say" if len(found) > 1 else "1 text still says"
    message = f"draft: {count} {DRAFT_MARK.rstrip(':')} (the first is here); write them before teaching from this file"
    return [source.doc.problem(found[0], message).as_warning()]


def _texts(data: object, loc: tuple) -> list[tuple[tuple, str]]:
    if isinstance(data, str):
        return [(loc, data)]
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _texts(value, (*loc, key))]
    if isinstance(data, list):
        return [found for index, value in enumerate(data) for found in _texts(value, (*loc, index))]
    return []
