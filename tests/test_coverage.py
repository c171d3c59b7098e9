"""`csec-builder coverage` on contractor profiles: exit status and every report format.

Expected values come from the workspace YAML itself (read here with PyYAML), not from csec-builder,
so the reports are checked against what the files really say.
"""

from __future__ import annotations

import csv
import io
import json
import re
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from .conftest import chromium_command
from .helpers import contractors, edit, objectives, read_yaml, required_for, taught_by, total_minutes

NORTHERN = "northern-california-training-academy"  # explicit list of objective ids
BAY_AREA = "bay-area-academy"  # mapping form: include_required
STATUSES = {"covered", "missing", "extra", "outdated", "unknown", "none"}


# --- what the workspace files say ---------------------------------------------------------


def teaching_order(ws: Path) -> list[str]:
    return read_yaml(ws / "csec.yaml")["order"]


def assert_in_teaching_order(ws: Path, ids: list[str]) -> None:
    order = teaching_order(ws)
    listed = [i for i in ids if i in order]
    assert listed == sorted(listed, key=order.index)


# --- changing the workspace copy ---------------------------------------------------------


def drop_from_list(ws: Path, contractor_id: str, objective_id: str) -> None:
    edit(ws / "contractors" / f"{contractor_id}.yaml", f"\n  - {objective_id}\n", "\n")


def add_to_list(ws: Path, contractor_id: str, objective_id: str) -> None:
    path = ws / "contractors" / f"{contractor_id}.yaml"
    text, count = re.subn(r"(?m)^objectives:\n(?:  - .*\n)+", rf"\g<0>  - {objective_id}\n", path.read_text())
    assert count == 1, f"{path.name} has no explicit list of objectives"
    path.write_text(text)


def exclude_in_mapping(ws: Path, contractor_id: str, objective_id: str) -> None:
    edit(
        ws / "contractors" / f"{contractor_id}.yaml",
        "  include_required: true\n",
        f"  include_required: true\n  exclude: [{objective_id}]\n",
    )


@pytest.fixture
def missing_ws(workspace: Path) -> Path:
    """The standard workspace with IND-01 dropped from one contractor's explicit list and, so that
    some objective is extra whatever the catalog requires, an objective its audience need not take added."""
    drop_from_list(workspace, NORTHERN, "IND-01")
    audience = contractors(workspace)[NORTHERN]["audience"]
    add_to_list(workspace, NORTHERN, min(set(objectives(workspace)) - required_for(workspace, audience)))
    return workspace


def coverage_json(cli, ws: Path, *args: str) -> tuple[int, dict]:
    run = cli("coverage", "--workspace", ws, "--format", "json", *args)
    return run.exit_code, json.loads(run.stdout)


def detail_line(table: str, contractor_id: str) -> str:
    lines = [line for line in table.splitlines() if line.startswith(f"{contractor_id}: ")]
    assert len(lines) == 1, table
    return lines[0]


def block_of(report: str, contractor_id: str) -> dict[str, list[str]]:
    """A contractor's block in the plain report: the symbol (or 'audience') -> what that line lists."""
    lines = report.splitlines()
    block: dict[str, list[str]] = {}
    for line in lines[lines.index(detail_line(report, contractor_id)) + 1 :]:
        if not line.startswith("  "):
            break
        label, _, items = line.strip().partition(": ")
        block[label.split()[0]] = items.split(", ")
    return block


# --- exit status --------------------------------------------------------------------------


def test_standard_workspace_covers_everything(cli, workspace):
    run = cli("coverage", "--workspace", workspace)
    assert run.exit_code == 0, run.output
    assert run.stderr == ""
    for contractor_id in contractors(workspace):
        assert detail_line(run.stdout, contractor_id).startswith(f"{contractor_id}: OK: ")
        block = block_of(run.stdout, contractor_id)
        assert "✗" not in block
        assert block["✓"], "every sample contractor covers required objectives"

    code, data = coverage_json(cli, workspace)
    assert code == 0
    assert data["ok"] is True
    assert sorted(row["id"] for row in data["contractors"]) == sorted(contractors(workspace))
    assert all(row["ok"] and row["missing_required"] == [] for row in data["contractors"])


def test_dropping_a_required_objective_from_an_explicit_list_fails_the_table(cli, missing_ws):
    run = cli("coverage", "--workspace", missing_ws)
    assert run.exit_code == 1, run.output
    line = detail_line(run.stdout, NORTHERN)
    assert line.startswith(f"{NORTHERN}: MISSING: ")
    assert "missing IND-01" in line
    block = block_of(run.stdout, NORTHERN)
    assert block["✗"] == ["IND-01"]
    assert "IND-01" not in block["✓"]
    for other in set(contractors(missing_ws)) - {NORTHERN}:
        assert detail_line(run.stdout, other).startswith(f"{other}: OK: ")


