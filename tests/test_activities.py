"""Activities: what participants see on the slide, what only the trainer sees, and their documents."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from csec_builder import wording

from .helpers import SMALL_CONTRACTOR, line_of, small_objective, small_workspace

STEPS = (
    "1. Hand out the fictional case log for Jordan, age 15.\n"
    "2. Ask pairs to mark every sign of grooming.\n"
    "3. Confirm the six signs on the trainer's marked-up copy.\n"
)
PROMPT = "In pairs, 10 minutes:\nRead Jordan's case log.\nMark every moment an adult could have stepped in.\n"
CASE_LOG = {
    "title": "Case log: Jordan, 15 (fictional)",
    "given_to": "participants",
    "body": "# Week 1\n\nJordan meets an older friend online.\n\n"
    "| Day | Entry |\n| --- | --- |\n| Mon | Missed school |\n| Tue | New phone <script>alert(1)</script> |",
}
MARKED_UP = {
    "title": "Marked-up case log (answers)",
    "given_to": "trainer",
    "body": "## Signs\n\n1. The new phone is a gift with strings attached.",
}


def activity(**changes: object) -> dict:
    return {
        "title": "Spot the pattern",
        "minutes": 10,
        "prompt": PROMPT,
        "instructions": STEPS,
        "materials": [CASE_LOG, MARKED_UP, "Highlighters"],
    } | changes


@pytest.fixture
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two objectives: one whose activity has a prompt and its documents, one whose activity has neither."""
    bare = activity(title="Talk it over", materials=["Flip chart"], instructions="1. Ask the room.\n2. Listen.\n")
    del bare["prompt"]
    objectives = [small_objective("KIT-01", [activity()]), small_objective("KIT-02", [bare])]
    return small_workspace(tmp_path_factory.mktemp("ws") / "ws", objectives)  # beside tmp_path, where it builds


@pytest.fixture
def built(kit: Path, cli, tmp_path: Path) -> Path:
    run = cli("build", "-w", kit, "--out", tmp_path / "out", "--format", "pptx,md,html")
    assert run.exit_code == 0, run.output
    return tmp_path / "out" / SMALL_CONTRACTOR


def activity_slides(folder: Path) -> dict[str, tuple[str, str]]:
    """Activity slide title -> (text on the slide, speaker notes)."""
    deck = Presentation(str(folder / f"{SMALL_CONTRACTOR}-deck.pptx"))
    found = {}
    for slide in deck.slides:
        title = slide.shapes.title.text_frame.text
        if title.startswith(wording.ACTIVITY_PREFIX):
            text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title)
            found[title] = (text, slide.notes_slide.notes_text_frame.text)
    return found


# --- the slide and its notes --------------------------------------------------------------------


def test_activity_slide_shows_the_prompt_and_time_and_the_notes_hold_the_steps(built: Path) -> None:
    on_slide, notes = activity_slides(built)["Activity: Spot the pattern"]
    # The prompt says how long ("In pairs, 10 minutes"), so the slide does not say it a second time.
    assert on_slide.splitlines()[:3] == [
        "In pairs, 10 minutes:",
        "Read Jordan's case log.",
        "Mark every moment an adult could have stepped in.",
    ]
    assert "Time: 10 minutes" not in on_slide
    for step in ("Hand out the fictional case log", "Ask pairs to mark", "Confirm the six signs"):
        assert step not in on_slide
        assert step in notes
    assert "For you only (in the facilitator guide): Marked-up case log (answers)" in notes


def test_an_activity_without_a_prompt_shows_a_neutral_line(built: Path) -> None:
    on_slide, notes = activity_slides(built)["Activity: Talk it over"]
    assert on_slide.splitlines()[0] == wording.NO_PROMPT
    assert "Ask the room" not in on_slide and "Ask the room" in notes


