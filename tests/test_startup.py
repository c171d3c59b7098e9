"""Start-up: `--help` and shell completion load none of the commands' dependencies, and browsing the
catalog never opens templates or images.

Each check runs in a fresh interpreter and lists the modules it loaded; how long start-up takes is
measured by benchmarks/startup.py, not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import pytest

from csec_builder.cli import coverage, schema
from csec_builder.cli.help_format import flowing
from csec_builder.render.reports.coverage import FORMATS
from csec_builder.schemas import MODELS

from .helpers import REPO, contractors, copy_workspace, objectives

HEAVY = ("pptx", "PIL", "jinja2", "pydantic", "docx", "yaml", "lxml")
# What Typer's help module imports but Rich-markup help never uses, with what they import (cli/help_format.py).
NOT_FOR_HELP = ("rich.markdown", "rich.traceback", "rich.syntax", "rich.pretty", "markdown_it", "pygments", "attr")

# Runs the CLI in-process the way the console script does, once for each argument list, then prints what
# each run printed and what the process imported.
PROBE = """
import contextlib, io, json, sys
from csec_builder.cli import main
outputs = []
for args in json.loads(sys.argv[1]):
    sys.argv = ["csec-builder", *args]
    with contextlib.redirect_stdout(io.StringIO()) as out:
        try:
            main()
        except SystemExit:
            pass
    outputs.append(out.getvalue())
print(json.dumps({"outputs": outputs, "modules": sorted(sys.modules)}))
"""


def loaded(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> dict:
    """What `csec-builder ARGS` imported: third-party packages in HEAVY, csec-builder's own library modules."""
    seen = loaded_by([list(args)], cwd, env)
    return {**seen, "stdout": seen["outputs"][0]}


