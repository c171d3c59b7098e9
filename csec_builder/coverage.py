"""Coverage: which standardized objectives each contractor (or any provider's materials) covers, and what is missing.

Contractors are judged on what their profile selects; a deck already built for them tells which objective
versions the materials carry. Materials audited with --deck are judged on what they teach: the evidence
package reads them and scores each objective's key points; their marker lines only say what they claim.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .catalog import Catalog
from .evidence.audit import FileAudit, audit_file
from .evidence.language import LANGUAGES, Language
from .evidence.markers import DeckAudit, audit_deck
from .evidence.match import COVERED, MISSING, PARTIAL, Matcher
from .inputs import Inputs
from .models import StandardInfo
from .outputs import DECK, OUTPUTS
from .problems import CsecError, NotFoundError, Problem, display_path, has_errors, suggest
from .translations import translated


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
    language: str = "en"
    outdated_translations: tuple[str, ...] = ()
    """Objectives taught from a translation into `language` that follows an older version of them."""
    partial: tuple[str, ...] = ()
    """Required objectives whose materials teach some key points but not most (audits only)."""
    marked_not_taught: tuple[str, ...] = ()
    """Catalog objectives a marker line claims but the content does not teach (audits only)."""
    audit: FileAudit | None = None

    @property
    def ok(self) -> bool:
        return not self.missing_required and not self.partial

    @property
    def verdict(self) -> str:
        return "MISSING" if self.missing_required else "PARTIAL" if self.partial else "OK"

    def status(self, objective_id: str) -> str:
        """covered | partial | missing | extra | outdated | marked | unknown | none, for one matrix cell."""
        if objective_id in self.outdated or objective_id in self.outdated_translations:
            return "outdated"
        if objective_id in self.covered:
            return "covered"
        if objective_id in self.partial:
            return "partial"
        if objective_id in self.missing_required:
            return "missing"
        if objective_id in self.extra:
            return "extra"
        if objective_id in self.marked_not_taught:
            return "marked"
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
        preparation = inputs.preparation(source)
        deck = output_dir / contractor.id / OUTPUTS[DECK].file_names(contractor.id)[0]
        built = _built_versions(deck)
        taught = [Taught(o.id, built.get(o.id, o.version)) for o in preparation.objectives]
        row = coverage_row(inputs.catalog, contractor.id, contractor.audience, "contractor", taught)
        # A deck in another language carries the same ids and versions; its words may lag behind them.
        stale = preparation.outdated_translations
        rows.append(replace(row, language=contractor.language, outdated_translations=stale))
    return CoverageReport(inputs.config.model.standard, inputs.catalog, rows, sorted(problems))


def deck_coverage(inputs: Inputs, decks: list[Path], audience: str, language: str = "en") -> CoverageReport:
    """Coverage of any provider's .pptx, .docx or .pdf files, judged on what their content teaches.

    `language` is the materials' language: they are read against the catalog's translations into it (an
    objective without one is read in English) with that language's stems. Ids and versions stay the catalog's.
    """
    audiences = inputs.config.model.audience_ids
    if audience not in audiences:
        raise NotFoundError(
            f"unknown audience '{audience}'{suggest(audience, audiences)} (known: {', '.join(audiences)})"
        )
    names = [p.name for p in decks]
    matcher = Matcher(_in_language(inputs.catalog, language), _reading_language(language))
    rows = []
    for path in decks:
        # The file name stands for the file, unless two files share a name.
        label = path.name if names.count(path.name) == 1 else display_path(path)
        rows.append(audit_row(inputs.catalog, label, audience, audit_file(matcher, path)))
    return CoverageReport(inputs.config.model.standard, inputs.catalog, rows)


def _reading_language(tag: str) -> Language:
    code = tag.split("-")[0].lower()
    if code not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        raise NotFoundError(f"the audit cannot read '{tag}' materials{suggest(code, LANGUAGES)} (known: {known})")
    return LANGUAGES[code]


def _in_language(catalog: Catalog, tag: str) -> Catalog:
    """The catalog with each objective's words in the materials' language, where a translation exists."""
    found = catalog.translations.language(tag)
    if found is None:
        return catalog
    sources = tuple(
        replace(s, model=translated(s.model, found.objectives[s.model.id].model))
        if s.model.id in found.objectives
        else s
        for s in catalog.sources
    )
    return replace(catalog, sources=sources)


def audit_row(catalog: Catalog, subject: str, audience: str, audit: FileAudit) -> CoverageRow:
    """A row from evidence: verdicts from the content, versions and claims from the marker lines."""
    verdicts = {e.objective_id: e.verdict for e in audit.evidence}
    marks = audit.markers
    taught_ids = [i for i in catalog.ids if verdicts.get(i, MISSING) != MISSING]
    taught = [Taught(i, marks.versions.get(i), len(audit.of(i).places)) for i in taught_ids]  # type: ignore[union-attr]
    taught += [Taught(i, marks.versions[i], marks.slides[i]) for i in sorted(marks.slides) if catalog.get(i) is None]
    required = [o.id for o in catalog.required_for(audience)]
    outdated = [
        t.id for t in taught if t.id in verdicts and t.version is not None and t.version < catalog.get(t.id).version
    ]  # type: ignore[union-attr]
    return CoverageRow(
        id=subject,
        audience=audience,
        source="deck",
        required=tuple(required),
        taught=tuple(taught),
        covered=tuple(i for i in required if verdicts.get(i) == COVERED),
        missing_required=tuple(i for i in required if verdicts.get(i, MISSING) == MISSING),
        extra=tuple(i for i in catalog.ids if i not in required and verdicts.get(i) == COVERED),
        outdated=tuple(i for i in catalog.ids if i in outdated and verdicts.get(i) == COVERED),
        unknown=tuple(sorted(i for i in marks.slides if catalog.get(i) is None)),
        partial=tuple(i for i in required if verdicts.get(i) == PARTIAL),
        marked_not_taught=tuple(i for i in catalog.ids if i in marks.slides and verdicts.get(i) == MISSING),
        audit=audit,
    )


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
    if row.partial:
        parts.append("partial " + ", ".join(f"{i} ({_not_found(row, i)})" for i in row.partial))
    if row.marked_not_taught:
        parts.append(f"marked but not taught: {', '.join(row.marked_not_taught)}")
    if row.extra:
        parts.append(f"{len(row.extra)} extra")
    if row.outdated:
        parts.append(f"outdated: {', '.join(row.outdated)}")
    if row.outdated_translations:
        parts.append(f"translation into '{row.language}' outdated: {', '.join(row.outdated_translations)}")
    if row.unknown:
        parts.append(f"unknown ids: {', '.join(row.unknown)}")
    return f"{row.verdict}: " + "; ".join(parts)


def _not_found(row: CoverageRow, objective_id: str) -> str:
    """'key points 2, 5 not found' for a partly taught objective."""
    evidence = row.audit.of(objective_id) if row.audit else None
    numbers = [str(h.query.number) for h in evidence.not_found] if evidence else []
    noun = "key point" if len(numbers) == 1 else "key points"
    return f"{noun} {', '.join(numbers)} not found"
