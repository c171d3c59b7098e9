"""Prepare stage: each contractor's selection, plan, resolved asset paths and input files, computed once.

`load_inputs` prepares every contractor after loading; validate (for its timing warnings), build
and coverage all read the result, so no contractor is selected, planned or resolved twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog
from .loader import Source
from .localize import localize
from .models import Contractor, Objective, WorkspaceConfig
from .outputs.base import Assets, Prepared
from .plan import TextArea, plan_for
from .problems import Problem, TemplateError, has_errors
from .select import select_objectives
from .wording import for_language
from .workspace import DEFAULT_TEMPLATE, Workspace

DOCX_REFERENCE = "templates/docx/reference.docx"
"""The Word styles every .docx output starts from; a workspace file at the same path overrides the bundled one."""


@dataclass(frozen=True)
class Preparation:
    """What preparing one contractor gave: its objectives and problems, and `prepared` when nothing stops it."""

    source: Source[Contractor]
    objectives: tuple[Objective, ...]
    problems: tuple[Problem, ...]
    """Problems with the selection and with the files the profile and its objectives name."""
    prepared: Prepared | None
    outdated_translations: tuple[str, ...] = ()
    """Objectives taught from a translation that follows an older version of them."""


def prepare_all(
    workspace: Workspace, config: WorkspaceConfig, catalog: Catalog, sources: list[Source[Contractor]]
) -> dict[Path, Preparation]:
    """Every contractor prepared, by the path of its profile."""
    return {source.path: prepare(workspace, config, catalog, source) for source in sources}


def prepare(workspace: Workspace, config: WorkspaceConfig, catalog: Catalog, source: Source[Contractor]) -> Preparation:
    """Select the contractor's objectives, resolve its files, and plan its session."""
    objectives, problems = select_objectives(source, catalog)
    if not objectives or has_errors(problems):
        return Preparation(source, tuple(objectives), tuple(problems), None)
    localized = localize(source, objectives, catalog, config)
    objectives, config, outdated = localized.objectives, localized.config, localized.outdated
    problems += localized.problems
    if has_errors(localized.problems):
        return Preparation(source, tuple(objectives), tuple(problems), None, outdated)
    resolver = _Resolver(workspace)
    assets = resolve_assets(resolver, catalog, source, objectives)
    problems += resolver.problems
    if resolver.problems:
        return Preparation(source, tuple(objectives), tuple(problems), None, outdated)
    plan = plan_for(source.model, objectives, config, text_area=_text_area(workspace, assets.template, source.model))
    files = shared_inputs(workspace, catalog, source, objectives)
    prepared = Prepared(workspace, source, tuple(objectives), plan, assets, files)
    return Preparation(source, tuple(objectives), tuple(problems), prepared, outdated)


def _text_area(workspace: Workspace, template: Path, contractor: Contractor) -> TextArea | None:
    """The template's text area, where long lists split; None (the default's) for a template validate reports."""
    if is_bundled_default(workspace, template) and not contractor.layouts:
        return None  # the plan's default is this template's measure (a test keeps them equal): no need to open it
    from .render.pptx.template import cached_text_area  # deferred: it opens the template with python-pptx

    try:
        return cached_text_area(template, dict(contractor.layouts))
    except TemplateError:
        return None


def is_bundled_default(workspace: Workspace, template: Path) -> bool:
    """The standard's own default template, or a byte-for-byte copy of it (not a rebranded one)."""
    bundled = workspace.standard.root / DEFAULT_TEMPLATE
    try:
        if template.resolve() == bundled.resolve():
            return True
        # Sizes first: a template far larger than the default (even a sparse 5 GB file) is never read whole here.
        return template.stat().st_size == bundled.stat().st_size and template.read_bytes() == bundled.read_bytes()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
        return False


def resolve_assets(
    resolver: _Resolver, catalog: Catalog, source: Source[Contractor], objectives: list[Objective]
) -> Assets:
    contractor = source.model
    template = resolver.path(source, ("template",), contractor.template or DEFAULT_TEMPLATE)
    logo_path = contractor.branding.logo if contractor.branding else None
    logo = resolver.path(source, ("branding", "logo"), logo_path) if logo_path else None
    images: dict[str, Path] = {}
    for objective in objectives:
        objective_source = catalog.source(objective.id)
        for index, slide in enumerate(objective.slides):
            if slide.image and objective_source is not None:
                images[slide.image] = resolver.path(objective_source, ("slides", index, "image"), slide.image)
    if contractor.docx_template:
        docx_reference: Path | None = resolver.path(source, ("docx_template",), contractor.docx_template)
    else:
        docx_reference = _optional(resolver.workspace, DOCX_REFERENCE)
    template_dirs = tuple(resolver.workspace.template_dirs())
    logo_alt = for_language(contractor.language).logo_alt(contractor)
    return Assets(template, logo, logo_alt, images, docx_reference, template_dirs)


def shared_inputs(
    workspace: Workspace, catalog: Catalog, source: Source[Contractor], objectives: list[Objective]
) -> tuple[Path, ...]:
    """The files every output depends on: csec.yaml, the profile and the objectives it can teach."""
    files = [*workspace.config_files(), source.path]
    if isinstance(source.model.objectives, list):
        ids = {o.id for o in objectives}  # by id: a translated objective is another model of the same one
        files += [s.path for s in catalog.sources if s.model.id in ids]
    else:  # the required set depends on every objective file
        files += workspace.objective_files()
    language = catalog.translations.language(source.model.language)
    if language is not None:  # a changed translation rebuilds the contractors taught in its language
        files += [s.path for s in language.objectives.values()]
        files += [language.standard.path] if language.standard else []
    return tuple(sorted(set(files)))


@dataclass
class _Resolver:
    """Resolves YAML paths through the workspace layers, collecting a problem for each that fails."""

    workspace: Workspace
    problems: list[Problem] = field(default_factory=list)

    def path(self, source: Source, loc: tuple, relative: str) -> Path:
        try:
            return self.workspace.resolve(relative)
        except ValueError as exc:
            # Worded as validate words it, so the two reports of one mistake are one problem.
            self.problems.append(source.doc.problem(loc, f"{loc[-1]}: {exc}"))
            return Path(relative)


def _optional(workspace: Workspace, relative: str) -> Path | None:
    try:
        return workspace.resolve(relative)
    except ValueError:
        return None
