"""Terminal output that fits: `coverage` and `objectives list` at 80 and 200 columns, and in pipes and logs.

The CLI runs in its own process, as in a terminal or a CI step, with COLUMNS set or unset. Every line must
fit the width, and every objective and contractor must be named whole, never cut to "RE…".
"""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import struct
import termios
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.table import Table

from csec_builder.render.reports.terminal import fits, output_width, wrap, wrap_items

from .helpers import contractors, edit, objectives, run_csec_builder

BOX = re.compile("[\u2500-\u257f]")
NO_COLUMNS = ("CSEC_WORKSPACE", "CSEC_DEBUG", "COLUMNS")


def run_at(width: int | None, *args: str, cwd: Path) -> str:
    """stdout of csec-builder in a pipe, with COLUMNS=width (None: unset)."""
    env = {"COLUMNS": str(width)} if width else {}
    result = run_csec_builder(*args, cwd=cwd, unset=NO_COLUMNS, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def widest(text: str) -> int:
    return max(cell_len(line) for line in text.splitlines())


def named(text: str, word: str) -> bool:
    """`word` appears whole: not as part of a longer id, not cut."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def add_contractors(ws: Path, count: int) -> list[str]:
    """`count` more contractors, copies of bay-area-academy under new ids; returns every contractor id."""
    source = ws / "contractors" / "bay-area-academy.yaml"
    for number in range(1, count + 1):
        copy = ws / "contractors" / f"regional-partner-{number:02d}.yaml"
        copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        edit(copy, "id: bay-area-academy", f"id: regional-partner-{number:02d}")
    return sorted(contractors(ws))


# --- coverage -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 200])
def test_coverage_fits_the_columns_and_names_every_objective(workspace: Path, width: int) -> None:
    out = run_at(width, "coverage", "--workspace", str(workspace), cwd=workspace)
    assert widest(out) <= width, out
    assert BOX.search(out), "seven contractors fit as a table at this width"
    for objective_id in objectives(workspace):
        assert named(out, objective_id), objective_id
    for contractor_id in contractors(workspace):
        assert named(out, contractor_id), contractor_id
    assert "? not in catalog" in out and "· not taught" in out, "the legend is there, wrapped to fit"


def test_coverage_on_a_wide_terminal_is_the_matrix(workspace: Path) -> None:
    out = run_at(400, "coverage", "--workspace", str(workspace), cwd=workspace)
    header = [line for line in out.splitlines() if "Verdict" in line]
    assert len(header) == 1 and "Audience" in header[0], out
    for contractor_id in contractors(workspace):
        row = next(line for line in out.splitlines() if line.startswith(f"│ {contractor_id} "))
        assert row.rstrip(" │").endswith("OK")


def test_coverage_without_a_terminal_or_columns_is_plain_lines(workspace: Path) -> None:
    out = run_at(None, "coverage", "--workspace", str(workspace), cwd=workspace)
    assert not BOX.search(out), out
    lines = out.splitlines()
    every = set(objectives(workspace))
    for contractor_id in contractors(workspace):
        start = lines.index(next(line for line in lines if line.startswith(f"{contractor_id}: ")))
        block = []
        for line in lines[start + 1 :]:
            if not line.startswith("  "):
                break
            block.append(line)
        assert block[0] == f"  audience: {contractors(workspace)[contractor_id]['audience']}"
        listed = {i for line in block[1:] for i in line.partition(": ")[2].split(", ")}
        assert listed == every, f"{contractor_id}'s block names every objective once"


def test_many_contractors_become_a_list_at_80_and_numbered_columns_at_200(workspace: Path) -> None:
    everyone = add_contractors(workspace, 40 - len(contractors(workspace)))
    narrow = run_at(80, "coverage", "--workspace", str(workspace), cwd=workspace)
    assert widest(narrow) <= 80
    assert not BOX.search(narrow), "40 contractors cannot be columns in 80: one block per contractor"
    wide = run_at(200, "coverage", "--workspace", str(workspace), cwd=workspace)
    assert widest(wide) <= 200
    assert BOX.search(wide), "40 numbered columns fit in 200"
    legend = [line for line in wide.splitlines() if re.match(r"^ ?\d+\. ", line)]
    assert len(legend) == len(everyone) == 40
    for out in (narrow, wide):
        for contractor_id in everyone:
            assert named(out, contractor_id), contractor_id
        for objective_id in objectives(workspace):
            assert named(out, objective_id), objective_id


# --- objectives list ------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 200])
def test_objectives_list_fits_the_columns(workspace: Path, width: int) -> None:
    out = run_at(width, "objectives", "list", "--workspace", str(workspace), cwd=workspace)
    assert widest(out) <= width, out
    for objective_id, objective in objectives(workspace).items():
        assert named(out, objective_id), objective_id
        assert objective["title"].split()[0] in out


def test_objectives_list_without_a_terminal_is_one_line_per_objective(workspace: Path) -> None:
    out = run_at(None, "objectives", "list", "--workspace", str(workspace), cwd=workspace)
    assert not BOX.search(out)
    for objective_id, objective in objectives(workspace).items():
        [line] = [line for line in out.splitlines() if line.startswith(f"{objective_id} v")]
        assert objective["title"] in line and objective["domain"] in line


# --- the width rules ------------------------------------------------------------------------


def test_width_is_the_terminal_size_unless_columns_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    leader, follower = pty.openpty()
    try:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 97, 0, 0))
        with os.fdopen(os.dup(follower), "w") as terminal:
            monkeypatch.delenv("COLUMNS", raising=False)
            assert output_width(terminal) == 97
            monkeypatch.setenv("COLUMNS", "61")
            assert output_width(terminal) == 61
    finally:
        os.close(leader)
        os.close(follower)


def test_without_a_terminal_only_columns_gives_a_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert output_width(io.StringIO()) is None
    assert output_width(None) is None
    monkeypatch.setenv("COLUMNS", "132")
    assert output_width(io.StringIO()) == 132
    monkeypatch.setenv("COLUMNS", "wide")
    assert output_width(io.StringIO()) is None


def test_a_table_that_would_cut_an_id_does_not_fit() -> None:
    table = Table()
    table.add_column("Objective", no_wrap=True)
    table.add_column("Title")
    table.add_row("RECRUIT-01", "Recruitment, grooming and exploiter tactics")
    assert fits(table, 80)
    assert fits(table, 30), "the title wraps; the id stays whole"
    assert not fits(table, 16), "the id would be cut"


words = st.lists(st.text(alphabet="abcdefgh-.✓", min_size=1, max_size=12), min_size=1, max_size=30)


@given(words=words, width=st.integers(min_value=1, max_value=100))
def test_wrapped_lines_fit_and_keep_every_word_that_fits(words: list[str], width: int) -> None:
    lines = wrap(" ".join(words), width, indent="  ")
    assert all(cell_len(line) <= width for line in lines)
    if all(cell_len(word) + 2 <= width for word in words):
        assert " ".join(lines).split() == words


@given(items=words, width=st.integers(min_value=12, max_value=100))
def test_legend_items_stay_whole_when_they_fit(items: list[str], width: int) -> None:
    lines = wrap_items(items, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "  ".join(lines).split("  ") == items


def test_titles_from_yaml_are_text_not_markup(cli, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    title = "Self-care [bold]and[/] secondary [traumatic] stress"
    old = "title: Self-care and secondary traumatic stress"
    edit(workspace / "objectives" / "WELL-01.yaml", old, f'title: "{title}"')
    monkeypatch.setenv("COLUMNS", "200")
    for args in (["coverage"], ["objectives", "list"]):
        run = cli(*args, "--workspace", workspace)
        assert run.exit_code == 0, run.output
        assert BOX.search(run.stdout), "a table at 200 columns"
        assert title in run.stdout
