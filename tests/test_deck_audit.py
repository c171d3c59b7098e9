"""`csec-builder coverage --deck`: what a deck teaches decides the verdict; its `Objective: ID vN` note
lines say what it claims (versions, "marked but not taught").

Decks come from python-pptx directly (as another tool would write them), from LibreOffice re-saving
them, and from `csec-builder build`. Expected values are read from the workspace YAML with PyYAML.
"""

from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from .conftest import convert_with_libreoffice
from .helpers import REPO, copy_workspace, objectives, read_yaml, required_for, taught_by, total_minutes

BUILT = "foster-kinship-care-education"  # caregiver, covers every required objective
AUDIENCE = "caregiver"

# The catalog as shipped, before a test changes its workspace copy: decks mark these versions.
SHIPPED = objectives(REPO)
# An objective the audience need not take, so a deck that marks it shows it as extra.
OPTIONAL = min(set(SHIPPED) - required_for(REPO, AUDIENCE))


# --- workspace helpers --------------------------------------------------------------------


def set_version(ws: Path, objective_id: str, version: int) -> None:
    path = ws / "objectives" / f"{objective_id}.yaml"
    text, count = re.subn(r"(?m)^version: \d+$", f"version: {version}", path.read_text(encoding="utf-8"))
    assert count == 1
    path.write_text(text, encoding="utf-8")
    assert objectives(ws)[objective_id]["version"] == version


def raise_version(ws: Path, objective_id: str, by: int = 1) -> None:
    """Raise an objective's version above the shipped one, so a deck built from the shipped catalog is outdated."""
    set_version(ws, objective_id, SHIPPED[objective_id]["version"] + by)


def marker(objective_id: str) -> str:
    """The audit line for an objective at its shipped version."""
    return f"Objective: {objective_id} v{SHIPPED[objective_id]['version']}"


def lesson(objective_id: str) -> str:
    """Speaker notes that teach an objective: its key points, as the catalog words them."""
    return "\n".join(SHIPPED[objective_id]["key_points"])


