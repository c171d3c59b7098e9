"""print-pack: the trainer's print pack (.docx): the activities' cards and signs, to print and cut."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .word import WordOutput

if TYPE_CHECKING:
    from ..plan import Plan


class PrintPackOutput(WordOutput):
    name = "print-pack"
    suffixes = ("print-pack",)

    def documents(self, plan: Plan, look: Any) -> list[bytes]:
        from ..render.docx.print_pack import render_print_pack

        return [render_print_pack(plan, look)]


OUTPUT = PrintPackOutput()
