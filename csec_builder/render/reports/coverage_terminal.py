"""The coverage report for a terminal, in the richest layout that fits its width.

1. The matrix: contractors as rows, objectives as columns (what a wide terminal shows best).
2. Transposed: objectives as rows, contractors as numbered columns with a legend, when the objectives
   do not fit side by side but the contractors do.
3. One block per contractor: its verdict, then the objectives it covers, misses, adds... as wrapped lines.

Without a width (a pipe, a file, a CI log without COLUMNS) the report is plain lines: layout 3, unwrapped.
"""

from __future__ import annotations

from rich.table import Table

from ...coverage import CoverageReport, CoverageRow, describe
from .coverage import LABELS, SYMBOLS, legend_statuses, subject_heading
from .terminal import Item, cell, first_fitting, fits, wrap, wrap_items

STYLES = {
    "covered": "green",
    "partial": "yellow",
    "missing": "bold red",
    "extra": "blue",
    "outdated": "bold yellow",
    "marked": "bold magenta",
    "unknown": "magenta",
}
VERDICT_STYLES = {"OK": "green", "PARTIAL": "bold yellow", "MISSING": "bold red"}
# The order of the per-contractor blocks: what needs action first.
LIST_ORDER = ("missing", "partial", "marked", "outdated", "covered", "extra", "unknown", "none")


def coverage_items(report: CoverageReport, width: int | None) -> list[Item]:
    """What to print for the report at `width` columns (None: plain lines)."""
    title = wrap(f"Objective coverage: {report.standard.name} {report.standard.version}", width)
    if width is not None:
        matrix = _matrix(report)
        if fits(matrix, width):
            return [*title, matrix, *_legend(report, width), *_verdicts(report, width)]
        shapes = ((True, False), (False, False), (False, True))  # (titles, compact): most readable first
        transposed = first_fitting((_transposed(report, *shape) for shape in shapes), width)
        if transposed is not None:
            return [*title, transposed, *_legend(report, width), *_numbered_verdicts(report, width)]
    return [*title, *_blocks(report, width)]


def _cell(status: str) -> str:
    style = STYLES.get(status)
    return f"[{style}]{SYMBOLS[status]}[/{style}]" if style else SYMBOLS[status]


def _verdict(row: CoverageRow) -> str:
    style = VERDICT_STYLES[row.verdict]
    return f"[{style}]{row.verdict}[/{style}]"


def _matrix(report: CoverageReport) -> Table:
    table = Table(padding=(0, 1))
    table.add_column(subject_heading(report), no_wrap=True)
    table.add_column("Audience", no_wrap=True)
    for objective_id in report.objective_ids:
        head, _, tail = objective_id.partition("-")
        table.add_column(f"{head}\n{tail}", justify="center", no_wrap=True)
    table.add_column("Verdict", no_wrap=True)
    for row in report.rows:
        cells = [_cell(row.status(objective_id)) for objective_id in report.objective_ids]
        table.add_row(cell(row.id), row.audience, *cells, _verdict(row))  # a deck's file name is not markup
    return table


def _transposed(report: CoverageReport, titles: bool, compact: bool) -> Table:
    """Objectives down the side, one narrow numbered column per contractor (named in the legend).

    Compact drops the cell padding, so that each contractor takes two or three columns instead of four or
    five: many contractors still fit, before the report falls back to one block per contractor.
    """
    table = Table(padding=(0, 0) if compact else (0, 1))
    pad = " " if compact else ""
    table.add_column(f"{pad}Objective{pad}", no_wrap=True)
    if titles:
        table.add_column("Title")
    for number in range(1, len(report.rows) + 1):
        table.add_column(str(number), justify="center", no_wrap=True)
    for objective_id in report.objective_ids:
        objective = report.catalog.get(objective_id)
        title = [cell(objective.title) if objective else LABELS["unknown"]] if titles else []
        cells = [_cell(row.status(objective_id)) for row in report.rows]
        table.add_row(f"{pad}{objective_id}{pad}", *title, *cells)
    verdicts = [_cell("covered" if row.ok else "missing" if row.missing_required else "partial") for row in report.rows]
    table.add_row(f"{pad}Verdict{pad}", *([""] if titles else []), *verdicts)
    return table


def _legend(report: CoverageReport, width: int | None) -> list[str]:
    return wrap_items([f"{SYMBOLS[status]} {LABELS[status]}" for status in legend_statuses(report)], width)


def _verdicts(report: CoverageReport, width: int | None) -> list[str]:
    return [line for row in report.rows for line in [*wrap(f"{row.id}: {describe(row)}", width), *_notes(row, width)]]


def _notes(row: CoverageRow, width: int | None) -> list[str]:
    """What the reader could not read in an audited file ('page 12 has no text: scanned?')."""
    notes = row.audit.notes if row.audit else ()
    return [line for note in notes for line in wrap(f"  note: {note}", width, indent="        ")]


def _numbered_verdicts(report: CoverageReport, width: int) -> list[str]:
    digits = len(str(len(report.rows)))
    return [
        line
        for number, row in enumerate(report.rows, 1)
        for line in [
            *wrap(f"{number:>{digits}}. {row.id} ({row.audience}): {describe(row)}", width, " " * (digits + 2)),
            *_notes(row, width),
        ]
    ]


def _blocks(report: CoverageReport, width: int | None) -> list[str]:
    """Per contractor: 'id: verdict', its audience, then one line per status naming the objectives."""
    lines: list[str] = []
    for row in report.rows:
        lines += wrap(f"{row.id}: {describe(row)}", width)
        lines += wrap(f"  audience: {row.audience}", width)
        lines += _notes(row, width)
        for status in LIST_ORDER:
            ids = [i for i in report.objective_ids if row.status(i) == status]
            if ids:
                lines += wrap(f"  {SYMBOLS[status]} {LABELS[status]}: {', '.join(ids)}", width, indent="      ")
    return lines
