"""test: the pre/post knowledge test and its answer key (two .docx files)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .word import WordOutput

if TYPE_CHECKING:
    from ..plan import Plan


class KnowledgeTestOutput(WordOutput):
    name = "test"
    suffixes = ("knowledge-test", "knowledge-test-answer-key")

    def documents(self, plan: Plan, look: Any) -> list[bytes]:
        from ..render.docx.knowledge_test import render_answer_key, render_knowledge_test

        return [render_knowledge_test(plan, look), render_answer_key(plan, look)]


OUTPUT = KnowledgeTestOutput()
