"""The interface every output implements, and what outputs render from.

An output (a format such as the deck or the HTML guide) is one module with one small object: its
format name, the file names it writes for a contractor, the files it reads beyond the shared
inputs (for the manifest and incremental builds), and a render function from the contractor's
prepared plan to those files' bytes. Nothing here writes to disk; build.py does.

Kept free of heavy imports: the registry is read by `--help`, the models and the schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # types only: importing the pipeline here would load pydantic for `--help`
    from ..models import Contractor, Objective
    from ..plan import Plan
    from ..prepare import Assets
    from ..workspace import Workspace
    from ..yamlio import Source


@dataclass(frozen=True)
class Prepared:
    """One contractor, prepared once: what every output renders from."""

    workspace: Workspace
    source: Source[Contractor]
    objectives: tuple[Objective, ...]
    plan: Plan
    assets: Assets
    input_files: tuple[Path, ...]
    """The files every output of this contractor depends on: csec.yaml, the profile, the objective files.
    Each output adds the files it alone reads (`Output.inputs`); the manifest lists both."""

    @property
    def contractor(self) -> Contractor:
        return self.source.model


class Output(Protocol):
    """One output format. Implementations import their heavy libraries inside `render`."""

    name: str
    """The format name used by `build --format` and csec.yaml's `defaults.formats`, e.g. "pptx"."""
    """One line, shown in `build --help` and the docs."""

    def file_names(self, contractor_id: str) -> list[str]:
        """The files this output writes for a contractor, in its output folder."""
        ...

    def inputs(self, prepared: Prepared) -> list[Path]:
        """The files this output reads beyond `prepared.input_files` (templates, pictures...)."""
        ...

    def render(self, prepared: Prepared) -> dict[str, bytes]:
        """File name -> bytes, for every name of `file_names`; identical inputs give identical bytes."""
        ...