def test_dropping_a_required_objective_from_an_explicit_list_fails_the_json(cli, missing_ws):
    code, data = coverage_json(cli, missing_ws)
    assert code == 1
    assert data["ok"] is False
    rows = {row["id"]: row for row in data["contractors"]}
    assert rows[NORTHERN]["missing_required"] == ["IND-01"]
    assert rows[NORTHERN]["ok"] is False
    assert "IND-01" not in rows[NORTHERN]["covered"]
    assert [i for i, row in rows.items() if not row["ok"]] == [NORTHERN]


def test_excluding_a_required_objective_in_the_mapping_form_fails(cli, workspace):
    exclude_in_mapping(workspace, BAY_AREA, "IND-01")

    run = cli("coverage", BAY_AREA, "--workspace", workspace)
    assert run.exit_code == 1, run.output
    assert "missing IND-01" in detail_line(run.stdout, BAY_AREA)

    code, data = coverage_json(cli, workspace, BAY_AREA)
    assert code == 1
    assert [row["id"] for row in data["contractors"]] == [BAY_AREA]
    assert data["contractors"][0]["missing_required"] == ["IND-01"]

    # Only the contractors asked about decide the exit status.
    code, data = coverage_json(cli, workspace, "public-child-welfare-training-academy")
    assert code == 0
    assert data["ok"] is True


def test_unknown_contractor_is_a_clear_error(cli, workspace):
    run = cli("coverage", "bay-area-acadmy", "--workspace", workspace)
    assert run.exit_code == 1
    assert run.stdout == ""
    assert "unknown contractor 'bay-area-acadmy'" in run.stderr
    assert "Traceback" not in run.output


# --- JSON ---------------------------------------------------------------------------------


def test_json_has_the_documented_shape_and_consistent_sets(cli, missing_ws):
    exclude_in_mapping(missing_ws, BAY_AREA, "LANG-01")
    code, data = coverage_json(cli, missing_ws)
    assert code == 1

    assert set(data) == {"standard", "ok", "contractors"}
    standard = read_yaml(missing_ws / "csec.yaml")["standard"]
    assert data["standard"] == {"name": standard["name"], "version": standard["version"]}
    assert isinstance(data["ok"], bool)
    assert isinstance(data["contractors"], list)

    profiles = contractors(missing_ws)
    assert sorted(row["id"] for row in data["contractors"]) == sorted(profiles)
    for row in data["contractors"]:
        assert {"id", "audience", "covered", "missing_required", "extra", "outdated", "ok"} <= set(row)
        assert isinstance(row["id"], str) and isinstance(row["audience"], str)
        assert isinstance(row["ok"], bool)
        for key in ("covered", "missing_required", "extra", "outdated"):
            assert isinstance(row[key], list) and all(isinstance(i, str) for i in row[key])
            assert len(set(row[key])) == len(row[key]), f"{key} repeats an id"

        profile = profiles[row["id"]]
        assert row["audience"] == profile["audience"]
        required = required_for(missing_ws, profile["audience"])
        taught = taught_by(missing_ws, profile)
        assert not set(row["covered"]) & set(row["missing_required"])
        assert set(row["covered"]) | set(row["missing_required"]) == required
        assert set(row["covered"]) == required & taught
        assert set(row["missing_required"]) == required - taught
        assert set(row["extra"]) == taught - required
        assert row["outdated"] == []  # nothing built in this workspace copy
        assert row["ok"] is (not row["missing_required"])
        for key in ("covered", "missing_required", "extra"):
            assert_in_teaching_order(missing_ws, row[key])

    failing = {row["id"]: row["missing_required"] for row in data["contractors"] if not row["ok"]}
    assert failing == {NORTHERN: ["IND-01"], BAY_AREA: ["LANG-01"]}
    assert data["ok"] is False


# --- JUnit --------------------------------------------------------------------------------


