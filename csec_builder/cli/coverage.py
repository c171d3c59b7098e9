"""`csec-builder build` (placeholder until the build stage lands)."""

import typer


def register(app: typer.Typer) -> None:
    pass