def loaded_by(runs: list[list[str]], cwd: Path = REPO, env: dict[str, str] | None = None) -> dict:
    """What one process imported to run csec-builder with each argument list in turn, and what each printed."""
    environment = {k: v for k, v in os.environ.items() if k not in ("CSEC_WORKSPACE", "COLUMNS")}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(runs)],
        cwd=cwd,
        env={**environment, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    seen = json.loads(result.stdout)
    modules = seen["modules"]
    heavy = sorted({m.split(".")[0] for m in modules if m.split(".")[0] in HEAVY})
    # csec_builder.formats names the outputs for `build --help`: a dict, nothing more.
    light = ("csec_builder.cli", "csec_builder.formats")
    library = [m for m in modules if m.startswith("csec_builder.") and not m.startswith(light)]
    not_for_help = sorted({name for name in NOT_FOR_HELP for m in modules if m == name or m.startswith(name + ".")})
    return {**seen, "heavy": heavy, "library": library, "not_for_help": not_for_help}


def test_help_loads_no_dependency_of_any_command() -> None:
    seen = loaded("--help")
    assert "Usage: csec-builder" in seen["stdout"]
    assert seen["heavy"] == []
    assert seen["library"] == [], "the library loads inside the commands, not for --help"
    assert seen["not_for_help"] == []


def test_every_help_page_shows_all_of_its_text_and_loads_nothing_it_does_not_use() -> None:
    pages = help_pages()
    assert len(pages) >= 17 and all(pages.values())  # every command and group, each with text of its own
    seen = loaded_by([[*path, "--help"] for path in pages], env={"COLUMNS": "200"})
    # Typer coerces an unset --help of a group with pydantic, unless it defaults to False (HelpGroup).
    assert seen["heavy"] == []
    assert seen["library"] == []
    assert seen["not_for_help"] == []
    for (path, texts), output in zip(pages.items(), seen["outputs"], strict=True):
        shown = output.replace("│", " ").split()
        assert " ".join(["Usage:", "csec-builder", *path]) in " ".join(shown)
        for text in texts:  # nothing taken for markup: Markdown dropped `<ID>` as an HTML tag
            assert shows_in_order(text.split(), shown), (path, text)


def help_pages() -> dict[tuple[str, ...], list[str]]:
    """Every command and group, by the words that name it: its help text and its parameters'."""
    from typer.main import get_command

    from csec_builder.cli import app

    pages: dict[tuple[str, ...], list[str]] = {}

    def visit(command: Any, path: tuple[str, ...]) -> None:
        texts = [command.help, *(getattr(param, "help", None) for param in command.params)]
        pages[path] = [text for text in texts if text]
        for name, sub in getattr(command, "commands", {}).items():
            visit(sub, (*path, name))

    visit(get_command(app), ())
    return pages


def shows_in_order(words: list[str], shown: list[str]) -> bool:
    """Each word appears in `shown`, in order (other columns' words may come between)."""
    rest = iter(shown)
    return all(word in rest for word in words)


def test_help_flows_each_paragraph_for_the_terminal_to_wrap() -> None:
    text = "First line\n    goes on.\n\n    Second\n      paragraph.\n\n    \b\n    kept\n      as written"
    assert flowing(text) == "First line goes on.\n\nSecond paragraph.\n\n\b\nkept\n  as written"


# Imports Typer's help module the way main() has it imported, then uses what the stand-ins stood for.
DEFERRED = """
import json, sys
from csec_builder.cli import help_format
if sys.argv[1] == "unknown-name":  # a Typer that imports a name the stand-ins do not have
    help_format.UNUSED_BY_HELP = {**help_format.UNUSED_BY_HELP, "rich.markdown": ("Unknown",)}
help_format.defer_unused_rich_modules()
import typer.rich_utils as rich_utils
facts = {"deferred": [name for name in ("rich.markdown", "rich.traceback") if name not in sys.modules]}
markdown = rich_utils.Markdown("**bold**")
try:
    raise ValueError("shown")
except ValueError as exc:
    traceback = rich_utils.Traceback.from_exception(type(exc), exc, exc.__traceback__)
from rich.markdown import Markdown
from rich.traceback import Traceback
facts["real"] = [type(markdown) is Markdown, isinstance(markdown, rich_utils.Markdown), type(traceback) is Traceback]
facts["modules"] = [type(sys.modules[name]).__name__ for name in ("rich.markdown", "rich.traceback")]
print(json.dumps(facts))
"""


@pytest.mark.parametrize("case", ["as-is", "unknown-name"])
def test_rich_modules_help_does_not_use_load_when_first_used(case: str) -> None:
    run = subprocess.run([sys.executable, "-c", DEFERRED, case], capture_output=True, text=True, check=True)
    facts = json.loads(run.stdout)
    assert facts["deferred"] == (["rich.markdown", "rich.traceback"] if case == "as-is" else [])
    assert facts["real"] == [True, True, True]
    assert facts["modules"] == ["module", "module"]  # the real modules, for every later import


def test_a_usage_error_is_shown_with_its_suggestion() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CSEC_WORKSPACE", "COLUMNS")}
    run = subprocess.run(
        [sys.executable, "-m", "csec_builder", "valdate"], capture_output=True, text=True, env=env, timeout=120
    )
    assert run.returncode == 2
    assert "No such command 'valdate'" in run.stderr and "validate" in run.stderr


def test_shell_completion_loads_no_dependency_of_any_command() -> None:
    env = {"_CSEC_BUILDER_COMPLETE": "complete_bash", "COMP_WORDS": "csec-builder ob", "COMP_CWORD": "1"}
    seen = loaded(env=env)
    assert seen["stdout"].split() == ["objectives"]
    assert seen["heavy"] == []  # not even pydantic, with which Typer coerces values (see HelpGroup)
    assert seen["library"] == []


def test_completion_lists_a_commands_choices() -> None:
    words = "csec-builder coverage --format "
    env = {"_CSEC_BUILDER_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "3"}
    seen = loaded(env=env)
    assert seen["stdout"].split() == ["table", "json", "csv", "markdown", "html", "junit"]
    assert "csec_builder.models" not in seen["library"]


def test_browsing_the_catalog_opens_no_template_or_image() -> None:
    for args in (["objectives", "list"], ["objectives", "show", "DEF-01"]):
        seen = loaded(*args, "--workspace", str(REPO))
        assert "DEF-01" in seen["stdout"]
        assert not {"pptx", "PIL", "lxml", "jinja2"} & set(seen["heavy"]), args
        assert "csec_builder.loader" in seen["library"], "the catalog was really loaded"


def test_validate_opens_templates_and_images_only_when_a_contractor_names_them(tmp_path: Path) -> None:
    named = loaded("validate", "--workspace", str(REPO))
    assert {"pptx", "PIL"} <= set(named["heavy"]), "the sample probation contractor has a template and a logo"
    ws = copy_workspace(tmp_path / "ws")
    (ws / "contractors" / "sierra-probation-training.yaml").unlink()
    plain = loaded("validate", "--workspace", str(ws))
    assert f"Checked {len(objectives(ws))} objectives and {len(contractors(ws))} contractors" in plain["stdout"]
    assert not {"pptx", "PIL", "lxml", "jinja2"} & set(plain["heavy"])


def test_choices_on_the_command_line_match_the_library() -> None:
    assert set(get_args(coverage.CoverageFormat)) == {"table", "html", *FORMATS}
    assert set(get_args(schema.SchemaName)) == set(MODELS)
