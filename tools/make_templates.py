"""Generate the PowerPoint templates and logo bundled with csec-builder.

Outputs (all committed, all byte-for-byte reproducible):

* ``templates/pptx/default.pptx`` -- the bundled default template: 16:9, white
  background, near-black Arial text, large type, and the eleven layouts the
  renderer looks up by name ("Title", "Content Warning", ... "Closing"). It
  carries the custom property "csec-builder paint" = true, so csec-builder
  paints the contractor's brand colour on it (and on copies of it).
* ``templates/pptx/sierra-probation.pptx`` -- a branded template for the
  fictional "Sierra Justice Training Collaborative". Its layouts have other
  names ("Cover", "Notice", ... "Thanks"), its bullet layout uses an object
  placeholder (idx 2), and it carries one sample slide, so that it exercises
  a contractor profile's ``layouts:`` mapping and the renderer's clean-up.
  It has no paint mark: it is the organisation's own design.
* ``templates/images/sierra-logo.png`` -- the fictional organisation's logo.

Rerun from the repository root after editing this file (or give another templates folder)::

    python tools/make_templates.py [TEMPLATES_FOLDER]

The script starts from python-pptx's own default template, sets the slide
size, rewrites the theme, slide master and slide layouts with lxml, and then
rewrites the saved zip with fixed timestamps and fixed core properties, so two
runs give identical bytes. See ``docs/templates.md`` for the placeholder
contract the layouts follow, and ``tools/pptx_templates/`` for the pieces.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

from pptx_templates.designs import default_design, sierra_design
from pptx_templates.logo import logo_png
from pptx_templates.package import build_presentation

REPO: Final = Path(__file__).resolve().parent.parent
TEMPLATES: Final = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else REPO / "templates"
SIERRA_LOGO: Final = Path("images/sierra-logo.png")


def write_if_changed(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (creating folders) and report what happened."""
    path.parent.mkdir(parents=True, exist_ok=True)
    state = "unchanged" if path.is_file() and path.read_bytes() == data else "written"
    if state == "written":
        path.write_bytes(data)
    print(f"{state}: {path.relative_to(TEMPLATES.parent)} ({len(data)} bytes)")


def main() -> None:
    """Build every template and the logo."""
    for design in (default_design(), sierra_design()):
        write_if_changed(TEMPLATES / design.path, build_presentation(design))
    write_if_changed(TEMPLATES / SIERRA_LOGO, logo_png())


if __name__ == "__main__":
    main()
