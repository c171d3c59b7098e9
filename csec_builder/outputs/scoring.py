"""scoring: the pre/post test's scoring sheet (.xlsx), a workbook whose formulas score it."""

from __future__ import annotations

from pathlib import Path

from .base import Prepared


class ScoringOutput:
    name = "scoring"

    def file_names(self, contractor_id: str) -> list[str]:
        return [f"{contractor_id}-test-scoring-sheet.xlsx"]

    def inputs(self, prepared: Prepared) -> list[Path]:
        return []

    def render(self, prepared: Prepared) -> dict[str, bytes]:
        from ..render.docx.document import DEFAULT_BRAND
        from ..render.xlsx.scoring import render_scoring_sheet  # deferred: openpyxl loads only when built

        branding = prepared.contractor.branding
        (name,) = self.file_names(prepared.contractor.id)
        return {name: render_scoring_sheet(prepared.plan, branding.primary_color if branding else DEFAULT_BRAND)}


OUTPUT = ScoringOutput()
