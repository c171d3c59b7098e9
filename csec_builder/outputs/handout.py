"""handout: the participant handout (.docx), with every participant material and no answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .word import WordOutput

if TYPE_CHECKING:
    from ..plan import Plan


class HandoutOutput(WordOutput):
    name = "handout"
    suffixes = ("participant-handout",)

    def documents(self, plan: Plan, look: Any) -> list[bytes]:
        from ..render.docx.handout import render_handout

        return [render_handout(plan, look)]


OUTPUT = HandoutOutput()
