"""Terminology: find words survivors and the field have asked us to stop using, in every text field.

A finding points at the word itself (`path:line:col`), not at the start of the paragraph holding it.
A deliberate use is waived in place by a comment on the line where the text, or an item enclosing
it, starts (or, for a whole file, on a line of its own above the first field):

    - title: Say this, not that  # csec-lint: allow pimp, child-prostitute -- teaches the words to avoid
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem
from ..yamlio import Loc, YamlDoc
from .rules import Rule

WAIVER = re.compile(r"#\s*csec-lint:\s*allow\s+(?P<rules>[\w\s,-]+?)\s*(?:--\s*(?P<reason>.*?))?\s*$")


@dataclass(frozen=True)
class Finding:
    rule: Rule
    path: Path
    line: int
    col: int
    found: str
    where: str | None = None
    """Where in a file without lines the word stands, such as a slide layout of a .pptx template."""

    def problem(self) -> Problem:
        spec = self.rule.spec
        inside = f" in {self.where}" if self.where else ""
        message = f'found "{self.found}"{inside}; use "{spec.use}" ({spec.reason}; {spec.source})'
        return Problem(self.path, self.line, self.col, spec.level, message)


@dataclass(frozen=True)
class Waiver:
    """A use that a comment allows on purpose, with the comment's reason."""

    finding: Finding
    reason: str
    line: int


def check_yaml(doc: YamlDoc, rules: list[Rule]) -> tuple[list[Finding], list[Waiver]]:
    """Findings and waived uses in every string of one parsed YAML file."""
    lines = doc.text.splitlines()  # as the load stage read it
    waivers = _waivers(lines)
    findings: list[Finding] = []
    waived: list[Waiver] = []
    for loc, text in strings(doc.data):
        for rule in rules:
            start = doc.values.get(loc, (1, 1))
            for match in rule.finditer(text):
                line, col = _locate(lines, start, match.group(0))
                start = (line, col + 1)  # a second use of the same word lies after the first
                finding = Finding(rule, doc.path, line, col, " ".join(match.group(0).split()))
                allowed = _allowing(waivers, doc, loc, rule.id)
                if allowed is None:
                    findings.append(finding)
                else:
                    waived.append(Waiver(finding, *allowed))
    return findings, waived


def check_text(path: Path, text: str, rules: list[Rule], where: str | None = None) -> list[Finding]:
    """Findings in plain text (a Jinja template, a slide's words): positions from the text itself."""
    findings = []
    for rule in rules:
        for match in rule.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            if where:  # the text was taken out of a package: its lines are not the file's
                line, col = 1, 1
            findings.append(Finding(rule, path, line, col, " ".join(match.group(0).split()), where))
    return findings


def strings(data: object, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string value in parsed YAML, with its path."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key != "$schema":
                yield from strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*loc, index))


def _waivers(lines: list[str]) -> dict[int, tuple[set[str], str]]:
    """Line number -> (rule ids, reason) for every waiver comment."""
    found = {}
    for number, line in enumerate(lines, start=1):
        match = WAIVER.search(line)
        if match:
            rules = {r.strip() for r in match.group("rules").split(",") if r.strip()}
            found[number] = (rules, (match.group("reason") or "").strip())
    return found


def _allowing(waivers: dict[int, tuple[set[str], str]], doc: YamlDoc, loc: Loc, rule_id: str) -> tuple[str, int] | None:
    """The waiver (reason, line) covering `loc` for `rule_id`: on its own line or an enclosing item's."""
    header = min((line for line, _col in doc.keys.values()), default=1)
    for line, (rules, reason) in waivers.items():  # a waiver above the first field covers the whole file
        if line < header and (rule_id in rules or "all" in rules):
            return reason, line
    for depth in range(len(loc), 0, -1):
        for positions in (doc.values, doc.keys):  # the value's own line, or its key's (`notes: |  # ...`)
            line = positions.get(loc[:depth], (0, 0))[0]
            rules, reason = waivers.get(line, (set(), ""))
            if rule_id in rules or "all" in rules:
                return reason, line
    return None


def _locate(lines: list[str], start: tuple[int, int], found: str) -> tuple[int, int]:
    """The line and column of `found` at or after `start`; a phrase may wrap over lines in YAML."""
    words = [re.escape(w) for w in found.split()]
    pattern = re.compile(r"\s+".join(words), re.IGNORECASE)
    first_line, first_col = start
    text = "\n".join(lines)
    offset = sum(len(line) + 1 for line in lines[: first_line - 1]) + first_col - 1
    match = pattern.search(text, offset)
    if match is None:
        return start
    line = text.count("\n", 0, match.start()) + 1
    return line, match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
