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
from typing import get_args

from csec_builder.cli import coverage, schema
from csec_builder.render.reports.coverage import FORMATS
from csec_builder.schemas import MODELS

from .helpers import REPO, contractors, copy_workspace, objectives

HEAVY = ("pptx", "PIL", "jinja2", "pydantic", "docx", "yaml", "lxml")

# Runs the CLI in-process the way the console script does, then prints what was imported.
PROBE = """
import contextlib, io, json, sys
from csec_builder.cli import main
args, heavy_names = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.argv = ["csec-builder", *args]
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        main()
    except SystemExit:
        pass
heavy = sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in heavy_names})
# csec_builder.formats names the outputs for `build --help`: a dict, nothing more.
light = ("csec_builder.cli", "csec_builder.formats")
library = sorted(m for m in sys.modules if m.startswith("csec_builder.") and not m.startswith(light))
print(json.dumps({"heavy": heavy, "library": library, "stdout": out.getvalue()}))
"""


def loaded(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> dict:
    """What `csec-builder ARGS` imported: third-party packages in HEAVY, csec-builder's own library modules."""
    environment = {k: v for k, v in os.environ.items() if k not in ("CSEC_WORKSPACE", "COLUMNS")}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
        cwd=cwd,
        env={**environment, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


def test_help_loads_no_dependency_of_any_command() -> None:
    seen = loaded("--help")
    assert "Usage: csec-builder" in seen["stdout"]
    assert seen["heavy"] == []
    assert seen["library"] == [], "the library loads inside the commands, not for --help"


def test_shell_completion_loads_no_dependency_of_any_command() -> None:
    env = {"_CSEC_BUILDER_COMPLETE": "complete_bash", "COMP_WORDS": "csec-builder ob", "COMP_CWORD": "1"}
    seen = loaded(env=env)
    assert seen["stdout"].split() == ["objectives"]
    # pydantic is Typer's own: it coerces option values with it. csec-builder's models stay unloaded.
    assert [name for name in seen["heavy"] if name != "pydantic"] == []
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
