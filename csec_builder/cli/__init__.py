"""The command-line interface: a thin Typer layer over the pipeline.

Commands parse options, call one library function and print its result. Domain errors become exit
codes here, in one place: 0 success, 1 a problem with the input or build, 2 a command-line usage
error, 3 a bug in csec-builder.

Start-up matters (every --help, every shell completion, every CI step starts the program), so the
command modules import the library inside the commands, never at the top, and they do without
`from __future__ import annotations`: Typer reads the command signatures on every start, and string
annotations would be evaluated anew each time. Library types in annotations are quoted instead. Every
group is a `help_format.HelpGroup` (sub-apps: `typer.Typer(..., cls=HelpGroup)`), and help is Rich markup,
not Markdown: see help_format.py for why, and tests/test_startup.py for what each `--help` may load.
"""

import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .. import __version__
from . import build, coverage, export, init, lint, new, objectives, schema, template, validate
from .common import report_problems
from .help_format import HelpGroup, defer_unused_rich_modules
from .stdout import OUTPUT_FAILED, READER_GONE, OutputFailed, ReaderGone, guarded_stdout
from .stdout import report as report_output_failure

if TYPE_CHECKING:
    from ..problems import CsecError

INTERNAL_ERROR = 3


def _framework_exceptions() -> tuple[type[BaseException], ...]:
    """Exceptions Typer handles itself (exit codes, usage errors), whether it vendors Click or depends on it."""
    classes: set[type[BaseException]] = {typer.Exit, typer.Abort}
    classes |= {cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException"}
    return tuple(classes)


FRAMEWORK_EXCEPTIONS = _framework_exceptions()


class CsecGroup(HelpGroup):
    """Turns csec-builder's own errors into messages and exit codes, never tracebacks."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except OutputFailed as exc:  # a full disk under `> file`: the user's setup, not a bug
            report_output_failure(exc)
            raise typer.Exit(OUTPUT_FAILED) from None
        except ReaderGone:  # `| head` has what it wanted: stop quietly
            raise typer.Exit(READER_GONE) from None
        except (*FRAMEWORK_EXCEPTIONS, BrokenPipeError):
            raise
        except Exception as exc:
            # Imported here, when something failed: a subcommand's --help runs inside invoke too.
            from ..problems import CsecError

            if isinstance(exc, CsecError):
                show_error(exc)
                raise typer.Exit(exc.exit_code) from None
            if os.environ.get("CSEC_DEBUG"):
                raise
            report_bug(exc)
            raise typer.Exit(INTERNAL_ERROR) from None


def report_bug(exc: Exception) -> None:
    from ..problems import printable

    reason = printable(f"{type(exc).__name__}: {exc}")
    print(f"error: internal error in csec-builder: {reason}", file=sys.stderr)
    print("This is a bug; please report it. Set CSEC_DEBUG=1 to see the details.", file=sys.stderr)


def show_error(exc: "CsecError") -> None:
    """The problems, one line each, when the error has them; otherwise its message."""
    from ..problems import printable

    if exc.problems:
        report_problems(exc.problems, stream=sys.stderr)
    else:
        print(f"error: {printable(exc.message)}", file=sys.stderr)


app = typer.Typer(
    name="csec-builder",
    cls=CsecGroup,
    help="Build CSEC 101 slide decks, facilitator guides and coverage reports from the standardized "
    "California learning objectives.",
    epilog="Docs: see README.md and docs/ in the csec-builder repository.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,  # completion stays available: see main()
    rich_markup_mode="rich",  # Markdown took `<ID>` for an HTML tag and dropped it; see help_format.py
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"csec-builder {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Build CSEC 101 training materials from standardized learning objectives."""


validate.register(app)
objectives.register(app)
schema.register(app)
build.register(app)
coverage.register(app)
export.register(app)
lint.register(app)
init.register(app)
new.register(app)
template.register(app)


COMPLETION_VARIABLE = "_CSEC_BUILDER_COMPLETE"


def main() -> None:
    defer_unused_rich_modules()  # help loads only the Rich it uses
    if os.environ.get(COMPLETION_VARIABLE):
        # Shell completion (`eval "$(_CSEC_BUILDER_COMPLETE=source_bash csec-builder)"`, see docs/cli.md):
        # its classes load only when a shell asks, so --help and every command start without them.
        from typer.completion import completion_init

        completion_init()
    with guarded_stdout():  # output that cannot be written is reported, whenever the write fails
        try:
            app()
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): stop quietly, like other command-line tools.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
