"""Coverage: which standardized objectives each contractor (or any deck) covers, and what is missing.

Contractors are judged on what their profile selects; a deck already built for them (or any deck
audited with --deck) also tells which objective versions the materials actually carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .evidence.markers import DeckAudit, audit_deck
from .catalog import Catalog
from .models import StandardInfo
from .outputs import DECK, OUTPUTS
from .problems import CsecError, NotFoundError, Problem, display_path, has_errors, suggest
from .validate import Inputs


@dataclass(frozen=True)
class Taught:
    """One objective as a subject teaches it."""

    id: str
    version: int | None
    slides: int | None = None


@dataclass(frozen=True)
class CoverageRow:
    id: str
    audience: str
    source: str  # "contractor" or "deck"
    required: tuple[str, ...]
    taught: tuple[Taught, ...]
    covered: tuple[str, ...]
    missing_required: tuple[str, ...]
    extra: tuple[str, ...]
    outdated: tuple[str, ...]
    unknown: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.missing_required

    def status(self, objective_id: str) -> str:
        """covered | missing | extra | outdated | unknown | none, for one matrix cell."""
        if objective_id in self.outdated:
            return "outdated"
        if objective_id in self.covered:
            return "covered"
        if objective_id in self.missing_required:
            return "missing"
        if objective_id in self.extra:
            return "extra"
        return "unknown" if objective_id in self.unknown else "none"


@dataclass
class CoverageReport:
    standard: StandardInfo
    catalog: Catalog
    rows: list[CoverageRow]
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(row.ok for row in self.rows) and not has_errors(self.problems)

    @property
    def objective_ids(self) -> list[str]:
        """Matrix columns: the catalog in order, then any unknown ids that decks mark."""
        unknown = sorted({i for row in self.rows for i in row.unknown})
        return self.catalog.ids + unknown


def contractor_coverage(inputs: Inputs, contractor_ids: list[str] | None, output_dir: Path) -> CoverageReport:
    """Coverage of each contractor's selection; built decks in `output_dir` supply taught versions."""
    sources, broken = inputs.choose(contractor_ids)
    problems = [p for p in inputs.problems_in({s.path for s in sources} | set(broken)) if p.severity == "error"]
    rows = []
    for source in sources:
        contractor = source.model
        objectives = inputs.preparation(source).objectives
        deck = output_dir / contractor.id / OUTPUTS[DECK].file_names(contractor.id)[0]
        built = _built_versions(deck)
        taught = [Taught(o.id, built.get(o.id, o.version)) for o in objectives]
        rows.append(coverage_row(inputs.catalog, contractor.id, contractor.audience, "contractor", taught))
    return CoverageReport(inputs.config.model.standard, inputs.catalog, rows, sorted(problems))


def deck_coverage(inputs: Inputs, decks: list[Path], audience: str) -> CoverageReport:
    """Coverage of existing decks, read from the objective markers in their speaker notes."""
    audiences = inputs.config.model.audience_ids
    if audience not in audiences:
        raise NotFoundError(
            f"unknown audience '{audience}'{suggest(audience, audiences)} (known: {', '.join(audiences)})"
        )
    names = [p.name for p in decks]
    rows = []
    for path in decks:
        audit = audit_deck(path)
        taught = [Taught(i, audit.versions[i], audit.slides[i]) for i in audit.slides]
        # The file name stands for the deck, unless two decks share a name.
        label = path.name if names.count(path.name) == 1 else display_path(path)
        rows.append(coverage_row(inputs.catalog, label, audience, "deck", taught))
    return CoverageReport(inputs.config.model.standard, inputs.catalog, rows)


def coverage_row(catalog: Catalog, subject: str, audience: str, source: str, taught: list[Taught]) -> CoverageRow:
    required = [o.id for o in catalog.required_for(audience)]
    taught_ids = {t.id for t in taught}
    known = [t for t in taught if catalog.get(t.id) is not None]
    outdated = [
        t.id
        for t in known
        if t.version is not None and t.version < catalog.get(t.id).version  # type: ignore[union-attr]
    ]
    return CoverageRow(
        id=subject,
        audience=audience,
        source=source,
        required=tuple(required),
        taught=tuple(sorted(taught, key=lambda t: _catalog_position(catalog, t.id))),
        covered=tuple(i for i in required if i in taught_ids),
        missing_required=tuple(i for i in required if i not in taught_ids),
        extra=tuple(i for i in catalog.ids if i in taught_ids and i not in required),
        outdated=tuple(i for i in catalog.ids if i in outdated),
        unknown=tuple(sorted(t.id for t in taught if catalog.get(t.id) is None)),
    )


def _catalog_position(catalog: Catalog, objective_id: str) -> tuple[int, str]:
    ids = catalog.ids
    return (ids.index(objective_id), "") if objective_id in ids else (len(ids), objective_id)


def _built_versions(deck: Path) -> dict[str, int]:
    """Versions carried by an already built deck; none when there is no deck or it cannot be read."""
    if not deck.is_file():
        return {}
    try:
        audit: DeckAudit = audit_deck(deck)
    except CsecError:
        return {}
    return {i: v for i, v in audit.versions.items() if v is not None}


def describe(row: CoverageRow) -> str:
    """The one-line verdict for a contractor or deck."""
    required = len(row.required)
    parts = [f"covers {len(row.covered)}/{required} required"]
    if row.missing_required:
        parts.append(f"missing {', '.join(row.missing_required)}")
    if row.extra:
        parts.append(f"{len(row.extra)} extra")
    if row.outdated:
        parts.append(f"outdated: {', '.join(row.outdated)}")
    if row.unknown:
        parts.append(f"unknown ids: {', '.join(row.unknown)}")
    verdict = "OK" if row.ok else "MISSING"
    return f"{verdict}: " + "; ".join(parts)
