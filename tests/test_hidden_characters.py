"""Characters nobody can see: refused in every text field at its own line, escaped wherever a value is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import edit, line_of

ESCAPES = [
    ("\\x00", "U+0000 (a control character)"),
    ("\\e[31m", "U+001B (a control character)"),
    ("\\x7f", "U+007F (a control character)"),
    ("\\x85", "U+0085 (a control character)"),
    ("\\uFFFE", "U+FFFE (a non-character)"),
    ("\\uFDD0", "U+FDD0 (a non-character)"),
    ("\\U0010FFFF", "U+10FFFF (a non-character)"),
    ("\\r", "U+000D (a control character)"),
]


@pytest.mark.parametrize(("escape", "described"), ESCAPES)
def test_a_control_character_in_an_objective_is_refused_at_its_line(
    cli, workspace: Path, tmp_path: Path, escape: str, described: str
) -> None:
    path = workspace / "objectives" / "DEF-01.yaml"
    text = edit(path, "title: Defining", f'title: "Bad{escape}title Defining')
    text = edit(path, "sexual exploitation of children\n", 'sexual exploitation of children"\n')
    line = line_of(text, "title:")
    run = cli("validate", "-w", workspace)
    assert run.exit_code == 1
    assert f"objectives/DEF-01.yaml:{line}:8: error: title: character {described} is not allowed in text" in run.stdout
    build = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path / "out", "-f", "md")
    assert build.exit_code == 1
    assert "may be a bug" not in build.output and ":1:1:" not in build.output


def test_control_characters_in_a_contractor_are_refused_at_each_value(cli, workspace: Path) -> None:
    path = workspace / "contractors" / "bay-area-academy.yaml"
    text = edit(path, "  - Maya Okafor", '  - "Maya\\x1b]0;owned\\x07 Okafor"')
    text = edit(path, "  footer: CSEC 101 · Bay Area Academy", '  footer: "\\u200b\\uFFFF CSEC 101"')
    run = cli("validate", "-w", workspace)
    assert run.exit_code == 1
    trainer, footer = line_of(text, "Maya"), line_of(text, "footer:")
    assert f"bay-area-academy.yaml:{trainer}:5: error: trainers[0]: character U+001B" in run.stdout
    assert f"bay-area-academy.yaml:{footer}:11: error: branding.footer: character U+FFFF" in run.stdout


def test_a_control_character_in_csec_yaml_is_refused_at_its_line(cli, workspace: Path) -> None:
    text = (workspace / "csec.yaml").read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.strip().startswith("name:"))
    text = edit(workspace / "csec.yaml", name, name.split(":")[0] + ': "CSEC\\x00 101"')
    run = cli("validate", "-w", workspace)
    assert run.exit_code == 1
    line = line_of(text, "CSEC\\x00")
    assert f"csec.yaml:{line}:9: error: standard.name: character U+0000 (a control character)" in run.output
