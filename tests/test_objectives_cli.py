"""`csec-builder objectives list|show`: browsing the catalog of standardized objectives."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from .helpers import REPO, run_csec_builder

SCHEMA = json.loads((REPO / "schemas" / "objective.schema.json").read_text(encoding="utf-8"))
OPTIONAL_LISTS = {"required_for", "activities", "discussion_questions"}


@pytest.fixture(autouse=True)
def _no_workspace_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CSEC_WORKSPACE", raising=False)


@pytest.fixture(scope="module")
def catalog() -> list[dict]:
    """The repository's catalog as `objectives list --format json` prints it (read once)."""
    from typer.testing import CliRunner

    from csec_builder.cli import app

    result = CliRunner().invoke(app, ["objectives", "list", "--workspace", str(REPO), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def listed(cli, *options: str) -> list[dict]:
    run = cli("objectives", "list", "--workspace", REPO, "--format", "json", *options)
    assert run.exit_code == 0, run.output
    return json.loads(run.stdout)


def ids(objectives: list[dict]) -> list[str]:
    return [o["id"] for o in objectives]


# --- list ------------------------------------------------------------------------------------


def test_list_json_is_the_whole_catalog(catalog: list[dict]) -> None:
    assert len(catalog) >= 14
    assert len({o["domain"] for o in catalog}) >= 6
    assert sorted(ids(catalog)) == sorted(p.stem for p in (REPO / "objectives").glob("*.yaml"))


def test_list_json_fills_every_schema_field(catalog: list[dict]) -> None:
    fields = set(SCHEMA["properties"])
    for objective in catalog:
        assert set(objective) == fields, objective["id"]
        for name in SCHEMA["required"]:
            assert objective[name] not in (None, "", []), f"{objective['id']}.{name} is empty"
        for name in fields - set(SCHEMA["required"]) - OPTIONAL_LISTS:
            assert objective[name] not in (None, ""), f"{objective['id']}.{name} is empty"


def test_list_follows_the_teaching_order_of_csec_yaml(catalog: list[dict]) -> None:
    order = yaml.safe_load((REPO / "csec.yaml").read_text(encoding="utf-8"))["order"]
    assert ids(catalog)[: len(order)] == order


@pytest.mark.parametrize("domain", ["foundations", "identification", "response"])
def test_list_by_domain(cli, catalog: list[dict], domain: str) -> None:
    chosen = listed(cli, "--domain", domain)
    assert chosen, f"no objective in domain {domain}"
    assert ids(chosen) == [o["id"] for o in catalog if o["domain"] == domain]


@pytest.mark.parametrize("audience", ["child-welfare", "probation", "caregiver"])
def test_list_by_audience(cli, catalog: list[dict], audience: str) -> None:
    chosen = listed(cli, "--audience", audience)
    assert chosen
    assert ids(chosen) == [o["id"] for o in catalog if audience in o["audiences"]]


@pytest.mark.parametrize("audience", ["child-welfare", "probation", "caregiver"])
def test_list_required_for(cli, catalog: list[dict], audience: str) -> None:
    chosen = listed(cli, "--required-for", audience)
    assert chosen
    assert ids(chosen) == [o["id"] for o in catalog if audience in o["required_for"]]
    # Required is stricter than written-for: the filters really differ in the standard catalog.
    assert len(chosen) < len(catalog)


def test_list_filters_combine(cli, catalog: list[dict]) -> None:
    chosen = listed(cli, "--domain", "response", "--required-for", "probation")
    expected = [o["id"] for o in catalog if o["domain"] == "response" and "probation" in o["required_for"]]
    assert ids(chosen) == expected
    assert "PROB-01" in expected


def test_list_csv_parses_with_the_csv_module(cli, catalog: list[dict]) -> None:
    run = cli("objectives", "list", "--workspace", REPO, "--format", "csv")
    assert run.exit_code == 0, run.output
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [row["id"] for row in rows] == ids(catalog)
    for row, objective in zip(rows, catalog, strict=True):
        assert row["title"] == objective["title"]
        assert row["statement"] == objective["statement"]  # commas and quotes survive
        assert row["domain"] == objective["domain"]
        assert int(row["minutes"]) == objective["minutes"]
        activity_minutes = sum(a["minutes"] for a in objective["activities"])
        assert int(row["total_minutes"]) == objective["minutes"] + activity_minutes
        assert row["audiences"].split(";") == objective["audiences"]
        assert (row["required_for"].split(";") if row["required_for"] else []) == objective["required_for"]


def test_list_table_shows_every_id(cli, catalog: list[dict]) -> None:
    run = cli("objectives", "list", "--workspace", REPO)
    assert run.exit_code == 0, run.output
    for objective_id in ids(catalog):
        assert objective_id in run.stdout
    assert f"{len(catalog)} objectives" in run.stdout


def test_list_table_with_a_filter_shows_only_those(cli, catalog: list[dict]) -> None:
    run = cli("objectives", "list", "--workspace", REPO, "--domain", "wellness")
    assert run.exit_code == 0, run.output
    wellness = {o["id"] for o in catalog if o["domain"] == "wellness"}
    assert wellness
    for objective_id in ids(catalog):
        assert (objective_id in run.stdout) == (objective_id in wellness), objective_id


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--domain", "nowhere", "unknown domain 'nowhere' (known: foundations, scope,"),
        ("--domain", "identificaton", "unknown domain 'identificaton'; did you mean 'identification'?"),
        ("--audience", "caregivr", "unknown audience 'caregivr'; did you mean 'caregiver'?"),
        ("--required-for", "teachers", "unknown audience 'teachers' (known: child-welfare, probation, caregiver)"),
    ],
)
def test_list_with_an_unknown_choice_is_a_clear_error(cli, option: str, value: str, message: str) -> None:
    run = cli("objectives", "list", "--workspace", REPO, option, value)
    assert run.exit_code == 1
    assert run.stderr.startswith(f"error: {message}")
    assert run.stdout == ""
    assert "Traceback" not in run.output


def test_list_refuses_a_workspace_with_a_broken_objective(cli, workspace: Path) -> None:
    path = workspace / "objectives" / "IND-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nminutes: ", "\nminutes: x", 1), encoding="utf-8")
    run = cli("objectives", "list", "--workspace", workspace, "--format", "json", cwd=workspace)
    assert run.exit_code == 1
    assert run.stdout == ""
    assert "objectives/IND-01.yaml:" in run.stderr
    assert ": error: minutes: expected a whole number, found text" in run.stderr


