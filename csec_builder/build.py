"""Build: load and validate the workspace, then for each prepared contractor (selected, resolved and
planned once, see prepare.py) render every chosen output (see outputs/) and write them.

One contractor's failure never stops the others, and never touches its earlier outputs. A
contractor whose inputs have not changed since the last build is skipped (see manifest.json in its
output folder), unless `force` is set.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from . import __version__
from .loader import Source
from .models import Contractor
from .output import json_bytes, read_json, sha256, write_files
from .output_folder import (
    MANIFEST,
    configured_output_problem,
    foreign_files,
    our_manifest,
    output_folder,
    remove_outputs,
)
from .outputs import Output, Prepared, chosen, unbuildable
from .parallel import run_all
from .plan import Plan
from .prepare import Preparation
from .problems import CsecError, Problem, display_path, error, has_errors, warning
from .render.common.reproducible import fixed_datetime
from .validate import Inputs, load_inputs
from .workspace import PACKAGE_DIR, Workspace

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
    removed: list[Path] = field(default_factory=list)
    """Output folders removed because their contractor's file no longer exists."""

    @property
    def problems(self) -> list[Problem]:
        return sorted({p for r in self.results for p in r.problems} | set(self.shared_problems))

    @property
    def failed(self) -> list[ContractorResult]:
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.results)


@dataclass
class CheckReport:
    """What `build --check` found, without writing anything."""

    output_dir: Path
    contractors: int
    stale: list[tuple[Path, str]]
    """Each output that a build would write, with why: missing, stale, or orphaned (a folder a build would remove)."""
    failed: list[ContractorResult]
    shared_problems: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return sorted({p for r in self.failed for p in r.problems} | set(self.shared_problems))


def build(
    workspace: Workspace,
    contractor_ids: list[str] | None = None,
    output_dir: Path | None = None,
    formats: list[str] | None = None,
    force: bool = False,
    jobs: int = 1,
    on_result: Callable[[ContractorResult, int], None] | None = None,
) -> BuildReport:
    """Build the materials of the named contractors (all when none are named), `jobs` at a time.

    `on_result(result, total)` hears of each contractor as soon as it is settled: up to date or
    failed at once, built when its worker finishes. The report lists them by id, whatever the order.
    """
    inputs = load_inputs(workspace)
    target = _target(inputs, contractor_ids, output_dir, formats)
    results: list[ContractorResult] = []

    def settle(result: ContractorResult) -> None:
        results.append(result)
        if on_result:
            on_result(result, len(target.sources) + len(target.broken))

    tasks: list[RenderTask] = []
    hashes: dict[Path, str] = {}
    for source in target.sources:
        step = _decide(inputs, inputs.preparation(source), target, force, hashes)
        if isinstance(step, RenderTask):
            tasks.append(step)
        else:
            settle(step)
    for path in target.broken:
        settle(_broken(inputs, path))
    # Closed at once on any exception (Ctrl-C while reporting, say), so no worker starts another contractor.
    with closing(run_all(render_and_write, tasks, jobs, _worker_failed)) as outcomes:
        for result in outcomes:
            settle(_with_plan(result, inputs))
    removed, problems = remove_folders(target.orphans)
    shared = [*_broken_objectives(inputs), *problems, *target.skipped]
    return BuildReport(target.out, sorted(results, key=lambda r: r.contractor_id), shared, removed)


def check_outputs(
    workspace: Workspace,
    contractor_ids: list[str] | None = None,
    output_dir: Path | None = None,
    formats: list[str] | None = None,
) -> CheckReport:
    """Every output a build would write or remove, found without writing anything."""
    inputs = load_inputs(workspace)
    target = _target(inputs, contractor_ids, output_dir, formats)
    stale: list[tuple[Path, str]] = []
    failed = [_broken(inputs, path) for path in target.broken]
    hashes: dict[Path, str] = {}
    for source in target.sources:
        step = _decide(inputs, inputs.preparation(source), target, False, hashes)
        if isinstance(step, RenderTask):
            names = [name for output in step.outputs for name in output.file_names(source.model.id)]
            stale += stale_files(step.folder, step.digest, names)
        elif step.status == "failed":
            failed.append(step)
    stale += [(folder, "orphaned") for folder in target.orphans]
    count = len(target.sources) + len(target.broken)
    return CheckReport(
        target.out,
        count,
        stale,
        sorted(failed, key=lambda r: r.contractor_id),
        [*_broken_objectives(inputs), *target.skipped],
    )


def _broken_objectives(inputs: Inputs) -> list[Problem]:
    return [p for p in inputs.problems if p.path.stem in inputs.catalog.broken]


