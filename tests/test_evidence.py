"""The evidence audit: `coverage --deck` judges any .pptx, .docx or .pdf on what it teaches.

Calibration on materials with a known truth (each sample contractor's deck and Word guide, marker lines
stripped and slides shuffled; half a catalog; the deck as a PDF), hand-made paraphrase decks, a deck on an
unrelated topic, files that cannot be read, and the HTML review page in headless Chromium.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from .conftest import chromium_command, convert_with_libreoffice
from .helpers import CONTRACTORS, REPO, contractors, copy_workspace, objectives, required_for, taught_by
from .paraphrase_decks import FIRE_SAFETY, PARAPHRASES, TOO_FAR, Slide

AGREEMENT = 0.95
MARKER_PREFIX = "Objective:"
PROFILES = contractors(REPO)
CATALOG = objectives(REPO)
# Calibrated on the English samples; the Spanish one is audited with --language es in test_spanish_catalog.py.
ENGLISH = tuple(c for c in CONTRACTORS if PROFILES[c].get("language", "en") == "en")


def csec_builder(*args: object) -> subprocess.CompletedProcess:
    command = shutil.which("csec-builder")
    prefix = [command] if command else [sys.executable, "-m", "csec_builder"]
    return subprocess.run([*prefix, *map(str, args)], capture_output=True, text=True, timeout=600, check=False)


def audit(cli, *files: Path, audience: str, ws: Path = REPO) -> tuple[int, dict]:
    args = [a for f in files for a in ("--deck", f)]
    run = cli("coverage", "--workspace", ws, *args, "--audience", audience, "--format", "json")
    assert "Traceback" not in run.output
    return run.exit_code, json.loads(run.stdout)


def verdicts(row: dict) -> dict[str, str]:
    return {item["id"]: item["verdict"] for item in row["objectives"] if item["id"] in CATALOG}


# --- materials with a known truth ---------------------------------------------------------


def strip_and_shuffle_deck(source: Path, target: Path, seed: int) -> Path:
    """The deck without a single marker line, its slides in a random order."""
    presentation = Presentation(str(source))
    for slide in presentation.slides:
        if slide.has_notes_slide:
            frame = slide.notes_slide.notes_text_frame
            kept = [
                line
                for line in frame.text.replace("\v", "\n").split("\n")
                if not line.strip().startswith(MARKER_PREFIX)
            ]
            frame.text = "\n".join(kept)
    slide_list = presentation.slides._sldIdLst
    order = list(slide_list)
    random.Random(seed).shuffle(order)
    for element in order:
        slide_list.remove(element)
        slide_list.append(element)
    presentation.save(str(target))
    return target


def strip_document(source: Path, target: Path) -> Path:
    document = Document(str(source))
    for paragraph in list(document.paragraphs):
        if paragraph.text.strip().startswith(MARKER_PREFIX):
            paragraph._p.getparent().remove(paragraph._p)
    document.save(str(target))
    return target


@pytest.fixture(scope="module")
def materials(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Each sample contractor's deck and Word guide, as built, then stripped of markers and shuffled."""
    root = tmp_path_factory.mktemp("materials")
    run = csec_builder(
        "build", "--workspace", copy_workspace(root / "ws"), "--format", "pptx,docx", "--out", root / "out"
    )
    assert run.returncode == 0, run.stdout + run.stderr
    found = {}
    for seed, contractor_id in enumerate(ENGLISH):
        built = root / "out" / contractor_id
        deck = strip_and_shuffle_deck(built / f"{contractor_id}-deck.pptx", root / f"{contractor_id}.pptx", seed)
        guide = strip_document(built / f"{contractor_id}-facilitator-guide.docx", root / f"{contractor_id}-guide.docx")
        found[contractor_id] = (deck, guide)
    return found


def test_stripped_materials_carry_no_marker(materials):
    deck, guide = materials[ENGLISH[0]]
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(str(deck)).slides if s.has_notes_slide]
    assert notes and not any(MARKER_PREFIX in text for text in notes)
    assert not any(p.text.startswith(MARKER_PREFIX) for p in Document(str(guide)).paragraphs)


