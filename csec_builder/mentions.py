"""Which materials an activity's instructions name that the activity does not carry as a document.

Instructions say "hand out the fictional case log" or "give each group a set of ten tactic cards";
each such material must exist, written out, among the activity's documents. This is a heuristic
tuned to stay quiet on ordinary words: a material noun counts only when a determiner introduces it
within a few words ("the handout", "a fictional scenario card", "one envelope of statute cards"), so
"labels written in case notes" or "hotel key cards in a youth's jacket" do not count, nor does a
county's own document ("your county's protocol handout"), which nobody else can write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Activity, Document

# Singular and plural forms -> the material they name.
ONE_WORD = {
    "handout": "handout",
    "handouts": "handout",
    "worksheet": "worksheet",
    "worksheets": "worksheet",
    "checklist": "checklist",
    "checklists": "checklist",
    "card": "card",
    "cards": "card",
    "scenario": "scenario",
    "scenarios": "scenario",
}
TWO_WORD = {
    ("case", "log"): "case log",
    ("case", "logs"): "case log",
    ("case", "note"): "case note",
    ("case", "notes"): "case note",
    ("case", "summary"): "case summary",
    ("case", "summaries"): "case summary",
    ("case", "study"): "case study",
    ("case", "studies"): "case study",
    ("case", "file"): "case file",
    ("case", "files"): "case file",
    ("answer", "key"): "answer key",
    ("answer", "keys"): "answer key",
}
# How a document shows it is the material named: the word as it appears in its title or body.
STEMS = {"case summary": "case summar", "case study": "case stud"}
DETERMINERS = {
    *("a", "an", "the", "each", "every", "per", "another", "this", "that", "these", "those"),
    *("their", "your", "his", "her", "its", "our", "my"),
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"),
}
# Words before "card" that make it a supply or a prop in a story, not a document to write.
NOT_DOCUMENTS = {"index", "blank", "gift", "credit", "debit", "bank", "sim", "business", "report", "key", "greeting"}
NOT_DOCUMENTS |= {"id", "playing", "birthday", "library", "memory", "sd", "phone", "post", "sticky"}
LOCAL = {"county's", "agency's", "local", "own"}  # the contractor's own documents, not the standard's
MAX_MODIFIERS = 3  # words allowed between the determiner and the noun ("the fictional two-page case log")
TOKEN = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|[A-Za-z0-9][\w'’-]*|[.,;:!?()\[\]]")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def is_break(self) -> bool:
        return not self.text[0].isalnum() and self.text[0] not in '"“'


def unwritten_materials(activity: Activity) -> list[str]:
    """The phrases of the instructions naming a material no document of the activity provides, once per material."""
    tokens = [_Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(activity.instructions)]
    missing: dict[str, str] = {}
    for index in range(len(tokens)):
        found = _material_at(tokens, index)
        if found is None:
            continue
        material, first = found
        if material not in missing and not _provided(material, activity.documents):
            phrase = activity.instructions[tokens[first].start : tokens[index].end]
            missing[material] = " ".join(phrase.split())
    return list(missing.values())


def _material_at(tokens: list[_Token], index: int) -> tuple[str, int] | None:
    """The material whose noun ends at `index`, with the index of its determiner, when a determiner introduces it."""
    material, noun_start = _noun_ending_at(tokens, index)
    if material is None or _noun_starts_at(tokens, index + 1):
        return None  # not a material noun, or only the first part of a compound ("scenario card")
    if noun_start > 0 and tokens[noun_start - 1].word in NOT_DOCUMENTS:
        return None
    for back in range(noun_start - 1, max(-1, noun_start - 2 - MAX_MODIFIERS), -1):
        token = tokens[back]
        if token.is_break or token.word in LOCAL:
            return None
        if token.word in DETERMINERS or token.word.isdigit():
            return material, back
    return None


def _noun_ending_at(tokens: list[_Token], index: int) -> tuple[str | None, int]:
    word = tokens[index].word
    if index > 0 and (tokens[index - 1].word, word) in TWO_WORD:
        return TWO_WORD[(tokens[index - 1].word, word)], index - 1
    return ONE_WORD.get(word), index


def _noun_starts_at(tokens: list[_Token], index: int) -> bool:
    if index >= len(tokens):
        return False
    word = tokens[index].word
    following = tokens[index + 1].word if index + 1 < len(tokens) else ""
    return word in ONE_WORD or (word, following) in TWO_WORD


def _provided(material: str, documents: list[Document]) -> bool:
    if material == "handout":
        return any(d.given_to == "participants" for d in documents)
    if material == "answer key":
        return any(d.given_to == "trainer" for d in documents)
    stem = STEMS.get(material, material)
    return any(stem in d.title.lower() or stem in d.body.lower() for d in documents)