@dataclass(frozen=True)
class Target:
    """What one build or check covers: the contractors, the outputs, and where they go."""

    out: Path
    outputs: list[Output]
    sources: list[Source[Contractor]]
    broken: list[Path]
    """Contractor files that failed to load: reported as failed, their outputs kept."""
    whole_workspace: bool
    """Every contractor into the workspace's own output folder: only then are orphaned folders removed."""
    orphans: list[Path]
    skipped: list[Problem]
    """One warning per chosen format this machine cannot build (a missing program); the rest are built."""


def _target(
    inputs: Inputs, contractor_ids: list[str] | None, output_dir: Path | None, formats: list[str] | None
) -> Target:
    defaults = inputs.config.model.defaults
    out = output_folder(inputs.workspace, inputs.config, output_dir)  # refused here, before anything is written
    sources, broken = inputs.choose(contractor_ids)
    configured = output_dir is None or out == _resolved_default(inputs)
    whole = not contractor_ids and configured and not inputs.workspace.fallback
    orphans = orphaned_folders(inputs, out) if whole else []
    outputs = chosen(formats or list(defaults.formats))
    skipped = unbuildable(outputs)
    outputs = [o for o in outputs if o.name not in skipped]
    notes = [warning(inputs.config.path, f"{name} not built: {reason}") for name, reason in skipped.items()]
    return Target(out, outputs, sources, broken, whole, orphans, notes)


def _resolved_default(inputs: Inputs) -> Path | None:
    """csec.yaml's output folder when a build may use it: `--out` naming it removes orphans as a plain build does."""
    if configured_output_problem(inputs.workspace, inputs.config) is not None:
        return None
    return inputs.workspace.output_dir(inputs.config.model.defaults.output)


@dataclass(frozen=True)
class RenderTask:
    """One contractor to render and write: everything a worker process needs, decided beforehand."""

    prepared: Prepared
    outputs: list[Output]
    folder: Path
    hashes: list[tuple[str, str]]
    """Each input file's manifest label and SHA-256."""
    digest: str
    problems: list[Problem]


def _broken(inputs: Inputs, path: Path) -> ContractorResult:
    return ContractorResult(path.stem, "failed", inputs.problems_in({path}))


def _decide(
    inputs: Inputs, preparation: Preparation, target: Target, force: bool, cache: dict[Path, str]
) -> ContractorResult | RenderTask:
    """A failed or up-to-date result straight away, or the task of building the contractor."""
    source, objectives = preparation.source, preparation.objectives
    contractor_id = source.model.id
    own_files = {source.path, *(inputs.catalog.source(o.id).path for o in objectives)}  # type: ignore[union-attr]
    problems = sorted({*inputs.problems_in(own_files), *preparation.problems})
    prepared = preparation.prepared
    if prepared is None or has_errors(problems):
        return ContractorResult(contractor_id, "failed", problems)
    folder = target.out / contractor_id
    hashes = input_hashes(inputs.workspace, manifest_inputs(prepared, target.outputs), cache)
    digest = _digest(hashes, [o.name for o in target.outputs])
    names = [name for output in target.outputs for name in output.file_names(contractor_id)]
    if not force and _up_to_date(folder, digest, names):
        return ContractorResult(contractor_id, "up to date", problems, [folder / n for n in names], prepared.plan)
    return RenderTask(prepared, target.outputs, folder, hashes, digest, problems)


def render_and_write(task: RenderTask) -> ContractorResult:
    """Render every output of one contractor in memory, then write them all; runs in a worker process.

    The result carries no plan (the caller has it), so only files and problems travel back.
    """
    source, problems = task.prepared.source, task.problems
    contractor_id = source.model.id
    try:
        rendered = render_all(task.prepared, task.outputs)
    except CsecError as exc:
        failure = exc.problems or [error(source.path, exc.message)]
        return ContractorResult(contractor_id, "failed", [*problems, *failure])
    except Exception as exc:  # a bug or an unreadable file must not stop the other contractors
        return ContractorResult(contractor_id, "failed", [*problems, _bug(source.path, exc)])
    foreign = foreign_files(task.folder, [*rendered, MANIFEST])
    if foreign:
        message = (
            f"{display_path(task.folder)} holds files csec-builder did not write (no {MANIFEST} of its own): "
            f"{', '.join(foreign)}; move them or build into another folder"
        )
        return ContractorResult(contractor_id, "failed", [*problems, error(source.path, message)])
    rendered[MANIFEST] = _manifest(task.prepared.plan, task.hashes, task.digest, rendered)
    try:
        files = write_files(task.folder, rendered)
    except OSError as exc:
        message = f"cannot write to {display_path(task.folder)}: {exc.strerror or exc}"
        return ContractorResult(contractor_id, "failed", [*problems, error(source.path, message)])
    return ContractorResult(contractor_id, "built", problems, [f for f in files if f.name != MANIFEST])


