"""`csec-builder init`: make a contractor workspace that builds on the bundled standard."""

from pathlib import Path
from typing import Annotated

import typer

from .common import echo
from .new import Kind, contractor_id


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    contractor: Annotated[
        str,
        typer.Option(
            help="Your profile's id: lower-case letters, digits and dashes, e.g. my-org.", callback=contractor_id
        ),
    ],
    name: Annotated[str, typer.Option(help='Your organisation\'s name, e.g. "My Org".')],
    audience: Annotated[str, typer.Option(help="Who your sessions are for: an audience of the standard.")],
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="Folder for the new workspace (made when missing).")
    ] = Path("."),
    kind: Annotated[Kind, typer.Option(help="What kind of provider you are.")] = "contractor",
    with_template: Annotated[
        bool, typer.Option("--with-template", help="Copy the default PowerPoint template into templates/ to rebrand.")
    ] = False,
) -> None:
    """Make a workspace for your own training on the standard that comes with csec-builder.

    It holds csec.yaml (extending the bundled standard), your contractor profile with every field and a note on
    each, objectives/ and templates/ for files of your own, schemas/ for editors, .gitignore and a README. Existing
    files are never overwritten. Then run `csec-builder build` in the new folder.
    """
    from ..problems import display_path
    from ..scaffold import ContractorChoices, init_workspace

    written = init_workspace(folder.resolve(), ContractorChoices(contractor, name, audience, kind), with_template)
    echo(f"Made a csec-builder workspace in {display_path(folder.resolve())}:")
    for path in written:
        echo(f"  {display_path(path)}")
    go = "" if folder.resolve() == Path.cwd().resolve() else f"cd {display_path(folder.resolve())}, then "
    echo(f"Next: {go}edit contractors/{contractor}.yaml and run `csec-builder build`.")
