"""Load stage: YAML files -> pydantic models, with schema errors mapped back to file positions.

`load_workspace` reads the whole workspace once into a `Loaded`: csec.yaml, the catalog, the
contractors, and every file path the YAML names, resolved through the workspace layers. Later stages
read that object; none reads YAML or resolves a path again. Nothing here knows about slides or guides.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ValidationError

from . import extends, models
from .catalog import Catalog
from .models import Contractor, ExtendingConfig, Objective, WorkspaceConfig
from .problems import InputError, Problem, WorkspaceError, error, suggest
from .translations import STANDARD_FILE, Language, ObjectiveTranslation, StandardTranslation, Translations, checked
from .workspace import CONFIG_NAME, DEFAULT_TEMPLATE, WORKSPACE, Workspace, link_outside
from .yamlio import M, Source, YamlDoc, describe_type, read_mapping, read_yaml, require_mapping

DOCX_REFERENCE = "templates/docx/reference.docx"
"""The Word styles every .docx output starts from; a workspace file at the same path overrides the bundled one."""
Read = YamlDoc | tuple[Problem, ...]
"""A YAML file as the load stage read it: parsed, or the problems that stopped it being parsed."""


@dataclass(frozen=True)
class Loaded:
    """The workspace as read, once: what validate checks and every later stage is handed. Never changed."""

    workspace: Workspace
    """With the bundled standard layered under it when csec.yaml `extends` it."""
    config: Source[WorkspaceConfig]
    catalog: Catalog
    contractors: tuple[Source[Contractor], ...]
    broken_contractors: tuple[Path, ...]
    """Contractor files that failed to load."""
    problems: tuple[Problem, ...]
    """What loading found: unreadable files, schema errors, refused objectives."""
    objective_files: tuple[Path, ...]
    """Every objective file of every content layer, loaded or not."""
    paths: Mapping[str, Path | str]
    """Each path the YAML names (and the bundled defaults) -> its file, or why it cannot be used."""
    template_dirs: tuple[Path, ...]
    """Jinja template folders, the workspace's first."""
    documents: Mapping[Path, Read]
    """Every objective, translation and contractor file as read, loaded or not: what lint checks the words of."""

    def resolve(self, relative: str) -> Path:
        """The file a YAML path names, as `Workspace.resolve` found it at load time (ValueError when unusable)."""
        found = self.paths[relative]
        if isinstance(found, str):
            raise ValueError(found)
        return found

    @property
    def config_files(self) -> tuple[Path, ...]:
        return tuple(self.workspace.config_files())


def load_workspace(workspace: Workspace) -> Loaded:
    """Read csec.yaml, the objectives and the contractors, and resolve every path they name.

    Raises WorkspaceError when csec.yaml itself is unusable; any other file's problems are in `problems`.
    """
    workspace, config = load_config(workspace)
    documents: dict[Path, Read] = {}
    objectives, problems, failed = load_objectives(workspace, documents)
    contractors, contractor_problems, broken = load_contractors(workspace, documents)
    translations, translation_problems = load_translations(workspace, documents)
    translations, unusable = checked(translations, {s.model.id: s.model for s in objectives})
    problems += translation_problems + unusable
    catalog = Catalog.of(config.model, objectives, failed, translations)
    named = [DEFAULT_TEMPLATE, DOCX_REFERENCE, *_named_paths(catalog, contractors)]
    return Loaded(
        workspace,
        config,
        catalog,
        tuple(contractors),
        tuple(broken),
        tuple(problems + contractor_problems),
        tuple(workspace.objective_files()),
        MappingProxyType({relative: _resolved(workspace, relative) for relative in dict.fromkeys(named)}),
        tuple(workspace.template_dirs()),
        MappingProxyType(documents),
    )


def _named_paths(catalog: Catalog, contractors: list[Source[Contractor]]) -> Iterator[str]:
    for source in catalog.sources:
        yield from (slide.image for slide in source.model.slides if slide.image)
    for contractor in (source.model for source in contractors):
        yield from (p for p in (contractor.template, contractor.docx_template) if p)
        if contractor.branding and contractor.branding.logo:
            yield contractor.branding.logo


def _resolved(workspace: Workspace, relative: str) -> Path | str:
    try:
        return workspace.resolve(relative)
    except ValueError as exc:
        return str(exc)


