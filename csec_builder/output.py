"""Write stage: the only code that puts bytes into the output folder.

Every file is written to a temporary name in the same folder and renamed into place, so a failed
or interrupted build leaves the earlier outputs whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


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