# --- show ------------------------------------------------------------------------------------


def test_show_as_text(cli, catalog: list[dict]) -> None:
    run = cli("objectives", "show", "DEF-01", "--workspace", REPO)
    assert run.exit_code == 0, run.output
    objective = next(o for o in catalog if o["id"] == "DEF-01")
    text = " ".join(run.stdout.split())  # the terminal wraps long lines
    assert f"DEF-01 v{objective['version']}: {objective['title']}" in text
    assert " ".join(objective["statement"].split()) in text
    for heading in ("Key points", "Slides", "Knowledge check", "References"):
        assert heading in run.stdout
    for slide in objective["slides"]:
        assert slide["title"] in text
    for check in objective["knowledge_check"]:
        assert f"Answer: {' '.join(check['answer'].split())}" in text


def test_show_as_json_is_the_listed_objective(cli, catalog: list[dict]) -> None:
    run = cli("objectives", "show", "DEF-01", "--workspace", REPO, "--format", "json")
    assert run.exit_code == 0, run.output
    assert json.loads(run.stdout) == next(o for o in catalog if o["id"] == "DEF-01")


def test_show_accepts_a_lower_case_id(cli) -> None:
    run = cli("objectives", "show", "def-01", "--workspace", REPO, "--format", "json")
    assert run.exit_code == 0, run.output
    assert json.loads(run.stdout)["id"] == "DEF-01"


@pytest.mark.parametrize(("typed", "suggested"), [("DEF-1", "DEF-01"), ("SCREEN-02", "SCREEN-01")])
def test_show_unknown_id_suggests_a_close_one(cli, typed: str, suggested: str) -> None:
    run = cli("objectives", "show", typed, "--workspace", REPO)
    assert run.exit_code == 1
    assert run.stderr.strip() == f"error: no objective '{typed}' in the catalog; did you mean '{suggested}'?"
    assert run.stdout == ""


def test_show_without_an_id_is_a_usage_error(cli) -> None:
    run = cli("objectives", "show", "--workspace", REPO)
    assert run.exit_code == 2, run.output
    assert "Missing argument 'ID'" in run.output
    assert "internal error" not in run.output


def test_list_with_an_unknown_format_is_a_usage_error(cli) -> None:
    run = cli("objectives", "list", "--workspace", REPO, "--format", "yaml")
    assert run.exit_code == 2, run.output
    assert "'yaml' is not one of" in run.output
    assert "internal error" not in run.output


# --- outside any workspace -------------------------------------------------------------------


def test_list_in_an_empty_folder_prints_the_bundled_catalog(tmp_path: Path, catalog: list[dict]) -> None:
    result = run_csec_builder("objectives", "list", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout) == catalog
    assert list(tmp_path.iterdir()) == []
