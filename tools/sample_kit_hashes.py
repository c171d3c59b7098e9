"""Record the SHA-256 of every file the sample kit builds, to prove a refactor changes no output byte.

The sample kit is the repository's own workspace: every contractor built in every default format,
and the coverage report in every file format. tests/test_sample_kit.py builds it again and compares
with the committed record, tests/fixtures/sample-kit-hashes.json.

Rerun from the repository root when an output is meant to change (new content, a new format), and
commit the record with that change::

    python tools/sample_kit_hashes.py
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Final

REPO: Final = Path(__file__).resolve().parent.parent
RECORD: Final = REPO / "tests" / "fixtures" / "sample-kit-hashes.json"
COVERAGE_FORMATS: Final = ("json", "csv", "markdown", "html", "junit")


def _run(*args: str) -> None:
    command = [sys.executable, "-m", "csec_builder", *args, "--workspace", str(REPO)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    # coverage exits 1 when a contractor has gaps: that is a report, not a failure to write it
    if result.returncode not in (0, 1) or result.stderr.strip().startswith("Traceback"):
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}:\n{result.stderr}")


def build_kit(out: Path) -> None:
    """Build every contractor and every coverage report of the repository's workspace into `out`."""
    _run("build", "--out", str(out / "build"))
    for name in COVERAGE_FORMATS:
        _run("coverage", "--format", name, "--output", str(out / "coverage" / f"coverage.{name}"))


def _content(path: Path) -> bytes:
    """A file's bytes; a manifest's without `inputs_digest`, which covers the package's own code on purpose
    (so that any code change rebuilds every contractor) and so changes with every refactor."""
    data = path.read_bytes()
    if path.name != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest.pop("inputs_digest")
    outputs = manifest.get("outputs", {})
    manifest["outputs"] = {
        name: digest for name, digest in outputs.items() if Path(name).suffix not in UNSTABLE_SUFFIXES
    }
    return json.dumps(manifest, indent=2, sort_keys=True).encode()


UNSTABLE_SUFFIXES: Final = (".pdf",)
"""Files whose engine writes a date and an ID into them (LibreOffice's PDFs): left out of the record."""


def hashes(out: Path) -> dict[str, str]:
    """Relative path (with /) -> SHA-256 of every file under `out` but PDFs, sorted by path."""
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.suffix not in UNSTABLE_SUFFIXES)
    return {p.relative_to(out).as_posix(): hashlib.sha256(_content(p)).hexdigest() for p in files}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="csec-kit-") as folder:
        out = Path(folder)
        build_kit(out)
        record = hashes(out)
    RECORD.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RECORD.relative_to(REPO)} ({len(record)} files)")


if __name__ == "__main__":
    main()
