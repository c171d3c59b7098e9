"""`csec-builder coverage`: which standardized objectives each contractor, or any deck, covers."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from .common import WorkspaceOption, echo, open_workspace, report_problems, usage_error

if TYPE_CHECKING:  # the library loads only when the command runs, so --help stays fast
    from ..coverage import CoverageReport


# Choices as Literal, not Enum: Typer shows and checks them alike, and they cost nothing at start-up.
CoverageFormat = Literal["table", "json", "csv", "markdown", "html", "junit"]


def register(app: typer.Typer) -> None:
    app.command("coverage")(coverage)


def coverage(
    contractor_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="CONTRACTOR_ID", help="Contractors to check (default: every contractor)."),
    ] = None,
    workspace: WorkspaceOption = None,
    output_format: Annotated[CoverageFormat, typer.Option("--format", "-f", help="Report format.")] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file instead of the terminal.")
    ] = None,
    deck: Annotated[
        list[Path] | None,
        typer.Option(
            "--deck",
            "--materials",
            help="Audit any provider's .pptx, .docx or .pdf file (repeatable) by what its content teaches.",
        ),
    ] = None,
    audience: Annotated[str | None, typer.Option(help="The audience the --deck files are for.")] = None,
    language: Annotated[
        str,
        typer.Option(
            "--language",
            help="The language the --deck files are written in (BCP 47, e.g. es): they are read against the "
            "catalog's translations into it.",
        ),
    ] = "en",
    out: Annotated[
        Path | None, typer.Option("--out", help="Where built decks are (default: the build output folder).")
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Also fail on an outdated objective version, or a marker line whose objective is not taught.",
        ),
    ] = False,
) -> None:
    """Report which required objectives each contractor covers, misses, adds, or teaches from an old version.

    With --deck (or --materials), audit any provider's .pptx, .docx or .pdf files instead: for each objective, the
    slides, pages or paragraphs that teach its key points, and a verdict (covered, partial, missing).

    Exit status: 0 when every contractor (or file) covers all objectives required for its audience, 1 when any
    misses one (or, for files, teaches one only in part), so CI can gate on it.
    """
    from ..coverage import contractor_coverage, deck_coverage
    from ..pipeline import load_inputs

    inputs = load_inputs(open_workspace(workspace))
    if deck:
        deck = [*deck, *_more_files(contractor_ids or [])]
        if audience is None:
            audiences = ", ".join(inputs.config.model.audience_ids)
            raise usage_error(f"--deck needs --audience (one of: {audiences})")
        report = deck_coverage(inputs, deck, audience, language)
    else:
        output_dir = out or inputs.workspace.output_dir(inputs.config.model.defaults.output)
        report = contractor_coverage(inputs, contractor_ids or None, output_dir)
    report_problems(report.problems, stream=sys.stderr)
    _emit(report, output_format, output, inputs.workspace.template_dirs())
    doubtful = any(row.outdated or row.marked_not_taught for row in report.rows)
    if not report.ok or (strict and doubtful):
        raise typer.Exit(1)


def _emit(
    report: "CoverageReport", output_format: CoverageFormat, output: Path | None, template_dirs: list[Path]
) -> None:
    from ..output import write_file
    from ..problems import display_path
    from ..render.reports import coverage as formats

    if output_format == "table":
        from ..render.reports.coverage_terminal import coverage_items
        from ..render.reports.terminal import output_width, print_items, to_text

        # The terminal's width on a terminal, COLUMNS when set; a file gets COLUMNS or plain lines.
        width = output_width(sys.stdout if output is None else None)
        if output is None:
            print_items(coverage_items(report, width), sys.stdout, width)
            return
        text = to_text(coverage_items(report, width), width)
    elif output_format == "html" and report.rows and all(row.audit for row in report.rows):
        from ..render.reports.review import to_review_html

        text = to_review_html(report, template_dirs)
    elif output_format == "html":
        text = formats.to_html(report, template_dirs)
    else:
        text = formats.FORMATS[output_format](report)
    if output is None:
        sys.stdout.write(text)
    else:
        write_file(output, text.encode("utf-8"))
        echo(f"Wrote {display_path(output)}", err=True)


def _more_files(arguments: list[str]) -> list[Path]:
    """`--deck a.pptx b.docx c.pdf`: the words after the first file are files too, when every one names one."""
    from ..evidence.readers import KINDS

    other = next((a for a in arguments if Path(a).suffix.lower() not in KINDS), None)
    if other is not None:
        raise usage_error(
            "give either contractor ids or --deck files, not both "
            f"(a file to audit ends in {', '.join(KINDS)}; {other!r} does not)"
        )
    return [Path(a) for a in arguments]
