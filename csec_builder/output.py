"""Write stage: the only code that puts bytes into the output folder.

Every file is written to a temporary name in the same folder and renamed into place, so a failed
or interrupted build leaves the earlier outputs whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from .problems import CsecError, UsageMistake, display_path


def write_files(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write all `files` (name -> bytes) into `folder`; each appears whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            staged.append((_stage(folder, name, data), folder / name))
        for temporary, final in staged:
            os.replace(temporary, final)
    finally:
        for temporary, _final in staged:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
    return [folder / name for name in files]


def write_file(path: Path, data: bytes) -> Path:
    """Write `data` to the one file `path` names (a report's `--output`), and return where it went.

    A symlink is written through: its target is replaced atomically and the link kept, so nothing appears
    beside the target under the link's name. A FIFO or a device is written to in place, never replaced (a
    reader waits on the FIFO; /dev/full says it is full). A folder or a symlink loop is refused.
    """
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a symlink loop
        raise UsageMistake(f"'{display_path(path)}' is a symlink loop; give a file name") from None
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise CsecError(f"cannot write to {display_path(path)}: {exc.strerror or exc}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageMistake(f"'{display_path(path)}' is a folder; give the name of a file to write")
    try:
        if mode is not None and not stat.S_ISREG(mode):
            with open(target, "wb") as stream:
                stream.write(data)
            return target
        write_files(target.parent, {target.name: data})
    except OSError as exc:
        raise CsecError(f"cannot write to {display_path(path)}: {exc.strerror or exc}") from None
    return target


def _stage(folder: Path, name: str, data: bytes) -> Path:
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def json_bytes(data: Any) -> bytes:
    """Stable JSON: sorted keys, fixed indentation, trailing newline."""
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
