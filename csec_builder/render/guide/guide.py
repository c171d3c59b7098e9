"""Render a plan into the facilitator guide, as Markdown and as one self-contained HTML page.

Templates are Jinja, looked up through the workspace's template folders first and the bundled
ones last, so a workspace overrides a guide template by adding a file of the same name. They run in
a sandbox with strict undefined variables; text from YAML is always data, escaped for the output.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from markupsafe import Markup

from ... import __version__
from ...models import Activity, Document, Objective, material_name
from ...plan import Plan, PlannedSlide, split_steps, task_lines
from ...problems import TemplateError as CsecTemplateError
from ...problems import display_path, error
from ...wording import CLOSING_KINDS, OPENING_KINDS
from .markdown import nested_markdown, to_html
from .sandbox import BoundedSandbox

GUIDE_TEMPLATES = {"md": "guide/guide.md.j2", "html": "guide/guide.html.j2"}


@dataclass(frozen=True)
class ObjectiveSection:
    """One objective's part of the guide, with the deck slides that teach it."""

    number: int
    objective: Objective
    start: str
    slides: tuple[PlannedSlide, ...]
    time: str = ""
    """`start` as the contractor's language writes clock times."""

    @property
    def first_slide(self) -> int:
        return self.slides[0].number

    @property
    def last_slide(self) -> int:
        return self.slides[-1].number


@dataclass(frozen=True)
class SessionMaterial:
    """One thing to prepare for the session (the guide templates' `materials`): a supply, or a document.

    Printed as its name, so a template written for the older list of names still works.
    """

    name: str
    document: Document | None
    """The document with its content (title, given_to, body); None for a supply."""
    activities: tuple[tuple[Objective, Activity], ...]
    """Where it is used, in session order."""

    @property
    def form(self) -> str:
        return "supply" if self.document is None else "document"

    @property
    def given_to(self) -> str | None:
        return self.document.given_to if self.document else None

    @property
    def activity_titles(self) -> list[str]:
        return list(dict.fromkeys(activity.title for _objective, activity in self.activities))

    def __str__(self) -> str:
        return self.name


def session_materials(plan: Plan) -> list[SessionMaterial]:
    """Documents in the order the session uses them, then supplies alphabetically, each once."""
    uses: dict[Document | str, list[tuple[Objective, Activity]]] = {}
    for objective in plan.objectives:
        for activity in objective.activities:
            for material in activity.materials:
                uses.setdefault(material, []).append((objective, activity))
    documents = [m for m in uses if isinstance(m, Document)]
    supplies = sorted((m for m in uses if isinstance(m, str)), key=str.casefold)
    return [
        SessionMaterial(material_name(m), m if isinstance(m, Document) else None, tuple(uses[m]))
        for m in [*documents, *supplies]
    ]


def render_guide(plan: Plan, output_format: str, template_dirs: list[Path], logo: Path | None) -> bytes:
    """The guide in `output_format` ('md' or 'html') as UTF-8 bytes."""
    context = guide_context(plan, logo if output_format == "html" else None)
    return render_template(template_dirs, output_format, GUIDE_TEMPLATES[output_format], context).encode("utf-8")


@lru_cache(maxsize=8)
def _environment(template_dirs: tuple[Path, ...], output_format: str) -> BoundedSandbox:
    """One environment per template folders and format in a process, so Jinja compiles each template
    once per build rather than once per contractor (it still recompiles a template whose file changes)."""
    return make_environment(list(template_dirs), output_format)


def make_environment(template_dirs: list[Path], output_format: str) -> BoundedSandbox:
    env = BoundedSandbox(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=output_format == "html",
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=markdown_escape if output_format == "md" else None,
    )
    env.add_filter("slides", slide_range)
    env.add_filter("material_name", material_name)
    env.add_filter("steps", split_steps)
    env.add_filter("task", task_lines)  # `activity | task(wording)`: the fallback line in the guide's language
    # A document's body is Markdown: shown as safe HTML, or included as Markdown, under the guide's heading.
    render_body = to_html if output_format == "html" else nested_markdown
    env.add_filter("markdown", lambda text, top_level=1: Markup(render_body(text, top_level)))
    # Markdown autolinks show backslash escapes literally, so URLs (already validated) pass unescaped.
    env.add_filter(
        "url", (lambda url: Markup(url.replace("<", "%3C").replace(">", "%3E"))) if output_format == "md" else str
    )
    env.add_filter("paragraphs", lambda text: [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()])
    return env


