"""The text of any provider's materials, place by place: .pptx slides with their notes, .docx paragraphs and
tables, .pdf pages.

Every sentence (or bullet, or table cell line) becomes a Passage that remembers where it is (slide 4, page 12,
paragraph 31 under the heading "Indicators"), so that an audit can quote it verbatim and a reviewer can find
it. A file that cannot be read is one CsecError naming it; a page without text is a note, not a failure.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..limits import check_regular_file, check_zip_bounds
from ..problems import InputError, display_path

KINDS = {".pptx": "pptx", ".docx": "docx", ".pdf": "pdf"}
PLACE_NAMES = {"pptx": "slide", "docx": "paragraph", "pdf": "page"}
WHAT = "--deck"
MAX_BYTES = 300 * 1024 * 1024
"""Larger files are refused before they are opened: no real training material comes near it."""
MAX_PLACES = 5000
"""Slides or pages read at most: a 500-slide deck and a 300-page PDF are ten times under it."""
MAX_CHARS_PER_PLACE = 100_000
"""Text kept per slide or page: a page with more is a data dump, not teaching material."""
# Old binary Office files and password-protected (encrypted) .pptx/.docx are OLE compound files.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A sentence ends at . ! ? (or a closing quote after them) followed by space and a capital, digit or quote.
# A line break inside a sentence: the line does not end a sentence or clause and the next starts in lower case.
CONTINUATION = re.compile(r"(?<=[^\s.!?:;])[ \t]*\r?\n[ \t]*(?=[a-z])")
# A list mark typed at the start of a line (speaker notes, PDF text): no part of what the line says.
LIST_MARK = re.compile(r"^[-–—•▪‣◦*]\s+")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z0-9\"“‘(])")


@dataclass(frozen=True)
class Place:
    """Where a passage is: ('slide', 4), ('page', 12) or ('paragraph', 31), with the section it sits in."""

    kind: str
    number: int
    section: str = ""

    def label(self) -> str:
        return f"{self.kind} {self.number}"


@dataclass(frozen=True)
class Passage:
    place: Place
    part: str
    """title, body, notes, table or text: which part of the slide or document it came from."""
    text: str
    """The sentence exactly as the file has it (whitespace runs made single)."""
    block: int
    """Passages of one block (a slide, a page, a document section) may be read together."""


@dataclass
class Material:
    path: Path
    kind: str
    sha256: str
    places: int = 0
    """Slides, pages or non-empty paragraphs read."""
    passages: list[Passage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the reader could not read, said for a reviewer: 'page 12 has no text: scanned?'."""

    @property
    def place_name(self) -> str:
        return PLACE_NAMES[self.kind]


def read_material(path: Path) -> Material:
    """Read one file; raise InputError (one line naming the file) when it cannot be read at all."""
    kind = _check_file(path)
    material = Material(path, kind, _sha256(path))
    reader = {"pptx": _read_pptx, "docx": _read_docx, "pdf": _read_pdf}[kind]
    reader(path, material)
    if not material.passages:
        material.notes.append(_no_text_note(material))
    return material


def _no_text_note(material: Material) -> str:
    if material.kind == "pdf":
        return "no page has any text: a scanned document? Run it through OCR (text recognition) and audit again"
    return f"no {material.place_name} has any text"


def _check_file(path: Path) -> str:
    where = display_path(path)
    if not path.exists():
        raise InputError(f"{where}: no such file")
    if path.is_dir():
        raise InputError(f"{where}: is a folder, not a .pptx, .docx or .pdf file")
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            f"{where}: cannot audit a '{path.suffix or 'file without extension'}' file; give .pptx, .docx or .pdf"
        )
    # A FIFO, a device or a file over MAX_BYTES is refused before anything is opened.
    check_regular_file(path, WHAT, MAX_BYTES)
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_SIGNATURE:
        raise InputError(
            f"{where}: is password-protected (or an old binary .ppt/.doc file): remove the password or save it "
            f"as .{kind}, and audit again"
        )
    if kind != "pdf":
        if not zipfile.is_zipfile(path):
            raise InputError(f"{where}: not a valid .{kind} file (it is not a zip package)")
        check_zip_bounds(path, WHAT)  # a zip bomb is refused from its central directory, before any part is read
    return kind


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sentences(text: str) -> Iterator[str]:
    """The lines of `text`, each cut into sentences; whitespace runs made single, a typed list mark ("- ", "• ")
    and empty lines dropped."""
    for line in text.replace("\v", "\n").replace("\r", "\n").split("\n"):
        line = LIST_MARK.sub("", " ".join(line.split()))
        if line:
            yield from (s for s in SENTENCE_END.split(line) if s)


def _add(material: Material, place: Place, part: str, text: str, block: int) -> None:
    for sentence in sentences(text[:MAX_CHARS_PER_PLACE]):
        material.passages.append(Passage(place, part, sentence, block))


def _too_many(material: Material, number: int) -> bool:
    if number <= MAX_PLACES:
        return False
    material.notes.append(f"read the first {MAX_PLACES} {material.place_name}s only; the rest were not audited")
    return True


# --- PowerPoint ---------------------------------------------------------------------------


