"""`csec-builder lint`: survivor-centred language in the sources; accessibility of built materials."""

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import (
    ProblemFormat,
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
    from ..lint import LintReport
    from ..workspace import Workspace


def register(app: typer.Typer) -> None:
    app.command("lint")(lint)


def lint(
    folder: Annotated[
        Path | None,
        typer.Argument(help="With --outputs: the folder of built materials. Default: the workspace's output folder."),
    ] = None,
    outputs: Annotated[
        bool, typer.Option("--outputs", help="Check built decks, HTML guides and Word documents instead.")
    ] = False,
    workspace: WorkspaceOption = None,
    output_format: ProblemFormatOption = "text",
    strict: StrictOption = False,
) -> None:
    """Check language and accessibility.

    Without --outputs: every text field of the objectives and contractor profiles, and custom templates,
    against the terminology rules (rules/terminology.yaml), and the contrast of each contractor's template
    and brand colour. A deliberate use is waived in place with a comment:
    `# csec-lint: allow RULE -- reason`.

    With --outputs [FOLDER]: alt text, titles, reading order, text size and language of built decks; lang,
    headings, table headers, alt text and link text of HTML guides; headings, alt text, title and language
    of Word documents.

    Exit status: 0 when clean, 1 when any error (or, with --strict, any warning) was found.
    """
    from ..lint import lint_workspace  # deferred: keeps --help fast

    ws = open_workspace(workspace)
    if outputs:
        report = _lint_outputs(ws, folder)
    elif folder is not None:
        raise typer.BadParameter("a folder is only taken with --outputs", param_hint="FOLDER")
    else:
        report = lint_workspace(ws)
    _print(report, output_format)
    failed = report.errors > 0 or (strict and report.warnings > 0)
    if failed:
        raise typer.Exit(1)


def _lint_outputs(ws: "Workspace", folder: Path | None) -> "LintReport":
    from ..lint import LintReport
    from ..lint.accessibility import lint_outputs
    from ..loader import load_config
    from ..problems import NotFoundError, display_path

    target = folder or ws.output_dir(load_config(ws)[1].model.defaults.output)
    if not target.is_dir():
        raise NotFoundError(f"no folder {display_path(target)}: run `csec-builder build` first, or name the folder")
    problems, files = lint_outputs(target)
    return LintReport(sorted(problems), [], files)


def _print(report: "LintReport", output_format: ProblemFormat) -> None:
    from ..problems import display_path

    if output_format == "json":
        echo_json(
            {
                "ok": report.errors == 0,
                "files": report.files,
                "errors": report.errors,
                "warnings": report.warnings,
                "problems": [problem_json(p) for p in report.problems],
                "waived": [
                    {
                        "path": display_path(w.finding.path),
                        "line": w.finding.line,
                        "rule": w.finding.rule.id,
                        "found": w.finding.found,
                        "reason": w.reason,
                    }
                    for w in report.waivers
                ],
            }
        )
        return
    report_problems(report.problems, output_format)
    found = (
        f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')}" if report.problems else "no problems"
    )
    echo(f"Checked {plural(report.files, 'file')}: {found}.")
    if report.waivers:
        reasons = Counter((w.finding.rule.id, w.reason or "no reason given") for w in report.waivers)
        echo(f"Waived on purpose: {plural(len(report.waivers), 'use')}")
        for (rule, reason), count in sorted(reasons.items()):
            echo(f"  {rule} x{count}: {reason}")
