"""The workspace as every later stage is handed it: loaded, checked, and each contractor prepared once.

`pipeline.load_inputs` makes one `Inputs`; build, coverage and the commands read it and never change it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import NotFoundError, Problem, suggest

if TYPE_CHECKING:
    from .catalog import Catalog
    from .loader import Loaded
    from .models import Contractor, Objective, WorkspaceConfig
    from .outputs.base import Prepared
    from .workspace import Workspace
    from .yamlio import Source


@dataclass(frozen=True)
class Preparation:
    """What preparing one contractor gave: its objectives and problems, and `prepared` when nothing stops it."""

    source: Source[Contractor]
    objectives: tuple[Objective, ...]
    problems: tuple[Problem, ...]
    """Problems with the selection and with the files the profile and its objectives name."""
    prepared: Prepared | None
    outdated_translations: tuple[str, ...] = ()
    """Objectives taught from a translation that follows an older version of them."""


@dataclass(frozen=True)
class Inputs:
    """Everything a workspace holds, checked, with each loaded contractor selected, resolved and planned once."""

    loaded: Loaded
    problems: tuple[Problem, ...]
    """Every problem, of every stage, sorted; files of a lower layer labelled as such."""
    preparations: Mapping[Path, Preparation]
    """Each loaded contractor's preparation, by the path of its profile."""

    @property
    def workspace(self) -> Workspace:
        return self.loaded.workspace

    @property
    def config(self) -> Source[WorkspaceConfig]:
        return self.loaded.config

    @property
    def catalog(self) -> Catalog:
        return self.loaded.catalog

    @property
    def contractors(self) -> tuple[Source[Contractor], ...]:
        return self.loaded.contractors

    @property
    def broken_contractors(self) -> tuple[Path, ...]:
        return self.loaded.broken_contractors

    def contractor(self, contractor_id: str) -> Source[Contractor] | None:
        return next((c for c in self.contractors if c.model.id == contractor_id), None)

    def preparation(self, source: Source[Contractor]) -> Preparation:
        return self.preparations[source.path]

    def problems_in(self, paths: set[Path]) -> list[Problem]:
        return [p for p in self.problems if p.path in paths]

    def choose(self, ids: list[str] | None) -> tuple[list[Source[Contractor]], list[Path]]:
        """The named contractors (all when none are named): loaded ones, and files that failed to load."""
        if not ids:
            return list(self.contractors), list(self.broken_contractors)
        known = [c.model.id for c in self.contractors] + [p.stem for p in self.broken_contractors]
        unknown = [i for i in ids if i not in known]
        if unknown:
            listed = ", ".join(f"'{i}'" for i in unknown)
            raise NotFoundError(
                f"unknown contractor {listed}{suggest(unknown[0], known)} (known: {', '.join(sorted(known))})"
            )
        chosen = [c for c in self.contractors if c.model.id in ids]
        return chosen, [p for p in self.broken_contractors if p.stem in ids]