def load_config(workspace: Workspace) -> tuple[Workspace, Source[WorkspaceConfig]]:
    """Read csec.yaml; a workspace without a usable one cannot go further.

    A csec.yaml that `extends` the bundled standard gets the standard's settings merged in, and the workspace
    comes back with the standard's objectives layered under its own.
    """
    doc = _config_doc(workspace.config_path)
    if not extends.is_extending(doc):
        return workspace, _config_model(doc, doc.data, WorkspaceConfig)
    workspace = workspace.extending()
    data, problems = extends.inherited_field_problems(doc)
    local = _config_model(doc, data, ExtendingConfig, problems)
    standard_doc = _config_doc(workspace.standard.root / CONFIG_NAME)
    standard = _config_model(standard_doc, standard_doc.data, WorkspaceConfig)
    problems = extends.requirement_problems(doc, local.model, standard.model)
    config, merge_problems = extends.merged(doc, local.model, standard.model)
    if problems or merge_problems:
        raise WorkspaceError(f"{doc.path}: cannot use the installed standard", [*problems, *merge_problems])
    return workspace, Source(config, doc)


def _config_doc(path: Path) -> YamlDoc:
    try:
        return read_mapping(path, "csec.yaml")
    except InputError as exc:
        raise WorkspaceError(f"{path}: cannot be read", exc.problems) from None


def _config_model(doc: YamlDoc, data: Any, model: type[M], problems: list[Problem] | None = None) -> Source[M]:
    """`data` (read from `doc`) checked against `model`; WorkspaceError with every problem otherwise."""
    try:
        value = model.model_validate(data)
    except ValidationError as exc:
        raise WorkspaceError(f"{doc.path}: invalid", [*(problems or []), *schema_problems(doc, exc, model)]) from None
    if problems:
        raise WorkspaceError(f"{doc.path}: invalid", problems)
    return Source(value, doc)


def load_all(
    files: list[Path], model: type[M], what: str, layer: str = WORKSPACE, documents: dict[Path, Read] | None = None
) -> tuple[list[Source[M]], list[Problem], list[Path]]:
    """Load every file; return the good ones, every problem, and the files that failed (each read into `documents`)."""
    sources: list[Source[M]] = []
    problems: list[Problem] = []
    failed: list[Path] = []
    for path in files:
        outside = link_outside(path)
        if outside is not None:
            problems.append(error(path, f"links to '{outside}', outside the workspace; copy the file in instead"))
            failed.append(path)
            continue
        try:
            source, found = load_file(path, model, what, documents)
        except InputError as exc:
            source, found = None, exc.problems
        problems.extend(found)
        if source is None:
            failed.append(path)
        else:
            sources.append(Source(source.model, source.doc, layer))
    return sources, problems, failed


def load_file(
    path: Path, model: type[M], what: str, documents: dict[Path, Read] | None = None
) -> tuple[Source[M] | None, list[Problem]]:
    doc = require_mapping(_read(path, {} if documents is None else documents), what)
    try:
        return Source(model.model_validate(doc.data), doc), []
    except ValidationError as exc:
        return None, schema_problems(doc, exc, model)


def _read(path: Path, documents: dict[Path, Read]) -> YamlDoc:
    """The parsed file, remembered in `documents` (or the problems that stopped it, before they are raised)."""
    try:
        doc = read_yaml(path)
    except InputError as exc:
        documents[path] = tuple(exc.problems)
        raise
    documents[path] = doc
    return doc


def load_objectives(
    workspace: Workspace, documents: dict[Path, Read] | None = None
) -> tuple[list[Source[Objective]], list[Problem], list[Path]]:
    """Every layer's objectives; in an extending workspace, local ones that break the layering rules are refused."""
    sources: list[Source[Objective]] = []
    problems: list[Problem] = []
    failed: list[Path] = []
    for layer, files in workspace.content_files("objectives"):
        layer_sources, layer_problems, layer_failed = load_all(
            files, Objective, "an objective file", layer.name, documents
        )
        sources += layer_sources
        problems += layer_problems
        failed += layer_failed
    if workspace.extends:
        sources, rule_problems, refused = extends.layered_objectives(workspace, sources)
        problems += rule_problems
        failed += refused
    return sources, problems, failed


