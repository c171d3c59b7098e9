"""The registry of outputs: every format `build` can write, in the order it writes them.

A new output is one new module in this package that exposes `OUTPUT` (see base.Output), plus one
line in MODULES. `build`, its manifest, `build --format`, csec.yaml's `defaults.formats` (and so
the JSON Schema) and coverage's lookup of the deck all read OUTPUTS.
"""

from __future__ import annotations

from importlib import import_module

from .base import Assets, Output, Prepared

MODULES = (
    "deck",  # pptx: the slide deck
    "guide_md",  # md: the facilitator guide in Markdown
    "guide_html",  # html: the facilitator guide as one web page
    "docx_guide",  # docx: the facilitator guide as an editable Word document
    "handout",  # handout: the participant handout (.docx)
    "knowledge_test",  # test: the pre/post knowledge test and its answer key (.docx)
)

OUTPUTS: dict[str, Output] = {
    output.name: output for output in (import_module(f"{__name__}.{module}").OUTPUT for module in MODULES)
}
FORMAT_NAMES: tuple[str, ...] = tuple(OUTPUTS)
DECK = "pptx"
"""The format whose file coverage reads back to tell which objective versions a contractor's materials carry."""

__all__ = ["DECK", "FORMAT_NAMES", "OUTPUTS", "Assets", "Output", "Prepared", "chosen"]


def chosen(formats: list[str]) -> list[Output]:
    """The outputs named in `formats`, in registry order."""
    return [output for name, output in OUTPUTS.items() if name in formats]
