"""`csec-builder validate`: one command that checks a whole workspace and says what is wrong.

Covers the three output formats (text, json, github), `--strict`, how the workspace is found, and
that any valid objective a contractor writes comes back out exactly as written.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csec_builder.item_checks import MARKUP, comparable
from csec_builder.models import BLOOM_LEVELS, MAX_VERSION

from .helpers import REPO, edit, line_of, run_csec_builder

OBJECTIVE_FILES = sorted((REPO / "objectives").glob("*.yaml"))
CONTRACTOR_FILES = sorted((REPO / "contractors").glob("*.yaml"))
DEF_01 = "objectives/DEF-01.yaml"
CONFIG = yaml.safe_load((REPO / "csec.yaml").read_text(encoding="utf-8"))
AUDIENCES = [a["id"] for a in CONFIG["audiences"]]
DOMAINS = [d["id"] for d in CONFIG["domains"]]


@pytest.fixture(autouse=True)
def _no_workspace_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CSEC_WORKSPACE", raising=False)


@pytest.fixture
def with_warning(workspace: Path) -> tuple[Path, int]:
    """A workspace whose DEF-01 says "define" (a remember verb) but claims bloom_level "create"."""
    text = edit(workspace / DEF_01, "bloom_level: remember", "bloom_level: create")
    return workspace, line_of(text, "statement:")


@pytest.fixture
def with_error(workspace: Path) -> tuple[Path, int]:
    """A workspace whose DEF-01 names a domain csec.yaml does not declare."""
    text = edit(workspace / DEF_01, "domain: foundations", "domain: foundation")
    return workspace, line_of(text, "domain: foundation")


# --- the standard workspace is clean ---------------------------------------------------------


def test_repo_workspace_has_no_problems(cli) -> None:
    run = cli("validate", "--workspace", REPO)
    assert run.exit_code == 0, run.output
    expected = f"Checked {len(OBJECTIVE_FILES)} objectives and {len(CONTRACTOR_FILES)} contractors in"
    assert expected in run.stdout
    assert run.stdout.rstrip().endswith(": no problems.")
    assert run.stdout.strip().count("\n") == 0, "a clean workspace prints only the summary line"


def test_repo_workspace_as_json(cli) -> None:
    run = cli("validate", "--workspace", REPO, "--format", "json")
    assert run.exit_code == 0, run.output
    report = json.loads(run.stdout)
    assert report["ok"] is True
    assert report["errors"] == 0
    assert report["warnings"] == 0
    assert report["problems"] == []
    assert report["objectives"] == len(OBJECTIVE_FILES)
    assert report["contractors"] == len(CONTRACTOR_FILES)


def test_repo_workspace_as_github_annotations_prints_none(cli) -> None:
    run = cli("validate", "--workspace", REPO, "--format", "github")
    assert run.exit_code == 0, run.output
    assert "::" not in run.stdout


def test_finds_the_workspace_from_a_subfolder(cli, workspace: Path) -> None:
    run = cli("validate", cwd=workspace / "objectives")
    assert run.exit_code == 0, run.output
    assert "no problems" in run.stdout


def test_workspace_from_the_environment(cli, with_error: tuple[Path, int], monkeypatch, tmp_path: Path) -> None:
    ws, line = with_error
    monkeypatch.setenv("CSEC_WORKSPACE", str(ws))
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    run = cli("validate", cwd=empty)
    assert run.exit_code == 1
    assert f"DEF-01.yaml:{line}:" in run.stdout


def test_a_folder_that_is_not_a_workspace(cli, tmp_path: Path) -> None:
    run = cli("validate", "--workspace", tmp_path)
    assert run.exit_code == 1
    assert "not a csec-builder workspace (no csec.yaml there)" in run.stderr
    assert "Traceback" not in run.output


def test_runs_in_an_empty_folder_outside_any_workspace(tmp_path: Path) -> None:
    """Without a workspace the bundled CSEC 101 standard is checked, and it is clean."""
    result = run_csec_builder("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout
    assert f"Checked {len(OBJECTIVE_FILES)} objectives" in result.stdout
    assert list(tmp_path.iterdir()) == [], "validate must not write anything"


# --- problems in each format -----------------------------------------------------------------


def test_text_format_lists_each_problem_then_a_summary(cli, with_error: tuple[Path, int]) -> None:
    ws, line = with_error
    run = cli("validate", "--workspace", ws, cwd=ws)
    assert run.exit_code == 1
    assert run.stdout.splitlines() == [
        f"{DEF_01}:{line}:9: error: domain: 'foundation' is not declared in csec.yaml (declared: {', '.join(DOMAINS)})",
        f"Checked {len(OBJECTIVE_FILES)} objectives and {len(CONTRACTOR_FILES)} contractors in .: 1 error, 0 warnings.",
    ]


def test_json_format_describes_each_problem(cli, with_error: tuple[Path, int]) -> None:
    ws, line = with_error
    run = cli("validate", "--workspace", ws, "--format", "json", cwd=ws)
    assert run.exit_code == 1
    report = json.loads(run.stdout)
    assert report["ok"] is False
    assert report["errors"] == 1
    assert report["warnings"] == 0
    [problem] = report["problems"]
    assert problem["path"] == DEF_01
    assert problem["line"] == line
    assert problem["col"] == 9
    assert problem["severity"] == "error"
    assert problem["message"].startswith("domain: 'foundation' is not declared in csec.yaml")


def test_github_format_prints_workflow_annotations(cli, with_error: tuple[Path, int]) -> None:
    ws, line = with_error
    run = cli("validate", "--workspace", ws, "--format", "github", cwd=ws)
    assert run.exit_code == 1
    annotations = [text for text in run.stdout.splitlines() if text.startswith("::")]
    assert len(annotations) == 1
    assert re.fullmatch(
        rf"::error file={re.escape(DEF_01)},line={line},col=9::domain: 'foundation' is not declared in csec\.yaml .*",
        annotations[0],
    )


def test_github_format_escapes_commas_and_colons_in_the_file_name(cli, workspace: Path) -> None:
    # GitHub reads `,` and `:` in a property as separators, so a file name must escape them.
    source = workspace / DEF_01
    odd = workspace / "objectives" / "DEF-01,v2:draft.yaml"
    shutil.move(source, odd)
    run = cli("validate", "--workspace", workspace, "--format", "github", cwd=workspace)
    assert run.exit_code == 1
    assert "::error file=objectives/DEF-01%2Cv2%3Adraft.yaml,line=" in run.stdout


def test_github_format_marks_warnings_as_warnings(cli, with_warning: tuple[Path, int]) -> None:
    ws, line = with_warning
    run = cli("validate", "--workspace", ws, "--format", "github", cwd=ws)
    assert run.exit_code == 0, run.output
    assert re.search(
        rf"^::warning file={re.escape(DEF_01)},line={line},col=\d+::statement verb 'define' does not fit "
        "bloom_level 'create'",
        run.stdout,
        re.MULTILINE,
    ), run.stdout


# --- warnings and --strict -------------------------------------------------------------------


def test_a_warning_alone_passes(cli, with_warning: tuple[Path, int]) -> None:
    ws, line = with_warning
    run = cli("validate", "--workspace", ws, cwd=ws)
    assert run.exit_code == 0, run.output
    assert re.search(
        rf"^{re.escape(DEF_01)}:{line}:\d+: warning: statement verb 'define' does not fit bloom_level 'create' "
        r"\(it suggests remember\)$",
        run.stdout,
        re.MULTILINE,
    ), run.stdout
    assert "0 errors, 1 warning." in run.stdout


def test_strict_turns_warnings_into_failure(cli, with_warning: tuple[Path, int]) -> None:
    ws, _line = with_warning
    run = cli("validate", "--workspace", ws, "--strict", cwd=ws)
    assert run.exit_code == 1
    assert "warning: statement verb 'define'" in run.stdout


def test_strict_json_reports_not_ok(cli, with_warning: tuple[Path, int]) -> None:
    ws, _line = with_warning
    report = json.loads(cli("validate", "--workspace", ws, "--format", "json", "--strict", cwd=ws).stdout)
    assert (report["ok"], report["errors"], report["warnings"]) == (False, 0, 1)
    assert report["problems"][0]["severity"] == "warning"


def test_strict_on_a_clean_workspace_passes(cli) -> None:
    assert cli("validate", "--workspace", REPO, "--strict").exit_code == 0


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("Participants will be able to understand", "statement verb 'understand' cannot be measured"),
        ("Participants will know", "statement should start with 'Participants will be able to <measurable verb>'"),
    ],
)
def test_vague_statements_warn(cli, workspace: Path, statement: str, message: str) -> None:
    edit(workspace / DEF_01, "Participants will be able to define", statement)
    run = cli("validate", "--workspace", workspace, "--strict", cwd=workspace)
    assert run.exit_code == 1
    assert f"warning: {message}" in run.stdout


def test_csec_yaml_order_naming_an_unknown_objective_warns(cli, workspace: Path) -> None:
    text = edit(workspace / "csec.yaml", "  - WELL-01\n", "  - WELL-01\n  - WELL-99\n")
    run = cli("validate", "--workspace", workspace, cwd=workspace)
    assert run.exit_code == 0, run.output
    assert f"csec.yaml:{line_of(text, 'WELL-99')}:5: warning: order names unknown objective 'WELL-99'" in run.stdout


# --- any valid objective round-trips ---------------------------------------------------------


# Text that starts with a letter, so it reads as text under both YAML 1.1 (the dumper) and 1.2.
TEXT = st.builds(
    lambda first, rest: " ".join((first + rest).split()),
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzéñ"),
    st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=40),
)
TEXTS = st.lists(TEXT, min_size=1, max_size=3)
URL = st.from_regex(r"https?://[a-z]{1,12}\.(org|gov|com)(/[a-z0-9-]{1,10}){0,2}", fullmatch=True)


PLAIN = TEXT.filter(lambda text: not MARKUP.search(text))
"""Item texts: no markup (validate reports it, see item_checks)."""


@st.composite
def knowledge_checks(draw: st.DrawFn) -> dict:
    # choices a reader can tell apart (validate reports two that read the same)
    choices = draw(st.none() | st.lists(PLAIN, min_size=2, max_size=4, unique_by=comparable))
    answer = draw(st.sampled_from(choices)) if choices else draw(PLAIN)
    return {"question": draw(PLAIN), "choices": choices, "answer": answer, "rationale": draw(st.none() | TEXT)}


# Test items must not repeat a check's question: theirs come from sentences TEXT does not draw.
TEST_QUESTIONS = ("Which response fits this scenario best?", "What should happen next in this case?")


@st.composite
def drawn_test_items(draw: st.DrawFn) -> dict:
    choices = draw(st.lists(PLAIN, min_size=3, max_size=4, unique_by=comparable))
    answer = draw(st.sampled_from(choices))
    question = draw(st.sampled_from(TEST_QUESTIONS))
    return {"question": question, "choices": choices, "answer": answer, "rationale": draw(st.none() | TEXT)}


@st.composite
def objectives(draw: st.DrawFn) -> dict:
    audiences = draw(st.lists(st.sampled_from(AUDIENCES), min_size=1, unique=True))
    bullet_slide = st.fixed_dictionaries(
        {
            "title": TEXT,
            "bullets": TEXTS,
            "notes": TEXT,
            "image": st.none(),
            "alt_text": st.none(),
            "diagram": st.none(),
        }
    )
    step = st.fixed_dictionaries({"label": TEXT, "detail": st.none() | TEXT})
    diagram = st.sampled_from(["process", "cycle", "comparison"]).flatmap(
        lambda kind: st.fixed_dictionaries(
            {"kind": st.just(kind), "steps": st.lists(step, min_size=3, max_size=6 if kind != "comparison" else 3)}
        )
    )
    diagram_slide = st.fixed_dictionaries(
        {
            "title": TEXT,
            "bullets": st.just([]),
            "notes": TEXT,
            "image": st.none(),
            "alt_text": st.none(),
            "diagram": diagram,
        }
    )
    slide = bullet_slide | diagram_slide
    document = st.fixed_dictionaries(
        {
            "title": TEXT,
            "given_to": st.sampled_from(["participants", "trainer"]),
            "body": TEXT,
            "print_as": st.just("handout"),  # the default, which the JSON writes out
        }
    )
    activity = st.fixed_dictionaries(
        {
            "title": TEXT,
            "minutes": st.integers(1, 120),
            "instructions": TEXT,
            "prompt": st.none() | TEXT,
            "materials": st.lists(TEXT | document, max_size=2),
        }
    )
    return {
        "id": draw(st.from_regex(r"[A-Z]{1,8}(-[A-Z0-9]{1,3}){0,2}", fullmatch=True)),
        "version": draw(st.integers(1, MAX_VERSION)),
        "title": draw(TEXT),
        "statement": draw(TEXT),
        "short_statement": draw(st.none() | TEXT),
        "bloom_level": draw(st.sampled_from(BLOOM_LEVELS)),
        "domain": draw(st.sampled_from(DOMAINS)),
        "audiences": audiences,
        "required_for": draw(st.lists(st.sampled_from(audiences), unique=True)),
        "minutes": draw(st.integers(1, 1440)),
        "key_points": draw(TEXTS),
        "slides": draw(st.lists(slide, min_size=1, max_size=3)),
        "activities": draw(st.lists(activity, max_size=2)),
        "discussion_questions": draw(st.lists(TEXT, max_size=2)),
        "knowledge_check": draw(st.lists(knowledge_checks(), min_size=1, max_size=3)),
        "test_items": draw(st.lists(drawn_test_items(), max_size=2, unique_by=lambda item: item["question"])),
        "references": draw(
            st.lists(st.fixed_dictionaries({"citation": TEXT, "url": st.none() | URL}), min_size=1, max_size=2)
        ),
    }


def as_written(value: object) -> object:
    """What a person would write: optional fields that are empty are simply left out."""
    if isinstance(value, dict):
        return {k: as_written(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [as_written(v) for v in value]
    return value


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with the standard's csec.yaml (without its order) and no objectives or contractors."""
    root = tmp_path_factory.mktemp("roundtrip")
    config = {key: value for key, value in CONFIG.items() if key != "order"}
    (root / "csec.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (root / "objectives").mkdir()
    return root


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(objective=objectives())
def test_any_valid_objective_round_trips(cli, bare: Path, objective: dict) -> None:
    folder = bare / "objectives"
    for old in folder.iterdir():
        old.unlink()
    text = yaml.safe_dump(as_written(objective), sort_keys=False, allow_unicode=True)
    (folder / f"{objective['id']}.yaml").write_text(text, encoding="utf-8")

    report = json.loads(cli("validate", "--workspace", bare, "--format", "json").stdout)
    assert report["errors"] == 0, report["problems"]
    shown = cli("objectives", "show", objective["id"], "--workspace", bare, "--format", "json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout) == objective
