"""The shipped catalog in Spanish: every objective required for caregivers has an up-to-date translation,
the legal terms are the ones docs/translating.md chose, and the Spanish sample teaches all of it in Spanish."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from docx import Document
from pptx import Presentation

from csec_builder.models import Objective

from .helpers import REPO, run_csec_builder

SPANISH = REPO / "objectives" / "es"
SAMPLE = "foster-kinship-care-education-es"
# Other renderings of "mandated reporter" that circulate (law firms' pages, other states' agencies);
# docs/translating.md chose "denunciante obligatorio", as California county agencies write it.
RIVAL_REPORTER_TERMS = re.compile(
    r"informantes? obligatori|report(?:er|ador)[oa]s? obligatori|denunciantes? bajo mandato", re.IGNORECASE
)


def _translation(objective_id: str) -> dict | None:
    path = SPANISH / f"{objective_id}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None


def _required_for_caregivers(catalog: dict[str, Objective]) -> dict[str, Objective]:
    return {i: o for i, o in catalog.items() if "caregiver" in o.required_for}


def test_every_objective_required_for_caregivers_has_an_up_to_date_spanish_translation(
    catalog: dict[str, Objective],
) -> None:
    required = _required_for_caregivers(catalog)
    assert len(required) >= 14
    translations = {i: _translation(i) for i in required}
    follows = {i: t["translates"] if t else None for i, t in translations.items()}
    assert follows == {i: o.version for i, o in required.items()}


def test_spanish_translations_name_the_mandated_reporter_one_way(catalog: dict[str, Objective]) -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SPANISH.glob("*.yaml") if p.stem in catalog}
    assert len(texts) >= 15
    assert [i for i, text in texts.items() if RIVAL_REPORTER_TERMS.search(text)] == []
    english = {i: " ".join((REPO / "objectives" / f"{i}.yaml").read_text(encoding="utf-8").split()) for i in texts}
    naming = sorted(i for i, text in english.items() if "mandated reporter" in text.casefold())
    assert {"CARE-01", "REPORT-01", "IND-01"} <= set(naming)
    assert [i for i in naming if "denunciante" not in texts[i] and "denunciantes" not in texts[i]] == []


def test_every_caregiver_objective_translation_carries_the_english_test_items(
    catalog: dict[str, Objective],
) -> None:
    required = _required_for_caregivers(catalog)
    english = {i: [len(t.choices) for t in o.test_items] for i, o in required.items()}
    assert sum(len(items) for items in english.values()) >= 28
    spanish = {i: [len(t["choices"]) for t in (_translation(i) or {}).get("test_items", [])] for i in required}
    assert spanish == english


def _words(text: str) -> str:
    return " ".join(text.split())


def _deck_text(deck: Path) -> str:
    presentation = Presentation(str(deck))
    return "\n".join(
        shape.text_frame.text for slide in presentation.slides for shape in slide.shapes if shape.has_text_frame
    )


def test_the_spanish_sample_teaches_every_objective_in_spanish_with_no_fallback(
    catalog: dict[str, Objective], tmp_path: Path
) -> None:
    profile = yaml.safe_load((REPO / "contractors" / f"{SAMPLE}.yaml").read_text(encoding="utf-8"))
    assert profile["language"] == "es" and "fallback_language" not in profile
    run = run_csec_builder("build", SAMPLE, "--out", str(tmp_path), cwd=REPO, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "warning" not in (run.stdout + run.stderr).casefold()
    text = _deck_text(tmp_path / SAMPLE / f"{SAMPLE}-deck.pptx")
    required = _required_for_caregivers(catalog)
    spanish_titles = {i: [s["title"] for s in _translation(i)["slides"]] for i in required}
    english_titles = {i: [s.title for s in o.slides] for i, o in required.items()}
    assert sum(len(titles) for titles in spanish_titles.values()) >= 40
    none = {i: [] for i in required}
    assert {i: [t for t in titles if t not in text] for i, titles in spanish_titles.items()} == none
    assert {i: [t for t in titles if t in text] for i, titles in english_titles.items()} == none
    # Spanish runs longer than English: bullets are kept short enough that no content slide overflows.
    assert {i: [t for t in titles if f"{t} (continuación" in text] for i, titles in spanish_titles.items()} == none
    _assert_the_knowledge_test_is_in_spanish(tmp_path / SAMPLE / f"{SAMPLE}-knowledge-test.docx", required)


def _assert_the_knowledge_test_is_in_spanish(test: Path, required: dict[str, Objective]) -> None:
    """Every question the test asks is a Spanish translation's; no English question or choice is left."""
    paragraphs = [p.text for p in Document(str(test)).paragraphs]
    asked = [_words(t.split("\t", 1)[1]) for t in paragraphs if re.match(r"\d+\.\t", t)]
    spanish = {_words(t["question"]) for i in required for t in _translation(i)["test_items"]}
    english = [_words(s) for o in required.values() for t in o.test_items for s in (t.question, *t.choices)]
    assert len(asked) >= len(required)
    assert [q for q in asked if q not in spanish] == []
    text = _words("\n".join(paragraphs))
    assert [s for s in english if s in text] == []


def _strip_markers(deck: Path, target: Path) -> Path:
    """The deck without its 'Objective: ID vN' note lines: the audit must judge what the slides say."""
    presentation = Presentation(str(deck))
    for slide in presentation.slides:
        if slide.has_notes_slide:
            for paragraph in slide.notes_slide.notes_text_frame.paragraphs:
                if paragraph.text.startswith("Objective:"):
                    for run in paragraph.runs:
                        run.text = ""
    presentation.save(str(target))
    return target


def test_the_evidence_audit_reads_a_spanish_deck_against_the_spanish_catalog(
    catalog: dict[str, Objective], tmp_path: Path
) -> None:
    build = run_csec_builder("build", SAMPLE, "--out", str(tmp_path), "-f", "pptx", cwd=REPO, timeout=600)
    assert build.returncode == 0, build.stderr
    deck = _strip_markers(tmp_path / SAMPLE / f"{SAMPLE}-deck.pptx", tmp_path / "unmarked.pptx")
    audit = ("coverage", "--deck", str(deck), "--audience", "caregiver", "-f", "json")
    spanish = run_csec_builder(*audit, "--language", "es", cwd=REPO, timeout=600)
    report = json.loads(spanish.stdout)["contractors"][0]
    verdicts = {o["id"]: o["verdict"] for o in report["objectives"]}
    required = sorted(_required_for_caregivers(catalog))
    assert spanish.returncode == 0, spanish.stderr
    assert sorted(report["covered"]) == required
    assert {i: v for i, v in verdicts.items() if i not in required} == {
        i: "missing" for i in verdicts if i not in required
    }
    english = run_csec_builder(*audit, cwd=REPO, timeout=600)
    assert english.returncode == 1, "read as English, a Spanish deck teaches nothing the audit can find"
    unknown = run_csec_builder(*audit, "--language", "vi", cwd=REPO)
    assert unknown.returncode == 1 and "cannot read 'vi' materials" in unknown.stderr
    assert "Traceback" not in unknown.stderr
