"""Lint rules written by a workspace run with a time bound: a pattern that backtracks without end is stopped."""

from __future__ import annotations

from pathlib import Path

from .helpers import edit, line_of, run_csec_builder

SLOW_RULE = """
  - id: slow
    regex: '(a|aa)+$'
    use: something else
    reason: a pattern that backtracks without end
    source: this test
"""


def _add_rule(workspace: Path, pattern: str) -> int:
    """Add a rule with `pattern` to the workspace's rules; the line of its regex."""
    path = workspace / "rules" / "terminology.yaml"
    text = path.read_text(encoding="utf-8") + SLOW_RULE.replace("(a|aa)+$", pattern)
    path.write_text(text, encoding="utf-8")
    return line_of(text, pattern)


def test_a_catastrophic_rule_is_stopped_and_reported_at_its_line(workspace: Path) -> None:
    line = _add_rule(workspace, "(a|aa)+$")
    for name in ("DEF-01", "LAW-01"):  # two texts that trip it: reported once
        edit(workspace / "objectives" / f"{name}.yaml", "title: ", f"title: {'a' * 60}! ")
    run = run_csec_builder("lint", "-w", str(workspace), cwd=workspace, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr
    expected = f"rules/terminology.yaml:{line}:12: error: rule 'slow': its regex took more than 1 s on one text"
    assert run.stdout.count(expected) == 1, run.stdout
    assert "Traceback" not in run.stderr


def test_the_nested_quantifier_of_the_issue_finishes(workspace: Path) -> None:
    # `(a+)+$` ran for ever on `re`; the regex engine finds it has no match at once.
    _add_rule(workspace, "(a+)+$")
    edit(workspace / "objectives" / "DEF-01.yaml", "title: ", f"title: {'a' * 60}! ")
    run = run_csec_builder("lint", "-w", str(workspace), cwd=workspace, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr  # its findings: it matches words ending in 'a'
    assert "took more than" not in run.stdout and "Traceback" not in run.stderr


def test_a_bullet_longer_than_a_slide_is_a_lint_warning_at_its_line(cli, workspace: Path) -> None:
    path = workspace / "objectives" / "DEF-01.yaml"
    text = path.read_text(encoding="utf-8")
    first_bullet = text.index("- ", text.index("bullets:"))
    text = text[:first_bullet] + "- " + "word " * 180_000 + "\n      " + text[first_bullet:]
    path.write_text(text, encoding="utf-8")
    run = cli("lint", "-w", workspace)
    line = line_of(text, "word word")
    expected = f"objectives/DEF-01.yaml:{line}:9: warning: slides[0].bullets[0]: 899,999 characters on one slide bullet"
    assert expected in run.stdout
    assert "1 warning" in run.stdout
    assert cli("lint", "-w", workspace, "--strict").exit_code == 1


def test_the_standard_has_no_bullet_longer_than_a_slide(cli, workspace: Path) -> None:
    run = cli("lint", "-w", workspace)
    assert "characters on one slide bullet" not in run.stdout
