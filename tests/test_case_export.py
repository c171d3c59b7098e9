"""`csec-builder export case`: the catalog as a CASE 1.1 CFPackage, checked against 1EdTech's published schema."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest

from .helpers import REPO, edit, small_objective, small_workspace

CASE_SCHEMA = REPO / "schemas" / "vendor" / "case" / "case_v1p1_cfpackage-jsonschema1.json"


def validate_case(package: dict) -> list[str]:
    schema = json.loads(CASE_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(package)]


@pytest.fixture(scope="module")
def package() -> dict:
    from typer.testing import CliRunner

    from csec_builder.cli import app

    result = CliRunner().invoke(app, ["export", "case", "--workspace", str(REPO)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_standard_is_a_valid_cfpackage(package: dict) -> None:
    assert validate_case(package) == []


def test_one_item_per_objective_with_its_statement(package: dict, catalog: dict) -> None:
    objectives = {i["humanCodingScheme"]: i for i in package["CFItems"] if i["CFItemType"] == "Learning Objective"}
    assert set(objectives) == set(catalog)
    bond = objectives["BOND-01"]
    assert bond["fullStatement"] == catalog["BOND-01"].statement
    assert bond["extensions"]["version"] == catalog["BOND-01"].version
    assert "Out-of-home caregivers and resource families" in bond["educationLevel"]
    assert bond["language"] == "en"
    assert uuid.UUID(bond["identifier"]).version == 5


def test_objectives_are_children_of_their_domains_in_teaching_order(package: dict, catalog: dict) -> None:
    items = {i["identifier"]: i for i in package["CFItems"]}
    document = package["CFDocument"]["identifier"]
    parent_of = {a["originNodeURI"]["identifier"]: a for a in package["CFAssociations"]}
    assert {a["associationType"] for a in package["CFAssociations"]} == {"isChildOf"}
    for item in items.values():
        parent = parent_of[item["identifier"]]["destinationNodeURI"]["identifier"]
        if item["CFItemType"] == "Domain":
            assert parent == document
        else:
            assert items[parent]["humanCodingScheme"] == catalog[item["humanCodingScheme"]].domain
    child = lambda association: items[association["originNodeURI"]["identifier"]]  # noqa: E731
    objectives = [a for a in package["CFAssociations"] if child(a)["CFItemType"] != "Domain"]
    in_order = [child(a)["humanCodingScheme"] for a in sorted(objectives, key=lambda a: a["sequenceNumber"])]
    assert in_order == list(catalog)


def test_identifiers_stay_when_content_changes_and_dates_follow_source_date_epoch(
    workspace: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = json.loads(cli("export", "case", "-w", workspace).stdout)
    edit(workspace / "objectives" / "BOND-01.yaml", "version: 2", "version: 3")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    after = json.loads(cli("export", "case", "-w", workspace).stdout)
    ids = lambda p: sorted(i["identifier"] for i in p["CFItems"])  # noqa: E731
    assert ids(before) == ids(after)
    bond = next(i for i in after["CFItems"] if i["humanCodingScheme"] == "BOND-01")
    assert bond["extensions"]["version"] == 3
    assert datetime.fromisoformat(bond["lastChangeDateTime"]).timestamp() == 1780000000
    assert validate_case(after) == []


def test_a_workspace_catalog_and_an_output_file(tmp_path: Path, cli) -> None:
    ws = small_workspace(tmp_path / "ws", [small_objective("KIT-01"), small_objective("KIT-02")])
    target = tmp_path / "out" / "framework.json"
    run = cli("export", "case", "-w", ws, "-o", target, "--base-uri", "https://case.example.org/uri/")
    assert run.exit_code == 0, run.output
    package = json.loads(target.read_text(encoding="utf-8"))
    assert validate_case(package) == []
    codes = [i["humanCodingScheme"] for i in package["CFItems"]]
    assert codes == ["foundations", "KIT-01", "KIT-02"]  # only the domains the catalog uses
    assert all(i["uri"] == f"https://case.example.org/uri/{i['identifier']}" for i in package["CFItems"])


def test_same_catalog_same_bytes(cli) -> None:
    first = cli("export", "case", "-w", REPO).stdout
    assert first == cli("export", "case", "-w", REPO).stdout


def test_a_bad_base_uri_is_a_usage_error(cli) -> None:
    run = cli("export", "case", "-w", REPO, "--base-uri", "case.example.org")
    assert run.exit_code == 2
    assert "--base-uri must start with" in run.output
