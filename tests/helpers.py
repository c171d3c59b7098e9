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
WORKSPACE_PARTS = ("csec.yaml", "objectives", "contractors", "templates", "schemas")

# The sample contractors of the standard workspace.
CONTRACTORS = (
    "bay-area-academy",
    "central-california-training-academy",
    "foster-kinship-care-education",
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
