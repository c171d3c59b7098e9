"""Coverage reports in every format: a terminal matrix, JSON, CSV, Markdown, HTML and JUnit XML.

Each format is one function from a CoverageReport to text, registered in FORMATS by name.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

from ...coverage import CoverageReport, CoverageRow, describe

SYMBOLS = {
    "covered": "✓",
    "partial": "◐",
    "missing": "✗",
    "extra": "+",
    "outdated": "↓",
    "marked": "!",
    "unknown": "?",
    "none": "·",
}
LABELS = {
    "covered": "covered (required)",
    "partial": "partial (required)",
    "missing": "missing (required)",
    "extra": "extra",
    "outdated": "outdated version",
    "marked": "marked but not taught",
    "unknown": "not in catalog",
    "none": "not taught",
}
AUDIT_ONLY = ("partial", "marked")
"""Statuses only an evidence audit gives: a contractor matrix leaves them out of its legend."""


def legend_statuses(report: CoverageReport) -> list[str]:
    audited = any(row.audit for row in report.rows)
    return [s for s in SYMBOLS if audited or s not in AUDIT_ONLY]


def legend(report: CoverageReport) -> str:
    return "  ".join(f"{SYMBOLS[status]} {LABELS[status]}" for status in legend_statuses(report))


def to_json(report: CoverageReport) -> str:
    data = {
        "standard": {"name": report.standard.name, "version": report.standard.version},
        "ok": report.ok,
        "contractors": [_row_json(report, row) for row in report.rows],
    }
    if report.problems:
        data["problems"] = [p.format() for p in report.problems]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _row_json(report: CoverageReport, row: CoverageRow) -> dict:
    data: dict = {
        "id": row.id,
        "audience": row.audience,
        "covered": list(row.covered),
        "missing_required": list(row.missing_required),
        "extra": list(row.extra),
        "outdated": list(row.outdated),
        "ok": row.ok,
        "source": row.source,
    }
    if row.unknown:
        data["unknown"] = list(row.unknown)
    if row.source == "contractor":
        data["language"] = row.language
        data["outdated_translations"] = list(row.outdated_translations)
    if row.audit is not None:
        from .evidence import file_data, objectives_data

        data["verdict"] = row.verdict
        data["partial"] = list(row.partial)
        data["marked_not_taught"] = list(row.marked_not_taught)
        data["file"] = file_data(row.audit)
        data["objectives"] = objectives_data(report.catalog, row)
    return data


CSV_COLUMNS = (
    "contractor",
    "audience",
    "objective",
    "title",
    "required",
    "status",
    "taught_version",
    "catalog_version",
    "slides",
    "minutes",
    "score",
    "key_points_found",
    "key_points_total",
    "evidence",
)


def to_csv(report: CoverageReport) -> str:
    """One row per contractor (or deck) and objective: easy to filter in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in report.rows:
        taught = {t.id: t for t in row.taught}
        for objective_id in report.objective_ids:
            status = row.status(objective_id)
            if status == "none":
                continue
            objective = report.catalog.get(objective_id)
            item = taught.get(objective_id)
            writer.writerow(
                [
                    row.id,
                    row.audience,
                    objective_id,
                    objective.title if objective else "",
                    "yes" if objective_id in row.required else "no",
                    status,
                    item.version if item and item.version is not None else "",
                    objective.version if objective else "",
                    item.slides if item and item.slides is not None else "",
                    objective.total_minutes if objective else "",
                    *_evidence_cells(row, objective_id),
                ]
            )
    return out.getvalue()


def _evidence_cells(row: CoverageRow, objective_id: str) -> list[object]:
    """score, key points found and total, and the places that teach them; empty for a contractor."""
    evidence = row.audit.of(objective_id) if row.audit else None
    if row.audit is None or evidence is None:
        return ["", "", "", ""]
    places = " ".join(f"{row.audit.place_name} {n}" for n in evidence.places)
    return [evidence.score, len(evidence.found), len(evidence.key_points), places]


