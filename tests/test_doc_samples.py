"""The sample outputs in docs/contractors.md are what today's code prints and writes.

Each sample sits between `<!-- generated: NAME -->` and `<!-- /generated -->`; this test makes it
again (running `init`, `build` and friends as a trainer would) and compares. After a change that is
meant to show in the docs, regenerate them and review the diff:

    CSEC_UPDATE_DOCS=1 pytest tests/test_doc_samples.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import REPO, copy_workspace

DOC = REPO / "docs" / "contractors.md"
BLOCK = re.compile(r"(<!-- generated: (?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- /generated -->)", re.DOTALL)
INIT = [
    "init", "my-org", "--contractor", "my-org", "--name", "My Org", "--audience", "caregiver",
    "--county", "Alameda", "--hotline", "(510) 259-1800",
]  # fmt: skip
SHORT_COURSE = """\
id: short-course
name: Short Course College
kind: college
audience: caregiver
objectives: [DEF-01, LANG-01]
session:
  minutes: 60
  start: "13:00"
  breaks:
    - at: "13:40"
      minutes: 10
  pre_test_minutes: 0
  post_test_minutes: 0
  evaluation_minutes: 0
"""


def run(cwd: Path, *args: str) -> str:
    """What a trainer sees in a terminal: the command's output, with the program named as they type it."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "CSEC_WORKSPACE")}
    result = subprocess.run(
        [sys.executable, "-m", "csec_builder", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )
    return result.stderr + result.stdout


def console(command: list[str], output: str) -> str:
    shown = " ".join(f'"{a}"' if " " in a else a for a in command)
    return f"```console\n$ csec-builder {shown}\n{output.rstrip()}\n```\n"


def init_block(tmp: Path) -> str:
    return console(INIT, run(tmp, *INIT))


def build_block(tmp: Path) -> str:
    run(tmp, *INIT)
    return "```console\n$ cd my-org\n" + console(["build"], run(tmp / "my-org", "build"))[len("```console\n") :]


def session_block(tmp: Path) -> str:
    run(tmp, *INIT)
    text = (tmp / "my-org" / "contractors" / "my-org.yaml").read_text(encoding="utf-8")
    start, end = text.index("session:\n"), text.index("\n\n", text.index("session:\n"))
    return f"```yaml\n{text[start:end]}\n```\n"


def sierra_block(tmp: Path) -> str:
    text = (REPO / "contractors" / "sierra-probation-training.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("resources:\n")
    entries = re.split(r"(?m)^(?=  - name: )", rest)[1:]
    shown = "".join(entries[:2]).rstrip("\n")
    return f"```yaml\n{head}resources:\n{shown}\n  # ... {len(entries) - 2} more in the sample file\n```\n"


def short_course(tmp: Path) -> Path:
    workspace = copy_workspace(tmp / "ws")
    (workspace / "contractors" / "short-course.yaml").write_text(SHORT_COURSE, encoding="utf-8")
    return workspace


def short_agenda_block(tmp: Path) -> str:
    workspace = short_course(tmp)
    run(workspace, "build", "short-course", "--format", "md")
    guide = (workspace / "dist" / "short-course" / "short-course-facilitator-guide.md").read_text(encoding="utf-8")
    table = re.search(r"(?m)^\| Time \| Minutes .*?\n(?=\n)", guide, re.DOTALL)
    assert table is not None
    return f"```markdown\n{table.group(0)}```\n"


def short_overrun_block(tmp: Path) -> str:
    workspace = short_course(tmp)
    return console(["build", "short-course"], run(workspace, "build", "short-course"))


GENERATORS: dict[str, Callable[[Path], str]] = {
    "init": init_block,
    "build": build_block,
    "session": session_block,
    "sierra-profile": sierra_block,
    "short-course-agenda": short_agenda_block,
    "short-course-overrun": short_overrun_block,
}


def test_every_generated_block_has_a_generator() -> None:
    names = [m.group("name") for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))]
    assert sorted(names) == sorted(GENERATORS)


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_docs_sample_is_what_the_code_makes_today(name: str, tmp_path: Path) -> None:
    made = GENERATORS[name](tmp_path)
    text = DOC.read_text(encoding="utf-8")
    match = next(m for m in BLOCK.finditer(text) if m.group("name") == name)
    if os.environ.get("CSEC_UPDATE_DOCS"):
        DOC.write_text(text[: match.start("body")] + made + text[match.end("body") :], encoding="utf-8")
        return
    assert match.group("body") == made, (
        f"docs/contractors.md's '{name}' sample is stale: CSEC_UPDATE_DOCS=1 pytest tests/test_doc_samples.py"
    )
