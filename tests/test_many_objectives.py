"""A contractor may teach any number of objectives: the deck's document properties have a length limit."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from pptx import Presentation

from .helpers import edit, read_yaml


def _add_objectives(workspace: Path, count: int) -> list[str]:
    """`count` more objectives, copies of DEF-01 with new ids and one minute each; their ids."""
    source = (workspace / "objectives" / "DEF-01.yaml").read_text(encoding="utf-8")
    ids = [f"EXTRA-{n:02d}" for n in range(1, count + 1)]
    for objective_id in ids:
        text = source.replace("id: DEF-01", f"id: {objective_id}", 1).replace("minutes: 15", "minutes: 1", 1)
        (workspace / "objectives" / f"{objective_id}.yaml").write_text(text, encoding="utf-8")
    return ids


def test_a_contractor_with_forty_objectives_builds(workspace: Path, cli, tmp_path: Path) -> None:
    contractor = workspace / "contractors" / "bay-area-academy.yaml"
    required = len(read_yaml(workspace / "csec.yaml")["order"])
    extra = _add_objectives(workspace, 40 - required)
    edit(contractor, "  include_required: true\n", f"  include_required: true\n  include: [{', '.join(extra)}]\n")
    edit(contractor, "  minutes: 450\n", "  minutes: 900\n")
    long_title = "CSEC 101 for every unit of the county " * 8  # over 255 characters too
    edit(contractor, 'title: "CSEC 101: Identification and Awareness"', f'title: "{long_title.strip()}"')
    run = cli("build", "bay-area-academy", "-w", workspace, "--out", tmp_path / "out", "-f", "pptx,handout")
    assert run.exit_code == 0, run.output
    deck = Presentation(str(tmp_path / "out" / "bay-area-academy" / "bay-area-academy-deck.pptx"))
    keywords = deck.core_properties.keywords
    assert 0 < len(keywords) <= 255
    assert keywords.split()[0] in read_yaml(workspace / "csec.yaml")["order"]
    title = deck.core_properties.title
    assert len(title) == 255 and title.endswith("…") and long_title.startswith(title[:-1])
    handout = Document(str(tmp_path / "out" / "bay-area-academy" / "bay-area-academy-participant-handout.docx"))
    assert handout.core_properties.title.endswith("…")
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert sum(f"Objective: {objective_id} v" in "\n".join(notes) for objective_id in extra) == len(extra)
