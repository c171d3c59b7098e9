"""Standard output that reports when it cannot be written, for every command.

`objectives list > /dev/full` exited 0 (Python lost the error in its final flush), and larger
outputs exited 3 as a "bug". Output that cannot be written (a full disk, a file over its size
limit, an I/O error) is the user's setup: one `error:` line and exit status 1, whichever command
wrote and whenever the write failed (at once, or in the last flush). A reader that went away
(`| head`) ends the command quietly with 141, as documented (Typer's own handler made it 1).
"""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, TextIO

OUTPUT_FAILED = 1
READER_GONE = 141  # 128 + SIGPIPE, what a shell shows for a tool stopped by a closed pipe


class OutputFailed(Exception):
    """Standard output could not be written; not an OSError, so no file-writing code mistakes it for its own."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.reason = error.strerror or str(error)


class ReaderGone(Exception):
    """The reader of standard output went away; not an OSError, so Typer does not turn it into status 1."""


class GuardedStream:
    """A text stream whose failed writes raise OutputFailed; everything else is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.failed = False

    def write(self, text: str) -> int:
        with self._guarded():
            return self.stream.write(text)

    def flush(self) -> None:
        with self._guarded():
            self.stream.flush()

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        """A write or flush whose failure becomes ReaderGone or OutputFailed, remembered in `failed`."""
        try:
            yield
        except BrokenPipeError:
            self.failed = True
            raise ReaderGone from None
        except OSError as exc:
            self.failed = True
            raise OutputFailed(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def report(exc: OutputFailed) -> None:
    print(f"error: cannot write the output: {exc.reason}", file=sys.stderr)


@contextmanager
def guarded_stdout() -> Iterator[None]:
    """Run a command with standard output guarded; its last flush is checked here, not lost at exit."""
    guarded = GuardedStream(sys.stdout)
    sys.stdout = guarded  # type: ignore[assignment]
    code: Any = 0
    try:
        yield
    except OutputFailed as exc:  # raised outside a command (an eager option such as --version)
        report(exc)
        code = OUTPUT_FAILED
    except ReaderGone:
        code = READER_GONE
    except SystemExit as done:  # how every command ends
        code = done.code
    finally:
        sys.stdout = guarded.stream
    if not guarded.failed:
        try:
            guarded.flush()
        except OutputFailed as exc:
            report(exc)
            code = OUTPUT_FAILED
        except ReaderGone:
            code = READER_GONE
    if guarded.failed:  # reported; what is still buffered must not fail again at exit
        _discard(guarded)
    sys.exit(code)


def _discard(guarded: GuardedStream) -> None:
    """Send what is left in the buffer to /dev/null, so Python's own flush at exit has nothing to complain of."""
    # No file descriptor (a test's StringIO): nothing is flushed at exit either.
    with suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), guarded.stream.fileno())
