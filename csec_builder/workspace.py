"""Find the workspace and resolve the paths its files name.

A workspace is a folder with csec.yaml at its root. The standard bundled with the installed tool is
always the last layer: templates and images not found in the workspace come from it, so a
contractor workspace can lean on the default template without copying it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .problems import WorkspaceError

CONFIG_NAME = "csec.yaml"
PACKAGE_DIR = Path(__file__).resolve().parent


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
class Workspace:
    """Where inputs live. `layers` is the lookup order for templates and images."""

    root: Path
    layers: tuple[Path, ...]
    fallback: bool = False
    """True when no workspace was found and the bundled standard stands in: outputs then go to the
    current folder, never into the installed package."""

    @classmethod
    def at(cls, root: Path, fallback: bool = False) -> Workspace:
        root = root.resolve()
        bundled = bundled_root().resolve()
        layers = (root,) if root == bundled else (root, bundled)
        return cls(root, layers, fallback)

    def output_dir(self, configured: str) -> Path:
        base = Path.cwd() if self.fallback else self.root
        return (base / configured).resolve()

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def objective_files(self) -> list[Path]:
        return _yaml_files(self.root / "objectives")

    def contractor_files(self) -> list[Path]:
        return _yaml_files(self.root / "contractors")

    def template_dirs(self) -> list[Path]:
        return [layer / "templates" for layer in self.layers if (layer / "templates").is_dir()]

    def resolve(self, relative: str) -> Path:
        """The file a YAML path names, searched through the layers and confined to them.

        Raises ValueError with a plain message when the path is absolute, leaves the workspace
        (symlinks included) or does not exist.
        """
        posix = PurePosixPath(relative.replace("\\", "/"))
        if posix.is_absolute() or (posix.parts and posix.parts[0].endswith(":")):
            raise ValueError(f"'{relative}' must be a path relative to the workspace")
        for layer in self.layers:
            candidate = (layer / posix).resolve()  # resolves symlinks, so a link cannot lead outside
            if not candidate.is_relative_to(layer.resolve()):
                raise ValueError(f"'{relative}' points outside the workspace")
            if candidate.is_file():
                return candidate
        raise ValueError(f"'{relative}' does not exist in the workspace")


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
    target = path.resolve()
    return None if target.is_relative_to(path.parent.parent.resolve()) else target
