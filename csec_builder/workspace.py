"""Find the workspace, its layers, and resolve the paths its files name.

A workspace is a folder with csec.yaml at its root. Its layers are its own folder and, under it, the
standard bundled with the installed tool: templates and images not found in the workspace come from the
standard, so a contractor workspace can lean on the default template without copying it. A workspace whose
csec.yaml `extends` the standard also takes the standard's objectives (see extends.py). Anything that
layers the same way later (lint rules) reads `content_files`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from .limits import kind_of
from .problems import Problem, WorkspaceError

CONFIG_NAME = "csec.yaml"
DEFAULT_TEMPLATE = "templates/pptx/default.pptx"
TEMPLATE_SUFFIXES = (".pptx", ".potx")  # a PowerPoint presentation, or its template format
WORKSPACE = "workspace"
STANDARD = "standard"
SOURCE_FOLDERS = ("objectives", "contractors", "templates", "rules", "schemas")
"""The folders a workspace's inputs live in: no build may write into them."""
PACKAGE_DIR = Path(__file__).resolve().parent
LANGUAGE_FOLDER = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
"""objectives/<language>/ holds translations: a folder named by a BCP 47 tag (es, es-MX)."""


def bundled_root() -> Path:
    """The standard workspace shipped with csec-builder (inside the wheel, or the source checkout)."""
    for candidate in (PACKAGE_DIR / "standard", PACKAGE_DIR.parent):
        if (candidate / CONFIG_NAME).is_file():
            return candidate
    raise WorkspaceError("the bundled CSEC 101 standard is missing from this installation; reinstall csec-builder")


def find_workspace(explicit: Path | None = None, start: Path | None = None) -> Workspace:
    """`explicit` if given, else the nearest folder with csec.yaml above `start`, else the bundled standard."""
    if explicit is not None:
        if explicit.is_file() and explicit.name == CONFIG_NAME:
            explicit = explicit.parent
        if not (explicit / CONFIG_NAME).is_file():
            raise WorkspaceError(f"{explicit}: not a csec-builder workspace (no {CONFIG_NAME} there)")
        return Workspace.at(explicit)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return Workspace.at(folder)
    return Workspace.at(bundled_root(), fallback=True)


@dataclass(frozen=True)
class Layer:
    """One folder the workspace's files come from: the workspace itself, or the bundled standard under it."""

    name: str
    root: Path

    def holds(self, path: Path) -> bool:
        return _resolved(path).is_relative_to(self.root)

    def relative(self, path: Path) -> str:
        return _resolved(path).relative_to(self.root).as_posix()