def csec_builder(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed console script, as a user runs it."""
    command = shutil.which("csec-builder")
    prefix = [command] if command else [sys.executable, "-m", "csec_builder"]
    return subprocess.run([*prefix, *map(str, args)], capture_output=True, text=True, timeout=300, cwd=cwd, check=False)


def write_deck(path: Path, notes: list[str | None]) -> Path:
    """A deck as any tool might write it: one slide per entry, with those speaker notes (None: none)."""
    presentation = Presentation()
    for number, text in enumerate(notes, 1):
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = f"Slide {number}"
        if text is not None:
            slide.notes_slide.notes_text_frame.text = text
    path.parent.mkdir(parents=True, exist_ok=True)
    presentation.save(str(path))
    return path


def deck_json(cli, ws: Path, *decks: Path, audience: str = AUDIENCE) -> tuple[int, dict]:
    args = [a for deck in decks for a in ("--deck", deck)]
    run = cli("coverage", "--workspace", ws, *args, "--audience", audience, "--format", "json")
    assert "Traceback" not in run.output
    return run.exit_code, json.loads(run.stdout)


# A hand-made deck: markers with and without versions, two objectives on one slide, an extra
# objective, an id the catalog does not know, a soft line break, and an inline mention that is no marker.
# Versions are the shipped ones, so only what `outdated_ws` raises (DEF-01) is outdated.
# DEF-01, SCOPE-01, LAW-01 and OPTIONAL are taught (their key points are in the notes); RISK-01 is only marked.
HAND_NOTES: list[str | None] = [
    None,
    f"Open with the definition from the toolkit.\n{lesson('DEF-01')}\n{marker('DEF-01')}",
    f"{marker('DEF-01')}\n{marker('SCOPE-01')}\n{lesson('SCOPE-01')}\nThen ask the room.",
    f"Objective: LAW-01\n{lesson('LAW-01')}",
    f"Close the morning.\v{marker(OPTIONAL)}\n{lesson(OPTIONAL)}",
    "Objective: XYZ-99 v1",
    "This deck does not teach Objective: IND-01 in full yet.",
    f"{marker('RISK-01')}\nA slide about the lunch break.",
]


@pytest.fixture
def outdated_ws(workspace: Path) -> Path:
    """The standard workspace with DEF-01 one version above the shipped one, so a deck marking that is outdated."""
    raise_version(workspace, "DEF-01")
    return workspace


# --- a hand-made deck ---------------------------------------------------------------------


def test_hand_made_deck_reports_exactly_its_markers(cli, outdated_ws, tmp_path):
    catalog = objectives(outdated_ws)
    required = required_for(outdated_ws, AUDIENCE)
    assert {"DEF-01", "LAW-01", "SCOPE-01", "IND-01"} <= required
    assert OPTIONAL in catalog and OPTIONAL not in required
    assert "XYZ-99" not in catalog
    deck = write_deck(tmp_path / "hand.pptx", HAND_NOTES)

    code, data = deck_json(cli, outdated_ws, deck)
    assert code == 1, "required objectives are missing"
    assert data["ok"] is False
    [row] = data["contractors"]
    assert row["id"] == "hand.pptx"
    assert row["audience"] == AUDIENCE
    assert row["source"] == "deck"
    assert set(row["covered"]) == {"DEF-01", "LAW-01", "SCOPE-01"}
    assert set(row["missing_required"]) == required - {"DEF-01", "LAW-01", "SCOPE-01"}
    assert "IND-01" in row["missing_required"]
    assert row["extra"] == [OPTIONAL]
    assert row["outdated"] == ["DEF-01"]
    assert row["unknown"] == ["XYZ-99"]
    assert row["marked_not_taught"] == ["RISK-01"], "a marker without the content is a claim, not coverage"
    assert row["ok"] is False

    entries = {item["id"]: item for item in row["objectives"]}
    assert set(entries) == set(catalog) | {"XYZ-99"}, "every catalog objective has a verdict"
    marked = {i: (t["version"], t["marked_slides"]) for i, t in entries.items() if t["marker"] != "none"}
    assert marked == {
        "DEF-01": (SHIPPED["DEF-01"]["version"], 2),
        "SCOPE-01": (SHIPPED["SCOPE-01"]["version"], 1),
        "LAW-01": (None, 1),
        OPTIONAL: (SHIPPED[OPTIONAL]["version"], 1),
        "RISK-01": (SHIPPED["RISK-01"]["version"], 1),
        "XYZ-99": (1, 1),
    }
    assert entries["RISK-01"]["marker"] == "marked but not taught"
    assert entries["DEF-01"]["marker"] == "agrees"
    assert entries["DEF-01"]["slides_with_evidence"][0] == 2, "the key points are on slide 2"
    assert 8 not in entries["RISK-01"]["slides_with_evidence"], "the marked slide teaches nothing"
    for objective_id, item in entries.items():
        expected = total_minutes(catalog[objective_id]) if objective_id in catalog else None
        assert item["minutes"] == expected
    assert [item["id"] for item in row["objectives"]][-1] == "XYZ-99", "unknown ids come after the catalog"


def test_hand_made_deck_in_the_table(cli, outdated_ws, tmp_path):
    deck = write_deck(tmp_path / "hand.pptx", HAND_NOTES)
    run = cli("coverage", "--workspace", outdated_ws, "--deck", deck, "--audience", AUDIENCE)
    assert run.exit_code == 1
    [line] = [line for line in run.stdout.splitlines() if line.startswith("hand.pptx: ")]
    assert line.startswith(f"hand.pptx: MISSING: covers 3/{len(required_for(outdated_ws, AUDIENCE))} required;")
    assert "outdated: DEF-01" in line
    assert "unknown ids: XYZ-99" in line
    assert "marked but not taught: RISK-01" in line
    assert "1 extra" in line


def test_deck_that_marks_every_required_objective_passes_unless_strict(cli, outdated_ws, tmp_path):
    required = sorted(required_for(outdated_ws, AUDIENCE))
    notes = [f"{lesson(objective_id)}\n{marker(objective_id)}" for objective_id in required]
    deck = write_deck(tmp_path / "complete.pptx", notes)

    code, data = deck_json(cli, outdated_ws, deck)
    assert code == 0, data
    [row] = data["contractors"]
    assert row["missing_required"] == [] and row["ok"] is True
    assert row["outdated"] == ["DEF-01"]

    strict = cli("coverage", "--workspace", outdated_ws, "--deck", deck, "--audience", AUDIENCE, "--strict")
    assert strict.exit_code == 1


@pytest.mark.parametrize(
    "notes",
    [
        "Objective: DEF-01 v2\nObjective: DEF-01 v1",
        "Objective: DEF-01 v1\nObjective: DEF-01",
        "Objective: DEF-01\nObjective: DEF-01 v1",
        "Objective: DEF-01 v3\vObjective: DEF-01 v1\nObjective: DEF-01 v2",
    ],
)
def test_one_slide_marking_an_objective_twice_counts_once_with_the_lowest_version(cli, outdated_ws, tmp_path, notes):
    deck = write_deck(tmp_path / "twice.pptx", [f"{notes}\n{lesson('DEF-01')}", "Objective: DEF-01 v2"])
    code, data = deck_json(cli, outdated_ws, deck)
    assert code == 1
    [row] = data["contractors"]
    marked = [(i["id"], i["version"], i["marked_slides"]) for i in row["objectives"] if i["marker"] != "none"]
    assert marked == [("DEF-01", 1, 2)]
    assert row["outdated"] == ["DEF-01"]


def test_several_decks_get_one_row_each(cli, workspace, tmp_path):
    first = write_deck(tmp_path / "morning.pptx", [lesson("DEF-01")])
    second = write_deck(tmp_path / "afternoon.pptx", [lesson("LAW-01"), None])
    code, data = deck_json(cli, workspace, first, second)
    assert code == 1
    rows = {row["id"]: row for row in data["contractors"]}
    assert set(rows) == {"morning.pptx", "afternoon.pptx"}
    assert rows["morning.pptx"]["covered"] == ["DEF-01"]
    assert rows["afternoon.pptx"]["covered"] == ["LAW-01"]


@pytest.mark.libreoffice
def test_deck_resaved_by_libreoffice_gives_the_same_coverage(cli, outdated_ws, tmp_path, soffice):
    original = write_deck(tmp_path / "python-pptx" / "hand.pptx", HAND_NOTES)
    resaved = convert_with_libreoffice(soffice, original, "pptx", tmp_path / "libreoffice")
    assert resaved.read_bytes() != original.read_bytes(), "LibreOffice wrote its own package"

    code, data = deck_json(cli, outdated_ws, original)
    resaved_code, resaved_data = deck_json(cli, outdated_ws, resaved)
    assert resaved_code == code == 1
    assert without_file_identity(resaved_data) == without_file_identity(data)
    assert resaved_data["contractors"][0]["outdated"] == ["DEF-01"]


def without_file_identity(data: dict) -> dict:
    """The report without what names the file itself (its path and hash): the verdicts and evidence stay."""
    for row in data["contractors"]:
        del row["file"]
        for item in row["objectives"]:
            item.pop("verdict_id", None)
    return data


# --- decks built by csec-builder ----------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The output folder of `csec-builder build <BUILT> --format pptx`, in a private workspace copy."""
    root = tmp_path_factory.mktemp("built")
    ws = copy_workspace(root / "ws")
    out = root / "out"
    run = csec_builder("build", BUILT, "--workspace", ws, "--format", "pptx", "--out", out)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (out / BUILT / f"{BUILT}-deck.pptx").is_file()
    return out


def built_deck(out: Path) -> Path:
    return out / BUILT / f"{BUILT}-deck.pptx"


def test_built_deck_audits_as_its_contractor(cli, workspace, built):
    code, data = deck_json(cli, workspace, built_deck(built))
    assert code == 0
    [row] = data["contractors"]
    assert row["id"] == f"{BUILT}-deck.pptx"
    taught = taught_by(workspace, read_yaml(workspace / "contractors" / f"{BUILT}.yaml"))
    required = required_for(workspace, AUDIENCE)
    assert row["missing_required"] == []
    assert set(row["covered"]) == required
    assert set(row["extra"]) == taught - required
    assert {item["id"] for item in row["objectives"] if item["verdict"] == "covered"} == taught
    assert {item["id"] for item in row["objectives"] if item["marker"] == "agrees"} == taught
    assert row["outdated"] == [] and row["marked_not_taught"] == []
    assert "unknown" not in row
    catalog = objectives(workspace)
    for item in row["objectives"]:
        if item["id"] in taught:
            assert item["version"] == catalog[item["id"]]["version"]
            assert item["slides"] >= 1

    profile = cli("coverage", BUILT, "--workspace", workspace, "--format", "json")
    assert profile.exit_code == 0
    [expected] = json.loads(profile.stdout)["contractors"]
    for key in ("covered", "missing_required", "extra", "outdated"):
        assert row[key] == expected[key]


def test_contractor_coverage_reads_versions_from_the_built_deck(cli, workspace, built):
    base = ("coverage", BUILT, "--workspace", workspace, "--format", "json")
    before = cli(*base, "--out", built)
    assert before.exit_code == 0
    assert json.loads(before.stdout)["contractors"][0]["outdated"] == []

    raise_version(workspace, "DEF-01")
    run = cli(*base, "--out", built)
    assert run.exit_code == 0, "an outdated version alone does not fail without --strict"
    [row] = json.loads(run.stdout)["contractors"]
    assert row["outdated"] == ["DEF-01"]
    assert row["ok"] is True and row["missing_required"] == []

    assert cli(*base, "--out", built, "--strict").exit_code == 1

    # Without a built deck the profile is all there is: nothing is outdated.
    fresh = cli(*base, "--out", workspace / "nothing-built-here")
    assert json.loads(fresh.stdout)["contractors"][0]["outdated"] == []

    # The default output folder of the workspace (dist/) is read too.
    dist = workspace / read_yaml(workspace / "csec.yaml")["defaults"]["output"] / BUILT
    dist.mkdir(parents=True)
    shutil.copy2(built_deck(built), dist / built_deck(built).name)
    default = cli("coverage", BUILT, "--workspace", workspace)
    assert default.exit_code == 0
    assert "outdated: DEF-01" in default.stdout


def test_built_deck_outdated_version_shows_in_junit_without_failing(cli, workspace, built):
    from xml.etree import ElementTree as ET

    raise_version(workspace, "DEF-01")
    run = cli("coverage", BUILT, "--workspace", workspace, "--out", built, "--format", "junit")
    assert run.exit_code == 0
    root = ET.fromstring(run.stdout.encode("utf-8"))
    assert root.findall(".//failure") == []
    [case] = [c for c in root.iter("testcase") if c.get("name").startswith("DEF-01:")]
    assert "outdated" in case.findtext("system-out")


# --- decks that are not decks -------------------------------------------------------------


def docx_like(path: Path) -> None:
    """A well-formed Office package whose main part is a Word document, not a presentation."""
    with zipfile.ZipFile(path, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        package.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>",
        )
        package.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
            "<w:r><w:t>Objective: DEF-01 v1</w:t></w:r></w:p></w:body></w:document>",
        )


