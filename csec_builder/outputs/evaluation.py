"""evaluation: the evaluation (.docx), a form for the training day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .word import WordOutput

if TYPE_CHECKING:
    from ..plan import Plan


class EvaluationOutput(WordOutput):
    name = "evaluation"
    suffixes = ("evaluation",)

    def documents(self, plan: Plan, look: Any) -> list[bytes]:
        from ..render.docx.forms import render_evaluation

        return [render_evaluation(plan, look)]


OUTPUT = EvaluationOutput()
