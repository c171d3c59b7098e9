"""The package's shape: imports run one way through the pipeline, and the workspace is read once.

Stages, in order: load -> validate -> select -> prepare -> plan -> render (with the reports beside it)
-> write; the commands sit on top. A module may import from its own stage or an earlier one, never
from a later one, and no import may lead back to where it started (type-only imports count: a
circle of types is still a circle). docs/architecture.md describes the stages.
"""

from __future__ import annotations

import ast
import dataclasses
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from csec_builder import workspace as workspace_module
from csec_builder import yamlio
from csec_builder.lint import lint_loaded, lint_workspace
from csec_builder.loader import load_workspace
from csec_builder.pipeline import load_inputs
from csec_builder.template_check import check_contractor_template, check_loaded_contractor_template
from csec_builder.workspace import Workspace
from tests.helpers import REPO

PACKAGE = REPO / "csec_builder"
MAX_LINES = 400  # a module longer than this holds more than one thing: split it (docs/architecture.md)
# Each stage's modules, by dotted name under csec_builder; a name ending in "." is a whole package.
STAGES: list[tuple[str, tuple[str, ...]]] = [
    # wording: the fixed words of each language; day: clock times and the day's breaks; limits, output and
    # output_folder: bounds on files read and the rules of the folders written. All read by several stages.
    (
        "base",
        (
            "__init__",
            "problems",
            "models.",
            "yamlio",
            "versions",
            "formats",
            "workspace",
            "clock",
            "wording",
            "day",
            "limits",
            "output",
            "output_folder",
        ),
    ),
    ("load", ("loader", "extends", "catalog", "translations")),
    ("validate", ("validate", "mentions", "item_checks")),
    ("select", ("select", "localize")),
    ("prepare", ("prepare",)),
    ("plan", ("plan", "slides", "assessment")),
    ("render", ("render.", "outputs.", "inputs", "template_check", "audit", "coverage", "evidence.")),
    ("write", ("parallel", "pipeline", "build")),
    ("commands", ("cli.", "__main__", "lint.", "scaffold", "schemas")),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def stage_of(name: str) -> int:
    for rank, (_, members) in enumerate(STAGES):
        for member in members:
            if name == member or (member.endswith(".") and (name + ".").startswith(member)):
                return rank
    raise AssertionError(f"csec_builder.{name} belongs to no stage: add it to STAGES in {Path(__file__).name}")


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "skeletons" not in p.parts}


def imported(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The package's modules that `path` imports, at any depth of the file (deferred and type-only too)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    if name == "__init__":
        package = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif (node.module or "").startswith("csec_builder"):
                target = (node.module or "").removeprefix("csec_builder").lstrip(".")
            else:
                continue
            names = [f"{target}.{alias.name}".lstrip(".") for alias in node.names]
            found = [n for n in names if n in known]
            yield from found or [target or "__init__"]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("csec_builder."):
                    yield alias.name.removeprefix("csec_builder.")


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: {t for t in imported(name, path, known) if t != name} for name, path in found.items()}


def test_the_import_graph_is_read_correctly() -> None:
    graph = import_graph()
    assert "render.pptx.template" in graph["render.pptx.deck"]
    assert "plan" in graph["render.pptx.deck"] and "wording" in graph["plan"]
    assert "yamlio" in graph["loader"]


def test_no_module_imports_from_a_later_stage() -> None:
    graph = import_graph()
    upward = [
        f"{name} ({STAGES[stage_of(name)][0]}) imports {target} ({STAGES[stage_of(target)][0]})"
        for name, targets in sorted(graph.items())
        for target in sorted(targets)
        if target in graph and stage_of(target) > stage_of(name)
    ]
    assert upward == []


def test_no_import_circles() -> None:
    graph = import_graph()
    circles = []
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph.get(name, ())):
            if state.get(target) == "open":
                circles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert circles == []


