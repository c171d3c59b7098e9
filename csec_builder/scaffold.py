"""Scaffolding: `init` makes a contractor workspace on the bundled standard; `new` adds a skeleton file to one.

Everything is rendered in memory first and written only when no file would be overwritten, so a refused
command leaves the folder exactly as it was. The texts live in `skeletons/`, as a trainer will read them.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .catalog import Catalog
from .day import MAX_STRETCH, MEAL_BREAK, SHORT_BREAK, blocks_for, session_length, suggested_breaks
from .loader import load_config, load_objectives
from .models import DEFAULT_TITLE, Break, Contractor, Session, WorkspaceConfig
from .problems import CsecError, NotFoundError, display_path, suggest
from .schemas import FILE_NAMES, schema_json
from .validate import DRAFT_MARK
from .versions import parse_version
from .workspace import CONFIG_NAME, DEFAULT_TEMPLATE, PACKAGE_DIR, Workspace, bundled_root

SKELETONS = PACKAGE_DIR / "skeletons"


@dataclass(frozen=True)
class LocalHelp:
    """The county's numbers `init` asks for: they go on the resources slide, the guide and the handout."""

    county: str | None = None
    hotline: str | None = None
    """The county child abuse hotline's phone number."""
    services: tuple[tuple[str, str | None], ...] = ()
    """Local CSEC services as (name, phone)."""


@dataclass(frozen=True)
class ContractorChoices:
    id: str
    name: str | None = None
    audience: str | None = None
    kind: str = "contractor"
    local: LocalHelp = LocalHelp()


def init_workspace(folder: Path, contractor: ContractorChoices, with_template: bool) -> list[Path]:
    """Write a workspace that extends the bundled standard into `folder`; return the files written."""
    standard = standard_config()
    audience = _audience(standard, contractor.audience)
    template = f"templates/pptx/{contractor.id}.pptx" if with_template else DEFAULT_TEMPLATE
    catalog = bundled_catalog(standard)
    files = {
        CONFIG_NAME: render(
            "csec.yaml.j2",
            standard=standard.standard,
            requirement=minimum_requirement(standard.standard.version),
            standard_domains=", ".join(standard.domain_ids),
        ),
        f"contractors/{contractor.id}.yaml": contractor_text(standard, catalog, contractor, audience, template),
        "objectives/README.md": (SKELETONS / "objectives-README.md").read_text(encoding="utf-8"),
        "templates/README.md": (SKELETONS / "templates-README.md").read_text(encoding="utf-8"),
        ".gitignore": render("gitignore.j2", output=standard.defaults.output),
        "README.md": render(
            "README.md.j2",
            name=contractor.name or contractor.id,
            id=contractor.id,
            standard=standard.standard,
            output=standard.defaults.output,
        ),
        **{f"schemas/{file_name}": schema_json(name) for name, file_name in FILE_NAMES.items()},
    }
    copies = {template: bundled_root() / DEFAULT_TEMPLATE} if with_template else {}
    return write_new(folder, {k: v.encode("utf-8") for k, v in files.items()}, copies)


def parse_service(text: str) -> tuple[str, str | None]:
    """ "County CSEC program: 555-0100" -> (name, phone); without a colon, a name alone."""
    name, colon, phone = text.rpartition(":")
    if not colon or not name.strip():
        return text.strip(), None
    return name.strip(), phone.strip() or None


def new_contractor(workspace: Workspace, contractor: ContractorChoices) -> Path:
    """Write contractors/<id>.yaml: a complete profile with every field, ready to build."""
    workspace, config = load_config(_real(workspace))
    audience = _audience(config.model, contractor.audience)
    sources, _, failed = load_objectives(workspace)
    catalog = Catalog.of(config.model, sources, failed)
    text = contractor_text(config.model, catalog, contractor, audience, DEFAULT_TEMPLATE)
    relative = f"contractors/{contractor.id}.yaml"
    return write_new(workspace.root, {relative: text.encode("utf-8")})[0]


def new_objective(
    workspace: Workspace, objective_id: str, domain: str | None = None, audiences: list[str] | None = None
) -> Path:
    """Write objectives/<ID>.yaml: a valid draft whose TODO texts the author replaces."""
    workspace, config = load_config(_real(workspace))
    standard_file = workspace.standard.root / "objectives" / f"{objective_id}.yaml"
    if workspace.extends and standard_file.is_file():
        raise CsecError(
            f"the standard already has an objective {objective_id} ({workspace.label(standard_file)}); "
            "give yours an id of its own, for example with your organisation's prefix (MYORG-01)"
        )
    model = config.model
    chosen_domain = _choice("domain", domain or model.domain_ids[0], model.domain_ids)
    chosen = [_choice("audience", a, model.audience_ids) for a in audiences] if audiences else model.audience_ids
    required_note = (
        "leave it empty: only the standard says which objectives are required"
        if workspace.extends
        else "audiences that must be taught this objective, for example [caregiver]"
    )
    text = render(
        "objective.yaml.j2",
        id=objective_id,
        domain=chosen_domain,
        domains=", ".join(model.domain_ids),
        audiences=chosen,
        required_note=required_note,
    )
    return write_new(workspace.root, {f"objectives/{objective_id}.yaml": text.encode("utf-8")})[0]


