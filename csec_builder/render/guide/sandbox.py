"""The Jinja sandbox for workspace templates, with bounds on what a template may build.

Jinja's sandbox stops a template from reaching Python's internals, but not from asking for memory:
`{{ 'x' * 1000000000 }}` built a 6.7 GB guide. Here every operation that can make a value much larger
than its operands (`*`, `+`, `**`, `%`, the widening string methods and filters) has the size of
its result worked out first, and refused over a limit; every filter's and call's result, and
everything a template or block writes, is measured too. A refusal is a `SecurityError`, which the
caller reports at the template's path and line.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Sized
from functools import wraps
from typing import Any

from jinja2.sandbox import SandboxedEnvironment, SecurityError
from jinja2.utils import _PassArg

TEXT_LIMIT = 10_000_000
"""Characters in one text, or items in one list, that a template may make."""
OUTPUT_LIMIT = 50_000_000
"""Characters that one template (or one block or macro of it) may write."""
NUMBER_BITS_LIMIT = 100_000
"""Bits in one whole number (about 30,000 decimal digits)."""

# A printf conversion (`%-10.3f`, `%(name)s`), and a `str.format` field's format spec (`{:>20}`).
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_FORMAT_SPEC = re.compile(r"\{[^{}]*:([^{}]*)\}")
_NUMBER = re.compile(r"\d+")

Estimate = Callable[[dict[str, Any]], int]


class TooLarge(SecurityError):
    """A template asked for a value or an output larger than the sandbox allows."""


def check_size(size: int, limit: int = TEXT_LIMIT, what: str = "a value") -> None:
    if size > limit:
        raise TooLarge(f"the template makes {what} of {size:,} characters or items; the limit is {limit:,}")


def size_of(value: Any) -> int:
    """Characters or items in `value`; 0 for what has no length (numbers, objects)."""
    return len(value) if isinstance(value, str | bytes | list | tuple | dict | set | frozenset) else 0


class BoundedSandbox(SandboxedEnvironment):
    """A sandbox whose templates cannot make huge values or outputs."""

    intercepted_binops = frozenset({"*", "+", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters = {name: bounded_filter(name, function) for name, function in self.filters.items()}
        self.globals.pop("lipsum", None)  # lipsum(10**9) writes paragraphs without end; no guide needs it

    def add_filter(self, name: str, function: Callable[..., Any]) -> None:
        """Register a csec-builder filter, measured like Jinja's own."""
        self.filters[name] = bounded_filter(name, function)

    # The generated code calls `environment.concat` to join a template's, a block's or a macro's output.
    @staticmethod
    def concat(parts: Iterable[str]) -> str:
        collected, total = [], 0
        for part in parts:
            total += len(part)
            check_size(total, OUTPUT_LIMIT, "an output")
            collected.append(part)
        return "".join(collected)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_number(operator, left, right)
        check_size(binop_size(operator, left, right))
        return super().call_binop(context, operator, left, right)

    # Jinja's own parameter names: a template's call may pass keyword arguments named `context` or `obj`.
    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        function = inspect.unwrap(__obj) if callable(__obj) else __obj
        receiver = getattr(function, "__self__", None)
        name = getattr(function, "__name__", "")
        if isinstance(receiver, str) and name in STRING_METHODS:
            args = tuple(list(a) if _lazy(a) else a for a in args)  # a generator is measured, then used
            check_size(STRING_METHODS[name](receiver, args, kwargs))
        result = super().call(__context, __obj, *args, **kwargs)
        check_size(size_of(result))
        check_size(size_of(receiver))  # list.extend, dict.update grow their own list or mapping
        return result


def _lazy(value: Any) -> bool:
    return isinstance(value, Iterator)


def check_number(operator: str, left: Any, right: Any) -> None:
    """Refuse whole numbers that would take more than NUMBER_BITS_LIMIT bits (`10 ** 10 ** 9`)."""
    if not (isinstance(left, int) and isinstance(right, int)) or isinstance(left, bool) or isinstance(right, bool):
        return
    if operator == "*":
        bits = left.bit_length() + right.bit_length()
    elif operator == "**" and right > 0 and abs(left) > 1:
        bits = left.bit_length() * right
    else:
        return
    if bits > NUMBER_BITS_LIMIT:
        raise TooLarge(f"the template makes a number of about {bits:,} bits; the limit is {NUMBER_BITS_LIMIT:,}")


def binop_size(operator: str, left: Any, right: Any) -> int:
    """The length of `left <operator> right` when the operator builds text or a list, else 0."""
    if operator == "*":
        if isinstance(right, int) and size_of(left):
            return size_of(left) * right
        if isinstance(left, int) and size_of(right):
            return size_of(right) * left
    if operator == "+":
        return size_of(left) + size_of(right)
    if operator == "%" and isinstance(left, str):
        return printf_size(left, right)
    return 0


def printf_size(template: str, values: Any) -> int:
    """An upper bound of the padding `template % values` adds: its widths and precisions, and `*` ones."""
    widths = [int(n) for match in _PRINTF.finditer(template) for n in match.groups() if n and n != "*"]
    starred = "*" in "".join(g or "" for match in _PRINTF.finditer(template) for g in match.groups())
    given = values if isinstance(values, tuple) else (values,)
    stars = sum(abs(v) for v in given if isinstance(v, int)) if starred else 0
    return len(template) + sum(widths) + stars + sum(size_of(v) for v in given)


