"""`csec-builder objectives list|show`: browse the catalog."""

import sys
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from .common import WorkspaceOption, echo_json, open_workspace
from .help_format import HelpGroup

if TYPE_CHECKING:  # the library loads only when a command runs, so --help stays fast
    from rich.table import Table

    from ..catalog import Catalog
    from ..models import Objective

objectives_app = typer.Typer(help="List and show the objectives in the catalog.", no_args_is_help=True, cls=HelpGroup)


ListFormat = Literal["table", "json", "csv"]
ShowFormat = Literal["text", "json"]


def register(app: typer.Typer) -> None:
    app.add_typer(objectives_app, name="objectives")


def load_catalog(workspace: WorkspaceOption) -> "Catalog":
    """csec.yaml and the objectives only: browsing the catalog never reads contractors, templates or images."""
    from ..catalog import Catalog
    from ..loader import load_config, load_objectives, load_translations
    from ..problems import InputError
    from ..translations import checked

    ws, config = load_config(open_workspace(workspace))  # an extending workspace gains the standard's layer
    objectives, problems, failed = load_objectives(ws)
    if failed:
        broken = [p for p in problems if p.path in failed]
        raise InputError("some objective files have errors; run csec-builder validate", broken)
    translations, _problems = load_translations(ws)  # validate reports them; unusable ones are set aside
    translations, _problems = checked(translations, {s.model.id: s.model for s in objectives})
    return Catalog.of(config.model, objectives, failed, translations)


@objectives_app.command("list")
def list_objectives(
    workspace: WorkspaceOption = None,
    domain: Annotated[str | None, typer.Option(help="Only objectives in this domain (an id from csec.yaml).")] = None,
    audience: Annotated[str | None, typer.Option(help="Only objectives written for this audience.")] = None,
    required_for: Annotated[
        str | None, typer.Option(help="Only objectives required for this audience by the standard.")
    ] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = "table",
) -> None:
    """List the catalog's objectives in teaching order, optionally filtered."""
    catalog = load_catalog(workspace)
    _check_choice("domain", domain, catalog.config.domain_ids)
    _check_choice("audience", audience, catalog.config.audience_ids)
    _check_choice("audience", required_for, catalog.config.audience_ids)
    chosen = [
        o
        for o in catalog.objectives
        if (domain is None or o.domain == domain)
        and (audience is None or audience in o.audiences)
        and (required_for is None or required_for in o.required_for)
    ]
    if output_format == "json":
        echo_json([o.model_dump(mode="json") for o in chosen])  # objectives exactly as their files' schema
    elif output_format == "csv":
        _write_csv(chosen, catalog)
    else:
        _print_list(chosen, catalog)


@objectives_app.command("show")
def show_objective(
    objective_id: Annotated[str, typer.Argument(metavar="ID", help="The objective's id, e.g. DEF-01.")],
    workspace: WorkspaceOption = None,
    output_format: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
    language: Annotated[
        str | None,
        typer.Option("--language", "-l", help='Show its translation, e.g. "es" (objectives/<language>/<ID>.yaml).'),
    ] = None,
) -> None:
    """Show one objective in full: statement, key points, slides, activities, checks, references."""
    from ..problems import NotFoundError, suggest

    catalog = load_catalog(workspace)
    objective = catalog.get(objective_id) or catalog.get(objective_id.upper())
    if objective is None:
        raise NotFoundError(f"no objective '{objective_id}' in the catalog{suggest(objective_id, catalog.ids)}")
    note = ""
    if language is not None:
        objective, note = _translation(catalog, objective, language)
    if output_format == "json":
        echo_json(objective.model_dump(mode="json"))
    else:
        from rich.console import Console

        from ..render.reports.terminal import cell

        Console().print(describe(objective, catalog) + (f"\n\n{cell(note)}" if note else ""), highlight=False)


def _translation(catalog: "Catalog", objective: "Objective", language: str) -> "tuple[Objective, str]":
    """The objective in `language`, and a line saying which version the translation follows."""
    from ..problems import NotFoundError
    from ..translations import translated
    from ..wording import SOURCE_LANGUAGE

    if language.split("-")[0].casefold() == SOURCE_LANGUAGE:
        return objective, ""
    found = catalog.translations.language(language)
    source = found.objectives.get(objective.id) if found else None
    if source is None:
        broken = " (its file has errors; run csec-builder validate)" if found and objective.id in found.broken else ""
        raise NotFoundError(f"no translation of {objective.id} into '{language}'{broken}")
    follows = source.model.translates
    status = "up to date" if follows == objective.version else f"outdated: the objective is now v{objective.version}"
    return translated(objective, source.model), f"Translation ({found.tag}) follows v{follows}: {status}"


def _check_choice(option: str, value: str | None, allowed: list[str]) -> None:
    from ..problems import NotFoundError, suggest

    if value is not None and value not in allowed:
        raise NotFoundError(f"unknown {option} '{value}'{suggest(value, allowed)} (known: {', '.join(allowed)})")


