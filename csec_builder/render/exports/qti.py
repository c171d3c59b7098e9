"""The knowledge test as an IMS QTI 1.2 content package (.zip) that Canvas imports as a quiz and question banks.

QTI 1.2 rather than 2.1: Canvas's quiz importer and its own quiz exports speak QTI 1.2, as do
Blackboard, D2L and Cornerstone's importers; QTI 2.1 packages lose item types or fail in several of
them (see docs/lms.md). The package holds the test as one assessment (the Word test's items and
order, choices in the same letters) and one object bank per objective, from which an LMS can draw
pre- and post-tests. Texts are written as plain text; validation rejects markup in items.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ...plan import Plan, PlannedCheck
from ..common.reproducible import zip_entries
from . import by_objective, test_items

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RESOURCE_TYPE = "imsqti_xmlv1p2"
RESPONSE = "response1"
FULL_MARKS = "100"


def qti_package(plan: Plan) -> bytes:
    """The zip: imsmanifest.xml, the assessment, and one object bank per objective."""
    contractor = plan.contractor
    items = test_items(plan)
    files = {f"{contractor.id}-knowledge-test.xml": _assessment(plan, items)}
    for objective, checks in by_objective(items):
        files[f"banks/{objective.id}.xml"] = _bank(plan, objective.id, f"{objective.id}: {objective.title}", checks)
    manifest = _manifest(contractor.id, list(files))
    return zip_entries([("imsmanifest.xml", manifest), *files.items()])


def _root() -> ET.Element:
    return _namespaced("questestinterop", QTI, QTI_XSD)


def _namespaced(tag: str, namespace: str, schema: str) -> ET.Element:
    """A root element whose children are in `namespace` as its default namespace.

    The tree is built with plain names and the namespace declared as attributes: ElementTree cannot
    write a default namespace itself when the tree has attributes without one.
    """
    return ET.Element(tag, {"xmlns": namespace, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{namespace} {schema}"})


def _assessment(plan: Plan, items: tuple[PlannedCheck, ...]) -> bytes:
    contractor, words = plan.contractor, plan.words
    root = _root()
    title = words.document_title(words.TEST_NAME, contractor)
    assessment = ET.SubElement(root, "assessment", ident=f"{contractor.id}-test", title=title)
    assessment.set(XML_LANG, words.LANGUAGE)
    _metadata(assessment, [("cc_profile", "cc.exam.v0p1"), ("qmd_assessmenttype", "Examination")])
    rubric = ET.SubElement(assessment, "rubric")
    _material(rubric, words.TEST_INSTRUCTIONS)
    section = ET.SubElement(assessment, "section", ident="root_section")
    for check in items:
        _item(section, check, plan.contractor.id)
    return _xml(root)


def _bank(plan: Plan, objective_id: str, title: str, checks: list[PlannedCheck]) -> bytes:
    root = _root()
    bank = ET.SubElement(root, "objectbank", ident=f"{plan.contractor.id}-bank-{objective_id}")
    _metadata(bank, [("bank_title", title)])
    for check in checks:
        _item(bank, check, f"{plan.contractor.id}-bank")
    return _xml(root)


def _item(parent: ET.Element, check: PlannedCheck, prefix: str) -> None:
    item = ET.SubElement(parent, "item", ident=f"{prefix}-q{check.number}", title=_title(check))
    kind = "multiple_choice_question" if check.choices else "essay_question"
    item_metadata = ET.SubElement(item, "itemmetadata")
    _metadata(item_metadata, [("question_type", kind), ("points_possible", "1"), ("objective", check.objective.id)])
    presentation = ET.SubElement(item, "presentation")
    _material(presentation, check.item.question)
    if check.choices:
        _choices(presentation, check)
        _scoring(item, check)
    else:
        response = ET.SubElement(presentation, "response_str", ident=RESPONSE, rcardinality="Single")
        ET.SubElement(response, "render_fib")
    if check.item.rationale:
        feedback = ET.SubElement(item, "itemfeedback", ident="general_fb")
        flow = ET.SubElement(feedback, "flow_mat")
        _material(flow, check.item.rationale)


def _choices(presentation: ET.Element, check: PlannedCheck) -> None:
    from ...wording import LETTERS

    response = ET.SubElement(presentation, "response_lid", ident=RESPONSE, rcardinality="Single")
    render = ET.SubElement(response, "render_choice", shuffle="No")  # the letters must match the key
    for letter, choice in zip(LETTERS, check.choices, strict=False):
        label = ET.SubElement(render, "response_label", ident=letter)
        _material(label, choice)


def _scoring(item: ET.Element, check: PlannedCheck) -> None:
    processing = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(outcomes, "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue=FULL_MARKS)
    if check.item.rationale:
        shown = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
        ET.SubElement(ET.SubElement(shown, "conditionvar"), "other")
        ET.SubElement(shown, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    correct = ET.SubElement(processing, "respcondition", {"continue": "No"})
    condition = ET.SubElement(correct, "conditionvar")
    ET.SubElement(condition, "varequal", respident=RESPONSE).text = check.answer_letter
    setvar = ET.SubElement(correct, "setvar", action="Set", varname="SCORE")
    setvar.text = FULL_MARKS


def _metadata(parent: ET.Element, fields: list[tuple[str, str]]) -> None:
    metadata = ET.SubElement(parent, "qtimetadata")
    for label, entry in fields:
        field = ET.SubElement(metadata, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry


def _material(parent: ET.Element, text: str) -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", texttype="text/plain").text = text


def _title(check: PlannedCheck) -> str:
    return f"{check.number}. {check.objective.id}"


def _manifest(contractor_id: str, files: list[str]) -> bytes:
    root = _namespaced("manifest", CP, CP_XSD)
    root.set("identifier", f"{contractor_id}-knowledge-test-package")
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for number, name in enumerate(files, start=1):
        resource = ET.SubElement(resources, "resource", identifier=f"res{number}", type=RESOURCE_TYPE, href=name)
        ET.SubElement(resource, "file", href=name)
    return _xml(root)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
