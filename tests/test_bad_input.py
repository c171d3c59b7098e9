"""Bad input never crashes csec-builder: every mistake becomes a `path:line:col: error:` line.

Each test breaks one file in a private copy of the standard workspace the way a person editing
YAML might, runs `csec-builder validate` from the workspace folder, and checks that the report
names the file, the line (and usually the column) of the offending key or value, and exits 1,
with no traceback.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import REPO, copy_workspace, edit, line_of, objectives, read_yaml, run_csec_builder

DEF_01 = "objectives/DEF-01.yaml"
STANDARD_VERSION = read_yaml(REPO / "csec.yaml")["standard"]["version"]
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.+)$")
SUMMARY_LINE = re.compile(r"^Checked \d+ objectives? and \d+ contractors? in .+: .+\.$")


# --- helpers ---------------------------------------------------------------------------------


def col_of(text: str, needle: str, within: str | None = None) -> int:
    """The 1-based column where `needle` starts on the first line containing `within` (or `needle`)."""
    line = text.splitlines()[line_of(text, within or needle) - 1]
    return line.index(needle) + 1


def validate(cli, ws: Path, *options: str) -> Any:
    """`csec-builder validate` run from inside the workspace, expected to find errors."""
    run = cli("validate", "--workspace", ws, *options, cwd=ws)
    assert run.exit_code == 1, run.output
    assert "Traceback" not in run.output
    return run


def assert_reports(run: Any, path: str, line: int, message: str, col: int | None = None) -> None:
    """The output has `path:line:col: error: ...message...` (any column when `col` is None)."""
    column = str(col) if col is not None else r"\d+"
    pattern = rf"^{re.escape(path)}:{line}:{column}: error: .*{re.escape(message)}"
    assert re.search(pattern, run.output, re.MULTILINE), f"expected {path}:{line}:{col}: ...{message}\n{run.output}"


def assert_every_line_is_a_problem_or_summary(output: str) -> None:
    for line in output.splitlines():
        assert PROBLEM_LINE.match(line) or SUMMARY_LINE.match(line), f"unexpected output line: {line!r}"


# --- YAML that cannot be read ----------------------------------------------------------------


def test_malformed_yaml_points_at_the_line(cli, workspace: Path) -> None:
    # An unquoted colon inside a value is the classic YAML mistake.
    text = edit(workspace / DEF_01, "title: Defining commercial", "title: Defining: commercial")
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, line_of(text, "title: Defining:"), "invalid YAML: mapping values are not allowed")


def test_tab_indented_file_asks_for_spaces(cli, workspace: Path) -> None:
    path = workspace / DEF_01
    text = re.sub(r"(?m)^((?:  )+)", lambda m: "\t" * (len(m.group(1)) // 2), path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    first_tab = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("\t"))
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, first_tab, "tab character found: YAML must be indented with spaces, not tabs", col=1)


@pytest.mark.parametrize(
    "content",
    ["", "\n\n", "# yaml-language-server: $schema=../schemas/objective.schema.json\n"],
    ids=["nothing", "blank-lines", "only-a-comment"],
)
def test_empty_file(cli, workspace: Path, content: str) -> None:
    (workspace / DEF_01).write_text(content, encoding="utf-8")
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, 1, "file is empty: expected a mapping of fields", col=1)


def test_a_list_instead_of_a_mapping(cli, workspace: Path) -> None:
    (workspace / DEF_01).write_text("- id: DEF-01\n- version: 1\n", encoding="utf-8")
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, 1, "an objective file must be a mapping of fields, found a list", col=1)


def test_a_contractor_that_is_plain_text(cli, workspace: Path) -> None:
    (workspace / "contractors/bay-area-academy.yaml").write_text("Bay Area Academy\n", encoding="utf-8")
    run = validate(cli, workspace)
    message = "a contractor file must be a mapping of fields, found text"
    assert_reports(run, "contractors/bay-area-academy.yaml", 1, message, col=1)


def test_non_utf8_bytes_point_at_the_byte(cli, workspace: Path) -> None:
    path = workspace / DEF_01
    raw = path.read_bytes()
    assert b"title: Defining" in raw
    path.write_bytes(raw.replace(b"title: Defining", b"title: D\xe9fining", 1))  # Latin-1 e-acute
    text = raw.decode("utf-8")
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, line_of(text, "title: Defining"), "not valid UTF-8 text (byte 0xe9)", col=9)


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\ufffe"], ids=["nul", "bell", "escape", "non-char"])
def test_control_characters_are_reported_not_crashed_on(cli, workspace: Path, character: str) -> None:
    text = edit(workspace / DEF_01, "title: Defining", f"title: Def{character}ining")
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, line_of(text, "title: Def"), "is not allowed in YAML text", col=11)


def test_file_over_one_megabyte_is_refused(cli, workspace: Path) -> None:
    path = workspace / DEF_01
    path.write_text(path.read_text(encoding="utf-8") + "# padding\n" * 110_000, encoding="utf-8")
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, 1, "the limit is 1,000,000 (1 MB)", col=1)


BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_alias_bomb_is_refused(cli, workspace: Path) -> None:
    (workspace / DEF_01).write_text(BILLION_LAUGHS, encoding="utf-8")
    run = validate(cli, workspace)
    assert re.search(rf"^{re.escape(DEF_01)}:\d+:\d+: error: .*too many aliases", run.output, re.MULTILINE), run.output


def test_alias_that_refers_to_itself_is_refused(cli, workspace: Path) -> None:
    text = edit(workspace / DEF_01, "key_points:\n", "key_points: &loop\n  - *loop\nold_key_points:\n")
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, line_of(text, "key_points: &loop"), "nested more than")


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system", "!!python/object/new:os.system", "!!python/object/apply:subprocess.call"],
)
def test_python_tags_are_refused_and_never_run(cli, workspace: Path, tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "marker-created-by-yaml"
    command = f'["touch {marker}"]' if tag.endswith("os.system") else f'[["touch", "{marker}"]]'
    version = objectives(workspace)["DEF-01"]["version"]
    text = edit(workspace / DEF_01, f"\nversion: {version}\n", f"\nversion: {tag} {command}\n")
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, line_of(text, "version: !!python"), f"unsupported tag {tag}", col=10)
    assert not marker.exists(), "the YAML tag ran a command"


def test_duplicate_key_names_both_lines(cli, workspace: Path) -> None:
    text = edit(workspace / DEF_01, "minutes: 15\n", "minutes: 15\nminutes: 20\n")
    first = line_of(text, "minutes: 15")
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, first + 1, f"duplicate key 'minutes' (first used on line {first})", col=1)


# --- YAML that reads but does not fit the schema ---------------------------------------------


def test_wrong_type_points_at_the_value(cli, workspace: Path) -> None:
    text = edit(workspace / DEF_01, "minutes: 15\n", 'minutes: "twenty"\n')
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, line_of(text, 'minutes: "twenty"'), "minutes: expected a whole number, found text", 10)


def test_missing_required_field(cli, workspace: Path) -> None:
    path = workspace / DEF_01
    text, removed = re.subn(r"(?m)^statement:.*\n(?:  .*\n)*", "", path.read_text(encoding="utf-8"))
    assert removed == 1
    path.write_text(text, encoding="utf-8")
    run = validate(cli, workspace)
    # A field that is not there is reported where the mapping that lacks it starts.
    assert_reports(run, DEF_01, line_of(text, "id: DEF-01"), "statement: missing required field", col=1)


def test_unknown_key_suggests_the_right_one(cli, workspace: Path) -> None:
    text = edit(workspace / DEF_01, "title: Defining", "titel: Defining")
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, line_of(text, "titel:"), "unknown field 'titel'; did you mean 'title'?", col=1)
    assert_reports(run, DEF_01, line_of(text, "id: DEF-01"), "title: missing required field")


def test_unknown_key_in_a_slide_names_the_slide(cli, workspace: Path) -> None:
    text = edit(workspace / DEF_01, "  - title: What we mean by CSEC", "  - titel: What we mean by CSEC")
    run = validate(cli, workspace)
    line = line_of(text, "titel: What we mean")
    assert_reports(run, DEF_01, line, "slides[0]: unknown field 'titel'; did you mean 'title'?", col=5)


def test_duplicate_id_in_two_files(cli, workspace: Path) -> None:
    # Copying a file to start a new objective and forgetting to change its id.
    text = (workspace / DEF_01).read_text(encoding="utf-8")
    (workspace / "objectives/DEF-02.yaml").write_text(text, encoding="utf-8")
    run = validate(cli, workspace)
    id_line = line_of(text, "id: DEF-01")
    assert_reports(run, "objectives/DEF-02.yaml", id_line, "duplicate objective id 'DEF-01' (also in DEF-01.yaml)", 5)
    assert_reports(run, "objectives/DEF-02.yaml", id_line, "id 'DEF-01' does not match the file name 'DEF-02.yaml'")


def test_same_id_as_yaml_and_yml(cli, workspace: Path) -> None:
    text = (workspace / DEF_01).read_text(encoding="utf-8")
    (workspace / "objectives/DEF-01.yml").write_text(text, encoding="utf-8")
    run = validate(cli, workspace)
    assert_reports(run, "objectives/DEF-01.yml", line_of(text, "id: DEF-01"), "duplicate objective id 'DEF-01'")


def test_id_that_differs_from_the_file_name(cli, workspace: Path) -> None:
    text = edit(workspace / DEF_01, "id: DEF-01", "id: DEF-09")
    run = validate(cli, workspace)
    line = line_of(text, "id: DEF-09")
    assert_reports(run, DEF_01, line, "id 'DEF-09' does not match the file name 'DEF-01.yaml'", col=5)


def test_domain_not_declared_in_csec_yaml(cli, workspace: Path) -> None:
    text = edit(workspace / DEF_01, "domain: foundations", "domain: foundation")
    run = validate(cli, workspace)
    line, col = line_of(text, "domain: foundation"), col_of(text, "foundation", within="domain: foundation")
    assert_reports(run, DEF_01, line, "domain: 'foundation' is not declared in csec.yaml", col=col)


def test_audience_not_declared_in_csec_yaml(cli, workspace: Path) -> None:
    old = "audiences: [child-welfare, probation, caregiver]"
    text = edit(workspace / DEF_01, old, "audiences: [child-welfare, probation, caregiver, teachers]")
    run = validate(cli, workspace)
    line, col = line_of(text, "teachers"), col_of(text, "teachers")
    assert_reports(run, DEF_01, line, "audiences: 'teachers' is not declared in csec.yaml", col=col)


def test_contractor_audience_not_declared(cli, workspace: Path) -> None:
    path = workspace / "contractors/bay-area-academy.yaml"
    text = edit(path, "audience: child-welfare", "audience: child-welfar")
    run = validate(cli, workspace)
    line = line_of(text, "audience: child-welfar")
    assert_reports(run, "contractors/bay-area-academy.yaml", line, "audience: 'child-welfar' is not declared")


def test_contractor_naming_an_unknown_objective_gets_a_suggestion(cli, workspace: Path) -> None:
    path = workspace / "contractors/northern-california-training-academy.yaml"
    text = edit(path, "  - LAW-02\n", "  - LAW-2\n")
    run = validate(cli, workspace)
    line = line_of(text, "  - LAW-2")
    message = "unknown objective 'LAW-2'; did you mean 'LAW-02'?"
    assert_reports(run, "contractors/northern-california-training-academy.yaml", line, message, col=5)


# --- csec.yaml --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("standard:\n", "standard: [\n", None, "invalid YAML"),
        ("domains:\n", "domians:\n", "domians:", "unknown field 'domians'; did you mean 'domains'?"),
        (
            f'version: "{STANDARD_VERSION}"',
            "version: 1.0",
            "version: 1.0",
            "standard.version: expected text, found a number",
        ),
    ],
    ids=["malformed", "typo", "unquoted-version"],
)
def test_broken_csec_yaml(cli, workspace: Path, old: str, new: str, needle: str | None, message: str) -> None:
    text = edit(workspace / "csec.yaml", old, new)
    run = validate(cli, workspace)
    if needle:
        assert_reports(run, "csec.yaml", line_of(text, needle), message)
    else:
        assert re.search(rf"^csec\.yaml:\d+:\d+: error: {re.escape(message)}", run.output, re.MULTILINE), run.output
    listed = cli("objectives", "list", "--workspace", workspace, cwd=workspace)
    assert listed.exit_code == 1
    assert "csec.yaml:" in listed.stderr
    assert "Traceback" not in listed.output


# --- everything at once ----------------------------------------------------------------------


def test_all_problems_are_reported_in_one_run(cli, workspace: Path) -> None:
    def_01 = edit(workspace / DEF_01, "minutes: 15\n", 'minutes: "twenty"\n')
    law_01 = edit(workspace / "objectives/LAW-01.yaml", "title: The legal", "titel: The legal")
    contractor = "contractors/northern-california-training-academy.yaml"
    northern = edit(workspace / contractor, "  - SCOPE-01\n", "  - SCOPE-1\n")
    run = validate(cli, workspace)
    assert_reports(run, DEF_01, line_of(def_01, 'minutes: "twenty"'), "minutes: expected a whole number")
    assert_reports(run, "objectives/LAW-01.yaml", line_of(law_01, "titel:"), "did you mean 'title'?")
    assert_reports(run, contractor, line_of(northern, "SCOPE-1"), "unknown objective 'SCOPE-1'")
    summary = run.stdout.strip().splitlines()[-1]
    errors = int(re.search(r"(\d+) errors?", summary).group(1))
    assert errors == sum(": error: " in line for line in run.stdout.splitlines())
    assert errors >= 3
    assert_every_line_is_a_problem_or_summary(run.stdout)


def test_a_real_process_with_many_broken_files_prints_no_traceback(workspace: Path, tmp_path: Path) -> None:
    """Run as a user would: several hostile files at once, including nesting deep enough to crash
    a YAML parser that recurses without limit (so this runs in its own process)."""
    marker = tmp_path / "marker"
    files = {
        "objectives/DEF-01.yaml": b"\xff\xfe\x00junk\x80",
        "objectives/LAW-01.yaml": BILLION_LAUGHS.encode(),
        "objectives/LAW-02.yaml": f'id: !!python/object/apply:os.system ["touch {marker}"]\n'.encode(),
        "objectives/SCOPE-01.yaml": b"key_points: " + b"[" * 200_000 + b"\n",
        "objectives/RISK-01.yaml": b"- " * 200_000 + b"x\n",
        "contractors/bay-area-academy.yaml": b"\tid: bay-area-academy\n",
    }
    for name, data in files.items():
        (workspace / name).write_bytes(data)
    result = run_csec_builder("validate", cwd=workspace)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    assert_every_line_is_a_problem_or_summary(result.stdout)
    for name in files:
        assert re.search(rf"^{re.escape(name)}:\d+:\d+: error: ", result.stdout, re.MULTILINE), name
    assert re.search(r"^objectives/SCOPE-01\.yaml:1:\d+: error: values are nested more than", result.stdout, re.M)
    assert not marker.exists()


# --- random input ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One workspace copy whose DEF-01.yaml the property tests overwrite example after example."""
    return copy_workspace(tmp_path_factory.mktemp("fuzz") / "ws")