def test_calibration_on_every_sample_contractor_deck_and_guide(cli, materials):
    agree = total = 0
    wrongly_covered = []
    for contractor_id, files in materials.items():
        profile = PROFILES[contractor_id]
        selected = taught_by(REPO, profile)
        _, data = audit(cli, *files, audience=profile["audience"])
        assert len(data["contractors"]) == 2
        for row in data["contractors"]:
            for objective_id, verdict in verdicts(row).items():
                total += 1
                agree += (verdict == "covered") == (objective_id in selected)
                if verdict == "covered" and objective_id not in selected:
                    wrongly_covered.append((row["id"], objective_id))
            assert row["marked_not_taught"] == [] and row["file"]["notes"] == []
    assert len(ENGLISH) >= 6 and total == len(ENGLISH) * 2 * len(CATALOG)
    assert agree / total >= AGREEMENT, f"{agree}/{total} verdicts agree with the selections"
    assert wrongly_covered == []


def teaching_order() -> list[str]:
    from csec_builder.cli.common import open_workspace
    from csec_builder.pipeline import load_inputs

    return load_inputs(open_workspace(REPO)).catalog.ids


@pytest.mark.parametrize("which", [0, 1], ids=["odd places", "even places"])
def test_a_deck_from_half_the_catalog_covers_that_half_and_misses_the_other(cli, tmp_path, which):
    ws = copy_workspace(tmp_path / "ws")
    ids = teaching_order()
    half = ids[which::2]  # every other objective in teaching order; both halves, so each objective is taught once
    other = [i for i in ids if i not in half]
    text = (ws / "contractors" / "bay-area-academy.yaml").read_text(encoding="utf-8")
    text = text.replace("id: bay-area-academy", "id: half-academy").replace(
        "objectives:\n  include_required: true\n",
        "objectives:\n  include_required: false\n  include: [" + ", ".join(half) + "]\n",
    )
    (ws / "contractors" / "half-academy.yaml").write_text(text, encoding="utf-8")
    run = csec_builder("build", "half-academy", "--workspace", ws, "--format", "pptx", "--out", tmp_path / "out")
    assert run.returncode == 0, run.stdout + run.stderr
    deck = strip_and_shuffle_deck(
        tmp_path / "out" / "half-academy" / "half-academy-deck.pptx", tmp_path / "half.pptx", 7
    )
    code, data = audit(cli, deck, audience="child-welfare", ws=ws)
    assert code == 1
    found = verdicts(data["contractors"][0])
    assert len(half) >= 8 and {i for i, v in found.items() if v == "covered"} == set(half)
    assert {i: found[i] for i in other if found[i] != "missing"} == {}


@pytest.mark.libreoffice
def test_the_deck_as_a_pdf_with_its_notes_pages_meets_the_same_bar(cli, materials, soffice, tmp_path):
    # One contractor per audience keeps LibreOffice's time down; each converts its notes pages (slide + notes).
    export = (
        'pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},'
        '"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}'
    )
    chosen = {PROFILES[c]["audience"]: c for c in ENGLISH}
    agree = total = 0
    for audience, contractor_id in sorted(chosen.items()):
        pdf = convert_with_libreoffice(soffice, materials[contractor_id][0], export, tmp_path / contractor_id)
        assert pdf.suffix == ".pdf"
        _, data = audit(cli, pdf, audience=audience)
        [row] = data["contractors"]
        assert row["file"]["kind"] == "pdf" and row["file"]["pages"] >= 100
        selected = taught_by(REPO, PROFILES[contractor_id])
        for objective_id, verdict in verdicts(row).items():
            total += 1
            agree += (verdict == "covered") == (objective_id in selected)
            assert not (verdict == "covered" and objective_id not in selected), objective_id
    assert total == len(chosen) * len(CATALOG)
    assert agree / total >= AGREEMENT


# --- other providers' words ---------------------------------------------------------------


def write_deck(path: Path, slides: list[Slide]) -> Path:
    presentation = Presentation()
    for title, bullets, notes in slides:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = "\n".join(bullets)
        slide.notes_slide.notes_text_frame.text = notes
    presentation.save(str(path))
    return path


def test_there_are_at_least_six_paraphrase_decks():
    assert len(PARAPHRASES) >= 6
    assert set(PARAPHRASES) <= set(CATALOG)