def test_junit_is_valid_with_one_case_per_required_objective(cli, missing_ws):
    exclude_in_mapping(missing_ws, BAY_AREA, "LANG-01")
    run = cli("coverage", "--workspace", missing_ws, "--format", "junit")
    assert run.exit_code == 1, run.output
    root = ET.fromstring(run.stdout.encode("utf-8"))
    assert root.tag == "testsuites"

    profiles = contractors(missing_ws)
    expected_missing = {(NORTHERN, "IND-01"), (BAY_AREA, "LANG-01")}
    cases, failed = set(), set()
    suites = root.findall("testsuite")
    assert sorted(s.get("name") for s in suites) == sorted(profiles)
    for suite in suites:
        contractor_id = suite.get("name")
        suite_cases = suite.findall("testcase")
        ids = [case.get("name").split(":")[0] for case in suite_cases]
        assert sorted(ids) == sorted(required_for(missing_ws, profiles[contractor_id]["audience"]))
        suite_failures = 0
        for objective_id, case in zip(ids, suite_cases, strict=True):
            cases.add((contractor_id, objective_id))
            failures = case.findall("failure")
            assert len(failures) <= 1
            if failures:
                suite_failures += 1
                failed.add((contractor_id, objective_id))
                assert contractor_id in failures[0].get("message")
                assert objective_id in failures[0].get("message")
        assert int(suite.get("tests")) == len(suite_cases)
        assert int(suite.get("failures")) == suite_failures

    assert len(cases) == sum(len(required_for(missing_ws, p["audience"])) for p in profiles.values())
    assert failed == expected_missing
    assert int(root.get("tests")) == len(cases)
    assert int(root.get("failures")) == len(expected_missing)
    assert len(root.findall(".//testcase")) == len(cases)


def test_junit_passes_on_the_standard_workspace(cli, workspace):
    run = cli("coverage", "--workspace", workspace, "--format", "junit")
    assert run.exit_code == 0
    root = ET.fromstring(run.stdout.encode("utf-8"))
    assert root.findall(".//failure") == []
    assert int(root.get("failures")) == 0
    assert int(root.get("tests")) == len(root.findall(".//testcase")) > 0


# --- CSV and Markdown ---------------------------------------------------------------------


def test_csv_lists_each_contractor_objective_pair(cli, missing_ws):
    run = cli("coverage", "--workspace", missing_ws, "--format", "csv")
    assert run.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert rows, run.stdout
    catalog = objectives(missing_ws)
    profiles = contractors(missing_ws)
    by_status: dict[str, set[tuple[str, str]]] = {}
    for row in rows:
        by_status.setdefault(row["status"], set()).add((row["contractor"], row["objective"]))
        profile = profiles[row["contractor"]]
        objective = catalog[row["objective"]]
        assert row["audience"] == profile["audience"]
        assert row["title"] == objective["title"]
        assert row["required"] == ("yes" if profile["audience"] in objective.get("required_for", []) else "no")
        assert row["catalog_version"] == str(objective["version"])
        assert row["minutes"] == str(total_minutes(objective))

    assert by_status.pop("missing") == {(NORTHERN, "IND-01")}
    expected_covered = set()
    expected_extra = set()
    for contractor_id, profile in profiles.items():
        required = required_for(missing_ws, profile["audience"])
        taught = taught_by(missing_ws, profile)
        expected_covered |= {(contractor_id, i) for i in required & taught}
        expected_extra |= {(contractor_id, i) for i in taught - required}
    assert by_status.pop("covered") == expected_covered
    assert by_status.pop("extra") == expected_extra
    assert by_status == {}


def test_markdown_has_one_table_row_per_contractor(cli, missing_ws):
    run = cli("coverage", "--workspace", missing_ws, "--format", "markdown")
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    header = next(line for line in lines if line.startswith("| Contractor |"))
    columns = header.count("|")
    catalog = objectives(missing_ws)
    assert all(f"| {i} |" in header for i in catalog)
    for contractor_id in contractors(missing_ws):
        escaped = contractor_id.replace("_", "\\_")
        rows = [line for line in lines if line.startswith(f"| {escaped} |")]
        assert len(rows) == 1, run.stdout
        assert rows[0].count("|") == columns
        if contractor_id == NORTHERN:
            assert rows[0].endswith("| MISSING |")
            assert rows[0].count("✗") == 1
        else:
            assert rows[0].endswith("| OK |")
            assert "✗" not in rows[0]


# --- --output -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html", "junit"])
def test_output_file_holds_the_report_and_exit_status_still_counts(cli, missing_ws, tmp_path, fmt):
    on_stdout = cli("coverage", "--workspace", missing_ws, "--format", fmt)
    target = tmp_path / "reports" / "nested" / f"coverage.{fmt}"
    run = cli("coverage", "--workspace", missing_ws, "--format", fmt, "--output", target)
    assert run.exit_code == on_stdout.exit_code == 1, run.output
    assert run.stdout == ""
    assert target.name in run.stderr
    assert target.read_text(encoding="utf-8") == on_stdout.stdout
    assert NORTHERN in on_stdout.stdout


def test_output_file_on_a_covering_workspace_exits_zero(cli, workspace, tmp_path):
    target = tmp_path / "coverage.json"
    run = cli("coverage", "--workspace", workspace, "--format", "json", "--output", target)
    assert run.exit_code == 0, run.output
    assert run.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["ok"] is True


