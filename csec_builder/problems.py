"""Problems found in user input, and the errors that carry them to the CLI.

Every stage reports what is wrong as a `Problem` that names a file and a position, so people and
CI see `path:line:col: error: message`, one line per problem, and never a traceback.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    col: int
    severity: Severity
    message: str
    label: str | None = field(default=None, compare=False)
    """How to show the path when it lies in a lower layer of the workspace, e.g. `standard:objectives/DEF-01.yaml`."""

    def display_path(self) -> str:
        return self.label or display_path(self.path)

    def format(self) -> str:
        return printable(f"{self.display_path()}:{self.line}:{self.col}: {self.severity}: {self.message}")

    def as_warning(self) -> Problem:
        return Problem(self.path, self.line, self.col, "warning", self.message, self.label)


def display_path(path: Path) -> str:
    """A path as the user can type it: relative to the current folder when it lies below it.

    A symlink shows as itself, not as the file it points to: that is the name the user sees in the workspace.
    """
    try:
        here = Path.cwd().resolve()
        linked = path.parent.resolve() / path.name if path.name not in ("", "..") else path.resolve()
        for candidate in (linked, path.absolute()):
            if candidate.is_relative_to(here):
                return str(candidate.relative_to(here))
    except (OSError, RuntimeError):  # a vanished current folder, a symlink loop
        pass
    return os.fspath(path)


# Characters that are shown as escapes (`\x1b`, `\n`, `\u202e`) rather than sent to a terminal: controls (ESC
# would restyle or retitle the terminal, a newline would forge a second message line), format characters such as
# the bidirectional overrides (they reorder what is shown) and zero-width spaces, line and paragraph separators,
# surrogates, private-use and unassigned code points. The zero-width joiners stay: scripts and emoji need them.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_KEPT = {"\u200c", "\u200d"}
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str, keep_newlines: bool = False) -> str:
    """`text` safe to print: every character nobody can see, or that a terminal would obey, as an escape.

    The one helper for every message and listing, so a value from YAML, a file name or a command-line
    argument cannot move the cursor, recolour the terminal, reorder a line or add a line of its own.
    """
    if text.isprintable():  # the usual case: nothing to escape
        return text
    return "".join(_shown(char, keep_newlines) for char in text)


def _shown(char: str, keep_newlines: bool) -> str:
    if (char == "\n" and keep_newlines) or char in _KEPT:
        return char
    if char.isprintable() or unicodedata.category(char) not in _HIDDEN_CATEGORIES:
        return char
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def error(path: Path, message: str, line: int = 1, col: int = 1) -> Problem:
    return Problem(path, line, col, "error", message)


def warning(path: Path, message: str, line: int = 1, col: int = 1) -> Problem:
    return Problem(path, line, col, "warning", message)


def suggest(word: str, options: Iterable[str]) -> str:
    """'; did you mean 'x'?' when a close match exists, else ''."""
    guess = difflib.get_close_matches(word, list(options), n=1)
    return f"; did you mean '{guess[0]}'?" if guess else ""


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


class CsecError(Exception):
    """A failure caused by the user's input or setup: shown as a message, never a traceback."""

    exit_code = 1

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = sorted(problems)


class WorkspaceError(CsecError):
    """The workspace cannot be found or its csec.yaml is unusable."""


class InputError(CsecError):
    """One or more input files are invalid; `problems` says where."""


class TemplateError(CsecError):
    """A .pptx or Jinja template cannot be used; `kind` names the slide kind whose layout failed, if any."""

    def __init__(self, message: str, problems: Iterable[Problem] = (), kind: str | None = None) -> None:
        super().__init__(message, problems)
        self.kind = kind


class UsageMistake(CsecError):
    """The command line names something that cannot be used (an output file that is a folder): status 2."""

    exit_code = 2


class NotFoundError(CsecError):
    """The command line names something the workspace does not have (an unknown id)."""