def test_every_path_the_yaml_names_is_resolved_once(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    original = workspace_module.Workspace.resolve

    def counting(self: Workspace, relative: str) -> Path:
        asked.append(relative)
        return original(self, relative)

    monkeypatch.setattr(workspace_module.Workspace, "resolve", counting)
    inputs = load_inputs(Workspace.at(workspace))
    assert len(asked) == len(set(asked))
    assert "templates/pptx/sierra-probation.pptx" in asked
    prepared = inputs.preparation(inputs.contractor("sierra-probation-training")).prepared  # type: ignore[arg-type]
    assert prepared is not None and prepared.assets.template.name == "sierra-probation.pptx"


def test_the_inputs_every_stage_is_handed_cannot_be_changed(workspace: Path) -> None:
    inputs = load_inputs(Workspace.at(workspace))
    with pytest.raises(dataclasses.FrozenInstanceError):
        inputs.problems = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        inputs.loaded.contractors = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        inputs.preparations[Path("x")] = inputs.preparation(inputs.contractors[0])  # type: ignore[index]
    with pytest.raises(TypeError):
        inputs.loaded.paths["x"] = Path("x")  # type: ignore[index]
    assert isinstance(inputs.contractors, tuple) and isinstance(inputs.problems, tuple)


def test_no_module_is_longer_than_400_lines() -> None:
    files = sorted([*PACKAGE.rglob("*.py"), *(REPO / "tools").rglob("*.py")])
    assert len(files) > 100 and REPO / "tools" / "make_templates.py" in files
    lines = {path.relative_to(REPO).as_posix(): len(path.read_bytes().splitlines()) for path in files}
    assert {name: count for name, count in lines.items() if count > MAX_LINES} == {}


def count_yaml_reads(monkeypatch: pytest.MonkeyPatch) -> Counter[Path]:
    """Every YAML file read from now on (all reading goes through yamlio._read_text), by resolved path."""
    reads: Counter[Path] = Counter()
    original = yamlio._read_text

    def counting(path: Path) -> str:
        reads[path.resolve()] += 1
        return original(path)

    monkeypatch.setattr(yamlio, "_read_text", counting)
    return reads


SIERRA = "sierra-probation-training"


@pytest.mark.parametrize("command", ["lint", "template check"])
def test_lint_and_template_check_read_each_yaml_file_once(
    command: str, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = count_yaml_reads(monkeypatch)
    if command == "lint":
        assert lint_workspace(Workspace.at(workspace)).files > len(list((workspace / "contractors").glob("*.yaml")))
    else:
        assert check_contractor_template(Workspace.at(workspace), SIERRA).path.name == "sierra-probation.pptx"
    assert reads[(workspace / "contractors" / f"{SIERRA}.yaml").resolve()] == 1
    assert reads[(workspace / "objectives" / "DEF-01.yaml").resolve()] == 1
    assert [path for path, count in reads.items() if count > 1] == []


def test_lint_and_template_check_take_the_files_from_the_loaded_workspace(workspace: Path) -> None:
    profile = workspace / "contractors" / f"{SIERRA}.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("name: Sierra Justice", "name: Teen Prostitute Sierra Justice"), encoding="utf-8")
    loaded = load_workspace(Workspace.at(workspace))
    profile.write_text("layouts: [what is on disk now must not be read", encoding="utf-8")

    report = check_loaded_contractor_template(loaded, SIERRA)
    assert report.path == loaded.resolve("templates/pptx/sierra-probation.pptx")
    assert {k.kind: k.layout for k in report.kinds}["title"] == "Cover"  # the profile's `layouts`, as loaded
    about_profile = [p for p in lint_loaded(loaded).problems if p.path.resolve() == profile.resolve()]
    name_line = text.splitlines().index("name: Sierra Justice Training Collaborative") + 1
    assert [p.line for p in about_profile] == [name_line]
    assert about_profile[0].message.startswith('found "Teen Prostitute"; use ')
