"""The evidence of one audited file as plain data: what the JSON report holds and the review page shows.

Each verdict carries a stable `verdict_id` (file hash, objective, version) and its evidence: the slide, page
or paragraph, and the sentence quoted verbatim with the words that matched.
"""

from __future__ import annotations

from ...catalog import Catalog
from ...coverage import CoverageRow
from ...evidence.audit import FileAudit
from ...evidence.language import LANGUAGES
from ...evidence.match import Hit, ObjectiveEvidence


def file_data(audit: FileAudit) -> dict:
    return {
        "path": str(audit.path),
        "kind": audit.kind,
        "sha256": audit.sha256,
        f"{audit.place_name}s": audit.places,
        "notes": list(audit.notes),
    }


def objectives_data(catalog: Catalog, row: CoverageRow) -> list[dict]:
    """Every catalog objective (required first, then the others), then ids only markers name."""
    audit = row.audit
    assert audit is not None
    ordered = sorted(audit.evidence, key=lambda e: e.objective_id not in row.required)
    data = [objective_data(catalog, row, audit, e) for e in ordered]
    for objective_id in row.unknown:
        data.append(
            {
                "id": objective_id,
                "required": False,
                "verdict": "unknown",
                "marker": _marker(audit, objective_id, "unknown"),
                "version": audit.markers.versions.get(objective_id),
                "marked_slides": audit.markers.slides.get(objective_id, 0),
                "slides": 0,
                "minutes": None,
            }
        )
    return data


def objective_data(catalog: Catalog, row: CoverageRow, audit: FileAudit, evidence: ObjectiveEvidence) -> dict:
    objective = catalog.get(evidence.objective_id)
    return {
        "id": evidence.objective_id,
        "verdict_id": audit.verdict_id(evidence),
        "title": objective.title if objective else "",
        "catalog_version": evidence.version,
        "required": evidence.objective_id in row.required,
        "verdict": evidence.verdict,
        "score": evidence.score,
        "key_points_found": len(evidence.found),
        "key_points_total": len(evidence.key_points),
        "marker": _marker(audit, evidence.objective_id, evidence.verdict),
        "version": audit.markers.versions.get(evidence.objective_id),
        "marked_slides": audit.markers.slides.get(evidence.objective_id, 0),
        "slides": len(evidence.places),
        f"{audit.place_name}s_with_evidence": list(evidence.places),
        "minutes": objective.total_minutes if objective else None,
        "key_points": [hit_data(h) for h in evidence.key_points],
        "statement": hit_data(evidence.statement),
        "knowledge_checks": [hit_data(h) for h in evidence.knowledge_checks],
    }


def _marker(audit: FileAudit, objective_id: str, verdict: str) -> str:
    """none | agrees | marked but not taught: what the file's marker lines claim against what it teaches."""
    if objective_id not in audit.markers.slides:
        return "none"
    return "marked but not taught" if verdict in ("missing", "unknown") else "agrees"


def hit_data(hit: Hit) -> dict:
    data: dict = {"number": hit.query.number, "text": hit.query.text, "found": hit.found, "score": hit.score}
    if hit.query.shared_with:
        data["also_taught_by"] = list(hit.query.shared_with)
    if hit.place is not None:
        data["evidence"] = {
            "place": hit.place.kind,
            "number": hit.place.number,
            "section": hit.place.section,
            "quote": hit.quote,
            "matched_words": matched_words(hit),
        }
    return data


def matched_words(hit: Hit) -> list[str]:
    """The words of the quote whose stems the query shares, as written, each once."""
    stems = set(hit.matched)
    spans = LANGUAGES[hit.query.language].spans(hit.quote)
    words = [hit.quote[start:end] for start, end, stem in spans if stem in stems]
    return list(dict.fromkeys(words))


def highlighted(hit: Hit) -> list[tuple[str, bool]]:
    """The quote cut into (text, matched) pieces, for a page that marks the matched words."""
    stems = set(hit.matched)
    pieces: list[tuple[str, bool]] = []
    last = 0
    for start, end, stem in LANGUAGES[hit.query.language].spans(hit.quote):
        if stem in stems:
            pieces += [(hit.quote[last:start], False), (hit.quote[start:end], True)]
            last = end
    pieces.append((hit.quote[last:], False))
    return [p for p in pieces if p[0]]
