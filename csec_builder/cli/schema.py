"""`csec-builder schema`: print the JSON Schema that editors and other tools validate against."""

from typing import Annotated, Literal

import typer

SchemaName = Literal["objective", "contractor", "workspace", "terminology", "translation"]


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)


def schema(
    name: Annotated[
        SchemaName,
        typer.Argument(
            help="Which file's schema: objective, contractor, workspace (csec.yaml), terminology (rules/) or "
            "translation (objectives/<language>/).",
        ),
    ],
) -> None:
    """Print the JSON Schema of an objective, contractor, csec.yaml or terminology rules file.

    The same schemas are committed under schemas/; YAML files point at them with a `# yaml-language-server: $schema=`
    first line so editors check them as you type.
    """
    from ..schemas import schema_json

    typer.echo(schema_json(name), nl=False)
