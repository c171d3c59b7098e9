"""md: the facilitator guide in Markdown, from the workspace's (or the bundled) Jinja template."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .base import Prepared

GUIDE_FOLDER = "guide"


@dataclass(frozen=True)
class GuideOutput:
    """A facilitator guide rendered by render/guide/; the Markdown and HTML guides differ only in these fields."""

    name: str
    extension: str
    embeds_logo: bool

    def file_names(self, contractor_id: str) -> list[str]:
        return [f"{contractor_id}-facilitator-guide.{self.extension}"]

    def inputs(self, prepared: Prepared) -> list[Path]:
        # Every file of the guide folders: a workspace template may include or import its neighbours.
        folders = [d / GUIDE_FOLDER for d in prepared.assets.template_dirs]
        templates = [p for folder in folders for p in sorted(folder.glob("*")) if p.is_file()]
        logo = prepared.assets.logo
        return [*templates, *([logo] if logo and self.embeds_logo else [])]

    def render(self, prepared: Prepared) -> dict[str, bytes]:
        from ..render.guide.guide import render_guide  # deferred: Jinja loads only when a guide is built

        assets = prepared.assets
        logo = assets.logo if self.embeds_logo else None
        (name,) = self.file_names(prepared.contractor.id)
        return {name: render_guide(prepared.plan, self.name, list(assets.template_dirs), logo)}


OUTPUT = GuideOutput("md", "md", embeds_logo=False)
