"""The stages before rendering, run in order once: load -> validate -> select -> prepare -> plan.

`load_inputs` reads the workspace once (loader), checks it (validate), and for each contractor
selects its objectives (select) in its language (localize), looks up its files (prepare) and plans
its session (plan); the
checks that need a plan or a template run here too, where both exist. The result, one immutable
`Inputs`, is what build, coverage and the commands are handed.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from .day import break_warnings
from .inputs import Inputs, Preparation
from .loader import Loaded, load_workspace
from .localize import localize
from .models import Contractor
from .outputs.base import Prepared
from .plan import Plan, TextArea, plan_for
from .prepare import is_bundled_default, prepare
from .problems import CsecError, Problem, TemplateError, WorkspaceError, display_path, has_errors, warning
from .select import select_objectives
from .validate import check
from .workspace import DEFAULT_TEMPLATE, TEMPLATE_SUFFIXES, Workspace
from .yamlio import Source


def validate_workspace(workspace: Workspace) -> tuple[Inputs | None, list[Problem]]:
    """Every problem in the workspace; Inputs is None when csec.yaml itself is unusable."""
    try:
        inputs = load_inputs(workspace)
    except WorkspaceError as exc:
        if not exc.problems:
            raise
        return None, exc.problems
    return inputs, list(inputs.problems)


def load_inputs(workspace: Workspace) -> Inputs:
    """Load the workspace, check it, and prepare and plan every contractor: every problem in one list."""
    loaded = load_workspace(workspace)
    preparations = {source.path: prepare_contractor(loaded, source) for source in loaded.contractors}
    problems = [*loaded.problems, *check(loaded)]
    for preparation in preparations.values():
        problems += contractor_problems(loaded, preparation)
    labelled = sorted({loaded.workspace.labelled(p) for p in problems})
    return Inputs(loaded, tuple(labelled), MappingProxyType(preparations))


def prepare_contractor(loaded: Loaded, source: Source[Contractor]) -> Preparation:
    """Select the objectives, look the files up, plan the session; stop at the first stage that fails."""
    objectives, problems = select_objectives(source, loaded.catalog)
    if not objectives or has_errors(problems):
        return Preparation(source, tuple(objectives), tuple(problems), None)
    localized = localize(source, objectives, loaded.catalog, loaded.config.model)
    objectives, config, outdated = localized.objectives, localized.config, localized.outdated
    problems += localized.problems
    if has_errors(localized.problems):
        return Preparation(source, tuple(objectives), tuple(problems), None, outdated)
    resources = prepare(loaded, source, objectives)
    problems += resources.problems
    if resources.problems:
        return Preparation(source, tuple(objectives), tuple(problems), None, outdated)
    text_area = _text_area(loaded.workspace, resources.assets.template, source.model)
    plan = plan_for(source.model, objectives, config, text_area=text_area)
    prepared = Prepared(loaded.workspace, source, tuple(objectives), plan, resources.assets, resources.input_files)
    return Preparation(source, tuple(objectives), tuple(problems), prepared, outdated)


def contractor_problems(loaded: Loaded, preparation: Preparation) -> list[Problem]:
    """The preparation's problems, the plan's timing warnings, and what checking the template finds."""
    problems = list(preparation.problems)
    if preparation.prepared is not None:
        problems += _timing_warnings(preparation.source, preparation.prepared.plan)
    return (
        problems + _docx_template_problems(loaded, preparation.source) + _template_problems(loaded, preparation.source)
    )


def _text_area(workspace: Workspace, template: Path, contractor: Contractor) -> TextArea | None:
    """The template's text area, where long lists split; None (the default's) for a template validate reports."""
    if is_bundled_default(workspace, template) and not contractor.layouts:
        return None  # the plan's default is this template's measure (a test keeps them equal): no need to open it
    from .render.pptx.template import cached_text_area  # deferred: it opens the template with python-pptx

    try:
        return cached_text_area(template, dict(contractor.layouts))
    except TemplateError:
        return None


def _timing_warnings(source: Source[Contractor], plan: Plan) -> list[Problem]:
    """A plan that overruns its session is a warning at `session.minutes` (an error with --strict); a day
    whose breaks miss the rule (see `day`), at `session.breaks`."""
    line, col = source.doc.position(("session", "minutes"))
    problems = [warning(source.path, message, line, col) for message in plan.warnings]
    line, col = source.doc.position(("session", "breaks"))
    return problems + [warning(source.path, message, line, col) for message in break_warnings(list(plan.agenda))]


def _template_path(loaded: Loaded, contractor: Contractor) -> Path | None:
    try:
        path = loaded.resolve(contractor.template or DEFAULT_TEMPLATE)
    except ValueError:
        return None  # reported with the template path
    return path if path.suffix.lower() in TEMPLATE_SUFFIXES else None


def _template_problems(loaded: Loaded, source: Source[Contractor]) -> list[Problem]:
    """Check the contractor's template (opened once per file) as `template check` does, and as a build would."""
    contractor = source.model
    path = _template_path(loaded, contractor)
    if path is None or (is_bundled_default(loaded.workspace, path) and not contractor.layouts):
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


def _docx_template_problems(loaded: Loaded, source: Source[Contractor]) -> list[Problem]:
    """Open the contractor's Word reference document as a build would, so a bad one fails here, not mid-build."""
    relative = source.model.docx_template
    if relative is None:
        return []
    try:
        path = loaded.resolve(relative)
    except ValueError:
        return []  # reported with the docx_template path
    if path.suffix.lower() != ".docx":
        return []
    from .render.docx.document import open_reference  # deferred: it loads python-docx

    try:
        open_reference(path)
    except CsecError as exc:
        return [source.doc.problem(("docx_template",), f"docx_template: {exc.message}")]
    return []
