"""Validate stage: load the whole workspace and collect every problem before deciding anything.

Like MkDocs' strict mode, nothing stops at the first problem: users see all of them at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog
from .day import break_warnings, minutes_of
from .item_checks import item_problems
from .limits import LimitError, check_image
from .loader import Source, load_config, load_contractors, load_objectives, load_translations
from .mentions import unwritten_materials
from .models import Contractor, LocalResource, Objective, WorkspaceConfig
from .output_folder import configured_output_problem
from .plan import Plan
from .prepare import Preparation, is_bundled_default, prepare_all
from .problems import CsecError, NotFoundError, Problem, TemplateError, WorkspaceError, display_path, suggest, warning
from .translations import checked
from .workspace import DEFAULT_TEMPLATE, TEMPLATE_SUFFIXES, Workspace

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


@dataclass
class Inputs:
    """Everything a workspace holds, checked: what later stages read."""

    workspace: Workspace
    config: Source[WorkspaceConfig]
    catalog: Catalog
    contractors: list[Source[Contractor]]
    problems: list[Problem] = field(default_factory=list)
    broken_contractors: list[Path] = field(default_factory=list)
    preparations: dict[Path, Preparation] = field(default_factory=dict)
    """Each loaded contractor, selected, resolved and planned once (by the path of its profile)."""

    def contractor(self, contractor_id: str) -> Source[Contractor] | None:
        return next((c for c in self.contractors if c.model.id == contractor_id), None)

    def preparation(self, source: Source[Contractor]) -> Preparation:
        return self.preparations[source.path]

    def problems_in(self, paths: set[Path]) -> list[Problem]:
        return [p for p in self.problems if p.path in paths]

    def choose(self, ids: list[str] | None) -> tuple[list[Source[Contractor]], list[Path]]:
        """The named contractors (all when none are named): loaded ones, and files that failed to load."""
        if not ids:
            return self.contractors, self.broken_contractors
        known = [c.model.id for c in self.contractors] + [p.stem for p in self.broken_contractors]
        unknown = [i for i in ids if i not in known]
        if unknown:
            listed = ", ".join(f"'{i}'" for i in unknown)
            raise NotFoundError(
                f"unknown contractor {listed}{suggest(unknown[0], known)} (known: {', '.join(sorted(known))})"
            )
        return [c for c in self.contractors if c.model.id in ids], [p for p in self.broken_contractors if p.stem in ids]


def validate_workspace(workspace: Workspace) -> tuple[Inputs | None, list[Problem]]:
    """Every problem in the workspace; Inputs is None when csec.yaml itself is unusable."""
    try:
        inputs = load_inputs(workspace)
    except WorkspaceError as exc:
        if not exc.problems:
            raise
        return None, exc.problems
    return inputs, inputs.problems


def load_inputs(workspace: Workspace) -> Inputs:
    """Load csec.yaml, objectives and contractors, and cross-check them."""
    workspace, config = load_config(workspace)
    objectives, problems, failed = load_objectives(workspace)
    contractors, contractor_problems, broken = load_contractors(workspace)
    translations, translation_problems = load_translations(workspace)
    translations, more = checked(translations, {s.model.id: s.model for s in objectives})
    problems += translation_problems + more
    catalog = Catalog.of(config.model, objectives, failed, translations)
    preparations = prepare_all(workspace, config.model, catalog, contractors)
    problems += contractor_problems
    problems += check_config(config, catalog)
    problems += [p for p in [configured_output_problem(workspace, config)] if p is not None]
    problems += check_objectives(workspace, config.model, objectives)
    problems += check_contractors(workspace, config.model, list(preparations.values()))
    problems = [workspace.labelled(p) for p in problems]
    return Inputs(workspace, config, catalog, contractors, sorted(set(problems)), broken, preparations)


def check_config(config: Source[WorkspaceConfig], catalog: Catalog) -> list[Problem]:
    known = set(catalog.ids) | catalog.broken
    return [
        config.doc.problem(("order", index), f"order names unknown objective '{objective_id}'").as_warning()
        for index, objective_id in enumerate(config.model.order)
        if objective_id not in known
    ]


def check_objectives(workspace: Workspace, config: WorkspaceConfig, sources: list[Source[Objective]]) -> list[Problem]:
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
        problems += _image_problems(workspace, source)
        problems += _activity_warnings(source)
        problems += item_problems(source)
    return problems


def check_contractors(workspace: Workspace, config: WorkspaceConfig, preparations: list[Preparation]) -> list[Problem]:
    problems: list[Problem] = []
    for preparation in preparations:
        source = preparation.source
        contractor, doc = source.model, source.doc
        if contractor.id != source.path.stem:
            problems.append(
                doc.problem(("id",), f"id '{contractor.id}' does not match the file name '{source.path.name}'")
            )
        problems += _declared(source, "audience", [contractor.audience], config.audience_ids)
        problems += preparation.problems
        if preparation.prepared is not None:
            problems += _timing_warnings(source, preparation.prepared.plan)
        problems += _path_problems(workspace, source, ("template",), contractor.template, TEMPLATE_SUFFIXES)
        problems += _path_problems(workspace, source, ("docx_template",), contractor.docx_template, (".docx",))
        problems += _docx_template_problems(workspace, source)
        problems += _template_problems(workspace, source)
        if contractor.branding:
            logo = contractor.branding.logo
            problems += _path_problems(workspace, source, ("branding", "logo"), logo, IMAGE_SUFFIXES)
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


def _timing_warnings(source: Source[Contractor], plan: Plan) -> list[Problem]:
    """A plan that overruns its session is a warning at `session.minutes` (an error with --strict); a day
    whose breaks miss the rule (see `day`), at `session.breaks`."""
    line, col = source.doc.position(("session", "minutes"))
    problems = [warning(source.path, message, line, col) for message in plan.warnings]
    line, col = source.doc.position(("session", "breaks"))
    return problems + [warning(source.path, message, line, col) for message in break_warnings(list(plan.agenda))]


def _template_path(workspace: Workspace, contractor: Contractor) -> Path | None:
    try:
        path = workspace.resolve(contractor.template or DEFAULT_TEMPLATE)
    except ValueError:
        return None  # reported with the template path
    return path if path.suffix.lower() in TEMPLATE_SUFFIXES else None


def _template_problems(workspace: Workspace, source: Source[Contractor]) -> list[Problem]:
    """Check the contractor's template (opened once per file) as `template check` does, and as a build would."""
    contractor = source.model
    path = _template_path(workspace, contractor)
    if path is None or (is_bundled_default(workspace, path) and not contractor.layouts):
        return []  # the standard's own template is checked by the test suite, so validate need not open it
    from .template_check import check_template  # deferred: it opens the template with python-pptx

    try:
        report = check_template(
            path, dict(contractor.layouts), contractor.branding.paint if contractor.branding else None
        )
    except TemplateError as exc:
        loc = ("layouts", exc.kind) if exc.kind in contractor.layouts else ("template",)
        return [source.doc.problem(loc, exc.message)]
    line, col = source.doc.position(("template",))
    return [Problem(source.path, line, col, f.severity, f"{display_path(path)}: {f.message}") for f in report.findings]


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


def _image_problems(workspace: Workspace, source: Source[Objective]) -> list[Problem]:
    problems = []
    for index, slide in enumerate(source.model.slides):
        loc = ("slides", index, "image")
        problems += _path_problems(workspace, source, loc, slide.image, IMAGE_SUFFIXES)
    return problems


def _path_problems(
    workspace: Workspace, source: Source, loc: tuple, relative: str | None, suffixes: tuple[str, ...]
) -> list[Problem]:
    if relative is None:
        return []
    try:
        path = workspace.resolve(relative)
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


def _docx_template_problems(workspace: Workspace, source: Source[Contractor]) -> list[Problem]:
    """Open the contractor's Word reference document as a build would, so a bad one fails here, not mid-build."""
    relative = source.model.docx_template
    if relative is None:
        return []
    try:
        path = workspace.resolve(relative)
    except ValueError:
        return []  # reported with the docx_template path
    if path.suffix.lower() != ".docx":
        return []
    from .render.docx.common import open_reference  # deferred: it loads python-docx

    try:
        open_reference(path)
    except CsecError as exc:
        return [source.doc.problem(("docx_template",), f"docx_template: {exc.message}")]
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
