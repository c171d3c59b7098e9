"""Accessibility of built materials (Section 508 / WCAG 2.1 AA): decks, HTML guides, Word documents.

Each finding names the file and where in it: the slide number, the HTML element, or the Word
paragraph. Files of other kinds in the folder are left alone.
"""

from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..problems import Problem, error

MIN_BODY_PT = 18
VAGUE_LINK_TEXT = {"here", "click here", "link", "this link", "more", "read more", "click", "this", "go", "url"}
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def lint_outputs(folder: Path) -> tuple[list[Problem], int]:
    """Every finding in the decks, HTML files and Word documents under `folder`, and the file count."""
    checks = {".pptx": check_deck, ".html": check_html, ".docx": check_docx}
    files = sorted(p for p in folder.rglob("*") if p.suffix in checks and p.is_file())
    problems: list[Problem] = []
    for path in files:
        problems += checks[path.suffix](path)
    return problems, len(files)


# --- decks ---------------------------------------------------------------------------------


def check_deck(path: Path) -> list[Problem]:
    from pptx import Presentation  # deferred: python-pptx is slow to import

    try:
        deck = Presentation(str(path))
    except Exception:  # python-pptx raises many types for a broken package
        return [error(path, "not a readable PowerPoint file")]
    problems = _deck_language(path, deck)
    titles: dict[str, int] = {}
    for number, slide in enumerate(deck.slides, start=1):
        problems += _slide_problems(path, number, slide, titles)
    return problems


def _deck_language(path: Path, deck: Any) -> list[Problem]:
    if deck.core_properties.language:
        return []
    return [error(path, "the deck's language is not set (document properties), so screen readers may mispronounce it")]


def _slide_problems(path: Path, number: int, slide: Any, titles: dict[str, int]) -> list[Problem]:
    where = f"slide {number}"
    title = slide.shapes.title
    text = title.text_frame.text.strip() if title is not None and title.has_text_frame else ""
    if not text:
        return [error(path, f"{where}: has no title; every slide needs one for screen-reader navigation")]
    problems = []
    if text in titles:
        problems.append(error(path, f'{where}: title "{text}" repeats slide {titles[text]}; titles must be unique'))
    titles.setdefault(text, number)
    first = next((s for s in slide.shapes if (s.has_text_frame and s.text_frame.text.strip()) or _is_picture(s)), None)
    if first is not None and first.shape_id != title.shape_id:
        problems.append(error(path, f"{where}: the title is not first in reading order (it follows '{first.name}')"))
    problems += _picture_problems(path, where, slide)
    problems += _size_problems(path, where, slide)
    return problems


def _is_picture(shape: Any) -> bool:
    return shape.shape_type is not None and shape.shape_type == 13  # MSO_SHAPE_TYPE.PICTURE


def _picture_problems(path: Path, where: str, slide: Any) -> list[Problem]:
    problems = []
    for shape in slide.shapes:
        if _is_picture(shape):
            described = shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")
            if not (described and described[0].strip()):
                problems.append(error(path, f"{where}: picture '{shape.name}' has no alt text"))
    return problems


def _size_problems(path: Path, where: str, slide: Any) -> list[Problem]:
    problems = []
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == 0:
            continue  # the title: larger by design
        small = sorted({run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs if run.font.size})
        if small and small[0] < MIN_BODY_PT:
            problems.append(error(path, f"{where}: body text at {small[0]:g} pt in '{shape.name}' (at least 18 pt)"))
    return problems


# --- HTML ----------------------------------------------------------------------------------


class _Outline(HTMLParser):
    """Collects what the HTML checks need: lang, headings, tables, images, links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.headings: list[tuple[int, int]] = []  # (level, line)
        self.tables: list[tuple[int, bool]] = []  # (line, has a header cell)
        self.images: list[tuple[int, str | None]] = []
        self.links: list[tuple[int, str]] = []
        self._link: list[str] | None = None
        self._link_line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append((int(tag[1]), line))
        elif tag == "table":
            self.tables.append((line, False))
        elif tag == "th" and self.tables:
            self.tables[-1] = (self.tables[-1][0], True)
        elif tag == "img":
            self.images.append((line, attributes.get("alt")))
        elif tag == "a" and attributes.get("href"):
            self._link, self._link_line = [], line

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append((self._link_line, " ".join("".join(self._link).split())))
            self._link = None


def check_html(path: Path) -> list[Problem]:
    outline = _Outline()
    outline.feed(path.read_text(encoding="utf-8", errors="replace"))
    problems = [] if outline.lang else [error(path, "<html> has no lang attribute")]
    problems += _heading_problems(path, outline.headings)
    problems += [error(path, "<table> has no header cells (<th>)", line) for line, has in outline.tables if not has]
    problems += [error(path, "<img> has no alt attribute", line) for line, alt in outline.images if alt is None]
    for line, text in outline.links:
        if not text or text.casefold().strip(" .:") in VAGUE_LINK_TEXT:
            problems.append(error(path, f'link text "{text}" does not say where the link goes', line))
    return problems


def _heading_problems(path: Path, headings: list[tuple[int, int]]) -> list[Problem]:
    problems = []
    ones = [line for level, line in headings if level == 1]
    if len(ones) != 1:
        problems.append(error(path, f"the page has {len(ones)} <h1> headings; it needs exactly one"))
    previous = 0
    for level, line in headings:
        if level > previous + 1:
            problems.append(error(path, f"<h{level}> follows <h{previous}>: heading levels must not be skipped", line))
        previous = level
    return problems


# --- Word ----------------------------------------------------------------------------------


def check_docx(path: Path) -> list[Problem]:
    from docx import Document  # deferred: python-docx loads only when Word files are checked

    try:
        document = Document(str(path))
    except Exception:  # python-docx raises many types for a broken package
        return [error(path, "not a readable Word document")]
    props = document.core_properties
    problems = [] if props.title else [error(path, "the document title is not set (document properties)")]
    if not props.language:
        problems.append(error(path, "the document language is not set (document properties)"))
    problems += _docx_heading_problems(path, document)
    problems += _docx_picture_problems(path)
    return problems


def _docx_heading_problems(path: Path, document: Any) -> list[Problem]:
    problems, previous = [], 0
    for number, paragraph in enumerate(document.paragraphs, start=1):
        name = paragraph.style.name if paragraph.style is not None else ""
        level = _heading_level(name)
        if level is None:
            continue
        if level > previous + 1:
            where = f'paragraph {number} ("{paragraph.text[:40]}")'
            problems.append(error(path, f"{where}: {name} follows level {previous}: heading levels must not skip"))
        previous = level
    return problems


def _heading_level(style: str) -> int | None:
    if style == "Title":
        return None
    if style.startswith("Heading ") and style[8:].isdigit():
        return int(style[8:])
    return None


def _docx_picture_problems(path: Path) -> list[Problem]:
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    problems = []
    for doc_pr in root.iter(f"{{{WP_NS}}}docPr"):
        if not (doc_pr.get("descr") or "").strip():
            problems.append(error(path, f"picture '{doc_pr.get('name', '?')}' has no alt text"))
    return problems
