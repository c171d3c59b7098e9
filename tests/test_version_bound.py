"""An objective's version is a whole number from 1 to 9999, in validate and in the JSON Schema alike."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

from csec_builder.models import MAX_VERSION

from .helpers import REPO, line_of, read_yaml


def _set_version(path: Path, version: int) -> str:
    text = re.sub(r"^version: \d+$", f"version: {version}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    return text


def test_a_version_over_the_bound_is_refused_at_its_line(cli, workspace: Path) -> None:
    text = _set_version(workspace / "objectives" / "DEF-01.yaml", 100000000000000000000000)
    run = cli("validate", "-w", workspace)
    assert run.exit_code == 1
    line = line_of(text, "version: 1000")
    assert f"objectives/DEF-01.yaml:{line}:10: error: version: must be at most {MAX_VERSION}, found 1" in run.stdout


def test_the_highest_version_is_accepted(cli, workspace: Path) -> None:
    _set_version(workspace / "objectives" / "DEF-01.yaml", MAX_VERSION)
    assert cli("validate", "-w", workspace).exit_code == 0


def test_the_schema_has_the_same_bound() -> None:
    schema = json.loads((REPO / "schemas" / "objective.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data = read_yaml(REPO / "objectives" / "DEF-01.yaml")
    assert list(validator.iter_errors({**data, "version": MAX_VERSION})) == []
    (problem,) = validator.iter_errors({**data, "version": MAX_VERSION + 1})
    assert list(problem.absolute_path) == ["version"] and "maximum" in problem.message
