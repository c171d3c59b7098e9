"""The catalog: the workspace's objectives in teaching order, looked up by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .loader import Source
from .models import Objective, WorkspaceConfig
from .translations import Translations
from .workspace import WORKSPACE


@dataclass(frozen=True)
class Catalog:
    config: WorkspaceConfig
    sources: tuple[Source[Objective], ...]
    broken: frozenset[str] = field(default_factory=frozenset)
    """Ids (file names) of objective files that failed to load: selections that need them fail."""
    translations: Translations = field(default_factory=Translations)
    """The usable translations of these objectives, by language (checked against them)."""

    @classmethod
    def of(
        cls,
        config: WorkspaceConfig,
        sources: list[Source[Objective]],
        failed: list[Path],
        translations: Translations | None = None,
    ) -> Catalog:
        ordered = sorted(sources, key=lambda s: _order_key(config, s.model))
        return cls(config, tuple(ordered), frozenset(p.stem for p in failed), translations or Translations())

    @property
    def objectives(self) -> list[Objective]:
        return [s.model for s in self.sources]

    @property
    def ids(self) -> list[str]:
        return [s.model.id for s in self.sources]

    def get(self, objective_id: str) -> Objective | None:
        return self._by_id.get(objective_id)

    def source(self, objective_id: str) -> Source[Objective] | None:
        return next((s for s in self.sources if s.model.id == objective_id), None)

    def layer(self, objective_id: str) -> str:
        """Which workspace layer the objective comes from: "workspace" (its own files) or "standard"."""
        source = self.source(objective_id)
        return source.layer if source else ""

    @property
    def layered(self) -> bool:
        """True when some objectives come from a layer under the workspace (it extends the standard)."""
        return any(s.layer != WORKSPACE for s in self.sources)

    def required_for(self, audience: str) -> list[Objective]:
        return [o for o in self.objectives if audience in o.required_for]

    @cached_property
    def _by_id(self) -> dict[str, Objective]:
        # First one wins; duplicates are reported by validation.
        found: dict[str, Objective] = {}
        for objective in reversed(self.objectives):
            found[objective.id] = objective
        return found


def _order_key(config: WorkspaceConfig, objective: Objective) -> tuple[int, int, str]:
    listed = config.order.index(objective.id) if objective.id in config.order else len(config.order)
    domains = config.domain_ids
    domain = domains.index(objective.domain) if objective.domain in domains else len(domains)
    return listed, domain, objective.id