def _print_list(objectives: "list[Objective]", catalog: "Catalog") -> None:
    """The table when it fits the terminal whole; otherwise, and in pipes and logs, one line per objective."""
    from ..render.reports.terminal import fits, output_width, print_items, wrap

    width = output_width(sys.stdout)
    table = _table(objectives, catalog)
    if width is not None and fits(table, width):
        print_items([table], sys.stdout, width)
        return
    lines = wrap(str(table.title), width)
    for o in objectives:
        facts = [o.domain, o.bloom_level, f"{o.total_minutes} min", _audiences(o)]
        facts += [f"from the {catalog.layer(o.id)}"] if catalog.layered else []
        lines += wrap(f"{o.id} v{o.version}: {o.title} · {' · '.join(facts)}", width)
    lines += wrap(f"{len(objectives)} objectives; * required for that audience; min = teaching plus activities", width)
    print_items(lines, sys.stdout, width)


def _audiences(objective: "Objective") -> str:
    return ", ".join(a + ("*" if a in objective.required_for else "") for a in objective.audiences)


def _table(objectives: "list[Objective]", catalog: "Catalog") -> "Table":
    from rich.table import Table

    table = Table(title=f"{catalog.config.standard.name} {catalog.config.standard.version}: objectives")
    for column in ("ID", "v", "Title", "Domain", "Bloom", "Min", "Audiences (* required)"):
        table.add_column(column, no_wrap=column in ("ID", "v", "Min"))
    if catalog.layered:  # which objectives are the workspace's own, which the standard's
        table.add_column("Layer", no_wrap=True)
    for o in objectives:
        from ..render.reports.terminal import cell

        title = cell(o.title)  # text from YAML, never markup, nothing hidden
        layer = [catalog.layer(o.id)] if catalog.layered else []
        table.add_row(o.id, str(o.version), title, o.domain, o.bloom_level, str(o.total_minutes), _audiences(o), *layer)
    table.caption = f"{len(objectives)} objectives; Min = teaching plus activity minutes"
    return table


def _write_csv(objectives: "list[Objective]", catalog: "Catalog") -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "version",
            "title",
            "domain",
            "bloom_level",
            "minutes",
            "total_minutes",
            "audiences",
            "required_for",
            "statement",
            "layer",
        ]
    )
    for o in objectives:
        writer.writerow(
            [
                o.id,
                o.version,
                o.title,
                o.domain,
                o.bloom_level,
                o.minutes,
                o.total_minutes,
                ";".join(o.audiences),
                ";".join(o.required_for),
                o.statement,
                catalog.layer(o.id),
            ]
        )


def describe(objective: "Objective", catalog: "Catalog") -> str:
    """One objective as rich markup for the terminal; text from YAML is escaped, never markup.

    Every value is one line: a newline, an ESC or a bidirectional override inside it is shown as an escape
    (`problems.printable`), so a value cannot forge another field's line or restyle the terminal.
    """
    from ..render.reports.terminal import cell as escape

    o = objective
    domain = next((d.title for d in catalog.config.domains if d.id == o.domain), o.domain)
    activity_minutes = o.total_minutes - o.minutes
    lines = [
        f"[bold]{escape(f'{o.id} v{o.version}: {o.title}')}[/bold]",
        escape(
            f"Domain: {domain} | Bloom: {o.bloom_level} | {o.minutes} min teaching + {activity_minutes} min activities"
        ),
        escape(f"Audiences: {', '.join(o.audiences)} | Required for: {', '.join(o.required_for) or 'none'}"),
        "",
        escape(o.statement),
        *_section("Key points", [f"  - {p}" for p in o.key_points]),
        *_section(
            "Slides",
            [
                line
                for n, s in enumerate(o.slides, 1)
                for line in (f"  {n}. {s.title}", *[f"     - {b}" for b in s.bullets])
            ],
        ),
        *_section(
            "Activities",
            [
                line
                for a in o.activities
                for line in (
                    f"  - {a.title} ({a.minutes} min){'' if a.prompt else ' (no prompt)'}",
                    *[f"     document for {d.given_to}: {d.title}" for d in a.documents],
                    *([f"     supplies: {', '.join(a.supplies)}"] if a.supplies else []),
                )
            ],
        ),
        *_section("Discussion questions", [f"  - {q}" for q in o.discussion_questions]),
        *_section(
            "Knowledge check",
            [line for k in o.knowledge_check for line in (f"  Q: {k.question}", f"     Answer: {k.answer}")],
        ),
        *_section("References", [f"  - {r.citation}" for r in o.references]),
    ]
    return "\n".join(lines)


def _section(heading: str, lines: list[str]) -> list[str]:
    from ..render.reports.terminal import cell as escape

    return ["", f"[bold]{heading}[/bold]", *[escape(line) for line in lines]] if lines else []
