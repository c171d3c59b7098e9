"""`csec-builder new contractor|objective ID`: add a commented skeleton file to the workspace."""

import re
from typing import Annotated, Literal

import typer

from .common import WorkspaceOption, echo, open_workspace
from .help_format import HelpGroup

new_app = typer.Typer(
    help="Add a skeleton contractor or objective file to the workspace.", no_args_is_help=True, cls=HelpGroup
)


Kind = Literal["academy", "college", "contractor"]


def contractor_id(value: str) -> str:
    from ..models import CONTRACTOR_ID  # here, not at the top: --help loads no model

    if not re.match(CONTRACTOR_ID, value):
        raise typer.BadParameter(f"'{value}' must be lower-case letters, digits and dashes, like my-org")
    return value


def _objective_id(value: str) -> str:
    from ..models import OBJECTIVE_ID

    if not re.match(OBJECTIVE_ID, value.upper()):
        raise typer.BadParameter(f"'{value}' must be letters, digits and dashes, like MYORG-01")
    return value.upper()


def register(app: typer.Typer) -> None:
    app.add_typer(new_app, name="new")


@new_app.command("contractor")
def contractor(
    contractor_id: Annotated[
        str, typer.Argument(metavar="ID", help="The profile's id, e.g. my-org.", callback=contractor_id)
    ],
    name: Annotated[str | None, typer.Option(help="The organisation's name (default: a TODO to fill in).")] = None,
    audience: Annotated[
        str | None, typer.Option(help="Who the sessions are for (default: the first audience in csec.yaml).")
    ] = None,
    kind: Annotated[Kind, typer.Option(help="What kind of provider it is.")] = "contractor",
    workspace: WorkspaceOption = None,
) -> None:
    """Write contractors/ID.yaml: a complete profile with every field and a note on each. Refuses to overwrite."""
    from ..problems import display_path
    from ..scaffold import ContractorChoices, new_contractor

    path = new_contractor(open_workspace(workspace), ContractorChoices(contractor_id, name, audience, kind))
    echo(f"Wrote {display_path(path)}: edit it, then run `csec-builder validate` and `csec-builder build`.")


@new_app.command("objective")
def objective(
    objective_id: Annotated[
        str, typer.Argument(metavar="ID", help="The objective's id, e.g. MYORG-01.", callback=_objective_id)
    ],
    domain: Annotated[str | None, typer.Option(help="Its domain (default: the first in csec.yaml).")] = None,
    audience: Annotated[
        list[str] | None, typer.Option(help="An audience it is written for (repeatable; default: all).")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Write objectives/ID.yaml: a valid draft whose TODO texts you replace. Refuses to overwrite."""
    from ..problems import display_path
    from ..scaffold import new_objective

    path = new_objective(open_workspace(workspace), objective_id, domain, audience)
    echo(
        f"Wrote {display_path(path)}: replace its TODO texts, then add {objective_id} to a contractor's "
        "objectives (include) to teach it."
    )
