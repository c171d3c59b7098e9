"""The pdf format: LibreOffice's print copies of the guide, handout, test and key; left out, in one line, without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import convert_with_libreoffice, pdf_page_count
from .helpers import SMALL_CONTRACTOR, small_objective, small_workspace

DOCUMENTS = ("facilitator-guide", "participant-handout", "knowledge-test", "knowledge-test-answer-key")


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return small_workspace(tmp_path / "ws", [small_objective("KIT-01"), small_objective("KIT-02")])


@pytest.mark.libreoffice
def test_each_pdf_has_libreoffices_pages_and_extractable_text(soffice: str, small: Path, cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = cli("build", "-w", small, "--out", out, "--format", "docx,handout,test,pdf", "-j", "1")
    assert run.exit_code == 0, run.output
    folder = out / SMALL_CONTRACTOR
    for document in DOCUMENTS:
        pdf = folder / f"{SMALL_CONTRACTOR}-{document}.pdf"
        reference = convert_with_libreoffice(soffice, folder / f"{pdf.stem}.docx", "pdf", tmp_path / document)
        assert pdf_page_count(pdf) == pdf_page_count(reference) >= 1, document
        text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "Kit Academy" in text, document
    test_text = " ".join(
        page.extract_text() for page in PdfReader(folder / f"{SMALL_CONTRACTOR}-knowledge-test.pdf").pages
    )
    assert "Is this a question?" in test_text


@pytest.mark.libreoffice
def test_pdfs_are_recorded_and_then_up_to_date(soffice: str, small: Path, cli, tmp_path: Path) -> None:
    """PDFs differ byte for byte between builds (LibreOffice dates them), but the manifest still records them."""
    out = tmp_path / "out"
    assert cli("build", "-w", small, "--out", out, "--format", "pdf", "-j", "1").exit_code == 0
    again = cli("build", "-w", small, "--out", out, "--format", "pdf", "-j", "1")
    assert "0 built, 1 up to date" in again.output
    check = cli("build", "-w", small, "--out", out, "--format", "pdf", "--check")
    assert check.exit_code == 0, check.output


def test_without_libreoffice_the_build_says_so_once_and_builds_the_rest(
    small: Path, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "out"
    run = cli("build", "-w", small, "--out", out, "--format", "qti,pdf", "-j", "1")
    assert run.exit_code == 0, run.output
    lines = [line for line in run.output.splitlines() if "LibreOffice" in line]
    assert len(lines) == 1
    assert lines[0].endswith(
        "csec.yaml:1:1: warning: pdf not built: LibreOffice (soffice) is not installed; install it to build PDFs"
    )
    built = sorted(p.name for p in (out / SMALL_CONTRACTOR).iterdir())
    assert built == [f"{SMALL_CONTRACTOR}-knowledge-test-qti.zip", "manifest.json"]
