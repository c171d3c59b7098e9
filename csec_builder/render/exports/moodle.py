"""The knowledge test as Moodle XML: one question category (bank) per objective, questions in the test's order.

Moodle imports Moodle XML into its question bank (Question bank > Import); it has no QTI importer.
The format is documented at docs.moodle.org/en/Moodle_XML_format. Choices keep their order
(shuffleanswers off) and letters (answernumbering ABCD), so the quiz's key is the Word answer key's.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ...plan import Plan, PlannedCheck
from . import by_objective, test_items

FULL_MARKS = "100"
PLAIN = "plain_text"


def moodle_xml(plan: Plan) -> bytes:
    """<quiz>: for each objective a category question, then that objective's items."""
    contractor, words = plan.contractor, plan.words
    quiz = ET.Element("quiz")
    test = words.document_title(words.TEST_NAME, contractor)
    for objective, checks in by_objective(test_items(plan)):
        category = ET.SubElement(quiz, "question", type="category")
        _text(ET.SubElement(category, "category"), f"$course$/top/{test}/{objective.id} {objective.title}")
        for check in checks:
            _question(quiz, check, contractor.id)
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="UTF-8", xml_declaration=True) + b"\n"


def _question(quiz: ET.Element, check: PlannedCheck, contractor_id: str) -> None:
    question = ET.SubElement(quiz, "question", type="multichoice" if check.choices else "essay")
    _text(ET.SubElement(question, "name"), f"{check.number}. {check.objective.id}")
    _text(ET.SubElement(question, "questiontext", format=PLAIN), check.item.question)
    _text(ET.SubElement(question, "generalfeedback", format=PLAIN), check.item.rationale or "")
    ET.SubElement(question, "defaultgrade").text = "1"
    ET.SubElement(question, "penalty").text = "0"
    ET.SubElement(question, "hidden").text = "0"
    ET.SubElement(question, "idnumber").text = f"{contractor_id}-q{check.number}"
    if not check.choices:
        ET.SubElement(question, "responseformat").text = "plain"
        return
    ET.SubElement(question, "single").text = "true"
    ET.SubElement(question, "shuffleanswers").text = "0"  # the letters must match the answer key
    ET.SubElement(question, "answernumbering").text = "ABCD"
    for choice in check.choices:
        fraction = FULL_MARKS if choice == check.item.answer else "0"
        answer = ET.SubElement(question, "answer", fraction=fraction, format=PLAIN)
        _text(answer, choice)
        _text(ET.SubElement(answer, "feedback", format=PLAIN), "")


def _text(parent: ET.Element, value: str) -> None:
    ET.SubElement(parent, "text").text = value