def test_validate_warns_about_an_activity_without_a_prompt(kit: Path, cli) -> None:
    run = cli("validate", "-w", kit, cwd=kit)
    text = (kit / "objectives" / "KIT-02.yaml").read_text()
    line = line_of(text, "- title: Talk it over")
    message = "warning: activity 'Talk it over' has no prompt: its slide can only say that the trainer will explain it"
    assert f"objectives/KIT-02.yaml:{line}:3: {message}" in run.stdout
    assert "KIT-01.yaml" not in run.stdout
    assert run.exit_code == 0


# --- the guides show every document --------------------------------------------------------------


class DocumentParser(HTMLParser):
    """The guide's document sections: who each is for, its headings, its table cells, its text."""

    def __init__(self) -> None:
        super().__init__()
        self.documents: list[dict] = []
        self.tags: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "section" and found.get("data-given-to"):
            self.documents.append({"given_to": found["data-given-to"], "tags": [], "text": ""})
            self._depth = 1
        elif self._depth and tag == "section":
            self._depth += 1
        if self._depth and tag != "section":
            self.documents[-1]["tags"].append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag == "section":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.documents[-1]["text"] += data


def test_html_guide_shows_participant_and_trainer_documents_safely(built: Path) -> None:
    parser = DocumentParser()
    parser.feed((built / f"{SMALL_CONTRACTOR}-facilitator-guide.html").read_text(encoding="utf-8"))
    case_log, marked_up = parser.documents
    assert case_log["given_to"] == "participants" and marked_up["given_to"] == "trainer"
    assert "Case log: Jordan, 15 (fictional)" in case_log["text"]
    assert "Jordan meets an older friend online." in case_log["text"]
    assert {"table", "th", "td", "h5", "h6"} <= set(case_log["tags"])  # a real table; "# Week 1" nests as h6
    assert "h1" not in case_log["tags"]
    assert "<script>alert(1)</script>" in case_log["text"]  # shown as text
    assert "script" not in parser.tags
    assert "The new phone is a gift with strings attached." in marked_up["text"]
    assert "ol" in marked_up["tags"]


