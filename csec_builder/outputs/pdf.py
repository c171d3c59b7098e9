"""pdf: print copies of the facilitator guide, the participant handout, the knowledge test and its answer key.

Made from the Word documents by LibreOffice (render/pdf.py), so they print exactly as the .docx
files do. A build without LibreOffice leaves this format out and says so in one line (`engine`).
PDFs are not byte-identical between builds: LibreOffice stamps each with a date and an ID.
"""

from __future__ import annotations

from pathlib import Path

from .base import Output, Prepared


class PdfOutput:
    name = "pdf"

    @property
    def sources(self) -> list[Output]:
        """The Word outputs this format prints, in order."""
        from . import OUTPUTS  # the registry imports this module: look it up when asked

        return [OUTPUTS[name] for name in ("docx", "handout", "test")]

    def file_names(self, contractor_id: str) -> list[str]:
        return [_pdf_name(name) for output in self.sources for name in output.file_names(contractor_id)]

    def inputs(self, prepared: Prepared) -> list[Path]:
        return sorted({path for output in self.sources for path in output.inputs(prepared)})

    def engine(self) -> str | None:
        """Why this format cannot be built on this machine, or None."""
        from ..render.pdf import engine_missing

        return engine_missing()

    def render(self, prepared: Prepared) -> dict[str, bytes]:
        from ..render.pdf import docx_to_pdf

        documents = {name: data for output in self.sources for name, data in output.render(prepared).items()}
        return docx_to_pdf(documents)


def _pdf_name(docx_name: str) -> str:
    return f"{Path(docx_name).stem}.pdf"


OUTPUT = PdfOutput()
