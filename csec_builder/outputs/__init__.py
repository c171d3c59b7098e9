"""The registry of outputs: every format `build` can write, in the order it writes them.

A new output is one new module in this package that exposes `OUTPUT` (see base.Output), plus one
line in `csec_builder/formats.py` (outside this package, so --help names the formats without loading
them). `build`, its manifest, `build --format`, csec.yaml's `defaults.formats` (and so the JSON
Schema) and coverage's lookup of the deck all read the registry.
"""

from __future__ import annotations

from importlib import import_module

from ..formats import FORMAT_NAMES, FORMATS
from .base import Assets, Output, Prepared

OUTPUTS: dict[str, Output] = {
    name: import_module(f"{__name__}.{module}").OUTPUT for name, (module, _) in FORMATS.items()
}
DECK = "pptx"
"""The format whose file coverage reads back to tell which objective versions a contractor's materials carry."""

__all__ = ["DECK", "FORMAT_NAMES", "OUTPUTS", "Assets", "Output", "Prepared", "chosen", "unbuildable"]


def chosen(formats: list[str]) -> list[Output]:
    """The outputs named in `formats`, in registry order."""
    return [output for name, output in OUTPUTS.items() if name in formats]


def unbuildable(outputs: list[Output]) -> dict[str, str]:
    """Format name -> why it cannot be built on this machine, for the outputs that need a program it lacks.

    An output that runs an outside program (the pdf format runs LibreOffice) has an `engine()` method
    returning that reason or None; the others have none and are always buildable.
    """
    reasons = {output.name: getattr(output, "engine", lambda: None)() for output in outputs}
    return {name: reason for name, reason in reasons.items() if reason}
