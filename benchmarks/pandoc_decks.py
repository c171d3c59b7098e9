"""The same decks as pandoc Markdown, for the pandoc side of the benchmark.

Each planned slide becomes one pandoc slide (`## title`, `--slide-level=2`) with the same bullets
(a knowledge check's choices nested under its question, as in csec-builder's deck) and the same
speaker notes (a `::: notes` block), so pandoc writes the same slides, text and notes.
"""

from __future__ import annotations

import string
from pathlib import Path

from csec_builder.pipeline import load_inputs
from csec_builder.plan import Plan
from csec_builder.workspace import Workspace

PANDOC_ARGS = ("--slide-level=2",)
_ESCAPED = str.maketrans({char: "\\" + char for char in string.punctuation})


def write_markdown(workspace: Path, folder: Path) -> list[Path]:
    """One Markdown file per contractor of the workspace, in `folder`; returns them."""
    inputs = load_inputs(Workspace.at(workspace))
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for source in inputs.contractors:
        prepared = inputs.preparation(source).prepared
        if prepared is None:
            raise SystemExit(f"{source.path}: the synthetic contractor does not prepare; fix synthetic.py")
        path = folder / f"{prepared.contractor.id}.md"
        path.write_text(deck_markdown(prepared.plan), encoding="utf-8")
        files.append(path)
    return files


def deck_markdown(plan: Plan) -> str:
    parts = []
    for slide in plan.slides:
        nested = slide.kind == "knowledge_check"
        bullets = [("    " if nested and i else "") + "- " + _escape(b) for i, b in enumerate(slide.bullets)]
        notes = "\n\n".join(_escape(p) for p in slide.speaker_notes.split("\n") if p.strip())
        parts.append(f"## {_escape(slide.title)}\n\n" + "\n".join(bullets) + f"\n\n::: notes\n{notes}\n:::\n")
    return "\n".join(parts)


def _escape(text: str) -> str:
    """Pandoc Markdown lets any ASCII punctuation be backslash-escaped: the text stays literal."""
    return text.translate(_ESCAPED)
