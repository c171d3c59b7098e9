"""Workspaces that extend the bundled standard: what they inherit, what they may change, what they may not.

A contractor workspace's csec.yaml says `extends: {standard: California CSEC 101, version: ">=1.1"}`. Then:
- every command refuses to work when the installed standard has another name, or a version the requirement
  excludes: materials must never be built silently from a standard the workspace was not written for;
- the standard's name, version and audiences are used as they are; its domains, plus any the workspace adds;
  its `order` unless the workspace gives its own; its `defaults`, key by key, where the workspace says nothing;
- the standard's objectives sit under the workspace's own: a local objective may not take a standard id, and
  only the standard says which objectives are required, so coverage keeps meaning "covers the standard".
"""

from __future__ import annotations

from pathlib import Path

from .models import ExtendingConfig, Objective, WorkspaceConfig
from .problems import Problem
from .versions import parse_requirement
from .workspace import STANDARD, Workspace
from .yamlio import Source, YamlDoc

UPGRADE = "reinstall it from a newer copy of its repository or wheel"

# Fields of a standalone csec.yaml that an extending one takes from the standard, and why.
INHERITED = {
    "standard": "the standard's name and version come from the standard this workspace extends; remove 'standard'",
    "audiences": "audiences come from the standard this workspace extends, so coverage means the same everywhere; "
    "remove 'audiences'",
}


def is_extending(doc: YamlDoc) -> bool:
    return isinstance(doc.data, dict) and "extends" in doc.data


def inherited_field_problems(doc: YamlDoc) -> tuple[dict, list[Problem]]:
    """The csec.yaml data without the fields that belong to the standard, and a problem for each one given."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems = [doc.problem((key,), message, key=True) for key, message in INHERITED.items() if key in data]
    return {k: v for k, v in data.items() if k not in INHERITED}, problems


def requirement_problems(doc: YamlDoc, local: ExtendingConfig, standard: WorkspaceConfig) -> list[Problem]:
    """Whether the installed standard is the one, and a version, that this workspace asks for."""
    wanted, installed = local.extends, standard.standard
    if _plain(wanted.standard) != _plain(installed.name):
        message = (
            f"this workspace extends '{wanted.standard}', but the standard installed with csec-builder is "
            f"'{installed.name}' (version {installed.version}); use that name, or the csec-builder of your standard"
        )
        return [doc.problem(("extends", "standard"), message)]
    if wanted.version is None:
        return []
    try:
        allowed = parse_requirement(wanted.version).allows(installed.version)
    except ValueError:  # the requirement itself was checked when csec.yaml was read: the version is odd
        message = (
            f"the installed {installed.name} has version '{installed.version}', which cannot be compared with "
            f"'{wanted.version}'"
        )
        return [doc.problem(("extends", "version"), message)]
    if allowed:
        return []
    message = (
        f"this workspace needs {installed.name} version {wanted.version}, but the standard installed with "
        f"csec-builder is version {installed.version}; upgrade csec-builder ({UPGRADE}) or change extends.version"
    )
    return [doc.problem(("extends", "version"), message)]


def merged(doc: YamlDoc, local: ExtendingConfig, standard: WorkspaceConfig) -> tuple[WorkspaceConfig, list[Problem]]:
    """The settings that apply: the standard's, with what the workspace may add or change."""
    known = set(standard.domain_ids)
    problems = [
        doc.problem(("domains", index, "id"), f"domain '{domain.id}' is already in the standard; list only new ones")
        for index, domain in enumerate(local.domains)
        if domain.id in known
    ]
    given = local.defaults.model_fields_set
    defaults = standard.defaults.model_copy(update={key: getattr(local.defaults, key) for key in given})
    config = standard.model_copy(
        update={
            "domains": [*standard.domains, *(d for d in local.domains if d.id not in known)],
            "order": standard.order if local.order is None else local.order,
            "defaults": defaults,
        }
    )
    return config, problems


def layered_objectives(
    workspace: Workspace, sources: list[Source[Objective]]
) -> tuple[list[Source[Objective]], list[Problem], list[Path]]:
    """The catalog's sources without local objectives that reuse a standard id; problems; the files refused."""
    standard = {s.model.id: s for s in sources if s.layer == STANDARD}
    kept, problems, refused = [], [], []
    for source in sources:
        clash = standard.get(source.model.id) if source.layer != STANDARD else None
        if clash is not None:
            message = (
                f"objective id '{source.model.id}' is already used by the standard ({workspace.label(clash.path)}): "
                "a local objective needs an id of its own, for example with your organisation's prefix (MYORG-01)"
            )
            problems.append(source.doc.problem(("id",), message))
            refused.append(source.path)
            continue
        if source.layer != STANDARD and source.model.required_for:
            message = (
                "required_for: only the standard says which objectives are required; leave it out of a local "
                "objective (contractors choose it with objectives.include)"
            )
            problems.append(source.doc.problem(("required_for",), message))
        kept.append(source)
    return kept, problems, refused


def _plain(name: str) -> str:
    return " ".join(name.casefold().split())
