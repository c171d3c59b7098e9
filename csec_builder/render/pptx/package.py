"""The deck as a package: new slides and notes pages in constant time, text as python-pptx writes
it, and the .pptx bytes zipped once with fixed times.

python-pptx does each of these through general machinery (schema lookups, a parse per element, a
search of the package per notes page, a relative path per relationship); the code here writes the
same XML, so a deck's bytes are what python-pptx would save, only sooner.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from copy import deepcopy
from functools import lru_cache
from typing import Any

from lxml import etree

from ..common.reproducible import zip_entries
from .layouts import NS, all_layouts

RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_DEFAULT, _OVERRIDE = f"{{{CONTENT_TYPES_NS}}}Default", f"{{{CONTENT_TYPES_NS}}}Override"
_P_SLD_ID = "{http://schemas.openxmlformats.org/presentationml/2006/main}sldId"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def save_deck(presentation: Any) -> bytes:
    """The presentation as .pptx bytes, zipped once with fixed entry times.

    python-pptx's own save stamps every entry with the clock, so its zip had to be rewritten a second
    time; here each part goes to `zip_entries` instead, in the order python-pptx's package writer
    uses, with the content types and each part's relationships written as `content_types_xml` and
    `rels_xml` write them.
    """
    package = presentation.part.package
    parts = tuple(package.iter_parts())
    entries = [("[Content_Types].xml", content_types_xml(parts)), ("_rels/.rels", package._rels.xml)]
    for part in parts:  # the order of python-pptx's PackageWriter.write
        entries.append((part.partname.membername, part.blob))
        if part._rels:
            entries.append((_rels_member(part.partname), rels_xml(part._rels)))
    return zip_entries(entries)


def content_types_xml(parts: Sequence[Any]) -> bytes:
    """[Content_Types].xml as python-pptx's `_ContentTypesItem` writes it (defaults by extension, then
    overrides by part name), built with plain lxml calls where python-pptx adds each element through
    its schema machinery."""
    from pptx.opc.serialized import _ContentTypesItem

    defaults, overrides = _ContentTypesItem(parts)._defaults_and_overrides
    root = etree.Element(f"{{{CONTENT_TYPES_NS}}}Types", nsmap={None: CONTENT_TYPES_NS})
    for extension, content_type in sorted(defaults.items()):
        etree.SubElement(root, _DEFAULT, {"Extension": extension, "ContentType": content_type})
    for partname, content_type in sorted(overrides.items()):
        etree.SubElement(root, _OVERRIDE, {"PartName": partname, "ContentType": content_type})
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def _rels_member(partname: str) -> str:
    """The zip member of a part's relationships, as python-pptx's `partname.rels_uri.membername`."""
    folder, name = partname.rsplit("/", 1)
    return f"{folder[1:]}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def rels_xml(rels: Any) -> bytes:
    """A part's relationships as the bytes of its .rels file: what python-pptx's `_Relationships.xml`
    writes (in numerical order of rId), built with plain lxml calls and each relative target computed
    once per process, where python-pptx parses every element from a string and computes every path."""
    root = etree.Element(f"{{{RELATIONSHIPS_NS}}}Relationships", nsmap={None: RELATIONSHIPS_NS})
    numbered = sorted((int(r[3:]) if r.startswith("rId") and r[3:].isdigit() else 0, r) for r in rels)
    for _, rId in numbered:
        rel = rels[rId]
        attributes = {"Id": rId, "Type": rel.reltype}
        if rel.is_external:
            attributes["Target"] = rel.target_ref
            attributes["TargetMode"] = "External"
        else:
            attributes["Target"] = _relative_ref(str(rel.target_partname), rel._base_uri)
        etree.SubElement(root, f"{{{RELATIONSHIPS_NS}}}Relationship", attributes)
    return etree.tostring(root, encoding="UTF-8", standalone=True)


@lru_cache(maxsize=4096)
def _relative_ref(partname: str, base_uri: str) -> str:
    """As python-pptx's `PackURI.relative_ref`."""
    return partname[1:] if base_uri == "/" else posixpath.relpath(partname, base_uri)


_IDS = etree.XPath("//@id")
_TEXT = etree.XPath("string()")


def next_shape_id(slide: Any) -> int:
    """The id python-pptx gives the next shape on `slide` (one more than the largest id in use), from a
    compiled query where python-pptx builds its query and namespace map again on every call."""
    used = [int(value) for value in _IDS(slide.shapes._spTree) if value.isdigit()]
    return max(used) + 1 if used else 1


def text_of(element: Any) -> str:
    """All the text inside `element`, as `"".join(element.itertext())` gives it, many times sooner."""
    return str(_TEXT(element))


def parsed(xml: bytes) -> Any:
    """A fresh element of python-pptx's classes from `xml`: parsed once per process, then copied
    (a copy of a parsed element is what parsing the same bytes again gives, and quicker)."""
    return deepcopy(_parsed_once(xml))


@lru_cache(maxsize=1024)
def _parsed_once(xml: bytes) -> Any:
    from pptx.oxml import parse_xml

    return parse_xml(xml)