def test_markdown_guide_includes_each_body_as_markdown_nested_under_the_activity(built: Path) -> None:
    text = (built / f"{SMALL_CONTRACTOR}-facilitator-guide.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    activity_heading = lines.index("#### Spot the pattern (10 minutes)")
    document_heading = lines.index(f"##### Case log: Jordan, 15 (fictional) ({wording.GIVEN_TO['participants']})")
    assert activity_heading < document_heading < lines.index("###### Week 1")
    assert "| Mon | Missed school |" in lines
    assert "| Tue | New phone \\<script>alert(1)\\</script> |" in lines
    assert "1. Hand out the fictional case log for Jordan, age 15." in lines  # the trainer's steps, as a list
    assert "- Read Jordan's case log." in lines  # what participants see
    assert f"- [ ] Print for participants: {CASE_LOG['title']} (Spot the pattern)" in lines
    assert f"- [ ] Print your own copy: {MARKED_UP['title']} (Spot the pattern)" in lines
    assert "- [ ] Materials: Highlighters" in lines


def test_an_older_guide_template_still_lists_materials_by_name(kit: Path, cli, tmp_path: Path) -> None:
    template = kit / "templates" / "guide" / "guide.md.j2"
    template.parent.mkdir(parents=True)
    template.write_text("{% for material in materials %}- {{ material }}\n{% endfor %}")
    assert cli("build", "-w", kit, "--out", tmp_path, "-f", "md").exit_code == 0
    listed = (tmp_path / SMALL_CONTRACTOR / f"{SMALL_CONTRACTOR}-facilitator-guide.md").read_text().splitlines()
    assert listed == [f"- {CASE_LOG['title']}", f"- {MARKED_UP['title']}", "- Flip chart", "- Highlighters"]


# --- instructions that name a material nobody wrote ---------------------------------------------


def mentions_reported(tmp_path: Path, cli, instructions: str, materials: list) -> list[str]:
    item = activity(instructions=instructions, materials=materials)
    ws = small_workspace(tmp_path / "ws", [small_objective("KIT-01", [item])])
    run = cli("validate", "-w", ws, cwd=ws)
    return [line for line in run.stdout.splitlines() if "which is not among its documents" in line]


def test_instructions_naming_a_missing_document_are_reported_at_the_instructions(tmp_path: Path, cli) -> None:
    reported = mentions_reported(tmp_path, cli, STEPS, ["Highlighters", "Handout: case log for Jordan"])
    text = (tmp_path / "ws" / "objectives" / "KIT-01.yaml").read_text()
    line = line_of(text, "instructions:")
    assert reported == [
        f"objectives/KIT-01.yaml:{line}:17: warning: the instructions of activity 'Spot the pattern' name "
        "'the fictional case log', which is not among its documents "
        "(add it to materials with title, given_to and body)"
    ]


@pytest.mark.parametrize(
    ("instructions", "materials"),
    [
        (STEPS, [CASE_LOG]),  # the case log is a document
        ("Put the three scenarios from the handout on the screen.", [CASE_LOG | {"title": "Three scenarios"}]),
        ("Read out the answer key.", [MARKED_UP]),  # any trainer document is an answer key
        ("Show the five labels often written in case notes.", []),  # no determiner: not a material
        ("A parent finds hotel key cards in a youth's jacket.", []),  # a prop in a story
        ("Give each participant an index card.", ["Index cards"]),  # a supply
        ("Share your county's protocol handout, if there is one.", []),  # the county's own document
        ("Do not ask participants to share real cases.", []),
    ],
)
def test_ordinary_wording_is_not_taken_for_a_missing_document(
    tmp_path: Path, cli, instructions: str, materials: list
) -> None:
    assert mentions_reported(tmp_path, cli, instructions, materials) == []


@pytest.mark.parametrize(
    ("instructions", "named"),
    [
        ("Give each group a shuffled set of ten tactic cards.", "ten tactic cards"),
        ('Give everyone the "My county\'s team" worksheet.', 'the "My county\'s team" worksheet'),
        ("The observer uses the checklist.", "the checklist"),
        ("Put the scenarios from the handout on the screen.", "the scenarios"),
        ("Walk the room with the answer key.", "the answer key"),
    ],
)
def test_each_kind_of_material_is_recognised(tmp_path: Path, cli, instructions: str, named: str) -> None:
    reported = mentions_reported(tmp_path, cli, instructions, ["Pens"])
    assert any(f"name '{named}'" in line for line in reported), reported


def test_objectives_show_lists_each_activity_s_documents(kit: Path, cli) -> None:
    lines = cli("objectives", "show", "KIT-01", "-w", kit).stdout.splitlines()
    start = lines.index("  - Spot the pattern (10 min)")
    assert lines[start + 1 : start + 4] == [
        f"     document for participants: {CASE_LOG['title']}",
        f"     document for trainer: {MARKED_UP['title']}",
        "     supplies: Highlighters",
    ]
    assert "  - Talk it over (10 min) (no prompt)" in cli("objectives", "show", "KIT-02", "-w", kit).stdout


# --- objectives show --format json round-trips ---------------------------------------------------


def test_json_of_an_objective_with_documents_and_a_prompt_is_an_objective_file(kit: Path, cli) -> None:
    shown = cli("objectives", "show", "KIT-01", "-w", kit, "--format", "json")
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert data["activities"][0]["prompt"] == PROMPT.strip()
    assert data["activities"][0]["materials"] == [CASE_LOG, MARKED_UP, "Highlighters"]
    (kit / "objectives" / "KIT-01.yaml").write_text(shown.stdout)  # JSON is YAML
    assert cli("validate", "-w", kit).exit_code == 0
    again = cli("objectives", "show", "KIT-01", "-w", kit, "--format", "json")
    assert json.loads(again.stdout) == data == yaml.safe_load((kit / "objectives" / "KIT-01.yaml").read_text())
