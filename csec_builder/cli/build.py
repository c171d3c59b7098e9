"""`csec-builder build`: slide decks and facilitator guides for every contractor."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..build import BuildReport, build
from ..outputs import FORMAT_NAMES, OUTPUTS
from ..problems import display_path
from .common import WorkspaceOption, open_workspace, plural, report_problems, usage_error

FORMAT_HELP = (
    "Outputs to write, comma-separated (default: defaults.formats in csec.yaml, every output): "
    + "; ".join(f"{output.name}: {output.summary}" for output in OUTPUTS.values())
    + "."
)


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
        typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too (e.g. a plan that overruns the session).")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when inputs have not changed.")] = False,
) -> None:
    """Build each contractor's teaching materials: slide deck, facilitator guides and more (see --format).

    Each contractor gets its own folder under the output folder. Contractors whose inputs have not changed since the
    last build are skipped.

    Exit status: 0 when every contractor built, 1 when any failed (or, with --strict, when there were warnings).
    """
    formats = parse_formats(output_format)
    report = build(open_workspace(workspace), contractor_ids or None, out, formats, force)
    report_problems(report.problems, stream=sys.stderr)
    Console().print(summary_table(report))
    typer.echo(summary_line(report))
    warnings = [p for p in report.problems if p.severity == "warning"]
    if report.failed or (strict and warnings):
        raise typer.Exit(1)


def summary_line(report: BuildReport) -> str:
    """E.g. '6 contractors in dist: 5 built, 1 up to date, 0 failed.'"""
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


def summary_table(report: BuildReport) -> Table:
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
