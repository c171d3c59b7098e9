"""A synthetic workspace for the benchmarks, derived from the bundled CSEC 101 catalog.

Objectives are variants of the bundled ones (new ids and titles, same content), so every deck has
realistic slides, notes, activities and checks. Each contractor is a copy of one of the bundled
sample contractors (their templates, logos and branding included) that lists OBJECTIVES_PER_CONTRACTOR
objectives explicitly, a different window of the catalog for each, so an edit to one objective
concerns only some contractors.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from csec_builder.workspace import bundled_root

OBJECTIVES_PER_CONTRACTOR = 20
CATALOG_SIZE = 40


def make_workspace(root: Path, contractors: int) -> Path:
    """Write a workspace with `contractors` contractors into `root` (created; must be empty or absent)."""
    bundled = bundled_root()
    (root / "objectives").mkdir(parents=True)
    (root / "contractors").mkdir()
    objective_ids = _write_objectives(root / "objectives", _read_all(bundled / "objectives"))
    config = _read(bundled / "csec.yaml")
    config["order"] = objective_ids
    _write(root / "csec.yaml", config)
    # The variants have no translations; the Spanish build is measured by language_bench.py.
    bases = [b for b in _read_all(bundled / "contractors") if b.get("language", "en") == "en"]
    for index in range(contractors):
        profile = _contractor(bases[index % len(bases)], index, objective_ids)
        _write(root / "contractors" / f"{profile['id']}.yaml", profile)
    return root


def _write_objectives(folder: Path, bases: list[dict[str, Any]]) -> list[str]:
    audiences = sorted({a for base in bases for a in base["audiences"]})
    ids = []
    for index in range(CATALOG_SIZE):
        objective = copy.deepcopy(bases[index % len(bases)])
        objective["id"] = f"{objective['id']}-S{index:02d}"
        objective["title"] = f"{objective['title']} (variant {index})"
        objective["audiences"] = audiences  # any contractor may teach it, without audience warnings
        objective["required_for"] = []
        _write(folder / f"{objective['id']}.yaml", objective)
        ids.append(objective["id"])
    return ids


def _contractor(base: dict[str, Any], index: int, objective_ids: list[str]) -> dict[str, Any]:
    profile = copy.deepcopy(base)
    profile["id"] = f"{base['id']}-{index:03d}"
    start = (index * 7) % len(objective_ids)
    window = (objective_ids * 2)[start : start + OBJECTIVES_PER_CONTRACTOR]
    profile["objectives"] = window
    # Twenty objectives run past a one-day session: leave the length open rather than warn on every contractor.
    profile.setdefault("session", {}).pop("minutes", None)
    profile["session"]["breaks"] = []
    return profile


def _read_all(folder: Path) -> list[dict[str, Any]]:
    return [_read(path) for path in sorted(folder.glob("*.yaml"))]


def _read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
