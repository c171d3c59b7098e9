"""What csec-builder will make of a PowerPoint template, told before any build.

`csec-builder template check` prints this report, and `validate` turns its findings into
problems for every contractor's template, so both say the same thing about the same file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .loader import Loaded, load_workspace
from .models import SLIDE_KINDS, Contractor
from .plan import TextArea
from .problems import InputError, NotFoundError, Severity, suggest
from .render.pptx.template import DEFAULT_TEMPLATE, DeckTemplate, cached_template, paints
from .workspace import Workspace
from .yamlio import Source

BRANDED_KINDS = ("title", "section", "closing")  # the kinds csec-builder paints with the brand colour


@dataclass(frozen=True)
class KindReport:
    kind: str
    layout: str
    reason: str
    placeholders: tuple[str, ...]
    """`idx: type` of each placeholder in the layout, in file order."""


@dataclass(frozen=True)
class Finding:
    severity: Severity
    message: str


@dataclass(frozen=True)
class TemplateReport:
    path: Path
    slide_size: tuple[int, int]
    layout_count: int
    master_count: int
    kinds: tuple[KindReport, ...]
    sample_slides: tuple[str, ...]
    paint: bool
    paint_reason: str
    text_area: TextArea
    findings: tuple[Finding, ...]


def check_template(path: Path, mapping: dict[str, str] | None = None, paint: bool | None = None) -> TemplateReport:
    """Report on a template; a TemplateError when it cannot be used at all (not a presentation, no title)."""
    template = cached_template(path, dict(mapping or {}))
    kinds = tuple(
        KindReport(
            kind,
            template.layout(kind).name,
            template.choices[kind].reason,
            tuple(f"{p.idx}: {p.type}" for p in template.layout(kind).placeholders),
        )
        for kind in SLIDE_KINDS
    )
    painting = paints(template, paint)
    return TemplateReport(
        path=path,
        slide_size=template.slide_size,
        layout_count=len(template.layouts),
        master_count=len({layout.master for layout in template.layouts}),
        kinds=kinds,
        sample_slides=template.sample_slides,
        paint=painting,
        paint_reason=_paint_reason(template, paint),
        text_area=template.text_area,
        findings=tuple(_findings(template, painting)),
    )


def check_contractor_template(workspace: Workspace, contractor_id: str, path: Path | None = None) -> TemplateReport:
    """The report for a contractor's template (or `path`), with its `layouts` mapping and `branding.paint`."""
    return check_loaded_contractor_template(load_workspace(workspace), contractor_id, path)


def check_loaded_contractor_template(loaded: Loaded, contractor_id: str, path: Path | None = None) -> TemplateReport:
    """`check_contractor_template` on a workspace already loaded: the profile and its template's path come from
    `loaded`, never from the files again."""
    source = contractor_source(loaded, contractor_id)
    contractor = source.model
    if path is None:
        try:
            path = loaded.resolve(contractor.template or DEFAULT_TEMPLATE)
        except ValueError as exc:
            raise InputError(str(exc), [source.doc.problem(("template",), str(exc))]) from None
    paint = contractor.branding.paint if contractor.branding else None
    return check_template(path, dict(contractor.layouts), paint)


def contractor_source(loaded: Loaded, contractor_id: str) -> Source[Contractor]:
    sources, broken = loaded.contractors, loaded.broken_contractors
    found = next((s for s in sources if s.model.id == contractor_id), None)
    if found is not None:
        return found
    failed = [p for p in broken if p.stem == contractor_id]
    if failed:
        raise InputError(f"contractor '{contractor_id}' has errors", [p for p in loaded.problems if p.path in failed])
    known = sorted([s.model.id for s in sources] + [p.stem for p in broken])
    raise NotFoundError(
        f"unknown contractor '{contractor_id}'{suggest(contractor_id, known)} (known: {', '.join(known)})"
    )


def _findings(template: DeckTemplate, painting: bool) -> list[Finding]:
    findings: list[Finding] = []
    for layout_index, kinds in _kinds_by_layout(template).items():
        layout = template.layouts[layout_index]
        used_for = f"layout '{layout.name}' (for {', '.join(kinds)} slides)"
        if not layout.has_text:
            message = f"{used_for} has no text placeholder: csec-builder adds a text box for the slide's text"
            findings.append(Finding("warning", message))
        for role, area in (("title", "title"), ("body", "text area")):
            for art in layout.covering(role):
                if art.kind == "picture":
                    message = (
                        f"{used_for}: picture '{art.name}' on the {_owner(art.owner)} covers its {area}; "
                        "text over a picture may be unreadable"
                    )
                    findings.append(Finding("warning", message))
        painted = [k for k in kinds if k in BRANDED_KINDS]
        if painting and painted and (layout.covering("title") or layout.covering("body")):
            message = (
                f"layout '{layout.name}' puts a picture or a filled box behind the text of its {', '.join(painted)} "
                "slides: csec-builder leaves their background and text colours as the template has them"
            )
            findings.append(Finding("warning", message))
    return list(dict.fromkeys(findings))


def _kinds_by_layout(template: DeckTemplate) -> dict[int, list[str]]:
    kinds: dict[int, list[str]] = {}
    for kind in SLIDE_KINDS:
        kinds.setdefault(template.layout(kind).index, []).append(kind)
    return kinds


def _owner(owner: str) -> str:
    return "slide master" if owner == "master" else "layout"


def _paint_reason(template: DeckTemplate, setting: bool | None) -> str:
    if setting is not None:
        return f"branding.paint is {'true' if setting else 'false'} in the contractor file"
    if template.paintable:
        return "the template carries csec-builder's paint mark, as the bundled default and its copies do"
    return "the organisation's own design; a contractor can ask for painting with branding.paint: true"


def describe_size(size: tuple[int, int]) -> str:
    """'10 x 7.5 in (4:3)': how people name slide sizes."""
    width, height = (value / 914400 for value in size)
    ratio = width / height if height else 0
    shape = next((name for name, r in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 1.6)) if abs(ratio - r) < 0.02), "")
    return f"{width:.4g} x {height:.4g} in" + (f" ({shape})" if shape else "")