# --- HTML in a real browser ---------------------------------------------------------------


class MatrixParser(HTMLParser):
    """Rows of table#matrix: contractor id -> [(objective, status, class)]; plus #overall."""

    def __init__(self) -> None:
        super().__init__()
        self.in_matrix = False
        self.row: str | None = None
        self.rows: dict[str, list[tuple[str, str, str]]] = {}
        self.overall: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and a.get("id") == "matrix":
            self.in_matrix = True
        elif tag == "p" and a.get("id") == "overall":
            self.overall = a
        elif self.in_matrix and tag == "tr" and "data-contractor" in a:
            self.row = a["data-contractor"]
            assert self.row not in self.rows, f"two rows for {self.row}"
            self.rows[self.row] = []
        elif self.in_matrix and self.row and tag == "td" and "data-status" in a:
            self.rows[self.row].append((a["data-objective"], a["data-status"], a.get("class", "")))

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_matrix = False
        elif tag == "tr":
            self.row = None


def run_chromium(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*chromium_command(chromium, profile), *args], capture_output=True, timeout=120, check=True)


def write_html(cli, ws: Path, target: Path) -> None:
    run = cli("coverage", "--workspace", ws, "--format", "html", "--output", target)
    assert run.exit_code == 1, run.output
    assert target.is_file()


@pytest.mark.chromium
def test_html_report_renders_in_chromium_at_the_window_size(cli, missing_ws, tmp_path, chromium):
    report = tmp_path / "coverage.html"
    write_html(cli, missing_ws, report)
    png = tmp_path / "coverage.png"
    run_chromium(chromium, tmp_path / "profile", f"--screenshot={png}", "--window-size=1400,900", report.as_uri())
    assert png.is_file()
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1400, 900)
    assert len(data) > 20_000, "a blank page compresses far smaller than a rendered matrix"


@pytest.mark.chromium
def test_html_matrix_in_the_rendered_dom(cli, missing_ws, tmp_path, chromium):
    report = tmp_path / "coverage.html"
    write_html(cli, missing_ws, report)
    dom = run_chromium(chromium, tmp_path / "profile", "--dump-dom", report.as_uri()).stdout.decode("utf-8")
    parser = MatrixParser()
    parser.feed(dom)

    assert parser.overall.get("data-ok") == "false"
    profiles = contractors(missing_ws)
    catalog = objectives(missing_ws)
    assert sorted(parser.rows) == sorted(profiles)
    for contractor_id, cells in parser.rows.items():
        assert sorted(objective for objective, _, _ in cells) == sorted(catalog)
        for _, status, css in cells:
            assert status in STATUSES
            assert css == status
        profile = profiles[contractor_id]
        required = required_for(missing_ws, profile["audience"])
        taught = taught_by(missing_ws, profile)
        status_of = {objective: status for objective, status, _ in cells}
        assert {i for i, s in status_of.items() if s == "covered"} == required & taught
        assert {i for i, s in status_of.items() if s == "extra"} == taught - required
        assert {i for i, s in status_of.items() if s == "missing"} == required - taught
        assert {i for i, s in status_of.items() if s == "none"} == set(catalog) - required - taught
    missing = {(c, o) for c, cells in parser.rows.items() for o, s, _ in cells if s == "missing"}
    assert missing == {(NORTHERN, "IND-01")}


def test_a_contractor_file_that_does_not_load_shows_in_every_format(workspace: Path, cli) -> None:
    (workspace / "contractors" / "broken.yaml").write_text("id: broken\nname: [unclosed\n")
    table = cli("coverage", "--workspace", workspace)
    assert table.exit_code == 1
    assert "contractors/broken.yaml:3:1: error: invalid YAML" in table.stderr
    junit = cli("coverage", "--workspace", workspace, "--format", "junit")
    root = ET.fromstring(junit.stdout)
    assert root.get("errors") == "1"
    errored = [case for case in root.iter("testcase") if case.find("error") is not None]
    assert len(errored) == 1 and "broken.yaml" in errored[0].get("name")
    markdown = cli("coverage", "--workspace", workspace, "--format", "markdown")
    assert "1 problem in input files" in markdown.stdout


def test_a_broken_coverage_template_is_a_clear_error(workspace: Path, cli, tmp_path: Path) -> None:
    (workspace / "templates" / "coverage" / "coverage.html.j2").write_text("<p>{{ report.nope() }}</p>\n")
    run = cli("coverage", "--workspace", workspace, "--format", "html", "--output", tmp_path / "c.html")
    assert run.exit_code == 1
    assert "coverage.html.j2:1:1: error: template error:" in run.stderr
    assert "Traceback" not in run.output and "internal error" not in run.output
    assert not (tmp_path / "c.html").exists()
