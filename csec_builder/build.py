"""Build: for each contractor, load -> validate -> select -> plan -> render -> write.

One contractor's failure never stops the others, and never touches its earlier outputs. A
contractor whose inputs have not changed since the last build is skipped (see manifest.json in its
output folder), unless `force` is set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from . import __version__
from .loader import Source
from .models import Contractor, Objective
from .output import json_bytes, read_json, sha256, write_files
from .plan import Plan, plan_for
from .problems import CsecError, Problem, display_path, error, has_errors
from .render.pptx_template import DEFAULT_TEMPLATE
from .render.reproducible import fixed_datetime
from .select import select_objectives
from .validate import Inputs, load_inputs
from .workspace import PACKAGE_DIR, Workspace

FORMATS = ("pptx", "md", "html")
GUIDE_TEMPLATE_DIR = "templates/guide"
MANIFEST = "manifest.json"
Status = Literal["built", "up to date", "failed"]


@dataclass
class ContractorResult:
    contractor_id: str
    status: Status
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    plan: Plan | None = None


@dataclass
class BuildReport:
    output_dir: Path
    results: list[ContractorResult]
    shared_problems: list[Problem] = field(default_factory=list)
    """Problems in files that are no contractor's own, such as an objective file that failed to load."""

    @property
    def problems(self) -> list[Problem]:
        return sorted({p for r in self.results for p in r.problems} | set(self.shared_problems))

    @property
    def failed(self) -> list[ContractorResult]:
        return [r for r in self.results if r.status == "failed"]


def build(
    workspace: Workspace,
    contractor_ids: list[str] | None = None,
    output_dir: Path | None = None,
    formats: list[str] | None = None,
    force: bool = False,
) -> BuildReport:
    """Build the materials of the named contractors (all when none are named)."""
    inputs = load_inputs(workspace)
    defaults = inputs.config.model.defaults
    out = output_dir.resolve() if output_dir else workspace.output_dir(defaults.output)
    chosen_formats = formats or list(defaults.formats)
    sources, broken = inputs.choose(contractor_ids)
    results = [_build_one(inputs, source, out, chosen_formats, force) for source in sources]
    results += [_broken(inputs, path) for path in broken]
    broken_objectives = [p for p in inputs.problems if p.path.stem in inputs.catalog.broken]
    return BuildReport(out, sorted(results, key=lambda r: r.contractor_id), broken_objectives)


def _broken(inputs: Inputs, path: Path) -> ContractorResult:
    return ContractorResult(path.stem, "failed", inputs.problems_in({path}))


def _build_one(
    inputs: Inputs, source: Source[Contractor], out: Path, formats: list[str], force: bool
) -> ContractorResult:
    contractor = source.model
    objectives, _ = select_objectives(source, inputs.catalog)
    input_files = _input_files(inputs, source, objectives)
    problems = inputs.problems_in({source.path, *(inputs.catalog.source(o.id).path for o in objectives)})
    if has_errors(problems):
        return ContractorResult(contractor.id, "failed", problems)
    plan = plan_for(contractor, objectives, inputs.config.model)
    folder = out / contractor.id
    digest = _digest(inputs.workspace, input_files, formats)
    names = output_names(contractor.id, formats)
    if not force and _up_to_date(folder, digest, names):
        return ContractorResult(contractor.id, "up to date", problems, [folder / n for n in names], plan)
    try:
        rendered = render_all(inputs, source, plan, formats)
    except CsecError as exc:
        return ContractorResult(contractor.id, "failed", [*problems, *_as_problems(exc, source.path)], plan=plan)
    except Exception as exc:  # a bug or an unreadable file must not stop the other contractors
        message = f"could not build this contractor: {type(exc).__name__}: {exc} (this may be a bug in csec-builder)"
        return ContractorResult(contractor.id, "failed", [*problems, error(source.path, message)], plan=plan)
    rendered[MANIFEST] = _manifest(inputs.workspace, plan, input_files, digest, rendered)
    try:
        files = write_files(folder, rendered)
    except OSError as exc:
        message = f"cannot write to {display_path(folder)}: {exc.strerror or exc}"
        return ContractorResult(contractor.id, "failed", [*problems, error(source.path, message)], plan=plan)
    return ContractorResult(contractor.id, "built", problems, [f for f in files if f.name != MANIFEST], plan)


def output_names(contractor_id: str, formats: list[str]) -> list[str]:
    names = {"pptx": f"{contractor_id}-deck.pptx", "md": f"{contractor_id}-facilitator-guide.md"}
    names["html"] = f"{contractor_id}-facilitator-guide.html"
    return [names[f] for f in FORMATS if f in formats]


