"""sign-in: the sign in sheet (.docx), a form for the training day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .word import WordOutput

if TYPE_CHECKING:
    from ..plan import Plan


class SignInOutput(WordOutput):
    name = "sign-in"
    suffixes = ("sign-in-sheet",)

    def documents(self, plan: Plan, look: Any) -> list[bytes]:
        from ..render.docx.forms import render_sign_in

        return [render_sign_in(plan, look)]


OUTPUT = SignInOutput()
