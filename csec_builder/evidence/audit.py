"""One file audited: what it is (hash, kind, size in slides or pages), the evidence per objective, its markers.

The material's text is dropped once scored, so auditing many files holds one file's text at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .markers import DeckAudit, markers_in
from .match import Matcher, ObjectiveEvidence
from .readers import read_material


@dataclass(frozen=True)
class FileAudit:
    path: Path
    kind: str
    sha256: str
    places: int
    place_name: str
    notes: tuple[str, ...]
    evidence: tuple[ObjectiveEvidence, ...]
    markers: DeckAudit

    def verdict_id(self, objective: ObjectiveEvidence) -> str:
        """A stable name for one verdict, for a reviewer's later override or comment: file, objective, version."""
        return f"sha256:{self.sha256}/{objective.objective_id}/v{objective.version}"

    def of(self, objective_id: str) -> ObjectiveEvidence | None:
        return next((e for e in self.evidence if e.objective_id == objective_id), None)


def audit_file(matcher: Matcher, path: Path) -> FileAudit:
    """Read and score one file; raises InputError (one line) when it cannot be read."""
    material = read_material(path)
    return FileAudit(
        path,
        material.kind,
        material.sha256,
        material.places,
        material.place_name,
        tuple(material.notes),
        tuple(matcher.audit(material)),
        markers_in(material),
    )