@dataclass(frozen=True)
class Workspace:
    """Where inputs live.

    `layers` is the lookup order: the workspace's own folder, then the bundled standard (unless the workspace
    is the standard). Files named by path (templates, images) are always looked up through every layer. A
    workspace whose csec.yaml `extends` the standard also takes its content (objectives; later lint rules)
    from every layer; otherwise only from its own folder.
    """

    root: Path
    layers: tuple[Layer, ...]
    fallback: bool = False
    """True when no workspace was found and the bundled standard stands in: outputs then go to the
    current folder, never into the installed package."""
    extends: bool = False

    @classmethod
    def at(cls, root: Path, fallback: bool = False) -> Workspace:
        root = root.resolve()
        bundled = bundled_root().resolve()
        if root == bundled:
            return cls(root, (Layer(WORKSPACE, root),), fallback)
        return cls(root, (Layer(WORKSPACE, root), Layer(STANDARD, bundled)), fallback)

    def extending(self) -> Workspace:
        """This workspace with the bundled standard's content layered under its own."""
        if len(self.layers) < 2:
            raise WorkspaceError(f"{self.config_path}: the bundled standard cannot extend itself")
        return replace(self, extends=True)

    def output_dir(self, configured: str) -> Path:
        base = Path.cwd() if self.fallback else self.root
        return (base / configured).resolve()

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def standard(self) -> Layer:
        return self.layers[-1]

    @property
    def content_layers(self) -> tuple[Layer, ...]:
        """The layers whose content folders make up this workspace, the workspace's own first."""
        return self.layers if self.extends else self.layers[:1]

    def content_files(self, folder: str) -> list[tuple[Layer, list[Path]]]:
        """The YAML files of `folder` (such as objectives) in each content layer."""
        return [(layer, _yaml_files(layer.root / folder)) for layer in self.content_layers]

    def translation_files(self) -> list[tuple[str, Layer, list[Path]]]:
        """(language tag, layer, YAML files) for each objectives/<language>/ folder of each content layer."""
        found = []
        for layer in self.content_layers:
            folder = layer.root / "objectives"
            if folder.is_dir():
                for sub in sorted(p for p in folder.iterdir() if p.is_dir() and LANGUAGE_FOLDER.match(p.name)):
                    found.append((sub.name, layer, _yaml_files(sub)))
        return found

    def config_files(self) -> list[Path]:
        """Every csec.yaml this workspace's settings come from."""
        return [layer.root / CONFIG_NAME for layer in self.content_layers]

    def objective_files(self) -> list[Path]:
        return [path for _layer, files in self.content_files("objectives") for path in files]

    def contractor_files(self) -> list[Path]:
        return _yaml_files(self.root / "contractors")

    def template_dirs(self) -> list[Path]:
        return [layer.root / "templates" for layer in self.layers if (layer.root / "templates").is_dir()]

    def layer_of(self, path: Path) -> Layer | None:
        return next((layer for layer in self.layers if layer.holds(path)), None)

    def label(self, path: Path) -> str:
        """A path as manifests and messages show it: relative to its layer, with the layer's name below the top."""
        layer = self.layer_of(path)
        if layer is None:
            return path.name
        relative = layer.relative(path)
        return relative if layer is self.layers[0] else f"{layer.name}:{relative}"

    def labelled(self, problem: Problem) -> Problem:
        """The problem, shown as `standard:objectives/DEF-01.yaml` when its file is in a lower layer."""
        layer = self.layer_of(problem.path)
        if layer is None or layer is self.layers[0]:
            return problem
        return replace(problem, label=self.label(problem.path))

    def resolve(self, relative: str) -> Path:
        """The file a YAML path names, searched through the layers and confined to them.

        Raises ValueError with a plain message when the path is absolute, leaves the workspace
        (symlinks included) or does not exist.
        """
        posix = PurePosixPath(relative.replace("\\", "/"))
        if posix.is_absolute() or (posix.parts and posix.parts[0].endswith(":")):
            raise ValueError(f"'{relative}' must be a path relative to the workspace")
        for layer in self.layers:
            try:
                candidate = (layer.root / posix).resolve()  # resolves symlinks, so a link cannot lead outside
            except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a symlink loop
                raise ValueError(f"'{relative}' is a symlink loop") from None
            if not candidate.is_relative_to(layer.root):
                raise ValueError(f"'{relative}' points outside the workspace")
            if candidate.is_file():
                return candidate
            kind = kind_of(candidate) if candidate.exists() else None
            if kind is not None:  # a folder or a FIFO is there: say so, rather than "does not exist"
                raise ValueError(f"'{relative}' {kind}")
        raise ValueError(f"'{relative}' does not exist in the workspace")


def _resolved(path: Path) -> Path:
    """The path with symlinks resolved; for a symlink loop, its folder resolved and its own name kept."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a loop
        return path.parent.resolve() / path.name


def _yaml_files(folder: Path) -> list[Path]:
    """The YAML files in `folder`, symlinks included (broken ones too) so that loading reports them."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and (p.is_file() or p.is_symlink()))


def link_outside(path: Path) -> Path | None:
    """Where a file listed in objectives/ or contractors/ really is, when symlinks take it outside its workspace.

    Like every path named in YAML, a file reached through a symlink must stay inside the workspace (the
    folder above objectives/ or contractors/): a workspace copied or shared must carry all of its inputs.
    """
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError in Python 3.11): reading the file says so
        return None
    return None if target.is_relative_to(path.parent.parent.resolve()) else target
