"""How `build` reports: a progress bar and a table on a terminal, one plain line per contractor in CI
logs and pipes, only problems with --quiet, and JSON for tools with --json.

Problems always go to standard error, one `path:line:col: severity: message` line each (inside the
JSON with --json); everything else goes to standard output.
"""

from __future__ import annotations

import sys
from typing import Any

from ..build import BuildReport, CheckReport, ContractorResult
from ..problems import display_path
from .common import echo, echo_json, plural, problem_json, report_problems

STATUSES = ("built", "up to date", "failed")


def make_reporter(quiet: bool, as_json: bool) -> Reporter:
    if as_json:
        return JsonReporter()
    if quiet:
        return Reporter()
    return TerminalReporter() if is_terminal() else LineReporter()


def is_terminal() -> bool:
    """Whether standard output is a terminal a person watches (not a CI log, a pipe or a file)."""
    return sys.stdout.isatty()


class Reporter:
    """--quiet: problems only."""

    def __enter__(self) -> Reporter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def on_result(self, result: ContractorResult, total: int) -> None:
        """Called as each contractor is settled, in the order they finish."""

    def finish(self, report: BuildReport) -> None:
        report_problems(report.problems, stream=sys.stderr)


class LineReporter(Reporter):
    """Not a terminal: one plain line per contractor as it finishes, then the problems and a one-line total."""

    def on_result(self, result: ContractorResult, total: int) -> None:
        echo(result_line(result))

    def finish(self, report: BuildReport) -> None:
        super().finish(report)
        for folder in report.removed:
            echo(removed_line(folder))
        echo(summary_line(report))


class TerminalReporter(LineReporter):
    """A terminal: a progress bar while building, then a table that fits the terminal's width."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from ..render.reports.terminal import output_width

        self.width = output_width(sys.stdout) or 80
        self.console = Console(width=self.width)
        # No refresh thread: workers are forked while the bar is up, and a fork must not copy a busy thread.
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
            auto_refresh=False,
        )
        self.task = self.progress.add_task("Loading the workspace", total=None)

    def __enter__(self) -> Reporter:
        self.progress.start()
        self.progress.refresh()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.progress.stop()

    def on_result(self, result: ContractorResult, total: int) -> None:
        self.progress.update(self.task, total=total, advance=1, description=f"Building ({result.contractor_id})")
        self.progress.refresh()

    def finish(self, report: BuildReport) -> None:
        from ..render.reports.terminal import fits, wrap

        report_problems(report.problems, stream=sys.stderr)
        table = summary_table(report)
        lines = [removed_line(folder) for folder in report.removed] + [summary_line(report)]
        if report.results and fits(table, self.width):
            self.console.print(table)
        else:  # too narrow for the table with every id whole: the plain lines, wrapped
            lines = [result_line(result) for result in report.results] + lines
        for line in lines:
            for piece in wrap(line, self.width):
                echo(piece)


class JsonReporter(Reporter):
    def finish(self, report: BuildReport) -> None:
        echo_json(build_json(report))


def result_line(result: ContractorResult) -> str:
    """E.g. 'built bay-area-academy: 143 slides, 440/450 min -> dist/bay-area-academy'."""
    if result.status == "failed" or result.plan is None:
        errors = sum(p.severity == "error" for p in result.problems)
        return f"{result.status} {result.contractor_id}: {plural(errors, 'error')}"
    plan = result.plan
    minutes = f"{plan.total_minutes}/{plan.session_minutes}" if plan.session_minutes else str(plan.total_minutes)
    minutes += " min"
    if plan.session_minutes and plan.total_minutes > plan.session_minutes:
        minutes += " (over)"
    folder = display_path(result.files[0].parent) if result.files else "-"
    return f"{result.status} {result.contractor_id}: {len(plan.slides)} slides, {minutes} -> {folder}"


def summary_line(report: BuildReport) -> str:
    """E.g. '6 contractors in dist: 5 built, 1 up to date, 0 failed.'"""
    parts = ", ".join(f"{report.count(status)} {status}" for status in STATUSES)
    return f"{plural(len(report.results), 'contractor')} in {display_path(report.output_dir)}: {parts}."


def removed_line(folder: Any) -> str:
    return f"removed {display_path(folder)}: its contractor file no longer exists"


def summary_table(report: BuildReport) -> Any:
    """One row per contractor; every folder is <output folder>/<id>, so the total line names the folder once."""
    from rich import box
    from rich.table import Table

    table = Table(title="csec-builder build", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Contractor", no_wrap=True)  # ids whole: when they do not fit, the plain lines do
    table.add_column("Status", no_wrap=True)
    table.add_column("Slides", justify="right", no_wrap=True)
    table.add_column("Minutes (plan/session)", justify="right")
    for result in report.results:
        plan = result.plan
        minutes = f"{plan.total_minutes}/{plan.session_minutes or '-'}" if plan else "-"
        if plan and plan.session_minutes and plan.total_minutes > plan.session_minutes:
            minutes = f"[yellow]{minutes} over[/yellow]"
        slides = str(len(plan.slides)) if plan else "-"
        style = {"failed": "red", "built": "green"}.get(result.status, "")
        status = f"[{style}]{result.status}[/{style}]" if style else result.status
        table.add_row(result.contractor_id, status, slides, minutes)
    return table


def build_json(report: BuildReport) -> dict[str, Any]:
    return {
        "output_dir": display_path(report.output_dir),
        "built": report.count("built"),
        "up_to_date": report.count("up to date"),
        "failed": report.count("failed"),
        "contractors": [
            {
                "id": result.contractor_id,
                "status": result.status,
                "files": [display_path(path) for path in result.files],
                "problems": [problem_json(p) for p in result.problems],
            }
            for result in report.results
        ],
        "removed": [display_path(folder) for folder in report.removed],
        "problems": [problem_json(p) for p in report.shared_problems],
    }


# --- build --check ---------------------------------------------------------------------------


def report_check(report: CheckReport, quiet: bool, as_json: bool) -> bool:
    """Print what --check found; True when every output is current."""
    current = not report.stale and not report.failed
    if as_json:
        echo_json(check_json(report, current))
        return current
    report_problems(report.problems, stream=sys.stderr)
    for path, reason in report.stale:
        echo(stale_line(path, reason))
    if not quiet:
        echo(check_line(report, current))
    return current


def stale_line(path: Any, reason: str) -> str:
    if reason == "orphaned":
        return f"orphaned {display_path(path)}: its contractor file no longer exists (a build removes it)"
    return f"{reason} {display_path(path)}"


def check_line(report: CheckReport, current: bool) -> str:
    where = f"{plural(report.contractors, 'contractor')} in {display_path(report.output_dir)}"
    if current:
        return f"Every output of {where} is current."
    found = [f"{plural(len(report.stale), 'output')} missing or stale"] if report.stale else []
    found += [f"{plural(len(report.failed), 'contractor')} failed"] if report.failed else []
    return f"{where}: {', '.join(found)}; run csec-builder build."


def check_json(report: CheckReport, current: bool) -> dict[str, Any]:
    return {
        "output_dir": display_path(report.output_dir),
        "current": current,
        "contractors": report.contractors,
        "stale": [{"path": display_path(path), "reason": reason} for path, reason in report.stale],
        "failed": [result.contractor_id for result in report.failed],
        "problems": [problem_json(p) for p in report.problems],
    }
