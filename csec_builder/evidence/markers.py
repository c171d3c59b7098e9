"""Read objective markers back out of any deck or document, whoever made it.

A deck marks what it teaches with a line `Objective: <ID>` or `Objective: <ID> v<version>` in a
slide's speaker notes. csec-builder writes these; other tools and people can too. A marker says what
a provider claims; the evidence audit (match.py) checks the claim against what the materials teach.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..problems import CsecError, display_path
from .readers import Material

MARKER = re.compile(r"^\s*Objective:\s*([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)(?:\s+v(\d+))?\s*$", re.MULTILINE)


@dataclass(frozen=True)
class DeckAudit:
    path: Path
    slide_count: int
    slides: dict[str, int]
    """Objective id -> number of slides that carry its marker."""
    versions: dict[str, int | None]
    """Objective id -> the lowest version marked (None when no slide gave a version)."""


def audit_deck(path: Path) -> DeckAudit:
    """Count each objective's marked slides and the versions they name."""
    from ..render.pptx.template import read_presentation  # deferred: python-pptx is slow to import

    if not path.is_file():
        raise CsecError(f"{display_path(path)}: {'is a folder, not a .pptx file' if path.is_dir() else 'no such file'}")
    presentation = read_presentation(path)
    slides: Counter[str] = Counter()
    versions: dict[str, int | None] = {}
    for slide in presentation.slides:
        if not slide.has_notes_slide:
            continue
        found: dict[str, int | None] = {}
        for m in MARKER.finditer(_notes(slide)):
            found[m.group(1)] = _lowest(found.get(m.group(1)), int(m.group(2)) if m.group(2) else None)
        for objective_id, version in found.items():
            slides[objective_id] += 1
            versions[objective_id] = _lowest(versions.get(objective_id), version)
    return DeckAudit(path, len(presentation.slides), dict(slides), versions)


def is_marker(text: str) -> bool:
    return MARKER.fullmatch(text) is not None


def markers_in(material: Material) -> DeckAudit:
    """The markers of any read material: in a deck's speaker notes only, anywhere in a document or PDF."""
    slides: Counter[str] = Counter()
    versions: dict[str, int | None] = {}
    places: dict[str, set[int]] = {}
    for passage in material.passages:
        if material.kind == "pptx" and passage.part != "notes":
            continue
        match = MARKER.fullmatch(passage.text)
        if match is None:
            continue
        objective_id, version = match.group(1), int(match.group(2)) if match.group(2) else None
        places.setdefault(objective_id, set()).add(passage.place.number)
        versions[objective_id] = _lowest(versions.get(objective_id), version)
    for objective_id, numbers in places.items():
        slides[objective_id] = len(numbers)
    return DeckAudit(material.path, material.places, dict(slides), versions)


def _notes(slide: object) -> str:
    frame = slide.notes_slide.notes_text_frame  # type: ignore[attr-defined]
    # A soft line break (Shift+Enter) reads as "\v" in python-pptx but starts a new line for the reader.
    return frame.text.replace("\v", "\n") if frame is not None else ""


def _lowest(current: int | None, new: int | None) -> int | None:
    known = [v for v in (current, new) if v is not None]
    return min(known) if known else None