class SlideMaker:
    """Adds slides and notes, copying each layout's first slide and the first notes page.

    python-pptx clones placeholders through many XPath queries per shape and re-scans the whole
    package for every notes slide; the first slide of each layout goes through python-pptx, and
    later ones are copies of the exact XML it produced, before any text was written on it.
    """

    def __init__(self, presentation: Any, lang: str) -> None:
        self.presentation = presentation
        self.lang = lang
        self.layouts = all_layouts(presentation)
        self.prototypes: dict[int, bytes] = {}
        """Each layout's first slide as python-pptx made it, before anything was written on it."""
        self.notes_xml: bytes | None = None
        self.notes_body: int | None = None
        """The position of the notes text placeholder among the notes page's shapes."""
        self.notes_master_part: Any = None
        self.next_slide_id: int | None = None

    def add(self, index: int) -> Any:
        layout = self.layouts[index]
        known = self.prototypes.get(index)
        slide = self._new_slide(layout, parsed(known) if known else None)
        if known is None:
            slide.shapes.clone_layout_placeholders(layout)
            self.prototypes[index] = etree.tostring(slide._element)
        return slide

    def _new_slide(self, layout: Any, element: Any | None) -> Any:
        """A slide on `layout`, as python-pptx's add_slide makes it, in constant time: blank, or `element`.

        python-pptx scans every relationship of the presentation for one to reuse, and every slide id
        for the largest, on each new slide: a deck of n slides costs n squared. A new part has no
        relationship to reuse, and the ids only grow, so neither scan is needed.
        """
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.oxml.slide import CT_Slide
        from pptx.parts.slide import SlidePart

        part = self.presentation.part
        id_list = self.presentation.slides._sldIdLst
        if self.next_slide_id is None:
            self.next_slide_id = id_list._next_id
        partname = PackURI(f"/ppt/slides/slide{len(id_list) + 1}.xml")  # as python-pptx's _next_slide_partname
        slide_part = SlidePart(partname, CT.PML_SLIDE, part.package, CT_Slide.new() if element is None else element)
        slide_part.rels._add_relationship(RT.SLIDE_LAYOUT, layout.part)
        rId = part.rels._add_relationship(RT.SLIDE, slide_part)
        etree.SubElement(id_list, _P_SLD_ID, {"id": str(self.next_slide_id), _R_ID: rId})  # the list has no extLst
        self.next_slide_id += 1
        return slide_part.slide

    def add_notes(self, slide: Any, number: int, text: str) -> None:
        """Give `slide` a notes page holding `text`.

        The first notes page is made by python-pptx from the notes master; later ones are parsed
        from its XML (python-pptx would read its notes template from disk and search the package
        for the notes master every time).
        """
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.oxml.slide import CT_NotesSlide
        from pptx.parts.slide import NotesSlidePart

        package = slide.part.package
        if self.notes_master_part is None:
            self.notes_master_part = package.presentation_part.notes_master_part
        element = parsed(self.notes_xml) if self.notes_xml else CT_NotesSlide.new()
        partname = PackURI(f"/ppt/notesSlides/notesSlide{number}.xml")
        notes_part = NotesSlidePart(partname, CT.PML_NOTES_SLIDE, package, element)
        # relate_to looks for an equal relationship to reuse first: a new notes page has none to reuse.
        notes_part.rels._add_relationship(RT.NOTES_MASTER, self.notes_master_part)
        notes_part.rels._add_relationship(RT.SLIDE, slide.part)
        slide.part.rels._add_relationship(RT.NOTES_SLIDE, notes_part)
        if self.notes_xml is None:
            notes = notes_part.notes_slide
            notes.clone_master_placeholders(self.notes_master_part.notes_master)
            self.notes_xml = etree.tostring(element)
            body = notes.notes_placeholder
            self.notes_body = None if body is None else list(element.cSld.spTree).index(body.element)
        if self.notes_body is not None:  # the text frame python-pptx's notes_text_frame gives, without its proxies
            write_text(element.cSld.spTree[self.notes_body].get_or_add_txBody(), text, self.lang)


def write_text(tx_body: Any, text: str, lang: str | None = None) -> None:
    """Replace a text body's paragraphs with `text`, as python-pptx's `TextFrame.text` does.

    One paragraph per line, a line break for each vertical tab, control characters escaped as
    `_xHHHH_`; built with plain lxml calls, where python-pptx looks up each child element's place
    in the schema and parses every run from a string. With `lang`, every run declares its language
    (PowerPoint's proofing and screen readers read it from the run).
    """
    for paragraph in tx_body.findall(_A_P):
        tx_body.remove(paragraph)
    for line in text.split("\n"):
        append_runs(etree.SubElement(tx_body, _A_P), line, lang)


def append_runs(paragraph: Any, text: str, lang: str | None = None) -> None:
    """Runs for `text` at the end of a paragraph, as python-pptx's `_Paragraph.text` writes them."""
    for index, piece in enumerate(text.split("\v")):
        if index:
            etree.SubElement(paragraph, _A_BR)
        if piece:
            run = etree.SubElement(paragraph, _A_R)
            if lang:
                etree.SubElement(run, _A_RPR, {"lang": lang})
            etree.SubElement(run, _A_T).text = CONTROL_CHARACTER.sub(_escaped, piece)


_A_P, _A_R, _A_BR, _A_RPR, _A_T = (f"{{{NS['a']}}}{tag}" for tag in ("p", "r", "br", "rPr", "t"))
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0B-\x1F]")


def _escaped(match: re.Match[str]) -> str:
    return f"_x{ord(match.group(0)):04X}_"
