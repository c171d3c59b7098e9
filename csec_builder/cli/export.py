"""`csec-builder export case`: the standard (or a workspace's catalog) for other systems."""

from pathlib import Path
from typing import Annotated

import typer

from .common import WorkspaceOption, usage_error
from .help_format import HelpGroup

export_app = typer.Typer(
    help="Export the catalog for learning-management systems.", no_args_is_help=True, cls=HelpGroup
)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")


@export_app.command("case")
def export_case(
    workspace: WorkspaceOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the JSON to this file instead of standard output.", dir_okay=False),
    ] = None,
    base_uri: Annotated[
        str | None,
        typer.Option(
            help="Where the framework will be published, e.g. https://case.example.org/uri; "
            "each item's uri is this plus its identifier. Default: urn:uuid: URIs.",
        ),
    ] = None,
) -> None:
    """Write the catalog as a 1EdTech CASE 1.1 CFPackage (JSON): one item per domain and objective."""
    from ..output import write_files
    from ..render.exports.case import case_package
    from .objectives import load_catalog

    if base_uri is not None and not base_uri.startswith(("https://", "http://")):
        raise usage_error(f"--base-uri must start with https:// or http://, not '{base_uri}'")
    catalog = load_catalog(workspace)
    data = case_package(catalog.config, catalog.objectives, base_uri)
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    write_files(output.parent if str(output.parent) else Path("."), {output.name: data})
    typer.echo(f"wrote {output} ({len(catalog.objectives)} objectives)", err=True)
