"""`csec-builder coverage`: which standardized objectives each contractor, or any deck, covers."""

from __future__ import annotations

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..coverage import CoverageReport, contractor_coverage, deck_coverage, describe
from ..output import write_files
from ..problems import display_path
from ..render import coverage as formats
from ..validate import load_inputs
from .common import WorkspaceOption, open_workspace, report_problems, usage_error

STYLES = {"covered": "green", "missing": "bold red", "extra": "blue", "outdated": "bold yellow", "unknown": "magenta"}


class CoverageFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    junit = "junit"


def register(app: typer.Typer) -> None:
    app.command("coverage")(coverage)


def coverage(
    contractor_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="CONTRACTOR_ID", help="Contractors to check (default: every contractor)."),
    ] = None,
    workspace: WorkspaceOption = None,
    output_format: Annotated[
        CoverageFormat, typer.Option("--format", "-f", help="Report format.")
    ] = CoverageFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file instead of the terminal.")
    ] = None,
    deck: Annotated[
        list[Path] | None,
        typer.Option("--deck", help="Audit an existing .pptx deck (repeatable); reads 'Objective: ID vN' note lines."),
    ] = None,
    audience: Annotated[str | None, typer.Option(help="The audience the --deck decks are for.")] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Where built decks are (default: the build output folder).")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Also fail when materials use an outdated objective version.")
    ] = False,
) -> None:
    """Report which required objectives each contractor covers, misses, adds, or teaches from an old version.

    With --deck, audit any .pptx deck instead: its slides' speaker notes name the objectives they teach.

    Exit status: 0 when every contractor (or deck) covers all objectives required for its audience, 1 when any misses
    one, so CI can gate on it.
    """
    inputs = load_inputs(open_workspace(workspace))
    if deck:
        if contractor_ids:
            raise usage_error("give either contractor ids or --deck files, not both")
        if audience is None:
            audiences = ", ".join(inputs.config.model.audience_ids)
            raise usage_error(f"--deck needs --audience (one of: {audiences})")
        report = deck_coverage(inputs, deck, audience)
    else:
        output_dir = out or inputs.workspace.output_dir(inputs.config.model.defaults.output)
        report = contractor_coverage(inputs, contractor_ids or None, output_dir)
    report_problems(report.problems, stream=sys.stderr)
    _emit(report, output_format, output, inputs.workspace.template_dirs())
    outdated = any(row.outdated for row in report.rows)
    if not report.ok or (strict and outdated):
        raise typer.Exit(1)


def _emit(
    report: CoverageReport, output_format: CoverageFormat, output: Path | None, template_dirs: list[Path]
) -> None:
    if output_format is CoverageFormat.table and output is None and sys.stdout.isatty():
        _print_table(Console(), report)
        return
    if output_format is CoverageFormat.table:
        text = _plain_table(report)
    elif output_format is CoverageFormat.html:
        text = formats.to_html(report, template_dirs)
    else:
        text = formats.FORMATS[output_format.value](report)
    if output is None:
        sys.stdout.write(text)
    else:
        write_files(output.resolve().parent, {output.name: text.encode("utf-8")})
        typer.echo(f"Wrote {display_path(output)}", err=True)


def matrix(report: CoverageReport) -> Table:
    table = Table(
        title=f"Objective coverage: {report.standard.name} {report.standard.version}",
        title_justify="left",
        padding=(0, 1),
        caption=formats.LEGEND,
        caption_justify="left",
    )
    table.add_column(formats.subject_heading(report), no_wrap=True)
    table.add_column("Audience", no_wrap=True)
    for objective_id in report.objective_ids:
        head, _, tail = objective_id.partition("-")
        table.add_column(f"{head}\n{tail}", justify="center", no_wrap=True)
    table.add_column("Verdict", no_wrap=True)
    for row in report.rows:
        cells = []
        for objective_id in report.objective_ids:
            status = row.status(objective_id)
            style = STYLES.get(status)
            cells.append(f"[{style}]{formats.SYMBOLS[status]}[/{style}]" if style else formats.SYMBOLS[status])
        verdict = "[green]OK[/green]" if row.ok else "[bold red]MISSING[/bold red]"
        table.add_row(row.id, row.audience, *cells, verdict)
    return table


def _print_table(console: Console, report: CoverageReport) -> None:
    console.print(matrix(report))
    for row in report.rows:
        console.print(f"{row.id}: {describe(row)}", highlight=False, markup=False)


def _plain_table(report: CoverageReport) -> str:
    """The matrix without colour, wide enough not to wrap, for CI logs, pipes and files."""
    buffer = io.StringIO()
    _print_table(Console(file=buffer, width=400, color_system=None), report)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
