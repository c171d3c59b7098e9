"""Terminal output that fits: how wide to print, and tables or wrapped lines that never exceed it.

Every command that prints a table or a report to the terminal asks `output_width` first:
- `COLUMNS` when it is set, with or without a terminal (CI systems set it);
- else the terminal's width when the stream is a terminal;
- else None: output goes to a pipe, a file or a CI log, and commands print plain lines, one record each,
  rather than a table drawn for a screen nobody has.

Given a width, a command offers its layouts from the richest to the plainest; `first_fitting` picks the
first that shows every character of its content within the width. Rich would otherwise squeeze a table
into any width by cutting words ("RE…") and shrinking columns to nothing, which is what this prevents.
"""

from __future__ import annotations

import io
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TextIO

from rich.cells import cell_len, chop_cells
from rich.console import Console, RenderableType
from rich.markup import escape

from ...problems import printable

# Wide enough that Rich never needs to squeeze anything: the reference rendering of a layout.
UNLIMITED = 10_000
BOX_DRAWING = range(0x2500, 0x2580)

Item = RenderableType
"""What a layout is made of: plain strings (printed as they are, never as markup) and Rich renderables."""


def output_width(stream: TextIO | None = None) -> int | None:
    """Columns available for output to `stream` (None: a file), or None when plain lines suit better."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if stream is None or not _is_terminal(stream):
        return None
    try:
        return os.get_terminal_size(stream.fileno()).columns or None
    except (OSError, ValueError, AttributeError):
        return 80


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, AttributeError):
        return False


def cell(text: str) -> str:
    """Text from a file as Rich markup for a table cell: never markup itself, and nothing hidden (`printable`)."""
    return escape(printable(text))


# --- layouts that fit ---------------------------------------------------------------------


def render_lines(renderable: RenderableType, width: int) -> list[str]:
    """The renderable as plain text lines (no colour), right-trimmed, at `width` columns."""
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False, emoji=False)
    with console.capture() as capture:
        console.print(renderable)
    return [line.rstrip() for line in capture.get().splitlines()]


def fits(renderable: RenderableType, width: int) -> bool:
    """True when the renderable shows all of its content within `width`: no cut word, no vanished column.

    Wrapping a cell moves characters but keeps them all; truncation ("…") or a column squeezed to nothing
    loses some. So the visible characters (all but spaces and box lines) at `width` must be exactly those
    of an unconstrained rendering.
    """
    natural = render_lines(renderable, UNLIMITED)
    if max((cell_len(line) for line in natural), default=0) <= width:
        return True
    return _visible(natural) == _visible(render_lines(renderable, width))


def _visible(lines: Iterable[str]) -> Counter[str]:
    return Counter(ch for line in lines for ch in line if not ch.isspace() and ord(ch) not in BOX_DRAWING)


def first_fitting(candidates: Iterable[RenderableType], width: int) -> RenderableType | None:
    """The first candidate that fits `width` whole, or None when none does. Candidates are built lazily."""
    return next((candidate for candidate in candidates if fits(candidate, width)), None)


# --- wrapped lines --------------------------------------------------------------------------


def wrap(text: str, width: int | None, indent: str = "    ") -> list[str]:
    """`text` broken at spaces into lines of at most `width` cells, continuation lines indented.

    Words (ids, paths) are never split at hyphens; only a word longer than a whole line is cut, since
    the line must fit. With no width the text stays one line. Characters nobody can see come out escaped.
    """
    text = printable(text)
    if width is None:
        return [text]
    width = max(width, 1)
    if cell_len(indent) >= width // 2:
        indent = ""  # a narrow screen needs the room more than the indent
    lines: list[str] = []
    current = ""
    lead = text[: len(text) - len(text.lstrip(" "))]  # the first line keeps its own indent
    for word in text.split():
        joined = f"{current} {word}" if current else (indent if lines else lead) + word
        if cell_len(joined) > width and current:
            lines.append(current)
            joined = indent + word
        while cell_len(joined) > width:
            head = chop_cells(joined, width)[0] or joined[0]
            lines.append(head)
            joined = indent + joined[len(head) :]
        current = joined
    lines.append(current)
    return lines


def wrap_items(items: Sequence[str], width: int | None, separator: str = "  ") -> list[str]:
    """Items (e.g. legend entries) joined on lines of at most `width` cells; an item is split only if it must be."""
    if width is None:
        return [separator.join(items)]
    lines: list[str] = []
    line = ""
    for item in items:
        candidate = f"{line}{separator}{item}" if line else item
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        pieces = wrap(item, width, indent="")
        lines += pieces[:-1]
        line = pieces[-1]
    if line:
        lines.append(line)
    return lines


# --- printing ------------------------------------------------------------------------------


def print_items(items: Iterable[Item], stream: TextIO | None = None, width: int | None = None) -> None:
    """Print a layout: strings as they are (escaped, see `problems.printable`), renderables through Rich at `width`
    (colour only on a terminal)."""
    out = stream or sys.stdout
    console = Console(file=out, width=width or UNLIMITED, highlight=False, emoji=False)
    for item in items:
        if isinstance(item, str):
            console.print(printable(item, keep_newlines=True), markup=False, highlight=False, soft_wrap=True)
        else:
            console.print(item)


def to_text(items: Iterable[Item], width: int | None) -> str:
    """A layout as plain text (for files and pipes): no colour, trailing spaces trimmed."""
    lines: list[str] = []
    for item in items:
        lines += item.split("\n") if isinstance(item, str) else render_lines(item, width or UNLIMITED)
    return "".join(f"{line.rstrip()}\n" for line in lines)
