"""`csec-builder build`: slide decks and facilitator guides for every contractor."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..formats import FORMAT_NAMES, FORMATS
from .common import WorkspaceOption, open_workspace, usage_error

if TYPE_CHECKING:  # the library loads only when the command runs, so --help stays fast
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
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Contractors built at the same time, each in its own process (default: the number of CPUs).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing: list every missing or stale output, and exit 1 if there is any."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON summary (problems included) instead of text.")
    ] = False,
) -> None:
    """Build each contractor's teaching materials: slide deck, facilitator guides, handout, test (see --format).

    Each contractor gets its own folder under the output folder. Contractors whose inputs have not changed since the
    last build are skipped. A full build into the workspace's output folder removes the folders of contractors whose
    file no longer exists.

    Exit status: 0 when every contractor built, 1 when any failed (or, with --strict, when there were warnings;
    with --check, when any output is missing or stale).
    """
    from ..build import build, check_outputs  # deferred: loading the pipeline is for builds, not for --help
    from ..parallel import cpu_count
    from .build_report import make_reporter, report_check

    formats = parse_formats(output_format)
    ws = open_workspace(workspace)
    if check:
        current = report_check(check_outputs(ws, contractor_ids or None, out, formats), quiet=quiet, as_json=as_json)
        if not current:
            raise typer.Exit(1)
        return
    reporter = make_reporter(quiet=quiet, as_json=as_json)
    with reporter:
        report = build(ws, contractor_ids or None, out, formats, force, jobs or cpu_count(), reporter.on_result)
    reporter.finish(report)
    if failed(report, strict):
        raise typer.Exit(1)


def failed(report: "BuildReport", strict: bool) -> bool:
    warnings = [p for p in report.problems if p.severity == "warning"]
    return bool(report.failed) or (strict and bool(warnings))


def parse_formats(value: str | None) -> list[str] | None:
    if value is None:
        return None
    chosen = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [f for f in chosen if f not in FORMAT_NAMES]
    if unknown or not chosen:
        shown = ", ".join(unknown) or repr(value)
        raise usage_error(f"unknown output format {shown}; choose from {', '.join(FORMAT_NAMES)}")
    return chosen
