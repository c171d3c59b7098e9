"""Outputs in the contractor's language: wording catalogs, translations, their lag, and what a reader opens."""

from __future__ import annotations

import re
import string
import subprocess
from pathlib import Path

import pytest
import yaml
from docx import Document
from pptx import Presentation

from csec_builder.wording import SOURCE_LANGUAGE, languages, read_catalog

from .conftest import convert_with_libreoffice
from .helpers import copy_workspace, edit, run_csec_builder

SPANISH = "caregivers-es"
# A Spanish contractor whose every objective has a translation: no English can come from content.
PROFILE = """\
id: caregivers-es
name: Programa de prueba
kind: college
audience: caregiver
language: es
title: "CSEC 101 para personas cuidadoras"
objectives: [BOND-01]
session: {start: "13:30", date: "2027-03-06", breaks: [{at: "13:50", minutes: 10}]}
trainers: [Rosa Maldonado]
resources:
  - {name: Línea Nacional contra la Trata de Personas, phone: 1-888-373-7888, description: Ayuda confidencial.}
"""
OUTPUTS = ("deck.pptx", "facilitator-guide.docx", "participant-handout.docx", "knowledge-test.docx",
           "knowledge-test-answer-key.docx", "print-pack.docx", "sign-in-sheet.docx", "evaluation.docx",
           "certificate.docx")  # fmt: skip
MARKER = re.compile(r"^Objective: [A-Z0-9-]+ v\d+$", re.MULTILINE)
"""The audit line in speaker notes: machine-readable, the same in every language, so coverage reads any deck."""


def _fields(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name}


def _strings(value: object, path: str = "") -> dict[str, str]:
    if isinstance(value, str):
        return {path: value}
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _strings(item, f"{path}.{key}").items()}
    if isinstance(value, list):
        return {k: v for index, item in enumerate(value) for k, v in _strings(item, f"{path}[{index}]").items()}
    return {}


@pytest.mark.parametrize("language", [lang for lang in languages() if lang != SOURCE_LANGUAGE])
def test_every_catalog_has_the_english_keys_and_placeholders(language: str) -> None:
    english, other = _strings(read_catalog(SOURCE_LANGUAGE)), _strings(read_catalog(language))
    assert set(other) == set(english)
    assert {k: _fields(v) for k, v in other.items()} == {k: _fields(v) for k, v in english.items()}


def english_fragments() -> list[str]:
    """Every fixed English text csec-builder adds (the English catalog), cut at its placeholders, that the
    Spanish catalog words differently; settings such as the time format are not text."""
    english, spanish = _strings(read_catalog("en")), _strings(read_catalog("es"))
    fragments = set()
    for key, text in english.items():
        if key.lstrip(".") in ("document_language", "time_format", "date_format") or text == spanish[key]:
            continue
        for literal, *_ in string.Formatter().parse(text):
            for line in literal.splitlines():
                cleaned = line.strip(" .,:;()·–-'\"")
                if len(cleaned) >= 4:  # shorter pieces ("and" between two placeholders) also occur in citations
                    fragments.add(cleaned)
    return sorted(fragments)


@pytest.fixture(scope="module")
def spanish_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = copy_workspace(tmp_path_factory.mktemp("es") / "ws")
    (ws / "contractors" / f"{SPANISH}.yaml").write_text(PROFILE, encoding="utf-8")
    out = ws / "out"
    run = run_csec_builder("build", SPANISH, "--out", str(out), cwd=ws, timeout=600)
    assert run.returncode == 0, run.stderr
    return out / SPANISH


def _deck_text(path: Path) -> str:
    deck = Presentation(str(path))
    parts = []
    for slide in deck.slides:
        parts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        parts.append(MARKER.sub("", slide.notes_slide.notes_text_frame.text))
    return "\n".join(parts)


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for section in document.sections for p in section.footer.paragraphs]
    return "\n".join(parts)


def _output_texts(built: Path) -> dict[str, str]:
    texts = {
        name: (_deck_text if name.endswith(".pptx") else _docx_text)(built / f"{SPANISH}-{name}") for name in OUTPUTS
    }
    texts["md"] = (built / f"{SPANISH}-facilitator-guide.md").read_text(encoding="utf-8")
    texts["html"] = _html_text((built / f"{SPANISH}-facilitator-guide.html").read_text(encoding="utf-8"))
    return texts


