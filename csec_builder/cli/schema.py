"""`csec-builder schema`: print the JSON Schema that editors and other tools validate against."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ..schemas import schema_json


class SchemaName(StrEnum):
    objective = "objective"
    contractor = "contractor"
    workspace = "workspace"
    terminology = "terminology"


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)


def schema(
    name: Annotated[
        SchemaName,
        typer.Argument(
            help="Which file's schema: objective, contractor, workspace (csec.yaml) or terminology (rules/).",
        ),
    ],
) -> None:
    """Print the JSON Schema of an objective, contractor, csec.yaml or terminology rules file.

    The same schemas are committed under schemas/; YAML files point at them with a `# yaml-language-server: $schema=`
    first line so editors check them as you type.
    """
    typer.echo(schema_json(name.value), nl=False)
