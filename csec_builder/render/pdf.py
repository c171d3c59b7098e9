"""PDFs from Word documents, by LibreOffice (soffice) run headless: the print copies of the kit's .docx files.

LibreOffice rather than WeasyPrint from the HTML: the PDFs must be the Word documents trainers
print and edit (same pages, styles and tables), LibreOffice is already the client every test opens
the .docx files with (and a CI dependency), and WeasyPrint would add a Python dependency with native
libraries (Pango, cairo) and a second layout of each document to keep in step.
LibreOffice writes the creation date and a random document ID into every PDF, so PDFs are not
byte-identical from build to build (docs/building.md).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..problems import CsecError

ENGINE_NAMES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 600  # a long guide on a busy machine; a hung soffice must not hang the build


def find_engine() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return next((found for name in ENGINE_NAMES if (found := shutil.which(name))), None)


def engine_missing() -> str | None:
    """Why no PDF can be made here (one line), or None when LibreOffice is installed."""
    if find_engine():
        return None
    return "LibreOffice (soffice) is not installed; install it to build PDFs"


def docx_to_pdf(documents: dict[str, bytes]) -> dict[str, bytes]:
    """File name (.docx) -> bytes, to the same names with .pdf -> PDF bytes, in one LibreOffice run.

    Each call gets its own LibreOffice profile: parallel builds (and a desktop LibreOffice the user
    has open) never share one, which LibreOffice does not allow.
    """
    engine = find_engine()
    if engine is None:
        raise CsecError(engine_missing() or "")
    with tempfile.TemporaryDirectory(prefix="csec-pdf-") as folder:
        work = Path(folder)
        sources = []
        for name, data in documents.items():
            (work / name).write_bytes(data)
            sources.append(str(work / name))
        out = work / "pdf"
        command = [engine, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore"]
        command += ["--convert-to", "pdf", "--outdir", str(out), *sources]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            raise CsecError(f"LibreOffice took more than {TIMEOUT_SECONDS} s to make the PDFs") from exc
        made = {name: out / f"{Path(name).stem}.pdf" for name in documents}
        missing = [name for name, pdf in made.items() if not pdf.is_file()]
        if run.returncode != 0 or missing:
            detail = (run.stderr or run.stdout).strip().splitlines()
            reason = detail[-1] if detail else f"exit status {run.returncode}"
            raise CsecError(f"LibreOffice could not make a PDF of {', '.join(missing) or 'the documents'}: {reason}")
        return {pdf.name: pdf.read_bytes() for pdf in made.values()}
