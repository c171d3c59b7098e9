"""pptx: the slide deck, with speaker notes, from the contractor's template."""

from __future__ import annotations

from pathlib import Path

from .base import Prepared


class DeckOutput:
    name = "pptx"

    def file_names(self, contractor_id: str) -> list[str]:
        return [f"{contractor_id}-deck.pptx"]

    def inputs(self, prepared: Prepared) -> list[Path]:
        assets = prepared.assets
        return [assets.template, *([assets.logo] if assets.logo else []), *assets.images.values()]

    def render(self, prepared: Prepared) -> dict[str, bytes]:
        # Deferred: python-pptx loads only when a deck is built.
        from ..render.pptx.deck import Assets, render_deck
        from ..render.pptx.template import cached_template

        assets = prepared.assets
        template = cached_template(assets.template, dict(prepared.contractor.layouts))
        deck = render_deck(prepared.plan, template, Assets(assets.logo, assets.logo_alt, assets.images))
        (name,) = self.file_names(prepared.contractor.id)
        return {name: deck}


OUTPUT = DeckOutput()