def _worker_failed(task: RenderTask, exc: BaseException) -> ContractorResult:
    """A worker that died (killed for memory, say) fails its contractor, not the build."""
    return ContractorResult(
        task.prepared.contractor.id, "failed", [*task.problems, _bug(task.prepared.source.path, exc)]
    )


def _bug(path: Path, exc: BaseException) -> Problem:
    reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return error(path, f"could not build this contractor: {reason} (this may be a bug in csec-builder)")


def _with_plan(result: ContractorResult, inputs: Inputs) -> ContractorResult:
    source = inputs.contractor(result.contractor_id)
    preparation = inputs.preparation(source) if source else None
    result.plan = preparation.prepared.plan if preparation and preparation.prepared else None
    return result


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


# --- output folders of contractors that no longer exist -----------------------------------


def orphaned_folders(inputs: Inputs, out: Path) -> list[Path]:
    """Folders in `out` whose csec-builder manifest names a contractor whose file no longer exists.

    A contractor whose file is still there but fails to load keeps its folder: its id is the file's name.
    """
    if not out.is_dir():
        return []
    known = {s.model.id for s in inputs.contractors} | {p.stem for p in inputs.workspace.contractor_files()}
    folders = sorted(p for p in out.iterdir() if p.is_dir() and not p.is_symlink() and p.name not in known)
    return [folder for folder in folders if our_manifest(folder) is not None]  # never a folder we did not write


def remove_folders(folders: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Remove what a build wrote in each folder (see `remove_outputs`): the folders removed, and what was kept."""
    removed, problems = [], []
    for folder in folders:
        gone, problem = remove_outputs(folder)
        if gone:
            removed.append(folder)
        if problem is not None:
            problems.append(problem)
    return removed, problems


# --- incremental builds ------------------------------------------------------------------


def manifest_inputs(prepared: Prepared, outputs: list[Output]) -> list[Path]:
    """Every file the chosen outputs depend on: the shared inputs and each output's own.

    A file that does not exist cannot be hashed; the output that needs it fails when it renders.
    """
    own = (path for output in outputs for path in output.inputs(prepared))
    return sorted({*prepared.input_files, *(path for path in own if path.is_file())})


def input_hashes(workspace: Workspace, files: list[Path], cache: dict[Path, str]) -> list[tuple[str, str]]:
    """Each input file's manifest label and SHA-256; `cache` spares re-reading files many contractors share."""
    hashes = []
    for path in files:
        if path not in cache:
            cache[path] = sha256(path.read_bytes())
        hashes.append((workspace.label(path), cache[path]))  # relative to its layer, never absolute
    return hashes


def _digest(hashes: list[tuple[str, str]], formats: list[str]) -> str:
    lines = [f"tool {__version__} {_code_digest()}", f"formats {','.join(formats)}", f"date {fixed_datetime()}"]
    lines += [f"{label} {digest}" for label, digest in hashes]
    return sha256("\n".join(lines).encode("utf-8"))


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A change to csec-builder itself (not only its version) makes every output stale."""
    return sha256(b"".join(p.read_bytes() for p in sorted(PACKAGE_DIR.rglob("*.py"))))


def _up_to_date(folder: Path, digest: str, names: list[str]) -> bool:
    return not stale_files(folder, digest, names)


def stale_files(folder: Path, digest: str, names: list[str]) -> list[tuple[Path, str]]:
    """The outputs of `names` in `folder` that are missing, or stale: built from other inputs, or changed since."""
    manifest = read_json(folder / MANIFEST)
    current = isinstance(manifest, dict) and manifest.get("inputs_digest") == digest
    recorded = manifest.get("outputs", {}) if current else {}
    found = []
    for name in names:
        path = folder / name
        if not path.is_file():
            found.append((path, "missing"))
        elif not current or recorded.get(name) != sha256(path.read_bytes()):
            found.append((path, "stale"))
    return found


def _manifest(plan: Plan, hashes: list[tuple[str, str]], digest: str, rendered: dict[str, bytes]) -> bytes:
    return json_bytes(
        {
            "contractor": plan.contractor.id,
            "generator": f"csec-builder {__version__}",
            "standard": {"name": plan.config.standard.name, "version": plan.config.standard.version},
            "inputs_digest": digest,
            "inputs": dict(hashes),
            "outputs": {name: sha256(data) for name, data in rendered.items()},
            "objectives": [{"id": o.id, "version": o.version} for o in plan.objectives],
            "slides": len(plan.slides),
            "total_minutes": plan.total_minutes,
            "session_minutes": plan.session_minutes,
        }
    )
