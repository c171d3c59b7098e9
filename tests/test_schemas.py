"""JSON Schema for editors and other tools: `csec-builder schema`, the committed schemas/ files,
and the `# yaml-language-server: $schema=...` line at the top of every YAML file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csec_builder.yamlio import read_yaml

from .helpers import REPO

KINDS = ("objective", "contractor", "workspace", "terminology")
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

# Every YAML file of the standard workspace, with the kind of schema it follows.
YAML_FILES = [
    *[(p, "objective") for p in sorted((REPO / "objectives").glob("*.yaml"))],
    *[(p, "contractor") for p in sorted((REPO / "contractors").glob("*.yaml"))],
    (REPO / "csec.yaml", "workspace"),
    (REPO / "rules" / "terminology.yaml", "terminology"),
]


def file_id(item: tuple[Path, str]) -> str:
    return str(item[0].relative_to(REPO))


def committed(kind: str) -> Path:
    return REPO / "schemas" / f"{kind}.schema.json"


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_the_committed_file(cli, kind: str) -> None:
    run = cli("schema", kind)
    assert run.exit_code == 0, run.output
    assert committed(kind).is_file(), f"schemas/{kind}.schema.json is missing: csec-builder schema {kind} > it"
    assert run.stdout == committed(kind).read_text(encoding="utf-8"), (
        f"schemas/{kind}.schema.json is stale: regenerate it with `csec-builder schema {kind}`"
    )


def forms(schema: dict) -> list[dict]:
    """The object schemas a file must match: the schema itself, or each branch of csec.yaml's if/then/else."""
    if "if" not in schema:
        return [schema]
    return [schema["$defs"][schema[branch]["$ref"].rsplit("/", 1)[-1]] for branch in ("then", "else")]


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_a_json_schema_that_forbids_unknown_keys(kind: str) -> None:
    schema = json.loads(committed(kind).read_text(encoding="utf-8"))
    assert schema["$schema"] == DRAFT_2020_12
    assert schema["$id"].endswith(f"/{kind}.schema.json")
    assert schema["type"] == "object"
    for form in forms(schema):
        assert form["additionalProperties"] is False
        assert form["required"], "a file with no required field would accept anything"
    for name, definition in schema.get("$defs", {}).items():
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, f"{name} accepts unknown keys"


def test_objective_schema_names_the_fields_authors_write() -> None:
    schema = json.loads(committed("objective").read_text(encoding="utf-8"))
    assert set(schema["required"]) >= {"id", "title", "statement", "bloom_level", "domain", "slides", "references"}
    assert schema["properties"]["bloom_level"]["enum"] == [
        "remember",
        "understand",
        "apply",
        "analyze",
        "evaluate",
        "create",
    ]


def test_schema_of_an_unknown_kind_is_refused(cli) -> None:
    run = cli("schema", "deck")
    assert run.exit_code == 2, run.output
    assert "Traceback" not in run.output
    assert run.stdout == ""


@pytest.mark.parametrize("item", YAML_FILES, ids=file_id)
def test_yaml_file_points_editors_at_its_schema(item: tuple[Path, str]) -> None:
    path, kind = item
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    relative = f"schemas/{kind}.schema.json" if path.parent == REPO else f"../schemas/{kind}.schema.json"
    assert first_line == f"# yaml-language-server: $schema={relative}"
    assert (path.parent / relative).resolve() == committed(kind).resolve()
    assert committed(kind).is_file()


@pytest.fixture(scope="module")
def validators() -> dict:
    jsonschema = pytest.importorskip("jsonschema")
    found = {}
    for kind in KINDS:
        schema = json.loads(committed(kind).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        found[kind] = jsonschema.Draft202012Validator(schema)
    return found


@pytest.mark.parametrize("item", YAML_FILES, ids=file_id)
def test_yaml_file_validates_against_its_schema(validators: dict, item: tuple[Path, str]) -> None:
    path, kind = item
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validators[kind].iter_errors(read_yaml(path).data)]
    assert errors == []


def test_schema_rejects_what_validate_rejects(validators: dict) -> None:
    """The schema is not a rubber stamp: a typo, a bad enum value and a wrong type all fail it."""
    data = read_yaml(REPO / "objectives" / "DEF-01.yaml").data
    broken = {**data, "titel": data["title"], "bloom_level": "memorise", "minutes": "twenty"}
    del broken["title"]
    messages = " | ".join(e.message for e in validators["objective"].iter_errors(broken))
    assert "'titel' was unexpected" in messages
    assert "'title' is a required property" in messages
    assert "'memorise' is not one of" in messages
    assert "'twenty' is not of type 'integer'" in messages


def test_contractor_schema_accepts_both_forms_of_objectives(validators: dict) -> None:
    base = read_yaml(REPO / "contractors" / "bay-area-academy.yaml").data
    contractor = validators["contractor"]
    assert contractor.is_valid({**base, "objectives": ["DEF-01", "LAW-01"]})
    assert contractor.is_valid({**base, "objectives": {"include_required": False, "include": ["DEF-01"]}})
    assert not contractor.is_valid({**base, "objectives": "DEF-01"})
    assert not contractor.is_valid({**base, "objectives": ["def-01"]})


def test_workspace_schema_knows_both_forms_of_csec_yaml(validators: dict) -> None:
    workspace = validators["workspace"]
    extending = {"extends": {"standard": "California CSEC 101", "version": ">=1.1"}, "defaults": {"output": "out"}}
    assert workspace.is_valid(extending)
    assert not workspace.is_valid({**extending, "audiences": [{"id": "caregiver", "title": "Caregivers"}]})
    assert not workspace.is_valid({"extends": {"version": ">=1.1"}})
    standalone = read_yaml(REPO / "csec.yaml").data
    assert not workspace.is_valid({k: v for k, v in standalone.items() if k != "audiences"})
