"""Question items that would break the test's key or an LMS import are positioned problems at validate time."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import line_of, small_objective, small_workspace


def _workspace_with_item(root: Path, item: dict) -> tuple[Path, str]:
    objective = small_objective("KIT-01")
    objective["knowledge_check"] = [item]
    ws = small_workspace(root, [objective])
    path = ws / "objectives" / "KIT-01.yaml"
    return ws, path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("item", "needle", "message"),
    [
        (
            {"question": "Which one?", "choices": ["<b>Yes</b>", "No", "Maybe"], "answer": "No"},
            "<b>Yes</b>",
            "markup '<b>' in a test item",
        ),
        (
            {"question": "Which **one**?", "choices": ["Yes", "No", "Maybe"], "answer": "No"},
            "Which **one**?",
            "markup '**' in a test item",
        ),
        (
            {"question": "Which one?", "choices": ["Yes", "No", "yes."], "answer": "Yes"},
            "yes.",
            "choice 3 repeats choice 1: two correct answers",
        ),
        (
            {"question": "Which one?", "choices": ["Yes", "No", "no"], "answer": "Yes"},
            "- 'no'",
            "choice 3 repeats choice 2: the same choice twice",
        ),
    ],
)
def test_a_bad_item_is_an_error_at_its_text(tmp_path: Path, cli, item: dict, needle: str, message: str) -> None:
    ws, text = _workspace_with_item(tmp_path / "ws", item)
    run = cli("validate", "-w", ws)
    assert run.exit_code == 1, run.output
    line = line_of(text, needle)
    assert f"KIT-01.yaml:{line}:" in run.output
    assert f"error: {message}" in run.output


@pytest.mark.parametrize(
    ("item", "needle", "message"),
    [
        (
            {"question": "Which one?", "choices": ["Yes", "No"], "answer": "Perhaps"},
            "- question: Which one?",
            "answer must be one of the choices",
        ),
        ({"question": "Which one?", "choices": ["Yes", ""], "answer": "Yes"}, "- ''", "must not be empty"),
        ({"question": "Which one?", "choices": [], "answer": "Yes"}, "choices: []", "at least 2 items"),
    ],
)
def test_no_correct_answer_or_an_empty_choice_is_an_error_too(
    tmp_path: Path, cli, item: dict, needle: str, message: str
) -> None:
    ws, text = _workspace_with_item(tmp_path / "ws", item)
    run = cli("validate", "-w", ws)
    assert run.exit_code == 1, run.output
    assert f"KIT-01.yaml:{line_of(text, needle)}:" in run.output
    assert message in run.output
    assert "Traceback" not in run.output


def test_the_shipped_catalog_has_no_such_item(cli) -> None:
    from .helpers import REPO

    run = cli("validate", "-w", REPO)
    assert "in a test item" not in run.output
    assert "repeats choice" not in run.output
