"""Build: load and validate the workspace, then for each prepared contractor (selected, resolved and
planned once, see prepare.py) render every chosen output (see outputs/) and write them.

One contractor's failure never stops the others, and never touches its earlier outputs. A
contractor whose inputs have not changed since the last build is skipped (see manifest.json in its
output folder), unless `force` is set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from . import __version__
from .output import json_bytes, read_json, sha256, write_files
from .outputs import Output, Prepared, chosen
from .plan import Plan
from .prepare import Preparation
from .problems import CsecError, Problem, display_path, error, has_errors
from .render.reproducible import fixed_datetime
from .validate import Inputs, load_inputs
from .workspace import PACKAGE_DIR, Workspace

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
    outputs = chosen(formats or list(defaults.formats))
    sources, broken = inputs.choose(contractor_ids)
    results = [_build_one(inputs, inputs.preparation(source), out, outputs, force) for source in sources]
    results += [_broken(inputs, path) for path in broken]
    broken_objectives = [p for p in inputs.problems if p.path.stem in inputs.catalog.broken]
    return BuildReport(out, sorted(results, key=lambda r: r.contractor_id), broken_objectives)


def _broken(inputs: Inputs, path: Path) -> ContractorResult:
    return ContractorResult(path.stem, "failed", inputs.problems_in({path}))


def _build_one(
    inputs: Inputs, preparation: Preparation, out: Path, outputs: list[Output], force: bool
) -> ContractorResult:
    source, objectives = preparation.source, preparation.objectives
    contractor_id = source.model.id
    own_files = {source.path, *(inputs.catalog.source(o.id).path for o in objectives)}  # type: ignore[union-attr]
    problems = sorted({*inputs.problems_in(own_files), *preparation.problems})
    prepared = preparation.prepared
    if prepared is None or has_errors(problems):
        return ContractorResult(contractor_id, "failed", problems)
    folder = out / contractor_id
    input_files = manifest_inputs(prepared, outputs)
    digest = _digest(inputs.workspace, input_files, [o.name for o in outputs])
    names = [name for output in outputs for name in output.file_names(contractor_id)]
    if not force and _up_to_date(folder, digest, names):
        return ContractorResult(contractor_id, "up to date", problems, [folder / n for n in names], prepared.plan)
    try:
        rendered = render_all(prepared, outputs)
    except CsecError as exc:
        failure = exc.problems or [error(source.path, exc.message)]
        return ContractorResult(contractor_id, "failed", [*problems, *failure], plan=prepared.plan)
    except Exception as exc:  # a bug or an unreadable file must not stop the other contractors
        message = f"could not build this contractor: {type(exc).__name__}: {exc} (this may be a bug in csec-builder)"
        return ContractorResult(contractor_id, "failed", [*problems, error(source.path, message)], plan=prepared.plan)
    rendered[MANIFEST] = _manifest(inputs.workspace, prepared.plan, input_files, digest, rendered)
    try:
        files = write_files(folder, rendered)
    except OSError as exc:
        message = f"cannot write to {display_path(folder)}: {exc.strerror or exc}"
        return ContractorResult(contractor_id, "failed", [*problems, error(source.path, message)], plan=prepared.plan)
    return ContractorResult(contractor_id, "built", problems, [f for f in files if f.name != MANIFEST], prepared.plan)


def render_all(prepared: Prepared, outputs: list[Output]) -> dict[str, bytes]:
    """Every chosen output of one contractor, in memory: nothing is written until all succeed."""
    rendered: dict[str, bytes] = {}
    for output in outputs:
        files = output.render(prepared)
        expected = output.file_names(prepared.contractor.id)
        if sorted(files) != sorted(expected):  # the manifest and incremental builds rely on the declared names
            raise RuntimeError(f"output '{output.name}' rendered {sorted(files)}, not its declared {expected}")
        rendered.update(files)
    return rendered


# --- incremental builds ------------------------------------------------------------------


def manifest_inputs(prepared: Prepared, outputs: list[Output]) -> list[Path]:
    """Every file the chosen outputs depend on: the shared inputs and each output's own.

    A file that does not exist cannot be hashed; the output that needs it fails when it renders.
    """
    own = (path for output in outputs for path in output.inputs(prepared))
    return sorted({*prepared.input_files, *(path for path in own if path.is_file())})


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
    for index, layer in enumerate(workspace.layers):
        if path.is_relative_to(layer):
            relative = path.relative_to(layer).as_posix()
            return relative if index == 0 else f"standard:{relative}"
    return path.name


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
