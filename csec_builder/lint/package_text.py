"""The words a .pptx/.potx template holds, part by part, read straight from its XML."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

TEXT_PARTS = re.compile(r"^ppt/(slides|slideLayouts|slideMasters)/[^/]+\.xml$")
A_T = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"
A_P = "{http://schemas.openxmlformats.org/drawingml/2006/main}p"


def presentation_text(path: Path) -> list[tuple[str, str]]:
    """(part name, its paragraphs joined by new lines) for every slide, layout and master."""
    found = []
    try:
        with zipfile.ZipFile(path) as package:
            for name in sorted(n for n in package.namelist() if TEXT_PARTS.match(n)):
                root = ElementTree.fromstring(package.read(name))
                paragraphs = ["".join(t.text or "" for t in p.iter(A_T)) for p in root.iter(A_P)]
                text = "\n".join(p for p in paragraphs if p.strip())
                if text:
                    found.append((name, text))
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return []  # validate reports an unreadable template; lint only reads words
    return found