def load_translations(
    workspace: Workspace, documents: dict[Path, Read] | None = None
) -> tuple[Translations, list[Problem]]:
    """Every objectives/<language>/ folder of every content layer; a layer above wins for the same file.

    A layer's csec.yaml of a language is read even when a layer above has its own (lint checks its words),
    but only the top one counts.
    """
    problems: list[Problem] = []
    found: dict[str, dict[str, Source[ObjectiveTranslation]]] = {}
    standards: dict[str, Source[StandardTranslation]] = {}
    broken: dict[str, set[str]] = {}
    for tag, layer, files in workspace.translation_files():
        sources, layer_problems, failed = load_all(
            [f for f in files if f.name != STANDARD_FILE],
            ObjectiveTranslation,
            "a translation file",
            layer.name,
            documents,
        )
        problems += layer_problems
        for source in sources:
            found.setdefault(tag, {}).setdefault(source.path.stem, source)
        broken.setdefault(tag, set()).update(p.stem for p in failed if p.stem not in found.get(tag, {}))
        standard = [f for f in files if f.name == STANDARD_FILE]
        if standard:
            loaded, standard_problems, _failed = load_all(
                standard, StandardTranslation, "a translation file", layer.name, documents
            )
            if tag not in standards:
                problems += standard_problems
                if loaded:
                    standards[tag] = loaded[0]
    tags = sorted(set(found) | set(broken) | set(standards))
    languages = {
        tag: Language(tag, found.get(tag, {}), standards.get(tag), frozenset(broken.get(tag, set()))) for tag in tags
    }
    return Translations(languages), problems


def load_contractors(
    workspace: Workspace, documents: dict[Path, Read] | None = None
) -> tuple[list[Source[Contractor]], list[Problem], list[Path]]:
    return load_all(workspace.contractor_files(), Contractor, "a contractor file", WORKSPACE, documents)


# --- schema errors -> plain messages -----------------------------------------------------

_PATTERN_HINTS = {
    models.OBJECTIVE_ID: "must be upper-case letters, digits and dashes, like DEF-01",
    models.CONTRACTOR_ID: "must be lower-case letters, digits and dashes, like bay-area-academy",
    models.CLOCK: 'must be a 24-hour clock time like "09:00" (quote it)',
    models.COLOR: 'must be a colour like "#1F4E79" (quote it)',
    models.DAY: 'must be a date like "2027-03-06" (year-month-day; quote it)',
    models.LANGUAGE_TAG: 'must be a BCP 47 language tag like "en", "es" or "es-MX"',
    r"^https?://\S+$": "must be a web address starting with http:// or https://",
}


def schema_problems(doc: YamlDoc, exc: ValidationError, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        unknown_key = err["type"] == "extra_forbidden"
        shown = _field_path(doc, loc[:-1] if unknown_key else loc)
        prefix = f"{shown}: " if shown else ""
        problems.append(doc.problem(loc, prefix + _message(err, loc, model), key=unknown_key))
    return sorted(set(problems))


def _field_path(doc: YamlDoc, loc: tuple) -> str:
    existing = doc.existing_prefix(loc)
    parts = list(existing)
    if len(existing) < len(loc) and isinstance(loc[-1], str) and loc[-1] not in existing:
        parts.append(loc[-1])
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _message(err: Any, loc: tuple, model: type[BaseModel]) -> str:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        return _unknown_field(str(loc[-1]), _allowed_fields(model, loc))
    if kind == "string_type":
        return f"expected text, found {describe_type(value)}"
    if kind in ("int_type", "int_from_float"):
        return f"expected a whole number, found {describe_type(value)}"
    if kind == "bool_type":
        return f"expected true or false, found {describe_type(value)}"
    if kind == "list_type":
        return f"expected a list, found {describe_type(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of fields, found {describe_type(value)}"
    if kind == "literal_error":
        return f"'{value}' is not allowed; use {ctx.get('expected', 'one of the listed values')}"
    if kind == "string_pattern_mismatch":
        return f"'{value}' " + _PATTERN_HINTS.get(ctx.get("pattern", ""), "has the wrong format")
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters, found {len(str(value))}"
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return f"needs at least {need} item{'s' if need != 1 else ''}"
    if kind == "too_long":
        return f"has more than {ctx.get('max_length')} items"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}, found {value}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {ctx.get('le', ctx.get('lt'))}, found {value}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"])


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed where the unknown key `loc[-1]` was found."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = current.model_fields.get(part)
        current = _inner_model(field.annotation) if field else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The pydantic model inside list[...] / X | None / a union, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _unknown_field(key: str, allowed: list[str]) -> str:
    hint = suggest(key, allowed)
    listed = f" (allowed: {', '.join(allowed)})" if allowed else ""
    return f"unknown field '{key}'{hint}{listed}"