@pytest.mark.parametrize("objective_id", sorted(PARAPHRASES))
def test_a_deck_in_other_words_is_found_covered(cli, tmp_path, objective_id):
    deck = write_deck(tmp_path / f"{objective_id}.pptx", PARAPHRASES[objective_id])
    _, data = audit(cli, deck, audience="caregiver")
    [row] = data["contractors"]
    assert verdicts(row)[objective_id] == "covered"
    assert [i for i, v in verdicts(row).items() if v == "covered"] == [objective_id]
    [entry] = [item for item in row["objectives"] if item["id"] == objective_id]
    found = [kp for kp in entry["key_points"] if kp["found"]]
    assert found and all(kp["evidence"]["place"] == "slide" for kp in found)
    slides_text = [" ".join([t, *b, n]) for t, b, n in PARAPHRASES[objective_id]]
    for kp in found:  # each quote is verbatim from the slide it names
        assert kp["evidence"]["quote"] in slides_text[kp["evidence"]["number"] - 1]


def test_a_deck_too_far_from_the_catalog_words_is_partial_and_names_what_it_missed(cli, tmp_path):
    deck = write_deck(tmp_path / "bond.pptx", TOO_FAR["BOND-01"])
    _, data = audit(cli, deck, audience="caregiver")
    [entry] = [item for item in data["contractors"][0]["objectives"] if item["id"] == "BOND-01"]
    assert entry["verdict"] == "partial"
    assert [kp["number"] for kp in entry["key_points"] if not kp["found"]] == [1, 2]


def key_point(objective_id: str, number: int) -> str:
    return " ".join(CATALOG[objective_id]["key_points"][number - 1].split())


def entry_of(data: dict, objective_id: str) -> dict:
    [entry] = [item for item in data["contractors"][0]["objectives"] if item["id"] == objective_id]
    return entry


def test_key_points_another_objective_teaches_too_make_no_partial_alone(cli, tmp_path):
    # MISSING-01's first two key points restate duties PROB-01 and LAW-02 teach: a deck on those teaches them.
    shared = [("Missing youth", [key_point("MISSING-01", 1)], key_point("MISSING-01", 2))]
    _, data = audit(cli, write_deck(tmp_path / "shared.pptx", shared), audience="caregiver")
    entry = entry_of(data, "MISSING-01")
    found = [kp for kp in entry["key_points"] if kp["found"]]
    assert [kp["number"] for kp in found] == [1, 2] and entry["key_points_total"] == 6
    assert "PROB-01" in found[0]["also_taught_by"] and found[1]["also_taught_by"] == ["PROB-01"]
    assert entry["verdict"] == "missing"  # 2 of 6 would be partial, but both are shared
    own = [*shared, ("When they come back", [], key_point("MISSING-01", 5) + ". " + key_point("MISSING-01", 6))]
    _, data = audit(cli, write_deck(tmp_path / "own.pptx", own), audience="caregiver")
    entry = entry_of(data, "MISSING-01")
    assert [kp["number"] for kp in entry["key_points"] if kp["found"]] == [1, 2, 5, 6]
    assert "also_taught_by" not in entry["key_points"][5] and entry["verdict"] == "covered"
    partial = [*shared, ("Caregivers", [], key_point("MISSING-01", 6))]
    _, data = audit(cli, write_deck(tmp_path / "partial.pptx", partial), audience="caregiver")
    assert entry_of(data, "MISSING-01")["verdict"] == "partial"  # 3 of 6, one of them its own


@pytest.mark.parametrize(
    ("title", "found"),
    [("References", False), ("References (2 of 2)", False), ("Sources, continued", False), ("Working together", True)],
)
def test_a_reference_list_cites_and_does_not_teach(cli, tmp_path, title, found):
    slide = (title, [key_point("MDT-01", 1)], "")
    _, data = audit(cli, write_deck(tmp_path / "refs.pptx", [slide]), audience="caregiver")
    assert entry_of(data, "MDT-01")["key_points"][0]["found"] is found
    assert data["contractors"][0]["file"]["notes"] == [
        "no slide has speaker notes: judged on what the slides show alone"
    ]


def test_reference_headings_by_language():
    from csec_builder.evidence.language import LANGUAGES

    english, spanish = LANGUAGES["en"], LANGUAGES["es"]
    assert english.is_reference_list("Works Cited (cont.)") and spanish.is_reference_list("Fuentes (2 de 3)")
    assert not english.is_reference_list("Sources of harm") and not english.is_reference_list("")
    assert not english.is_reference_list("Fuentes")


