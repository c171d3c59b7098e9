"""How csec-builder's help reaches the terminal, and what it costs to start: every `--help` starts the program.

Three things, each measured by benchmarks/startup.py (figures in docs/benchmarks.md):

- Help is Rich markup, not Markdown: Markdown dropped text such as `objectives/<language>/<ID>.yaml` (an
  HTML tag to it) and cost the import of a Markdown parser. Typer keeps a paragraph's line breaks in Rich
  markup, so `HelpGroup` joins the lines of each paragraph of its commands' help.
- Typer's help module imports `rich.markdown` and `rich.traceback` (with Pygments and attrs behind them)
  although Rich-markup help uses neither: `defer_unused_rich_modules` lets it start with stand-ins that
  import the real module the first time they are used, so nothing changes but the start-up time.
- A group's unset `--help` flag reads None, which Typer coerces with a pydantic TypeAdapter: importing
  pydantic was most of `csec-builder coverage --help`. `HelpGroup` makes the flag default to False.
"""

import importlib
import importlib.machinery
import inspect
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from typer.core import TyperGroup

# The modules typer.rich_utils imports and what it takes from each, which Rich-markup help never uses.
UNUSED_BY_HELP = {"rich.markdown": ("Markdown",), "rich.traceback": ("Traceback",)}
RICH_HELP = "typer.rich_utils"


class HelpGroup(TyperGroup):
    """A command group whose help shows every paragraph flowing, and whose unset --help needs no pydantic."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = flowing(self.help)
        for command in self.commands.values():  # the commands' own pages and this group's list of them
            command.help = flowing(command.help)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.default = False  # what unset means; a bool is not coerced, so pydantic stays unloaded
        return option


def flowing(text: str | None) -> str | None:
    """Help text with each paragraph on one line, for the terminal to wrap; `\\b` paragraphs stay as written."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(
        p if p.startswith("\b") else " ".join(line.strip() for line in p.splitlines()) for p in paragraphs
    )


def defer_unused_rich_modules() -> None:
    """From now on, typer.rich_utils imports with stand-ins for the Rich modules that help never uses."""
    if RICH_HELP not in sys.modules and not any(isinstance(f, _RichHelpFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _RichHelpFinder())


class _Deferred(type):
    """Stands for a class of a module not imported yet: calling it, or any attribute, imports the module."""

    def real(cls) -> Any:
        return getattr(importlib.import_module(cls.__module__), cls.__name__)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls.real()(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        return getattr(cls.real(), name)

    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, cls.real())


class _RichHelpFinder:
    """Finds typer.rich_utils as usual, and has it run with the stand-ins in place.

    An import finder and loader by protocol: subclassing importlib.abc would import importlib.resources.
    """

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> Any:
        if fullname != RICH_HELP:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _WithStandIns(spec.loader)
        return spec


class _WithStandIns:
    """Runs a module with stand-ins for UNUSED_BY_HELP; the real modules are what everyone else imports."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        stand_ins = {name: _stand_in(name, classes) for name, classes in UNUSED_BY_HELP.items()}
        stand_ins = {name: stand_in for name, stand_in in stand_ins.items() if name not in sys.modules}
        sys.modules.update(stand_ins)
        try:
            self.loader.exec_module(module)
        except ImportError:  # a Typer that takes more from them than the stand-ins have: the usual import
            _remove(stand_ins)
            self.loader.exec_module(module)
        finally:
            _remove(stand_ins)

    def __getattr__(self, name: str) -> Any:  # get_source for tracebacks, and the rest of the loader's API
        return getattr(self.loader, name)


def _stand_in(name: str, classes: Sequence[str]) -> ModuleType:
    module = ModuleType(name)
    for class_name in classes:
        setattr(module, class_name, _Deferred(class_name, (), {"__module__": name}))
    return module


def _remove(stand_ins: dict[str, ModuleType]) -> None:
    for name, stand_in in stand_ins.items():
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
