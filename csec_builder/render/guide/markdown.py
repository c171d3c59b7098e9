"""Document bodies (Markdown written in objective files) inside other documents.

A handout's or answer key's body is Markdown: paragraphs, lists, tables, headings. The HTML guide
shows it as HTML with raw HTML disabled (so a body can never inject markup or scripts); the
Markdown guide includes it as Markdown. In both, its headings are moved down so that they nest
under the heading the guide gives the document.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

MAX_LEVEL = 6
# A '<' that would start raw HTML, unless it starts an autolink such as <https://example.org>.
_RAW_HTML = re.compile(r"(`+).*?\1|<(?=[A-Za-z/!?])(?![A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\s]*>)")


@lru_cache(maxsize=1)
def parser() -> Any:
    """CommonMark with tables; raw HTML is text, and pictures are off (a guide loads no outside files)."""
    from markdown_it import MarkdownIt  # deferred: only builds that show documents need it

    return MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")


def to_html(text: str, top_level: int) -> str:
    """`text` as HTML, its highest headings at `top_level` (h1-h6)."""
    md = parser()
    tokens = md.parse(text)
    shift = _shift(tokens, top_level)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(MAX_LEVEL, int(token.tag[1:]) + shift)}"
    return md.renderer.render(tokens, md.options, {})


def nested_markdown(text: str, top_level: int) -> str:
    """`text` as Markdown to include in another Markdown file, under a heading one level above `top_level`.

    Headings become ATX headings at `top_level` and below; a '<' that would start raw HTML is escaped
    outside code; a code fence left open is closed, so the body cannot swallow what follows it.
    """
    tokens = parser().parse(text)
    lines = text.splitlines()
    shift = _shift(tokens, top_level)
    code_lines: set[int] = set()
    for index, token in enumerate(tokens):
        if token.type in ("fence", "code_block") and token.map:
            code_lines.update(range(*token.map))
            if token.type == "fence" and token.map[1] >= len(lines) and not _closes(lines[-1], token.markup):
                lines.append(token.markup)
        if token.type == "heading_open" and token.level == 0 and token.map:
            level = min(MAX_LEVEL, int(token.tag[1:]) + shift)
            start, end = token.map
            lines[start:end] = [f"{'#' * level} {tokens[index + 1].content.strip()}"] + [""] * (end - start - 1)
    escaped = [line if n in code_lines else _RAW_HTML.sub(_escape_tag, line) for n, line in enumerate(lines)]
    return "\n".join(escaped).strip("\n") + "\n"


def _shift(tokens: list[Any], top_level: int) -> int:
    levels = [int(t.tag[1:]) for t in tokens if t.type == "heading_open"]
    return top_level - min(levels) if levels else 0


def _closes(line: str, markup: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(markup) and set(stripped) == {markup[0]}


def _escape_tag(match: re.Match[str]) -> str:
    return match.group(0) if match.group(1) else "\\<"