def test_a_pdf_line_that_continues_a_sentence_joins_it_and_a_new_item_does_not():
    from csec_builder.evidence.readers import sentences, unwrap

    page = "Mandated reporters call\nthe hotline immediately.\nSecond bullet\n\u2022 third item\n- 12 hours -"
    assert list(sentences(unwrap(page))) == [
        "Mandated reporters call the hotline immediately.",
        "Second bullet",
        "third item",
        "12 hours -",
    ]


def test_a_spanish_quote_is_highlighted_with_spanish_stems():
    from csec_builder.evidence.language import LANGUAGES
    from csec_builder.evidence.match import Hit, Query
    from csec_builder.evidence.readers import Place
    from csec_builder.render.reports.evidence import matched_words

    quote = "Las explotaciones de menores se denuncian de inmediato."
    stems = tuple(LANGUAGES["es"].terms(quote))
    query = Query("MISSING-01", "key_point", 1, quote, dict.fromkeys(stems, 0.25), (), "es")
    hit = Hit(query, 1.0, stems, Place("slide", 1), quote, (1,))
    assert matched_words(hit) == ["explotaciones", "menores", "denuncian", "inmediato"]


def test_a_deck_on_workplace_fire_safety_covers_nothing(cli, tmp_path):
    deck = write_deck(tmp_path / "fire-safety.pptx", FIRE_SAFETY)
    code, data = audit(cli, deck, audience="caregiver")
    assert code == 1
    [row] = data["contractors"]
    assert set(verdicts(row).values()) == {"missing"}
    assert row["covered"] == [] and row["partial"] == [] and row["extra"] == []


def test_a_word_document_is_read_with_its_headings_and_tables(cli, tmp_path):
    document = Document()
    document.add_heading("Risk factors", level=1)
    for _, bullets, notes in PARAPHRASES["RISK-01"][:2]:
        document.add_paragraph("; ".join(bullets))
        document.add_paragraph(notes)
    table = document.add_table(rows=2, cols=2)
    for column, (_, bullets, notes) in enumerate(PARAPHRASES["RISK-01"][2:4]):
        table.cell(0, column).text, table.cell(1, column).text = "; ".join(bullets), notes
    path = tmp_path / "guide.docx"
    document.save(str(path))
    _, data = audit(cli, path, audience="caregiver")
    [row] = data["contractors"]
    assert row["file"]["kind"] == "docx" and row["file"]["paragraphs"] == 7, "a heading, 4 paragraphs, 2 table rows"
    [entry] = [item for item in row["objectives"] if item["id"] == "RISK-01"]
    assert entry["verdict"] == "covered"
    places = {kp["evidence"]["number"] for kp in entry["key_points"] if kp["found"]}
    assert places & {6, 7}, "the table rows are paragraphs 6 and 7"
    assert {kp["evidence"]["section"] for kp in entry["key_points"] if kp["found"]} == {"Risk factors"}


def test_the_same_files_give_the_same_report_byte_for_byte(cli, tmp_path):
    deck = write_deck(tmp_path / "risk.pptx", PARAPHRASES["RISK-01"])
    first = cli("coverage", "--workspace", REPO, "--deck", deck, "--audience", "caregiver", "--format", "json")
    second = cli("coverage", "--workspace", REPO, "--deck", deck, "--audience", "caregiver", "--format", "json")
    assert first.stdout == second.stdout and '"verdict_id": "sha256:' in first.stdout


def test_partial_fails_and_names_the_key_points_not_found(cli, tmp_path):
    deck = write_deck(tmp_path / "half-bond.pptx", PARAPHRASES["WELL-01"] + TOO_FAR["BOND-01"][2:3])
    code, data = audit(cli, deck, audience="caregiver")
    [row] = data["contractors"]
    assert "BOND-01" in row["partial"] and code == 1
    table = cli("coverage", "--workspace", REPO, "--deck", deck, "--audience", "caregiver")
    assert "partial BOND-01 (key points" in table.stdout and "not found)" in table.stdout
    junit = cli("coverage", "--workspace", REPO, "--deck", deck, "--audience", "caregiver", "--format", "junit")
    assert 'type="PartialObjective"' in junit.stdout


