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

SYMBOLS = {"covered": "✓", "missing": "✗", "extra": "+", "outdated": "↓", "unknown": "?", "none": "·"}
LABELS = {
    "covered": "covered (required)",
    "missing": "missing (required)",
    "extra": "extra",
    "outdated": "outdated version",
    "unknown": "not in catalog",
    "none": "not taught",
}
LEGEND = "  ".join(f"{SYMBOLS[status]} {LABELS[status]}" for status in SYMBOLS)


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
    if row.source == "deck":
        data["objectives"] = [
            {"id": t.id, "version": t.version, "slides": t.slides, "minutes": _minutes(report, t.id)}
            for t in row.taught
        ]
    return data


def _minutes(report: CoverageReport, objective_id: str) -> int | None:
    objective = report.catalog.get(objective_id)
    return objective.total_minutes if objective else None


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
                ]
            )
    return out.getvalue()


def to_markdown(report: CoverageReport) -> str:
    ids = report.objective_ids
    lines = [
        f"# Objective coverage: {report.standard.name} {report.standard.version}",
        "",
        f"**{_overall(report)}**",
        "",
        f"| {subject_heading(report)} | Audience | " + " | ".join(ids) + " | Verdict |",
        "| --- | --- | " + " | ".join(":-:" for _ in ids) + " | --- |",
    ]
    for row in report.rows:
        cells = " | ".join(SYMBOLS[row.status(i)] for i in ids)
        lines.append(f"| {_md(row.id)} | {row.audience} | {cells} | {'OK' if row.ok else 'MISSING'} |")
    lines += ["", LEGEND, "", "## Details", ""]
    for row in report.rows:
        lines.append(f"- **{_md(row.id)}** ({row.audience}): {_md(describe(row))}")
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
            failures=str(len(row.missing_required)),
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
            elif objective_id in row.outdated:
                ET.SubElement(case, "system-out").text = f"covered with an outdated version of {objective_id}"
        total += len(row.required)
        failures += len(row.missing_required)
    errors = _junit_problems(suites, report)
    suites.set("tests", str(total + errors))
    suites.set("failures", str(failures))
    suites.set("errors", str(errors))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


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
        "legend": LEGEND,
        "overall": _overall(report),
        "describe": describe,
        "titles": {o.id: o.title for o in report.catalog.objectives},
        "subject": subject_heading(report),
    }
    return render_template(template_dirs or [], "html", "coverage/coverage.html.j2", context)


def subject_heading(report: CoverageReport) -> str:
    """'Deck' when every row is an audited deck, else 'Contractor'."""
    return "Deck" if report.rows and all(row.source == "deck" for row in report.rows) else "Contractor"


def _overall(report: CoverageReport) -> str:
    noun = subject_heading(report).lower()
    broken = sum(p.severity == "error" for p in report.problems)
    problems = f"{broken} problem{'s' if broken != 1 else ''} in input files (listed below); " if broken else ""
    missing = [row.id for row in report.rows if not row.ok]
    if not report.rows:
        return f"{problems}no {noun}s to check."
    if missing:
        return f"{problems}{len(missing)} of {len(report.rows)} {noun}s miss required objectives: {', '.join(missing)}"
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
