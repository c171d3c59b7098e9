"""`csec-builder build`: slide decks and facilitator guides for every contractor."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..formats import FORMAT_NAMES, FORMATS
from .common import WorkspaceOption, open_workspace, plural, report_problems, usage_error

if TYPE_CHECKING:  # the library loads only when the command runs, so --help stays fast
    from rich.table import Table

    from ..build import BuildReport


def register(app: typer.Typer) -> None:
    app.command("build")(build_command)


def build_command(
    contractor_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="CONTRACTOR_ID", help="Contractors to build (default: every contractor)."),
    ] = None,
    workspace: WorkspaceOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Output folder (default: 'output' in csec.yaml, usually dist/).", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Outputs to write, comma-separated (default: defaults.formats in csec.yaml, every output): "
            + "; ".join(f"{name}: {summary}" for name, (_module, summary) in FORMATS.items())
            + ".",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too (e.g. a plan that overruns the session).")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when inputs have not changed.")] = False,
) -> None:
    """Build each contractor's teaching materials: slide deck, facilitator guides, handout, test (see --format).

    Each contractor gets its own folder under the output folder. Contractors whose inputs have not changed since the
    last build are skipped.

    Exit status: 0 when every contractor built, 1 when any failed (or, with --strict, when there were warnings).
    """
    from rich.console import Console

    from ..build import build

    formats = parse_formats(output_format)
    report = build(open_workspace(workspace), contractor_ids or None, out, formats, force)
    report_problems(report.problems, stream=sys.stderr)
    Console().print(summary_table(report))
    typer.echo(summary_line(report))
    warnings = [p for p in report.problems if p.severity == "warning"]
    if report.failed or (strict and warnings):
        raise typer.Exit(1)


def summary_line(report: "BuildReport") -> str:
    """E.g. '6 contractors in dist: 5 built, 1 up to date, 0 failed.'"""
    from ..problems import display_path

    counts = [(sum(r.status == status for r in report.results), status) for status in ("built", "up to date", "failed")]
    parts = ", ".join(f"{count} {status}" for count, status in counts)
    return f"{plural(len(report.results), 'contractor')} in {display_path(report.output_dir)}: {parts}."


def parse_formats(value: str | None) -> list[str] | None:
    if value is None:
        return None
    chosen = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [f for f in chosen if f not in FORMAT_NAMES]
    if unknown or not chosen:
        shown = ", ".join(unknown) or repr(value)
        raise usage_error(f"unknown output format {shown}; choose from {', '.join(FORMAT_NAMES)}")
    return chosen


def summary_table(report: "BuildReport") -> "Table":
    from rich.table import Table

    from ..problems import display_path

    table = Table(title="csec-builder build", title_justify="left")
    table.add_column("Contractor", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Slides", justify="right")
    table.add_column("Minutes (plan / session)", justify="right")
    table.add_column("Output folder", overflow="fold")
    for result in report.results:
        plan = result.plan
        minutes = f"{plan.total_minutes} / {plan.session_minutes or '-'}" if plan else "-"
        if plan and plan.session_minutes and plan.total_minutes > plan.session_minutes:
            minutes = f"[yellow]{minutes} over[/yellow]"
        folder = display_path(result.files[0].parent) if result.files else "-"
        slides = str(len(plan.slides)) if plan else "-"
        style = {"failed": "red", "built": "green"}.get(result.status, "")
        status = f"[{style}]{result.status}[/{style}]" if style else result.status
        table.add_row(result.contractor_id, status, slides, minutes, folder)
    return table
