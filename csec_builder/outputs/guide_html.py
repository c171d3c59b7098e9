"""html: the facilitator guide as one self-contained, printable web page."""

from __future__ import annotations

from .guide_md import GuideOutput

OUTPUT = GuideOutput("html", "html", embeds_logo=True)