def guide_context(plan: Plan, logo: Path | None) -> dict[str, Any]:
    contractor, config = plan.contractor, plan.config
    audience = next((a.title for a in config.audiences if a.id == contractor.audience), contractor.audience)
    return {
        "plan": plan,
        "contractor": contractor,
        "organization": contractor.organization,
        "standard": config.standard,
        "audience": audience,
        "domains": {d.id: d.title for d in config.domains},
        "agenda": plan.agenda,
        "sections": sections(plan),
        "section_numbers": {o.id: number for number, o in enumerate(plan.objectives, start=1)},
        "opening_slides": [s for s in plan.slides if s.kind in OPENING_KINDS],
        "closing_slides": [s for s in plan.slides if s.kind in CLOSING_KINDS],
        "materials": session_materials(plan),
        "breakdown": _breakdown(plan),
        "wording": plan.words,
        "language": plan.words.LANGUAGE,
        "logo_data_uri": data_uri(logo) if logo else None,
        "logo_alt": plan.words.logo_alt(contractor),
        "generator": f"csec-builder {__version__}",
        "slide_count": len(plan.slides),
    }


def _breakdown(plan: Plan) -> str:
    """Where the day's minutes go: teaching, the test sittings and evaluation, breaks."""
    breaks = sum(a.minutes for a in plan.agenda if a.kind == "break")
    sittings = plan.total_minutes - plan.teaching_minutes - breaks
    return plan.words.agenda_breakdown(plan.teaching_minutes, sittings, breaks)


def sections(plan: Plan) -> list[ObjectiveSection]:
    return [
        ObjectiveSection(number, o, plan.agenda_item(o).start, tuple(plan.slides_for(o)), plan.agenda_item(o).time)
        for number, o in enumerate(plan.objectives, start=1)
    ]


def slide_range(first: int | None, last: int | None = None) -> str:
    if first is None:
        return ""
    return f"slide {first}" if last in (None, first) else f"slides {first}–{last}"


def data_uri(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def markdown_escape(value: Any) -> Any:
    """Escape text from YAML so Markdown shows it literally (Jinja's finalize, like autoescape)."""
    if isinstance(value, SessionMaterial):
        value = str(value)
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    return re.sub(r"^(\s*)([#>+-]|\d+\.)(\s)", r"\1\\\2\3", escaped, flags=re.MULTILINE)


def render_template(template_dirs: list[Path], output_format: str, name: str, context: dict[str, Any]) -> str:
    """Render one Jinja template found through the workspace layers; errors name the template's file and line.

    Any exception a template raises (`{{ 1 / 0 }}`, a value too large for the sandbox, a macro that calls
    itself forever) is the template's error, reported where it stands, not a failure of csec-builder.
    """
    env = _environment(tuple(template_dirs), output_format)
    try:
        template = env.get_template(name)
    except TemplateError as exc:
        raise _template_error(exc, name, template_dirs, None) from None
    try:
        return template.render(context)
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError, RecursionError, MemoryError) as exc:
        raise _template_error(exc, name, template_dirs, template.filename) from None


def _place_in_template(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in the traceback (Jinja maps its frames to template lines)."""
    place: tuple[str | None, int | None] = (None, None)
    frame = exc.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_filename.endswith(".j2"):
            place = (frame.tb_frame.f_code.co_filename, frame.tb_lineno)
        frame = frame.tb_next
    return place


def _template_error(
    exc: BaseException, name: str, template_dirs: list[Path], rendering: str | None
) -> CsecTemplateError:
    """`exc` as a problem at the template's path and line; `rendering` is the file of the template being rendered."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if filename is None:  # errors while rendering carry their place only in the traceback Jinja rewrote
        filename, line = _place_in_template(exc)
    filename = filename or rendering
    line = line or 1
    searched = ", ".join(display_path(d) for d in template_dirs) or "no template folders"
    if isinstance(exc, TemplateNotFound):
        message = f"template '{exc.name}' not found (searched: {searched})"
        if filename is None:  # the template the build asked for: no other template names it
            return CsecTemplateError(message)
    elif isinstance(exc, TemplateError):
        message = f"template error: {exc.message or exc}"
    else:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        message = f"template error: {reason}"
    path = Path(filename) if filename else Path(name)
    return CsecTemplateError(f"{display_path(path)}:{line}: {message}", [error(path, message, line)])
