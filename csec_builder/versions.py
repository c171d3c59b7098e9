"""Version requirements such as ">=1.1" or ">=1.1, <2": which versions of the standard a workspace accepts.

A small subset of Python's version specifiers (PEP 440), enough for dotted numbers like "1.1.0":
`>=`, `>`, `<=`, `<`, `==`, `!=` and `~=` ("compatible": ~=1.1 is >=1.1 and <2), joined by commas.
csec-builder's own dependencies do not include `packaging`, so it is not used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Version = tuple[int, ...]

_VERSION = re.compile(r"^\d+(\.\d+)*$")
_CLAUSE = re.compile(r"^(~=|==|!=|>=|<=|>|<)\s*(\S+)$")


def parse_version(text: str) -> Version:
    """'1.1.0' -> (1, 1, 0); ValueError for anything but dot-separated whole numbers."""
    text = text.strip()
    if not _VERSION.match(text):
        raise ValueError(f"'{text}' is not a version number like 1.1 or 1.1.0")
    return tuple(int(part) for part in text.split("."))


@dataclass(frozen=True)
class Clause:
    operator: str
    version: Version

    def allows(self, version: Version) -> bool:
        width = max(len(version), len(self.version))
        have, want = _pad(version, width), _pad(self.version, width)
        if self.operator == "~=":
            upper = (*self.version[:-2], self.version[-2] + 1)
            return have >= want and _pad(version, len(upper)) < upper
        return {
            "==": have == want,
            "!=": have != want,
            ">=": have >= want,
            "<=": have <= want,
            ">": have > want,
            "<": have < want,
        }[self.operator]


@dataclass(frozen=True)
class Requirement:
    """A comma-separated list of clauses; a version satisfies it when it satisfies every clause."""

    text: str
    clauses: tuple[Clause, ...]

    def allows(self, version: str) -> bool:
        parsed = parse_version(version)
        return all(clause.allows(parsed) for clause in self.clauses)


def parse_requirement(text: str) -> Requirement:
    """'>=1.1, <2' -> Requirement; ValueError with a plain message when it cannot be read."""
    parts = [part.strip() for part in text.split(",")]
    if not any(parts) or not all(parts):
        raise ValueError(f'\'{text}\' is not a version requirement; write one like ">=1.1" or ">=1.1, <2"')
    return Requirement(text.strip(), tuple(_clause(part) for part in parts))


def _clause(text: str) -> Clause:
    match = _CLAUSE.match(text)
    if not match:
        if _VERSION.match(text):
            raise ValueError(f'\'{text}\' needs a comparison in front, such as ">={text}" or "=={text}"')
        raise ValueError(f"'{text}' is not a version requirement; use >=, >, <=, <, ==, != or ~= and a version")
    operator, version = match.groups()
    parsed = parse_version(version)
    if operator == "~=" and len(parsed) < 2:
        raise ValueError(f"'{text}': ~= needs at least two parts, such as ~=1.1")
    return Clause(operator, parsed)


def _pad(version: Version, width: int) -> Version:
    return version + (0,) * (width - len(version))
