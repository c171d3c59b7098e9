"""The knowledge test for learning systems: QTI 1.2 (checked against IMS's XSD) and Moodle XML (read back with lxml).

Both must ask the Word test's questions, in its order, with its choices, and mark the answer key's letters.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
import xmlschema
from lxml import etree

from .helpers import REPO

QTI_XSD = REPO / "schemas" / "vendor" / "qti" / "ims_qtiasiv1p2.xsd"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
CONTRACTOR = "bay-area-academy"
QUESTION = re.compile(r"^(\d+)\.\t(.+)$")
CHOICE = re.compile(r"^([A-J])\.\t(.+)$")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One contractor's Word test, answer key, QTI package and Moodle XML, built together from the standard."""
    from typer.testing import CliRunner

    from csec_builder.cli import app

    out = tmp_path_factory.mktemp("kit")
    args = ["build", CONTRACTOR, "-w", str(REPO), "--format", "test,qti,moodle", "--out", str(out), "-j", "1"]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out / CONTRACTOR


@pytest.fixture(scope="module")
def word_test(kit: Path) -> list[tuple[str, list[str]]]:
    """(question, choices) in the order the printed test asks them."""
    items: list[tuple[str, list[str]]] = []
    for paragraph in docx.Document(str(kit / f"{CONTRACTOR}-knowledge-test.docx")).paragraphs:
        if match := QUESTION.match(paragraph.text):
            assert int(match.group(1)) == len(items) + 1
            items.append((match.group(2), []))
        elif (match := CHOICE.match(paragraph.text)) and items:
            items[-1][1].append(match.group(2))
    return items


@pytest.fixture(scope="module")
def answer_key(kit: Path) -> list[str]:
    """The letters of the key's marking grid, question 1 first."""
    grid = docx.Document(str(kit / f"{CONTRACTOR}-knowledge-test-answer-key.docx")).tables[0]
    pairs = [(row.cells[i].text, row.cells[i + 1].text) for row in grid.rows[1:] for i in range(0, len(row.cells), 2)]
    letters = {int(number): letter for number, letter in pairs if number}
    return [letters[n] for n in sorted(letters)]


