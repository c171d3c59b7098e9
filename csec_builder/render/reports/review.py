"""The evidence review page: one self-contained HTML page an academy reviewer reads beside the materials.

Per audited file and required objective: the verdict, each key point found or not, and for each the slide,
page or paragraph with the matched sentence quoted and its matching words highlighted.
"""

from __future__ import annotations

from pathlib import Path

from ...coverage import CoverageReport, CoverageRow, describe
from ...evidence.match import THRESHOLDS, ObjectiveEvidence
from .coverage import SYMBOLS, legend, overall
from .evidence import highlighted


def to_review_html(report: CoverageReport, template_dirs: list[Path] | None = None) -> str:
    from ..guide.guide import render_template

    context = {
        "report": report,
        "overall": overall(report),
        "legend": legend(report),
        "symbols": SYMBOLS,
        "describe": describe,
        "files": [_file(report, row) for row in report.rows],
        "thresholds": THRESHOLDS,
        "highlighted": highlighted,
    }
    return render_template(template_dirs or [], "html", "coverage/review.html.j2", context)


def _file(report: CoverageReport, row: CoverageRow) -> dict:
    audit = row.audit
    assert audit is not None
    required = [e for e in audit.evidence if e.objective_id in row.required]
    others = [e for e in audit.evidence if e.objective_id not in row.required]
    return {
        "row": row,
        "audit": audit,
        "required": [_objective(report, row, e) for e in required],
        "others": [_objective(report, row, e) for e in others],
    }


def _objective(report: CoverageReport, row: CoverageRow, evidence: ObjectiveEvidence) -> dict:
    objective = report.catalog.get(evidence.objective_id)
    audit = row.audit
    assert audit is not None
    return {
        "evidence": evidence,
        "title": objective.title if objective else "",
        "verdict_id": audit.verdict_id(evidence),
        "marked": evidence.objective_id in audit.markers.slides,
        "marked_not_taught": evidence.objective_id in row.marked_not_taught,
        "outdated": evidence.objective_id in row.outdated,
    }
