"""`csec-builder init`: make a contractor workspace that builds on the bundled standard."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import echo
from .new import Kind, contractor_id

if TYPE_CHECKING:
    from ..scaffold import LocalHelp


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
    county: Annotated[
        str | None, typer.Option(help='Your county\'s name, e.g. "Alameda": it names the hotline in your profile.')
    ] = None,
    hotline: Annotated[
        str | None,
        typer.Option(help='Your county\'s child abuse hotline, e.g. "(510) 259-1800": on the resources slide.'),
    ] = None,
    csec_service: Annotated[
        list[str] | None,
        typer.Option(
            "--csec-service",
            help='A local CSEC service as "Name: phone" (repeat for more), e.g. "County CSEC program: 555-0100".',
        ),
    ] = None,
) -> None:
    """Make a workspace for your own training on the standard that comes with csec-builder.

    It holds csec.yaml (extending the bundled standard), your contractor profile with every field and a note on
    each, objectives/ and templates/ for files of your own, schemas/ for editors, .gitignore and a README. Existing
    files are never overwritten. The profile's day has breaks and a lunch sized to your audience's objectives, and
    its resources your county's child abuse hotline and CSEC services: asked for on a terminal when not given.
    Then run `csec-builder build` in the new folder.
    """
    from ..problems import display_path
    from ..scaffold import ContractorChoices, init_workspace

    local = ask_local_help(county, hotline, csec_service)
    choices = ContractorChoices(contractor, name, audience, kind, local)
    written = init_workspace(folder.resolve(), choices, with_template)
    echo(f"Made a csec-builder workspace in {display_path(folder.resolve())}:")
    for path in written:
        echo(f"  {display_path(path)}")
    go = "" if folder.resolve() == Path.cwd().resolve() else f"cd {display_path(folder.resolve())}, then "
    echo(f"Next: {go}edit contractors/{contractor}.yaml and run `csec-builder build`.")


# Questions to the person running init, not text of the materials: the wording catalogs stay for outputs.
ASK_COUNTY = "County (e.g. Alameda; Enter to skip)"
ASK_HOTLINE = "County child abuse hotline phone (Enter to skip)"
ASK_CSEC_SERVICE = "A local CSEC service as 'Name: phone' (Enter when done)"


def ask_local_help(county: str | None, hotline: str | None, services: list[str] | None) -> "LocalHelp":
    """The county's numbers from the options; on a terminal, what the options left out is asked for.

    Enter skips a question: the profile then keeps a TODO where the hotline goes, and validate warns.
    """
    from ..scaffold import LocalHelp, parse_service

    if sys.stdin.isatty():
        county = county or _ask(ASK_COUNTY)
        hotline = hotline or _ask(ASK_HOTLINE)
        if services is None:
            services = list(iter(lambda: _ask(ASK_CSEC_SERVICE), None))
    return LocalHelp(county, hotline, tuple(parse_service(s) for s in services or []))


def _ask(question: str) -> str | None:
    return typer.prompt(question, default="", show_default=False).strip() or None