def format_size(template: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """An upper bound of the padding `template.format(...)` adds: its format specs' numbers and nested ones."""
    specs = "".join(_FORMAT_SPEC.findall(template))
    widths = sum(int(n) for n in _NUMBER.findall(specs))
    values = [*args, *kwargs.values()]
    nested = sum(abs(v) for v in values if isinstance(v, int)) if "{" in specs or "{}" in template else 0
    return len(template) + widths + nested + sum(size_of(v) for v in values)


def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, default: Any = None) -> Any:
    return args[index] if len(args) > index else kwargs.get(name, default)


def _width(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _joined(items: Any, separator: str) -> int:
    items = list(items) if isinstance(items, Sized) else []
    texts = sum(len(item) if isinstance(item, str) else len(str(item)) for item in items)
    return texts + len(separator) * max(len(items) - 1, 0)


def _replaced(text: str, old: Any, new: Any, count: Any) -> int:
    if not (isinstance(old, str) and isinstance(new, str)):
        return 0
    times = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    return len(text) + times * max(len(new) - len(old), 0)


def _translated(text: str, table: Any) -> int:
    longest = max((len(v) for v in table.values() if isinstance(v, str)), default=1) if isinstance(table, dict) else 1
    return len(text) * max(longest, 1)


STRING_METHODS: dict[str, Callable[[str, tuple[Any, ...], dict[str, Any]], int]] = {
    "center": lambda s, a, k: max(len(s), _width(_arg(a, k, 0, "width"))),
    "ljust": lambda s, a, k: max(len(s), _width(_arg(a, k, 0, "width"))),
    "rjust": lambda s, a, k: max(len(s), _width(_arg(a, k, 0, "width"))),
    "zfill": lambda s, a, k: max(len(s), _width(_arg(a, k, 0, "width"))),
    "expandtabs": lambda s, a, k: len(s) + s.count("\t") * _width(_arg(a, k, 0, "tabsize", 8)),
    "join": lambda s, a, k: _joined(_arg(a, k, 0, "iterable", ()), s),
    "replace": lambda s, a, k: _replaced(s, _arg(a, k, 0, "old"), _arg(a, k, 1, "new"), _arg(a, k, 2, "count")),
    "format": lambda s, a, k: format_size(s, a, k),
    "format_map": lambda s, a, k: format_size(s, (), dict(_arg(a, k, 0, "mapping", {}) or {})),
    "translate": lambda s, a, k: _translated(s, _arg(a, k, 0, "table")),
}


def _indented(values: dict[str, Any]) -> int:
    text, width = values.get("s", ""), values.get("width", 4)
    per_line = len(width) if isinstance(width, str) else _width(width)
    return len(text) + (text.count("\n") + 1) * per_line


def _wrapped(values: dict[str, Any]) -> int:
    text, width = values.get("s", ""), max(_width(values.get("width", 79)), 1)
    wrap = values.get("wrapstring") or "\n"
    return len(text) + (len(text) // width + text.count("\n") + 1) * len(str(wrap))


def _summed(values: dict[str, Any]) -> int:
    return size_of(values.get("start")) + sum(size_of(item) for item in values.get("iterable", ()))


def _tojson(values: dict[str, Any]) -> int:
    # The indent is repeated on every line of the JSON, however deep: a sensible one is a few spaces.
    indent = values.get("indent")
    return indent * 100_000 if isinstance(indent, int) else 0


FILTERS: dict[str, Estimate] = {
    "center": lambda v: max(size_of(v.get("value", "")), _width(v.get("width", 80))),
    "indent": _indented,
    "join": lambda v: _joined(v.get("value", ()), str(v.get("d", ""))),
    "replace": lambda v: _replaced(str(v.get("s", "")), v.get("old"), v.get("new"), v.get("count")),
    "format": lambda v: printf_size(str(v.get("value", "")), tuple(v.get("args", ()))),
    "wordwrap": _wrapped,
    "batch": lambda v: size_of(v.get("value")) + _width(v.get("linecount")) if v.get("fill_with") is not None else 0,
    "slice": lambda v: size_of(v.get("value")) + _width(v.get("slices")),
    "sum": _summed,
    "tojson": _tojson,
}


def bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` (a filter) that refuses a result over TEXT_LIMIT, and works out the size first when it can."""
    estimate = FILTERS.get(name)
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        signature = None
    passes_argument = _PassArg.from_obj(function) is not None

    @wraps(function)  # keeps Jinja's pass_context / pass_environment marker
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if estimate is not None and signature is not None:
            args = tuple(list(a) if _lazy(a) else a for a in args)  # a generator is measured, then used
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError:
                pass  # the filter itself will say what is wrong with its arguments
            else:
                bound.apply_defaults()
                values = dict(bound.arguments)
                if passes_argument:
                    values.pop(next(iter(signature.parameters)), None)
                check_size(estimate(values))
        result = function(*args, **kwargs)
        check_size(size_of(result))
        return result

    return bounded
