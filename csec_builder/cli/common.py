"""What every command shares: the --workspace option, output helpers, and error reporting."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

if TYPE_CHECKING:  # command modules import the library when a command runs, never for --help or completion
    from ..problems import Problem
    from ..workspace import Workspace

WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        envvar="CSEC_WORKSPACE",
        help="Workspace folder (with csec.yaml). Default: the nearest one above the current folder, "
        "else the CSEC 101 standard bundled with csec-builder.",
        show_default=False,
    ),
]

ProblemFormat = Literal["text", "json", "github"]
ProblemFormatOption = Annotated[
    ProblemFormat,
    typer.Option("--format", "-f", help="text: path:line:col lines; json: for tools; github: CI annotations."),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")]


def problem_json(problem: "Problem") -> dict[str, Any]:
    """One problem as every command's JSON output shows it."""
    return {
        "path": problem.display_path(),
        "line": problem.line,
        "col": problem.col,
        "severity": problem.severity,
        "message": problem.message,
    }


# Typer's own UsageError (recent Typer vendors Click, so `click.UsageError` would not be caught).
UsageError: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def usage_error(message: str) -> Exception:
    """A command-line mistake: Typer prints it with the usage line and exits with status 2."""
    return UsageError(message)


def open_workspace(path: Path | None) -> "Workspace":
    from ..workspace import find_workspace

    return find_workspace(path)


def echo(text: str = "", err: bool = False) -> None:
    """Print one line for people: values from files and the command line escaped (`problems.printable`)."""
    from ..problems import printable

    typer.echo(printable(text), err=err)


def echo_json(data: Any) -> None:
    import json

    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def report_problems(problems: "list[Problem]", output_format: str = "text", stream: Any = None) -> None:
    """Print problems one per line, as plain `path:line:col:` text or GitHub annotations."""
    out = stream or sys.stdout
    for problem in problems:  # Problem.format and github_annotation escape what nobody can see
        line = github_annotation(problem) if output_format == "github" else problem.format()
        print(line, file=out)


def github_annotation(problem: "Problem") -> str:
    """A GitHub Actions workflow command, so the problem shows on the offending line of the PR."""
    from ..problems import printable

    path = _escape(printable(problem.display_path()), True)
    message = _escape(printable(problem.message), False)
    return f"::{problem.severity} file={path},line={problem.line},col={problem.col}::{message}"


def _escape(text: str, is_property: bool) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
