"""moodle: the knowledge test as Moodle XML, one question category per objective.

It reads the items the plan chose for the Word test (render/exports.test_items): the same questions,
order and keys as the printed test and its answer key.
"""

from __future__ import annotations

from pathlib import Path

from .base import Prepared


class MoodleOutput:
    name = "moodle"

    def file_names(self, contractor_id: str) -> list[str]:
        return [f"{contractor_id}-knowledge-test-moodle.xml"]

    def inputs(self, prepared: Prepared) -> list[Path]:
        return []

    def render(self, prepared: Prepared) -> dict[str, bytes]:
        from ..render.exports.moodle import moodle_xml

        (name,) = self.file_names(prepared.contractor.id)
        return {name: moodle_xml(prepared.plan)}


OUTPUT = MoodleOutput()
