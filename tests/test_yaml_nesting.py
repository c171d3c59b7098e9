"""Nesting too deep is reported where it goes too deep: at the 101st level, or at the value holding the alias."""

from __future__ import annotations

from pathlib import Path

import pytest

from csec_builder.problems import InputError
from csec_builder.yamlio import MAX_DEPTH, read_yaml


def _problem(tmp_path: Path, text: str) -> str:
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    (problem,) = caught.value.problems
    return f"{problem.line}:{problem.col}: {problem.message}"


@pytest.mark.parametrize(("opening", "width"), [("[", 1), ("[ ", 2), ("{a: ", 4)])
def test_flow_nesting_is_reported_at_the_first_level_too_many(tmp_path: Path, opening: str, width: int) -> None:
    # `key_points: ` then brackets: the 1st bracket is level 1, the 101st is the first one too many.
    prefix = "id: X\nkey_points: "
    closing = "]" if opening.startswith("[") else "}"
    found = _problem(tmp_path, prefix + opening * 150 + "1" + closing * 150 + "\n")
    first = len("key_points: ") + 1
    assert found.startswith(f"2:{first + width * MAX_DEPTH}: values are nested more than {MAX_DEPTH} levels deep")


def test_exactly_the_limit_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    for inner in ("", "1"):
        path.write_text("id: X\nkey_points: " + "[" * MAX_DEPTH + inner + "]" * MAX_DEPTH + "\n", encoding="utf-8")
        assert read_yaml(path).data["id"] == "X"


def test_block_nesting_is_reported_at_the_first_level_too_many(tmp_path: Path) -> None:
    text = "id: X\nm:\n" + "".join("  " * (n + 1) + f"k{n}:\n" for n in range(120)) + "  " * 121 + "v\n"
    # m's value (line 3, k0) is level 1, so level 101 is k100's line, 103.
    assert _problem(tmp_path, text).startswith(f"103:{2 * 101 + 1}: values are nested more than")


def test_nesting_made_of_aliases_is_reported_where_the_alias_is_used(tmp_path: Path) -> None:
    # Each line nests the previous one once more, through an alias to an anchor defined above it.
    lines = ["a: &a [1]"] + [f"c{n}: &c{n} [*{'a' if n == 0 else f'c{n - 1}'}]" for n in range(120)]
    found = _problem(tmp_path, "\n".join(lines) + "\n")
    line = int(found.split(":")[0])
    assert lines[line - 1].startswith("c99:"), found  # c99's value is the first to hold 101 levels
    assert found.startswith(f"{line}:6: values are nested more than")