def to_markdown(report: CoverageReport) -> str:
    ids = report.objective_ids
    lines = [
        f"# Objective coverage: {report.standard.name} {report.standard.version}",
        "",
        f"**{overall(report)}**",
        "",
        f"| {subject_heading(report)} | Audience | " + " | ".join(ids) + " | Verdict |",
        "| --- | --- | " + " | ".join(":-:" for _ in ids) + " | --- |",
    ]
    for row in report.rows:
        cells = " | ".join(SYMBOLS[row.status(i)] for i in ids)
        lines.append(f"| {_md(row.id)} | {row.audience} | {cells} | {row.verdict} |")
    lines += ["", legend(report), "", "## Details", ""]
    for row in report.rows:
        lines.append(f"- **{_md(row.id)}** ({row.audience}): {_md(describe(row))}")
        lines += [f"  - {_md(note)}" for note in (row.audit.notes if row.audit else ())]
    lines += _problem_lines(report, markdown=True)
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def to_junit(report: CoverageReport) -> str:
    """JUnit XML: one test case per contractor and required objective, failing when it is missing."""
    suites = ET.Element("testsuites", name="csec-builder coverage")
    total = failures = 0
    for row in report.rows:
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=row.id,
            tests=str(len(row.required)),
            failures=str(len(row.missing_required) + len(row.partial)),
            errors="0",
            skipped="0",
        )
        ET.SubElement(ET.SubElement(suite, "properties"), "property", name="audience", value=row.audience)
        for objective_id in row.required:
            objective = report.catalog.get(objective_id)
            title = objective.title if objective else objective_id
            case = ET.SubElement(suite, "testcase", classname=f"coverage.{row.id}", name=f"{objective_id}: {title}")
            if objective_id in row.missing_required:
                message = f"{row.id} does not cover required objective {objective_id} ({title})"
                ET.SubElement(case, "failure", message=message, type="MissingObjective").text = message
            elif objective_id in row.partial:
                missed = _missing_points(row, objective_id)
                message = f"{row.id} teaches required objective {objective_id} ({title}) only in part: {missed}"
                ET.SubElement(case, "failure", message=message, type="PartialObjective").text = message
            elif objective_id in row.outdated:
                ET.SubElement(case, "system-out").text = f"covered with an outdated version of {objective_id}"
        total += len(row.required)
        failures += len(row.missing_required) + len(row.partial)
    errors = _junit_problems(suites, report)
    suites.set("tests", str(total + errors))
    suites.set("failures", str(failures))
    suites.set("errors", str(errors))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _missing_points(row: CoverageRow, objective_id: str) -> str:
    evidence = row.audit.of(objective_id) if row.audit else None
    points = [f"{h.query.number}. {h.query.text}" for h in evidence.not_found] if evidence else []
    return "key points not found: " + "; ".join(points)


def _junit_problems(suites: ET.Element, report: CoverageReport) -> int:
    """Input files that could not be read show as errored test cases, so a red CI step is never all green."""
    problems = [p for p in report.problems if p.severity == "error"]
    if not problems:
        return 0
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="input files",
        tests=str(len(problems)),
        failures="0",
        errors=str(len(problems)),
        skipped="0",
    )
    for problem in problems:
        case = ET.SubElement(suite, "testcase", classname="coverage.inputs", name=problem.display_path())
        ET.SubElement(case, "error", message=problem.message, type="InputError").text = problem.format()
    return len(problems)


def to_html(report: CoverageReport, template_dirs: list[Path] | None = None) -> str:
    from ..guide.guide import render_template

    context = {
        "report": report,
        "ids": report.objective_ids,
        "symbols": SYMBOLS,
        "legend": legend(report),
        "overall": overall(report),
        "describe": describe,
        "titles": {o.id: o.title for o in report.catalog.objectives},
        "subject": subject_heading(report),
    }
    return render_template(template_dirs or [], "html", "coverage/coverage.html.j2", context)


def subject_heading(report: CoverageReport) -> str:
    """'File' when every row is an audited file, else 'Contractor'."""
    return "File" if report.rows and all(row.source == "deck" for row in report.rows) else "Contractor"


def overall(report: CoverageReport) -> str:
    noun = subject_heading(report).lower()
    broken = sum(p.severity == "error" for p in report.problems)
    problems = f"{broken} problem{'s' if broken != 1 else ''} in input files (listed below); " if broken else ""
    missing = [row.id for row in report.rows if not row.ok]
    if not report.rows:
        return f"{problems}no {noun}s to check."
    if missing:
        what = (
            "miss required objectives"
            if any(r.missing_required for r in report.rows)
            else "teach required objectives only in part"
        )
        return f"{problems}{len(missing)} of {len(report.rows)} {noun}s {what}: {', '.join(missing)}"
    every = f"the {noun} covers" if len(report.rows) == 1 else f"all {len(report.rows)} {noun}s cover"
    text = f"{problems}{every} every required objective."
    return text[0].upper() + text[1:]


def _problem_lines(report: CoverageReport, markdown: bool = False) -> list[str]:
    if not report.problems:
        return []
    lines = ["", "## Problems" if markdown else "Problems:", ""]
    return lines + [f"- {_md(p.format())}" if markdown else p.format() for p in report.problems]


TextFormat = Callable[[CoverageReport], str]
FORMATS: dict[str, TextFormat] = {"json": to_json, "csv": to_csv, "markdown": to_markdown, "junit": to_junit}