def _html_text(html: str) -> str:
    """What a reader sees, and reads aloud: the text and the attributes that carry words, not CSS or ids."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = False

        def handle_starttag(self, tag: str, attrs: list) -> None:
            self.skip = tag == "style"
            self.parts += [value for name, value in attrs if name in ("alt", "aria-label", "title") and value]

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return "\n".join(parser.parts)


def test_no_english_fixed_string_remains_in_any_spanish_output(spanish_build: Path) -> None:
    fragments = english_fragments()
    assert "Check your understanding" in fragments and "Knowledge test" in fragments
    patterns = {f: re.compile(rf"(?<![\w-]){re.escape(f)}(?![\w-])") for f in fragments}
    texts = _output_texts(spanish_build)
    assert len(texts) == 11
    found = {name: sorted(f for f, p in patterns.items() if p.search(text)) for name, text in texts.items()}
    assert found == {name: [] for name in texts}
    assert "Compruebe lo aprendido: El vínculo traumático (coercitivo)" in texts["deck.pptx"]
    assert "sábado, 6 de marzo de 2027" in texts["deck.pptx"]  # Babel's CLDR date, not a hand-written month
    assert "Prueba de conocimientos" in texts["knowledge-test.docx"]


def test_every_spanish_document_declares_its_language(spanish_build: Path) -> None:
    deck = Presentation(str(spanish_build / f"{SPANISH}-deck.pptx"))
    assert deck.core_properties.language == "es-US"
    runs = [r for s in deck.slides for shape in s.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs
            for r in p.runs]  # fmt: skip
    notes = [r for s in deck.slides for p in s.notes_slide.notes_text_frame.paragraphs for r in p.runs]
    assert len(runs) > 50 and len(notes) > 20
    assert {r._r.rPr.get("lang") if r._r.rPr is not None else None for r in runs + notes} == {"es-US"}
    for name in OUTPUTS[1:]:
        document = Document(str(spanish_build / f"{SPANISH}-{name}"))
        assert document.core_properties.language == "es-US"
        styles = document.styles.element.xml
        assert 'w:lang w:val="es-US"' in styles and 'w:val="en-US"' not in styles
        assert 'w:themeFontLang w:val="es-US"' in document.settings.element.xml
    html = (spanish_build / f"{SPANISH}-facilitator-guide.html").read_text(encoding="utf-8")
    assert '<html lang="es-US">' in html


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", OUTPUTS)
def test_libreoffice_opens_each_spanish_output_with_its_accents(
    spanish_build: Path, soffice: str, tmp_path: Path, name: str
) -> None:
    pdf = convert_with_libreoffice(soffice, spanish_build / f"{SPANISH}-{name}", "pdf", tmp_path)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert re.search(r"[áéíóúñ¿]", text), "accented letters survive the conversion"
    expected = {
        "deck.pptx": "Qué es un vínculo traumático",
        "facilitator-guide.docx": "Cómo usar esta guía",
        "participant-handout.docx": "Lo que podrá hacer al terminar hoy",
        "knowledge-test.docx": "Prueba de conocimientos",
        "knowledge-test-answer-key.docx": "Respuestas y explicaciones",
        "print-pack.docx": "Paquete de impresión",
        "sign-in-sheet.docx": "Hoja de asistencia",
        "evaluation.docx": "Evaluación de la capacitación",
        "certificate.docx": "Certificado de finalización",
    }[name]
    assert expected in " ".join(text.split())
    page = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(page)], check=True)
    assert list(tmp_path.glob("page*.png"))


def test_coverage_reads_a_spanish_deck_as_the_same_objectives_and_versions(spanish_build: Path, cli) -> None:
    from csec_builder.evidence.markers import audit_deck

    audit = audit_deck(spanish_build / f"{SPANISH}-deck.pptx")
    assert audit.versions == {"BOND-01": 4}
    run = cli("coverage", "--deck", spanish_build / f"{SPANISH}-deck.pptx", "--audience", "caregiver", "-f", "json")
    assert '"id": "BOND-01"' in run.stdout and '"version": 4' in run.stdout


def test_an_objective_newer_than_its_translation_warns_reports_outdated_and_still_builds(cli, tmp_path: Path) -> None:
    ws = copy_workspace(tmp_path / "ws")
    (ws / "contractors" / f"{SPANISH}.yaml").write_text(PROFILE, encoding="utf-8")
    edit(ws / "objectives" / "BOND-01.yaml", "version: 4", "version: 5")
    run = cli("validate", "-w", ws)
    assert run.exit_code == 0
    line = (ws / "objectives" / "es" / "BOND-01.yaml").read_text().splitlines().index("translates: 4") + 1
    assert (
        f"objectives/es/BOND-01.yaml:{line}:13: warning: outdated translation: it follows BOND-01 v4, the "
        "objective is now v5" in run.output
    )
    coverage = cli("coverage", "-w", ws, SPANISH, "-f", "json")
    data = yaml.safe_load(coverage.stdout)
    (row,) = data["contractors"]
    assert row["language"] == "es" and row["outdated_translations"] == ["BOND-01"]
    assert cli("build", SPANISH, "-w", ws, "--out", tmp_path / "out").exit_code == 0
    assert (tmp_path / "out" / SPANISH / f"{SPANISH}-deck.pptx").is_file()


def test_a_translation_shaped_unlike_its_objective_is_refused_where_it_differs(cli, tmp_path: Path) -> None:
    ws = copy_workspace(tmp_path / "ws")
    (ws / "contractors" / f"{SPANISH}.yaml").write_text(PROFILE, encoding="utf-8")
    path = ws / "objectives" / "es" / "BOND-01.yaml"
    edit(path, "      - Salir suele llevar varios intentos\n", "")
    run = cli("validate", "-w", ws)
    assert run.exit_code == 1
    line = path.read_text().splitlines().index("  - title: Por qué vuelven las y los jóvenes") + 3  # its bullets
    assert f"objectives/es/BOND-01.yaml:{line}:7: error: has 4 bullets; the objective has 5" in run.output
    assert "no usable translation into 'es' for BOND-01 (with errors: BOND-01)" in run.output


def test_a_missing_translation_names_the_objectives_or_falls_back_with_a_warning(cli, tmp_path: Path) -> None:
    ws = copy_workspace(tmp_path / "ws")
    for name in ("WELL-01", "RISK-01"):
        (ws / "objectives" / "es" / f"{name}.yaml").unlink()
    # The Spanish sample teaches both too and has no fallback: only the profile under test stays in Spanish.
    (ws / "contractors" / "foster-kinship-care-education-es.yaml").unlink()
    profile = ws / "contractors" / f"{SPANISH}.yaml"
    profile.write_text(PROFILE.replace("[BOND-01]", "[BOND-01, WELL-01, RISK-01]"), encoding="utf-8")
    run = cli("validate", "-w", ws)
    assert run.exit_code == 1
    assert (
        "contractors/caregivers-es.yaml:5:11: error: language: no usable translation into 'es' for WELL-01, RISK-01"
        in run.output
    )
    profile.write_text(profile.read_text() + "fallback_language: en\n", encoding="utf-8")
    run = cli("validate", "-w", ws)
    assert run.exit_code == 0
    assert "warning: no usable translation into 'es' for WELL-01, RISK-01: taught in English" in run.output


def test_a_language_without_wording_is_an_error_at_its_key(cli, tmp_path: Path) -> None:
    ws = copy_workspace(tmp_path / "ws")
    (ws / "contractors" / f"{SPANISH}.yaml").write_text(PROFILE.replace("language: es", "language: vi"))
    run = cli("validate", "-w", ws)
    assert run.exit_code == 1
    assert (
        "caregivers-es.yaml:5:11: error: language: no wording for 'vi' in csec-builder (available: en, es)"
        in run.output
    )


def test_objectives_show_prints_the_translation_and_what_it_follows(cli) -> None:
    run = cli("objectives", "show", "BOND-01", "--language", "es")
    assert run.exit_code == 0
    assert "BOND-01 v4: El vínculo traumático (coercitivo)" in run.stdout
    assert "Translation (es) follows v4: up to date" in run.stdout
    missing = cli("objectives", "show", "RISK-01", "--language", "vi")
    assert missing.exit_code == 1 and "no translation of RISK-01 into 'vi'" in missing.stderr


def test_lint_reads_spanish_translations_with_the_spanish_rules(cli, tmp_path: Path) -> None:
    ws = copy_workspace(tmp_path / "ws")
    path = ws / "objectives" / "es" / "BOND-01.yaml"
    edit(path, "Muchas y muchos no se ven como víctimas\n", "Esto no es prostitución infantil\n")
    run = cli("lint", "-w", ws)
    line = path.read_text().splitlines().index("      - Esto no es prostitución infantil") + 1
    assert f'objectives/es/BOND-01.yaml:{line}:20: error: found "prostitución infantil"' in run.output
    assert "explotación sexual comercial de niñas, niños y adolescentes" in run.output


def test_a_translated_diagram_keeps_the_objectives_shape(cli, tmp_path: Path) -> None:
    """A diagram's steps are translated one for one; the kind and the number of steps are the objective's."""
    ws = copy_workspace(tmp_path / "ws")
    (ws / "contractors" / f"{SPANISH}.yaml").write_text(PROFILE, encoding="utf-8")
    path = ws / "objectives" / "es" / "BOND-01.yaml"
    edit(path, '        - label: "Alivio"\n          detail: "Los momentos de cariño se sienten como un alivio"\n', "")
    run = cli("validate", "-w", ws)
    assert run.exit_code == 1
    assert "error: has 3 steps; the objective has 4: translate each one, in order" in run.output