def test_the_table_fits_80_columns(cli, tmp_path, monkeypatch):
    deck = write_deck(tmp_path / "risk.pptx", PARAPHRASES["RISK-01"])
    monkeypatch.setenv("COLUMNS", "80")
    run = cli("coverage", "--workspace", REPO, "--materials", deck, "--audience", "caregiver")
    lines = run.stdout.splitlines()
    assert len(lines) > 20 and max(len(line) for line in lines) <= 80


# --- files that cannot be read, or read only in part --------------------------------------


def blank_pdf(path: Path, pages: int = 2) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_an_image_only_pdf_is_a_verdict_with_a_note(cli, tmp_path):
    code, data = audit(cli, blank_pdf(tmp_path / "scan.pdf"), audience="caregiver")
    assert code == 1
    [row] = data["contractors"]
    assert "page 1 has no text: scanned?" in row["file"]["notes"]
    assert any("OCR" in note for note in row["file"]["notes"])
    table = cli("coverage", "--workspace", REPO, "--deck", tmp_path / "scan.pdf", "--audience", "caregiver")
    assert "note: page 2 has no text: scanned?" in table.stdout


def encrypted_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("secret")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("locked.pdf", encrypted_pdf, "encrypted with a password"),
        ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage"), "damaged PDF"),
        ("fake.pdf", lambda p: p.write_text("hello"), "not a PDF file"),
        (
            "locked.pptx",
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
            "password-protected",
        ),
        (
            "locked.docx",
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
            "password-protected",
        ),
        ("notes.txt", lambda p: p.write_text("text"), "give .pptx, .docx or .pdf"),
        ("empty.docx", lambda p: p.write_bytes(b""), "not a valid .docx file"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_line(tmp_path, name, make, message):
    path = tmp_path / name
    make(path)
    run = csec_builder("coverage", "--workspace", REPO, "--deck", path, "--audience", "caregiver")
    assert run.returncode == 1, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""


# --- the review page ----------------------------------------------------------------------


class ReviewParser(HTMLParser):
    """Sections per objective (verdict, key point rows found or not) and the highlighted words."""

    def __init__(self) -> None:
        super().__init__()
        self.objectives: dict[str, dict] = {}
        self.current: dict | None = None
        self.in_mark = False
        self.marks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        data = dict(attrs)
        if tag == "section" and "data-objective" in data:
            self.current = {"verdict": data["data-verdict"], "found": [], "id": data["data-verdict-id"]}
            self.objectives[data["data-objective"]] = self.current
        elif tag == "tr" and "data-found" in data and self.current is not None and data["class"].startswith("hit"):
            self.current["found"].append(data["data-found"] == "true")
        elif tag == "mark":
            self.in_mark = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.in_mark = False

    def handle_data(self, data: str) -> None:
        if self.in_mark:
            self.marks.append(data)


@pytest.mark.chromium
def test_review_page_in_chromium_shows_each_required_objective_with_its_evidence(cli, tmp_path, chromium):
    deck = write_deck(tmp_path / "two.pptx", PARAPHRASES["RISK-01"] + PARAPHRASES["IND-01"])
    page = tmp_path / "review.html"
    run = cli("coverage", "--workspace", REPO, "--deck", deck, "--audience", "caregiver", "-f", "html", "-o", page)
    assert run.exit_code == 1
    command = [*chromium_command(chromium, tmp_path / "profile"), "--dump-dom", page.as_uri()]
    dom = subprocess.run(command, capture_output=True, timeout=120, check=True).stdout.decode("utf-8")
    parser = ReviewParser()
    parser.feed(dom)
    assert set(parser.objectives) == required_for(REPO, "caregiver")
    assert parser.objectives["RISK-01"]["verdict"] == "covered"
    assert parser.objectives["IND-01"]["verdict"] == "covered"
    assert parser.objectives["DEF-01"]["verdict"] == "missing"
    assert len(parser.objectives["IND-01"]["found"]) == len(CATALOG["IND-01"]["key_points"]) + 1 + len(
        CATALOG["IND-01"]["knowledge_check"]
    )
    assert (
        parser.objectives["RISK-01"]["id"].startswith("sha256:") and "/RISK-01/v" in parser.objectives["RISK-01"]["id"]
    )
    assert "Daddy" in parser.marks, "the matched words of the quoted sentence are highlighted"