def _read_pptx(path: Path, material: Material) -> None:
    presentation = _open_office(path, "pptx")
    for number, slide in enumerate(presentation.slides, 1):
        if _too_many(material, number):
            break
        material.places = number
        title = _slide_title(slide)
        place = Place("slide", number, title)
        for part, text in _slide_texts(slide):
            _add(material, place, part, text, number)
    if material.passages and not any(p.part == "notes" for p in material.passages):
        material.notes.append("no slide has speaker notes: judged on what the slides show alone")


def _slide_title(slide: Any) -> str:
    shape = slide.shapes.title
    return " ".join(shape.text_frame.text.split()) if shape is not None and shape.has_text_frame else ""


def _slide_texts(slide: Any) -> Iterator[tuple[str, str]]:
    title = slide.shapes.title
    title_id = title.shape_id if title is not None else None
    for shape in _shapes(slide.shapes):
        part = "title" if shape.shape_id == title_id else "body"
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            yield part, shape.text_frame.text
        elif getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                yield "table", "\n".join(cell.text for cell in row.cells)
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        yield "notes", slide.notes_slide.notes_text_frame.text


def _shapes(shapes: Iterable[Any]) -> Iterator[Any]:
    """Every shape, those inside groups too, in the slide's order."""
    for shape in shapes:
        if shape.shape_type == 6:  # MSO_SHAPE_TYPE.GROUP, without importing the enum module
            yield from _shapes(shape.shapes)
        else:
            yield shape


# --- Word ---------------------------------------------------------------------------------


def _read_docx(path: Path, material: Material) -> None:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = _open_office(path, "docx")
    section, heading, number = 0, "", 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text
            if not text.strip():
                continue
            number += 1
            if _is_heading(item):
                section, heading = section + 1, " ".join(text.split())
            _add(
                material,
                Place("paragraph", number, heading),
                "title" if heading == text.strip() else "text",
                text,
                section,
            )
        elif isinstance(item, Table):
            for row in item.rows:
                cells = _unique_cells(row)
                if any(cells):
                    number += 1
                    _add(material, Place("paragraph", number, heading), "table", "\n".join(cells), section)
        if _too_many(material, number):
            break
    material.places = min(number, MAX_PLACES)


def _is_heading(paragraph: Any) -> bool:
    style = paragraph.style
    name = (style.name or "") if style is not None else ""
    return name.startswith("Heading") or name == "Title"


def _unique_cells(row: Any) -> list[str]:
    """A row's cell texts, a merged cell once (python-docx repeats it for every grid column it spans)."""
    seen: list[Any] = []
    texts = []
    for cell in row.cells:
        if any(cell._tc is other for other in seen):
            continue
        seen.append(cell._tc)
        texts.append(cell.text)
    return texts


def _open_office(path: Path, kind: str) -> Any:
    where = display_path(path)
    try:
        if kind == "pptx":
            from pptx import Presentation

            return Presentation(str(path))
        from docx import Document

        return Document(str(path))
    except Exception as exc:  # python-pptx and python-docx raise many types for a broken package
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{where}: not a valid .{kind} file ({reason})") from None


# --- PDF ----------------------------------------------------------------------------------


def _read_pdf(path: Path, material: Material) -> None:
    reader = _open_pdf(path)
    where = display_path(path)
    try:
        count = len(reader.pages)
    except Exception as exc:  # pypdf reports a broken page tree in many ways
        raise InputError(f"{where}: damaged PDF, its pages cannot be found ({_reason(exc)})") from None
    for number in range(1, count + 1):
        if _too_many(material, number):
            break
        material.places = number
        text = _page_text(reader, number, material)
        if text is None:
            continue
        if text.strip():
            text = unwrap(text)
            _add(material, Place("page", number, _first_line(text)), "text", text, number)
        else:
            material.notes.append(f"page {number} has no text: scanned?")


def unwrap(text: str) -> str:
    """A PDF's text with each wrapped line joined to the line it continues (one that starts in lower case).

    A PDF keeps lines, not sentences: a sentence wrapped over three lines would otherwise be three passages.
    A line starting with a capital, a digit or a bullet may begin a new item, so it stays a line.
    """
    return CONTINUATION.sub(" ", text)


def _first_line(text: str) -> str:
    """The page's first line, as its section: the title of a slide or of a page (e.g. "References")."""
    return next((" ".join(line.split()) for line in text.splitlines() if line.strip()), "")[:200]


def _open_pdf(path: Path) -> Any:
    from pypdf import PdfReader

    # pypdf logs what it repairs ("EOF marker not found") to stderr; a failure becomes our one line instead.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)

    where = display_path(path)
    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise InputError(f"{where}: not a PDF file (it does not start with %PDF)")
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{where}: the PDF is encrypted with a password; save an unprotected copy and audit that")
    except InputError:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError... for a damaged file
        raise InputError(f"{where}: damaged PDF that cannot be read ({_reason(exc)})") from None
    return reader


def _page_text(reader: Any, number: int, material: Material) -> str | None:
    try:
        return reader.pages[number - 1].extract_text() or ""
    except Exception as exc:  # one damaged page must not stop the audit of the others
        material.notes.append(f"page {number} could not be read ({_reason(exc)})")
        return None


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return text[:160] or type(exc).__name__
