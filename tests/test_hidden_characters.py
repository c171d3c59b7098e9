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


# --- item 11: what is shown ------------------------------------------------------------------


def test_printable_escapes_what_a_terminal_would_obey() -> None:
    from csec_builder.problems import printable

    assert printable("plain é 中文 👩\u200d💻 a\xa0b") == "plain é 中文 👩\u200d💻 a\xa0b"
    assert printable("a\x1b[31mb\nc\td\r") == "a\\x1b[31mb\\nc\\td\\r"
    assert printable("\u202eevil\u2066\u200b\u2028") == "\\u202eevil\\u2066\\u200b\\u2028"
    assert printable("\U0010ffff\ud800") == "\\U0010ffff\\ud800"
    assert printable("a\nb", keep_newlines=True) == "a\nb"


def test_objectives_list_and_show_escape_a_newline_and_a_bidi_override(cli, workspace: Path) -> None:
    path = workspace / "objectives" / "DEF-01.yaml"
    edit(path, "title: Defining", 'title: "Defining\\nLAW-09 v9: forged line \\u202eevil"\nx_title: Defining')
    edit(path, "x_title: Defining", "#")
    listed = cli("objectives", "list", "-w", workspace)
    shown = cli("objectives", "show", "DEF-01", "-w", workspace)
    for run in (listed, shown):
        assert run.exit_code == 0, run.output
        assert "Defining\\nLAW-09 v9: forged line \\u202eevil" in run.stdout
        assert "\u202e" not in run.output
        assert not any(line.startswith("LAW-09") for line in run.stdout.splitlines())


def test_messages_escape_values_from_the_command_line_and_file_names(cli, workspace: Path) -> None:
    run = cli("objectives", "show", "\x1b[2JDEF", "-w", workspace)
    assert run.exit_code == 1
    assert "error: no objective '\\x1b[2JDEF' in the catalog" in run.stderr
    assert "\x1b" not in run.output
    (workspace / "objectives" / "DEF-01.yaml").rename(workspace / "objectives" / "DEF\x1b[31m\u202e.yaml")
    run = cli("validate", "-w", workspace)
    assert run.exit_code == 1
    assert "objectives/DEF\\x1b[31m\\u202e.yaml:2:5: error:" in run.stdout
    assert "\x1b" not in run.output and "\u202e" not in run.output
    github = cli("validate", "-w", workspace, "--format", "github")
    assert "\x1b" not in github.output and "DEF\\x1b[31m" in github.stdout
