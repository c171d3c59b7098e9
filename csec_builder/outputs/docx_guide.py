"""docx: the facilitator guide as an editable Word document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .word import WordOutput

if TYPE_CHECKING:
    from ..plan import Plan


class GuideDocxOutput(WordOutput):
    name = "docx"
    suffixes = ("facilitator-guide",)

    def documents(self, plan: Plan, look: Any) -> list[bytes]:
        from ..render.docx.guide import render_docx_guide

        return [render_docx_guide(plan, look)]


OUTPUT = GuideDocxOutput()
