"""Prepare stage: the files one contractor's outputs embed or start from, and the files they depend on.

Every path was resolved once, when the workspace was loaded (`Loaded.resolve`); preparing looks the
contractor's up and reports those that cannot be used, worded as validate words them, so the two
reports of one mistake are one problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .loader import DOCX_REFERENCE, Loaded
from .models import Contractor, Objective
from .problems import Problem
from .wording import for_language
from .workspace import DEFAULT_TEMPLATE, Workspace
from .yamlio import Source


@dataclass(frozen=True)
class Assets:
    """The files a contractor's outputs embed or start from, already resolved through the workspace layers."""

    template: Path
    """The .pptx template."""
    logo: Path | None
    logo_alt: str
    images: dict[str, Path]
    """Slide image path as written in YAML -> the resolved file."""
    docx_reference: Path | None
    """The Word reference document (styles): the contractor's `docx_template`, else templates/docx/reference.docx;
    None while neither the workspace nor the bundled standard has one."""
    template_dirs: tuple[Path, ...]
    """Jinja template folders, the workspace's first."""


@dataclass(frozen=True)
class Resources:
    """What preparing one contractor found: its assets and input files, or the problems that stop it."""

    assets: Assets
    input_files: tuple[Path, ...]
    """The files every output depends on: csec.yaml, the profile and the objectives it can teach."""
    problems: tuple[Problem, ...]
    """Paths in the profile or its objectives that cannot be used; the assets are unusable when there are any."""


def prepare(loaded: Loaded, source: Source[Contractor], objectives: list[Objective]) -> Resources:
    """The contractor's assets and input files, with a problem for each path that cannot be used."""
    resolver = _Resolver(loaded)
    assets = resolve_assets(resolver, source, objectives)
    files = shared_inputs(loaded, source, objectives)
    return Resources(assets, files, tuple(resolver.problems))


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


def resolve_assets(resolver: _Resolver, source: Source[Contractor], objectives: list[Objective]) -> Assets:
    loaded, contractor = resolver.loaded, source.model
    template = resolver.path(source, ("template",), contractor.template or DEFAULT_TEMPLATE)
    logo_path = contractor.branding.logo if contractor.branding else None
    logo = resolver.path(source, ("branding", "logo"), logo_path) if logo_path else None
    images: dict[str, Path] = {}
    for objective in objectives:
        objective_source = loaded.catalog.source(objective.id)
        for index, slide in enumerate(objective.slides):
            if slide.image and objective_source is not None:
                images[slide.image] = resolver.path(objective_source, ("slides", index, "image"), slide.image)
    if contractor.docx_template:
        docx_reference: Path | None = resolver.path(source, ("docx_template",), contractor.docx_template)
    else:
        docx_reference = _optional(loaded, DOCX_REFERENCE)
    logo_alt = for_language(contractor.language).logo_alt(contractor)
    return Assets(template, logo, logo_alt, images, docx_reference, loaded.template_dirs)


def shared_inputs(loaded: Loaded, source: Source[Contractor], objectives: list[Objective]) -> tuple[Path, ...]:
    """The files every output depends on: csec.yaml, the profile and the objectives it can teach."""
    files = [*loaded.config_files, source.path]
    if isinstance(source.model.objectives, list):
        ids = {o.id for o in objectives}  # by id: a translated objective is another model of the same one
        files += [s.path for s in loaded.catalog.sources if s.model.id in ids]
    else:  # the required set depends on every objective file
        files += loaded.objective_files
    language = loaded.catalog.translations.language(source.model.language)
    if language is not None:  # a changed translation rebuilds the contractors taught in its language
        files += [s.path for s in language.objectives.values()]
        files += [language.standard.path] if language.standard else []
    return tuple(sorted(set(files)))


@dataclass
class _Resolver:
    """Looks YAML paths up in what loading resolved, collecting a problem for each that cannot be used."""

    loaded: Loaded
    problems: list[Problem] = field(default_factory=list)

    def path(self, source: Source, loc: tuple, relative: str) -> Path:
        try:
            return self.loaded.resolve(relative)
        except ValueError as exc:
            # Worded as validate words it, so the two reports of one mistake are one problem.
            self.problems.append(source.doc.problem(loc, f"{loc[-1]}: {exc}"))
            return Path(relative)


def _optional(loaded: Loaded, relative: str) -> Path | None:
    try:
        return loaded.resolve(relative)
    except ValueError:
        return None