def render_all(inputs: Inputs, source: Source[Contractor], plan: Plan, formats: list[str]) -> dict[str, bytes]:
    """Every requested output of one contractor, in memory: nothing is written until all succeed."""
    renderers: dict[str, Callable[[], bytes]] = {
        "pptx": lambda: _render_deck(inputs.workspace, source, plan),
        "md": lambda: _render_guide(inputs.workspace, source, plan, "md"),
        "html": lambda: _render_guide(inputs.workspace, source, plan, "html"),
    }
    names = output_names(source.model.id, formats)
    return {name: renderers[fmt]() for fmt, name in zip([f for f in FORMATS if f in formats], names, strict=True)}


def _render_deck(workspace: Workspace, source: Source[Contractor], plan: Plan) -> bytes:
    from .render.pptx import Assets, render_deck  # deferred: python-pptx loads only when a deck is built
    from .render.pptx_template import cached_template

    contractor = source.model
    path = _resolve(workspace, source, ("template",), contractor.template or DEFAULT_TEMPLATE)
    template = cached_template(path, dict(contractor.layouts))
    logo = _logo(workspace, source)
    images = {
        s.image: _resolve(workspace, source, ("objectives",), s.image)
        for o in plan.objectives
        for s in o.slides
        if s.image
    }
    return render_deck(plan, template, Assets(logo, contractor.logo_alt, images))


def _render_guide(workspace: Workspace, source: Source[Contractor], plan: Plan, fmt: str) -> bytes:
    from .render.guide import render_guide

    return render_guide(plan, fmt, workspace.template_dirs(), _logo(workspace, source))


def _logo(workspace: Workspace, source: Source[Contractor]) -> Path | None:
    branding = source.model.branding
    if branding is None or branding.logo is None:
        return None
    return _resolve(workspace, source, ("branding", "logo"), branding.logo)


def _resolve(workspace: Workspace, source: Source[Contractor], loc: tuple, relative: str) -> Path:
    try:
        return workspace.resolve(relative)
    except ValueError as exc:
        raise CsecError(str(exc), [source.doc.problem(loc, str(exc))]) from None


def _as_problems(exc: CsecError, path: Path) -> list[Problem]:
    return exc.problems or [error(path, exc.message)]


# --- incremental builds ------------------------------------------------------------------


def _input_files(inputs: Inputs, source: Source[Contractor], objectives: list[Objective]) -> list[Path]:
    """Every file the contractor's outputs depend on."""
    ws, contractor = inputs.workspace, source.model
    files = [*ws.config_files(), source.path]
    if isinstance(contractor.objectives, list):
        files += [s.path for s in inputs.catalog.sources if s.model in objectives]
    else:  # the required set depends on every objective file
        files += ws.objective_files()
    for relative in (contractor.template or DEFAULT_TEMPLATE, contractor.branding and contractor.branding.logo):
        if relative:
            files += _existing(ws, relative)
    files += [p for o in objectives for s in o.slides if s.image for p in _existing(ws, s.image)]
    files += [p for d in ws.template_dirs() for p in sorted((d / "guide").glob("*")) if p.is_file()]
    return sorted(set(files))


def _existing(workspace: Workspace, relative: str) -> list[Path]:
    try:
        return [workspace.resolve(relative)]
    except ValueError:
        return []


def _digest(workspace: Workspace, files: list[Path], formats: list[str]) -> str:
    lines = [f"tool {__version__} {_code_digest()}", f"formats {','.join(formats)}", f"date {fixed_datetime()}"]
    lines += [f"{_label(workspace, p)} {sha256(p.read_bytes())}" for p in files]
    return sha256("\n".join(lines).encode("utf-8"))


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A change to csec-builder itself (not only its version) makes every output stale."""
    return sha256(b"".join(p.read_bytes() for p in sorted(PACKAGE_DIR.rglob("*.py"))))


def _label(workspace: Workspace, path: Path) -> str:
    """A path as the manifest records it: relative to its layer, never absolute."""
    return workspace.label(path)


def _up_to_date(folder: Path, digest: str, names: list[str]) -> bool:
    manifest = read_json(folder / MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("inputs_digest") != digest:
        return False
    recorded = manifest.get("outputs", {})
    return all((folder / n).is_file() and recorded.get(n) == sha256((folder / n).read_bytes()) for n in names)


def _manifest(workspace: Workspace, plan: Plan, files: list[Path], digest: str, rendered: dict[str, bytes]) -> bytes:
    return json_bytes(
        {
            "contractor": plan.contractor.id,
            "generator": f"csec-builder {__version__}",
            "standard": {"name": plan.config.standard.name, "version": plan.config.standard.version},
            "inputs_digest": digest,
            "inputs": {_label(workspace, p): sha256(p.read_bytes()) for p in files},
            "outputs": {name: sha256(data) for name, data in rendered.items()},
            "objectives": [{"id": o.id, "version": o.version} for o in plan.objectives],
            "slides": len(plan.slides),
            "total_minutes": plan.total_minutes,
            "session_minutes": plan.session_minutes,
        }
    )
