"""The output folder: where a build may write, and what it may remove there.

A build writes and removes files, so its folder is checked before anything is written: never the workspace
folder itself, never one that contains it, never a source folder or one inside it, and (from csec.yaml) never
outside the workspace, so a cloned repository's configuration cannot write elsewhere on the machine. A build
removes only what it can prove it wrote: the files its own manifest lists, whose content still has the hash
it recorded; a folder goes only when that leaves it empty.
"""

from __future__ import annotations

import contextlib
from pathlib import Path, PurePosixPath

from .loader import Source
from .models import WorkspaceConfig
from .output import read_json, sha256
from .problems import InputError, Problem, UsageMistake, display_path, warning
from .workspace import CONFIG_NAME, SOURCE_FOLDERS, Workspace

MANIFEST = "manifest.json"
GENERATOR = "csec-builder"


class OutputFolderError(UsageMistake):
    """`--out` names a folder a build must not write to: a command-line mistake."""


def overlap(workspace: Workspace, out: Path) -> str | None:
    """Why `out` (resolved) may not hold a build's outputs, or None: it is or contains a workspace folder,
    or lies in a source folder. Every layer counts: a build must not write into the bundled standard either."""
    for layer in workspace.layers:
        root = layer.root
        where = "the workspace folder" if layer is workspace.layers[0] else "the bundled standard's folder"
        if out == root:
            return f"is {where} itself"
        if root.is_relative_to(out):
            return f"contains {where} {display_path(root)}"
        for name in SOURCE_FOLDERS:
            folder = _resolved(root / name)
            if out == folder:
                return f"is the source folder {name}"
            if out.is_relative_to(folder):
                return f"lies inside the source folder {name}"
    return None


def configured_output_problem(workspace: Workspace, config: Source[WorkspaceConfig]) -> Problem | None:
    """The problem with csec.yaml's `defaults.output`, at its line, or None when a build may use it."""
    configured = config.model.defaults.output
    out = workspace.output_dir(configured)
    if not workspace.fallback and not out.is_relative_to(workspace.root):
        reason = "lies outside the workspace; csec.yaml may only name a folder inside it (use --out to build elsewhere)"
    else:
        reason = overlap(workspace, out) or ""
        if reason.endswith("workspace folder itself"):
            reason += "; a build writes and removes files there, so give it a folder of its own such as 'dist'"
    if not reason:
        return None
    return config.doc.problem(("defaults", "output"), f"defaults.output: '{configured}' {reason}")


def output_folder(workspace: Workspace, config: Source[WorkspaceConfig], explicit: Path | None) -> Path:
    """The folder a build writes to: `--out` when given, else csec.yaml's; refused before anything is written."""
    if explicit is not None:
        out = _resolved(explicit)
        reason = overlap(workspace, out)
        if reason:
            raise OutputFolderError(f"--out '{explicit}' {reason}; choose a folder of its own")
        return out
    problem = configured_output_problem(workspace, config)
    if problem is not None:
        raise InputError(problem.message, [workspace.labelled(problem)])
    return workspace.output_dir(config.model.defaults.output)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare the path as written
        return path.absolute()


# --- what a build wrote, and may remove --------------------------------------------------------


def our_manifest(folder: Path) -> dict | None:
    """The manifest csec-builder wrote in `folder` for the contractor named like it, or None."""
    manifest = read_json(folder / MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("contractor") != folder.name:
        return None
    return manifest if str(manifest.get("generator", "")).startswith(GENERATOR) else None


def foreign_files(folder: Path, names: list[str]) -> list[str]:
    """Which of `names` already exist in `folder` when no manifest of ours is there: a build must not replace them."""
    if not folder.is_dir() or our_manifest(folder) is not None:
        return []
    return [name for name in names if (folder / name).exists() or (folder / name).is_symlink()]


def remove_outputs(folder: Path) -> tuple[bool, Problem | None]:
    """Remove what csec-builder wrote in `folder`: each file its manifest lists whose hash still matches, then the
    manifest, then the folder if that left it empty. (removed the folder, a warning about what was kept)."""
    manifest = our_manifest(folder)
    if manifest is None:
        return False, None
    outputs = manifest.get("outputs")
    for name, digest in (outputs if isinstance(outputs, dict) else {}).items():
        path = folder / str(name)
        if _plain_name(str(name)) and path.is_file() and not path.is_symlink():
            with contextlib.suppress(OSError):
                if sha256(path.read_bytes()) == digest:
                    path.unlink()
    try:
        (folder / MANIFEST).unlink()
        folder.rmdir()
    except OSError as exc:
        kept = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
        if not kept:
            return False, warning(folder / MANIFEST, f"could not remove {display_path(folder)}: {exc.strerror or exc}")
        message = (
            f"kept {display_path(folder)}: its contractor file no longer exists, but it holds files csec-builder "
            f"did not write or that changed since ({', '.join(kept)})"
        )
        return False, warning(folder / MANIFEST, message)
    return True, None


def _plain_name(name: str) -> bool:
    """A file name with no folder in it: a manifest can name nothing outside its own folder."""
    pure = PurePosixPath(name)
    return len(pure.parts) == 1 and name not in (".", "..", MANIFEST, CONFIG_NAME) and "\\" not in name
