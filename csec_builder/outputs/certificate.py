"""certificate: the certificate (.docx), a form for the training day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .word import WordOutput

if TYPE_CHECKING:
    from ..plan import Plan


class CertificateOutput(WordOutput):
    name = "certificate"
    suffixes = ("certificate",)

    def documents(self, plan: Plan, look: Any) -> list[bytes]:
        from ..render.docx.forms import render_certificate

        return [render_certificate(plan, look)]


OUTPUT = CertificateOutput()