@pytest.fixture(scope="module")
def qti(kit: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(kit / f"{CONTRACTOR}-knowledge-test-qti.zip")


@pytest.fixture(scope="module")
def moodle(kit: Path) -> etree._Element:
    return etree.parse(str(kit / f"{CONTRACTOR}-knowledge-test-moodle.xml")).getroot()


def test_the_word_test_has_items(word_test: list, answer_key: list) -> None:
    assert len(word_test) >= 10
    assert len(answer_key) == len(word_test)


def test_every_qti_file_is_valid_against_the_ims_xsd(qti: zipfile.ZipFile) -> None:
    schema = xmlschema.XMLSchema(str(QTI_XSD))
    documents = [name for name in qti.namelist() if name != "imsmanifest.xml"]
    assert len(documents) > 1
    for name in documents:
        assert [str(e.reason) for e in schema.iter_errors(qti.read(name).decode("utf-8"))] == [], name


def test_the_xsd_rejects_a_broken_item(qti: zipfile.ZipFile) -> None:
    """The check above can fail: a response without its required ident is refused."""
    schema = xmlschema.XMLSchema(str(QTI_XSD))
    test_file = f"{CONTRACTOR}-knowledge-test.xml"
    broken = qti.read(test_file).decode("utf-8").replace('<response_lid ident="response1" ', "<response_lid ", 1)
    assert not schema.is_valid(broken)


def test_the_manifest_lists_every_file_of_the_package(qti: zipfile.ZipFile) -> None:
    manifest = etree.fromstring(qti.read("imsmanifest.xml"))
    assert manifest.tag == f"{CP}manifest"
    listed = [f.get("href") for f in manifest.iter(f"{CP}file")]
    assert sorted(listed) == sorted(n for n in qti.namelist() if n != "imsmanifest.xml")
    assert {r.get("type") for r in manifest.iter(f"{CP}resource")} == {"imsqti_xmlv1p2"}


def _qti_items(root: etree._Element) -> list[tuple[str, list[str], str]]:
    items = []
    for item in root.iter(f"{QTI}item"):
        presentation = item.find(f"{QTI}presentation")
        question = presentation.find(f"{QTI}material/{QTI}mattext").text
        labels = presentation.iter(f"{QTI}response_label")
        choices = {label.get("ident"): label.find(f"{QTI}material/{QTI}mattext").text for label in labels}
        key = item.find(f".//{QTI}respcondition/{QTI}conditionvar/{QTI}varequal").text
        items.append((question, list(choices.values()), key, list(choices)))
    return [(q, c, k) for q, c, k, letters in items if letters == list("ABCDEFGHIJ"[: len(c)])]


def test_qti_asks_the_word_tests_items_in_order_with_the_keys_letters(
    qti: zipfile.ZipFile, word_test: list, answer_key: list
) -> None:
    items = _qti_items(etree.fromstring(qti.read(f"{CONTRACTOR}-knowledge-test.xml")))
    assert [(q, c) for q, c, _ in items] == word_test
    assert [k for _, _, k in items] == answer_key


def test_qti_has_one_bank_per_objective_holding_its_items(qti: zipfile.ZipFile, word_test: list) -> None:
    banks = sorted(n for n in qti.namelist() if n.startswith("banks/"))
    assert len(banks) >= 2
    banked = []
    for name in banks:
        root = etree.fromstring(qti.read(name))
        (bank,) = root.findall(f"{QTI}objectbank")
        objective = Path(name).stem
        title = bank.find(f".//{QTI}fieldentry").text
        assert title.startswith(f"{objective}: ")
        banked += [q for q, _, _ in _qti_items(root)]
    assert sorted(banked) == sorted(q for q, _ in word_test)


def test_moodle_xml_has_moodles_documented_structure(moodle: etree._Element) -> None:
    assert moodle.tag == "quiz"
    types = [q.get("type") for q in moodle.findall("question")]
    assert set(types) <= {"category", "multichoice", "essay"}
    assert types[0] == "category"
    for question in moodle.findall("question[@type='multichoice']"):
        assert question.findtext("name/text")
        assert question.find("questiontext").get("format") == "plain_text"
        assert question.findtext("questiontext/text")
        assert question.findtext("single") == "true"
        assert question.findtext("shuffleanswers") == "0"
        fractions = [a.get("fraction") for a in question.findall("answer")]
        assert sorted(set(fractions)) == ["0", "100"] and fractions.count("100") == 1


def test_moodle_asks_the_word_tests_items_in_order_with_the_keys_letters(
    moodle: etree._Element, word_test: list, answer_key: list
) -> None:
    asked, keys = [], []
    for question in moodle.findall("question[@type='multichoice']"):
        answers = question.findall("answer")
        asked.append((question.findtext("questiontext/text"), [a.findtext("text") for a in answers]))
        keys.append("ABCDEFGHIJ"[[a.get("fraction") for a in answers].index("100")])
    assert asked == word_test
    assert keys == answer_key


def test_moodle_has_one_category_per_objective_before_its_items(moodle: etree._Element) -> None:
    categories = [q.findtext("category/text") for q in moodle.findall("question[@type='category']")]
    objectives = [c.split("/")[-1].split(" ")[0] for c in categories]
    assert len(objectives) == len(set(objectives)) >= 2
    current = None
    for question in moodle.findall("question"):
        if question.get("type") == "category":
            current = question.findtext("category/text").split("/")[-1].split(" ")[0]
        else:
            assert question.findtext("name/text").endswith(f" {current}")


def test_the_exports_are_byte_identical_when_rebuilt(kit: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from csec_builder.cli import app

    args = ["build", CONTRACTOR, "-w", str(REPO), "--format", "qti,moodle", "--out", str(tmp_path), "-j", "1"]
    assert CliRunner().invoke(app, args, catch_exceptions=False).exit_code == 0
    for name in (f"{CONTRACTOR}-knowledge-test-qti.zip", f"{CONTRACTOR}-knowledge-test-moodle.xml"):
        assert (tmp_path / CONTRACTOR / name).read_bytes() == (kit / name).read_bytes()