def garbled_presentation(source: Path, target: Path) -> None:
    """A real deck's package with its main presentation part replaced by text that is not XML."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            copy.writestr(item, b"this is not XML" if item.filename == "ppt/presentation.xml" else data)


def make_bad_deck(kind: str, folder: Path, built_out: Path) -> Path:
    path = folder / f"{kind}.pptx"
    if kind == "text":
        path.write_text("Objective: DEF-01 v1\nThis is a text file, renamed.\n", encoding="utf-8")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        data = built_deck(built_out).read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "garbled":
        garbled_presentation(built_deck(built_out), path)
    elif kind == "document":
        docx_like(path)
    elif kind == "folder":
        path.mkdir()
    else:
        assert kind == "missing"
    return path


@pytest.mark.parametrize("kind", ["text", "empty", "truncated", "garbled", "document", "missing", "folder"])
def test_bad_deck_is_one_clear_error(workspace, tmp_path, built, kind):
    deck = make_bad_deck(kind, tmp_path, built)
    run = csec_builder("coverage", "--workspace", workspace, "--deck", deck, "--audience", AUDIENCE, cwd=tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout == ""
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"error: {deck.name}: ")
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr


def test_bad_deck_among_good_ones_is_named(workspace, tmp_path):
    good = write_deck(tmp_path / "good.pptx", [lesson("DEF-01")])
    bad = tmp_path / "bad.pptx"
    bad.write_text("not a deck", encoding="utf-8")
    run = csec_builder(
        "coverage", "--workspace", workspace, "--deck", good, "--deck", bad, "--audience", AUDIENCE, cwd=tmp_path
    )
    assert run.returncode == 1
    assert run.stderr.strip().startswith("error: bad.pptx: ")
    assert "good.pptx" not in run.stderr


def test_deck_without_audience_is_a_clear_error(cli, workspace, tmp_path):
    deck = write_deck(tmp_path / "hand.pptx", HAND_NOTES)
    run = cli("coverage", "--workspace", workspace, "--deck", deck)
    assert run.exit_code in (1, 2)
    assert run.stdout == ""
    assert "--audience" in run.stderr
    for audience in read_yaml(workspace / "csec.yaml")["audiences"]:
        assert audience["id"] in run.stderr


def test_deck_with_contractor_ids_is_a_clear_error(cli, workspace, tmp_path):
    deck = write_deck(tmp_path / "hand.pptx", HAND_NOTES)
    run = cli("coverage", BUILT, "--workspace", workspace, "--deck", deck, "--audience", AUDIENCE)
    assert run.exit_code in (1, 2)
    assert run.stdout == ""
    assert "not both" in run.stderr
    assert "--deck" in run.stderr
    assert f"{BUILT!r} does not" in run.stderr


def test_files_after_the_first_deck_need_no_second_flag(cli, workspace, tmp_path):
    first = write_deck(tmp_path / "morning.pptx", [lesson("DEF-01")])
    second = write_deck(tmp_path / "afternoon.PPTX", [lesson("LAW-01"), None])
    args = ("--workspace", workspace, "--audience", AUDIENCE, "-f", "json")
    run = cli("coverage", "--deck", first, second, *args)  # as `--deck FILE...` reads
    rows = {row["id"]: row["covered"] for row in json.loads(run.stdout)["contractors"]}
    assert rows == {"morning.pptx": ["DEF-01"], "afternoon.PPTX": ["LAW-01"]}


def test_deck_with_an_unknown_audience_is_a_clear_error(cli, workspace, tmp_path):
    deck = write_deck(tmp_path / "hand.pptx", HAND_NOTES)
    run = cli("coverage", "--workspace", workspace, "--deck", deck, "--audience", "caregivers")
    assert run.exit_code in (1, 2)
    assert run.stdout == ""
    assert "unknown audience 'caregivers'" in run.stderr
    assert "'caregiver'" in run.stderr, "suggests the closest audience"


# --- property: whatever markers a deck carries, the audit reports exactly them, as claims ----

KNOWN_IDS = sorted(p.stem for p in (REPO / "objectives").glob("*.yaml"))
UNKNOWN_IDS = ["XYZ-99", "NEW-01", "DEF-02"]
# Versions from 1 up to the highest any objective has in `bumped_ws`.
TOP_VERSION = max(doc["version"] for doc in SHIPPED.values()) + 2
FILLER = st.text(alphabet=string.ascii_letters + string.digits + " .,;'()-", max_size=30).map(lambda t: "Say " + t)


@st.composite
def slide_notes(draw) -> tuple[str | None, list[tuple[str, int | None]]]:
    """Notes text for one slide (None: no notes) and the markers it carries."""
    if draw(st.integers(0, 4)) == 0:
        return None, []
    lines, markers = [], []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["marker", "marker", "filler", "inline"]))
        objective_id = draw(st.sampled_from(KNOWN_IDS + UNKNOWN_IDS))
        version = draw(st.none() | st.integers(1, TOP_VERSION))
        if kind == "marker":
            suffix = f" v{version}" if version is not None else ""
            pad = draw(st.sampled_from(["", " ", "  "]))
            lines.append(f"{pad}Objective:{draw(st.sampled_from([' ', '  ']))}{objective_id}{suffix}{pad}")
            markers.append((objective_id, version))
        elif kind == "filler":
            lines.append(draw(FILLER))
        else:
            lines.append(f"See Objective: {objective_id} v1 later")
    separators = [draw(st.sampled_from(["\n", "\v"])) for _ in lines]
    text = "".join(line + sep for line, sep in zip(lines, separators, strict=True)).rstrip("\n\v")
    return text, markers


@pytest.fixture(scope="module")
def bumped_ws(tmp_path_factory) -> Path:
    """A workspace copy where DEF-01 is one version above the shipped one and LAW-01 two."""
    ws = copy_workspace(tmp_path_factory.mktemp("bumped") / "ws")
    raise_version(ws, "DEF-01")
    raise_version(ws, "LAW-01", by=2)
    return ws


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slides=st.lists(slide_notes(), max_size=6), audience=st.sampled_from(["child-welfare", "probation", AUDIENCE]))
def test_audit_reports_exactly_the_marked_objectives_as_not_taught(cli, bumped_ws, slides, audience):
    catalog = objectives(bumped_ws)
    required = required_for(bumped_ws, audience)
    expected_slides: dict[str, int] = {}
    expected_versions: dict[str, int | None] = {}
    for _, markers in slides:
        for objective_id in {i for i, _ in markers}:
            expected_slides[objective_id] = expected_slides.get(objective_id, 0) + 1
        for objective_id, version in markers:
            current = expected_versions.get(objective_id)
            known = [v for v in (current, version) if v is not None]
            expected_versions[objective_id] = min(known) if known else None

    with tempfile.TemporaryDirectory() as folder:
        deck = write_deck(Path(folder) / "prop.pptx", [text for text, _ in slides])
        code, data = deck_json(cli, bumped_ws, deck, audience=audience)

    [row] = data["contractors"]
    marked = set(expected_slides)
    known = marked & set(catalog)
    assert {i["id"]: (i["version"], i["marked_slides"]) for i in row["objectives"] if i["marker"] != "none"} == {
        i: (expected_versions[i], expected_slides[i]) for i in marked
    }
    # Marker lines and filler teach nothing: every marked catalog objective is a claim without content.
    assert row["covered"] == [] and row["extra"] == [] and row["outdated"] == []
    assert set(row["missing_required"]) == required
    assert set(row["marked_not_taught"]) == known
    assert row.get("unknown", []) == sorted(marked - known)
    assert code == 1
