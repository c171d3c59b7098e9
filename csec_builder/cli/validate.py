"""`csec-builder validate`: check every YAML file in the workspace."""

from typing import TYPE_CHECKING

import typer

from .common import (
    ProblemFormatOption,
    StrictOption,
    WorkspaceOption,
    echo,
    echo_json,
    open_workspace,
    plural,
    problem_json,
    report_problems,
)

if TYPE_CHECKING:
    from ..workspace import Workspace


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)


def validate(
    workspace: WorkspaceOption = None,
    output_format: ProblemFormatOption = "text",
    strict: StrictOption = False,
) -> None:
    """Check csec.yaml, every objective and every contractor; report all problems at once.

    Each problem is one line: path:line:col: severity: message.

    Exit status: 0 when clean, 1 when any error (or, with --strict, any warning) was found.
    """
    from ..problems import display_path, has_errors
    from ..validate import validate_workspace

    opened = open_workspace(workspace)
    inputs, problems = validate_workspace(opened)
    ws = inputs.workspace if inputs else opened  # once csec.yaml is read, an extending workspace has more layers
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    failed = has_errors(problems) or (strict and warnings > 0)
    objectives = len(ws.objective_files())
    contractors = len(ws.contractor_files())
    if output_format == "json":
        echo_json(
            {
                "workspace": display_path(ws.root),
                "ok": not failed,
                "objectives": objectives,
                "contractors": contractors,
                "errors": errors,
                "warnings": warnings,
                "problems": [problem_json(p) for p in problems],
            }
        )
    else:
        report_problems(problems, output_format)
        found = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}" if problems else "no problems"
        checked = f"{plural(objectives, 'objective')}{_from_standard(ws)} and {plural(contractors, 'contractor')}"
        where = f"the bundled standard ({display_path(ws.root)})" if ws.fallback else display_path(ws.root)
        echo(f"Checked {checked} in {where}: {found}.")
    if failed:
        raise typer.Exit(1)


def _from_standard(ws: "Workspace") -> str:
    """' (18 from the standard)' in a workspace that extends the bundled standard."""
    return f" ({len(ws.content_files('objectives')[-1][1])} from the standard)" if ws.extends else ""
