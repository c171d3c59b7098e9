"""Helpers shared by the test modules: the standard workspace, editing its files, reading its YAML."""

from __future__ import annotations

import copy
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
WORKSPACE_PARTS = ("csec.yaml", "objectives", "contractors", "templates", "schemas", "rules")

# The sample contractors of the standard workspace.
CONTRACTORS = (
    "bay-area-academy",
    "central-california-training-academy",
    "foster-kinship-care-education",
    "foster-kinship-care-education-es",
    "northern-california-training-academy",
    "public-child-welfare-training-academy",
    "sierra-probation-training",
)


# --- the workspace ----------------------------------------------------------------------------


def copy_workspace(root: Path) -> Path:
    """Copy the repository's standard workspace into `root` (which must not exist yet) and return it."""
    root.mkdir(parents=True)
    for part in WORKSPACE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copy2(source, root / part)
    return root


def run_csec_builder(
    *args: str,
    cwd: Path,
    timeout: int = 120,
    unset: tuple[str, ...] = ("CSEC_WORKSPACE", "CSEC_DEBUG"),
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m csec_builder ARGS` in its own process, from `cwd`, without the `unset` environment variables
    and with `env` added."""
    env = {**{k: v for k, v in os.environ.items() if k not in unset}, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "csec_builder", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


# --- changing a workspace copy ----------------------------------------------------------------


def edit(path: Path, old: str, new: str) -> str:
    """Replace the first `old` in the file with `new` (which must be there) and return the new text."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}; the test needs updating"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the first line containing `needle`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --- what the workspace files say (read with PyYAML, not with csec-builder) -------------------


def read_yaml(path: Path) -> dict:
    return copy.deepcopy(_parse_yaml(path.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=256)
def _parse_yaml(text: str) -> dict:
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def objectives(ws: Path) -> dict[str, dict]:
    docs = [read_yaml(p) for p in sorted((ws / "objectives").glob("*.yaml"))]
    return {doc["id"]: doc for doc in docs}


def contractors(ws: Path) -> dict[str, dict]:
    docs = [read_yaml(p) for p in sorted((ws / "contractors").glob("*.yaml"))]
    return {doc["id"]: doc for doc in docs}


def required_for(ws: Path, audience: str) -> set[str]:
    return {i for i, doc in objectives(ws).items() if audience in doc.get("required_for", [])}


def planned_minutes(ws: Path, contractor: dict) -> int:
    """The minutes a contractor's plan takes: opening, pre-test, its objectives with their activities, breaks,
    post-test, closing and evaluation (the sittings 15, 15 and 10 minutes unless the profile says)."""
    defaults = read_yaml(ws / "csec.yaml")["defaults"]
    catalog = objectives(ws)
    teaching = sum(total_minutes(catalog[i]) for i in taught_by(ws, contractor))
    session = contractor.get("session", {})
    breaks = sum(b["minutes"] for b in session.get("breaks", []))
    sittings = sum(
        session.get(k, d) for k, d in (("pre_test_minutes", 15), ("post_test_minutes", 15), ("evaluation_minutes", 10))
    )
    return defaults["opening_minutes"] + teaching + breaks + sittings + defaults["closing_minutes"]


def taught_by(ws: Path, contractor: dict) -> set[str]:
    """The objective ids a contractor profile (as read by `read_yaml`) teaches."""
    selection = contractor["objectives"]
    if isinstance(selection, list):
        return set(selection)
    wanted = set(selection.get("include", []))
    if selection.get("include_required", True):
        wanted |= required_for(ws, contractor["audience"])
    return wanted - set(selection.get("exclude", []))


def total_minutes(doc: dict) -> int:
    return doc["minutes"] + sum(a["minutes"] for a in doc.get("activities", []))


# --- a small workspace of one's own ------------------------------------------------------------

SMALL_CONTRACTOR = "kit-academy"


def small_objective(objective_id: str = "KIT-01", activities: list[dict] | None = None) -> dict:
    """A complete, valid objective with the given activities, as it would be written in YAML."""
    return {
        "id": objective_id,
        "version": 1,
        "title": f"Topic {objective_id}",
        "statement": "Participants will be able to describe the topic.",
        "bloom_level": "understand",
        "domain": "foundations",
        "audiences": ["caregiver"],
        "required_for": ["caregiver"],
        "minutes": 10,
        "key_points": ["One point to land"],
        "slides": [{"title": "What it is", "bullets": ["A first bullet"], "notes": "Say this."}],
        "activities": activities or [],
        "knowledge_check": [{"question": "Is this a question?", "choices": ["Yes", "No"], "answer": "Yes"}],
        "references": [{"citation": "A public source"}],
    }


def small_workspace(root: Path, objectives: list[dict]) -> Path:
    """A workspace with the standard's csec.yaml (without its order), these objectives and one contractor.

    Templates come from the bundled standard, as they do for any workspace without its own.
    """
    config = read_yaml(REPO / "csec.yaml")
    config.pop("order", None)
    (root / "objectives").mkdir(parents=True)
    (root / "contractors").mkdir()
    (root / "csec.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    for doc in objectives:
        text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
        (root / "objectives" / f"{doc['id']}.yaml").write_text(text, encoding="utf-8")
    contractor = {
        "id": SMALL_CONTRACTOR,
        "name": "Kit Academy",
        "kind": "academy",
        "audience": "caregiver",
        "objectives": [doc["id"] for doc in objectives],
        "resources": [{"name": "National Human Trafficking Hotline", "phone": "1-888-373-7888"}],
    }
    (root / "contractors" / f"{SMALL_CONTRACTOR}.yaml").write_text(yaml.safe_dump(contractor), encoding="utf-8")
    return root