def contractor_text(
    config: WorkspaceConfig, catalog: Catalog, contractor: ContractorChoices, audience: str, template: str
) -> str:
    note = "; this one comes with the standard" if template == DEFAULT_TEMPLATE else ": your copy, to rebrand"
    session, breaks = suggested_day(config, catalog, audience)
    return render(
        "contractor.yaml.j2",
        id=contractor.id,
        name=contractor.name or f"{DRAFT_MARK} your organisation's name",
        kind=contractor.kind,
        audience=audience,
        audiences=", ".join(config.audience_ids),
        title=DEFAULT_TITLE,
        template=template,
        template_note=note,
        session=session,
        breaks=breaks,
        defaults=Session(),
        local=contractor.local,
        draft=DRAFT_MARK,
        short=SHORT_BREAK,
        stretch=MAX_STRETCH,
        meal=MEAL_BREAK,
    )


def suggested_day(config: WorkspaceConfig, catalog: Catalog, audience: str) -> tuple[Session, list[Break]]:
    """A day for the audience's required objectives: breaks by the rule in `day`, and the session that holds it."""
    draft = Contractor(id="draft", name="draft", kind="contractor", audience=audience)
    blocks = blocks_for(draft, catalog.required_for(audience), config)
    breaks = suggested_breaks(blocks, draft.session.start)
    return Session(minutes=session_length(blocks, breaks), breaks=breaks), breaks


def bundled_catalog(config: WorkspaceConfig) -> Catalog:
    sources, _, failed = load_objectives(Workspace.at(bundled_root(), fallback=True))
    return Catalog.of(config, sources, failed)


def minimum_requirement(version: str) -> str:
    """'>=1.1' for standard 1.1.0: a new workspace needs at least the standard it was made with."""
    major, minor = (*parse_version(version), 0)[:2]
    return f">={major}.{minor}"


def standard_config() -> WorkspaceConfig:
    _, config = load_config(Workspace.at(bundled_root(), fallback=True))
    return config.model


def render(skeleton: str, **values: object) -> str:
    environment = Environment(
        loader=FileSystemLoader(SKELETONS),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML and Markdown, not HTML; values go through the yaml filter where it matters
    )
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)  # JSON strings are YAML
    return environment.get_template(skeleton).render(**values)


def write_new(folder: Path, files: dict[str, bytes], copies: dict[str, Path] | None = None) -> list[Path]:
    """Write `files` (and copy `copies`) under `folder`, refusing before anything is written if one exists."""
    copies = copies or {}
    if folder.exists() and not folder.is_dir():
        raise CsecError(f"{display_path(folder)} is a file, not a folder")
    targets = [folder / relative for relative in [*files, *copies]]
    existing = [path for path in targets if path.exists()]
    if existing:
        listed = ", ".join(display_path(p) for p in existing)
        raise CsecError(f"will not overwrite files that exist: {listed} (nothing was written); move them away first")
    try:
        for relative, data in files.items():
            _create(folder / relative).write_bytes(data)
        for relative, source in copies.items():
            with source.open("rb") as reader, _create(folder / relative).open("r+b") as writer:
                shutil.copyfileobj(reader, writer)
    except OSError as exc:
        raise CsecError(f"cannot write into {display_path(folder)}: {exc.strerror or exc}") from None
    return targets


def _create(path: Path) -> Path:
    """Make `path` as a new, empty file: exclusive, so a file that appeared meanwhile is never replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.open("xb").close()
    return path


def _real(workspace: Workspace) -> Workspace:
    """New files go into a workspace of the user's, never into the bundled standard inside the package."""
    if workspace.fallback:
        raise CsecError(
            f"no workspace here (no {CONFIG_NAME} in this folder or above it): make one with `csec-builder init`, "
            "or give --workspace"
        )
    return workspace


def _audience(config: WorkspaceConfig, audience: str | None) -> str:
    return _choice("audience", audience, config.audience_ids) if audience else config.audience_ids[0]


def _choice(what: str, value: str, allowed: list[str]) -> str:
    if value not in allowed:
        raise NotFoundError(f"unknown {what} '{value}'{suggest(value, allowed)} (known: {', '.join(allowed)})")
    return value
