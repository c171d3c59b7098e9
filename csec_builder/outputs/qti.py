"""qti: the knowledge test as an IMS QTI 1.2 package (.zip) for Canvas and other learning-management systems.

It reads the items the plan chose for the Word test (render/exports.test_items): the same questions,
order and keys as the printed test and its answer key.
"""

from __future__ import annotations

from pathlib import Path

from .base import Prepared


class QtiOutput:
    name = "qti"

    def file_names(self, contractor_id: str) -> list[str]:
        return [f"{contractor_id}-knowledge-test-qti.zip"]

    def inputs(self, prepared: Prepared) -> list[Path]:
        return []

    def render(self, prepared: Prepared) -> dict[str, bytes]:
        from ..render.exports.qti import qti_package

        (name,) = self.file_names(prepared.contractor.id)
        return {name: qti_package(prepared.plan)}


OUTPUT = QtiOutput()