ORIGINAL_DEF_01 = (REPO / DEF_01).read_bytes()
YAML_CHARACTERS = [*"abcdeiklmnopstuvx019 :-[]{}&*!|>'\"#?,.%@`~\n\t\\<=é", "\x07", "\ufeff"]
YAMLISH = st.text(alphabet=YAML_CHARACTERS, max_size=60)


def _check_problem_lines(run: Any, data: bytes) -> None:
    assert "Traceback" not in run.output
    assert run.stderr == ""
    assert_every_line_is_a_problem_or_summary(run.stdout)
    # str.splitlines() breaks on every character YAML counts as a line break (and a few more).
    lines_in_file = len(data.decode("utf-8", "replace").splitlines()) + 1
    for match in map(PROBLEM_LINE.match, run.stdout.splitlines()):
        if match and match["path"] == DEF_01:
            assert 1 <= int(match["line"]) <= lines_in_file + 1, match.group(0)
            assert int(match["col"]) >= 1


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), YAMLISH.map(lambda s: s.encode("utf-8"))))
def test_random_junk_is_always_a_positioned_error(cli, scratch: Path, data: bytes) -> None:
    (scratch / DEF_01).write_bytes(data)
    run = cli("validate", "--workspace", scratch, cwd=scratch)
    assert run.exit_code == 1, run.output
    _check_problem_lines(run, data)
    assert re.search(rf"^{re.escape(DEF_01)}:\d+:\d+: error: ", run.stdout, re.MULTILINE), run.stdout


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.integers(0, len(ORIGINAL_DEF_01)),
    cut=st.integers(0, 40),
    insert=st.one_of(st.binary(max_size=20), YAMLISH.map(lambda s: s.encode("utf-8"))),
)
def test_randomly_damaged_objective_never_crashes(cli, scratch: Path, start: int, cut: int, insert: bytes) -> None:
    data = ORIGINAL_DEF_01[:start] + insert + ORIGINAL_DEF_01[start + cut :]
    (scratch / DEF_01).write_bytes(data)
    run = cli("validate", "--workspace", scratch, cwd=scratch)
    # Some damage is harmless (inside a comment or a note); the rest must be reported, never crash.
    assert run.exit_code in (0, 1), run.output
    _check_problem_lines(run, data)
    if run.exit_code == 1:
        assert ": error: " in run.stdout
