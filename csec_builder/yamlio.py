"""Safe YAML reading that remembers where every key and value stands in the file.

Only plain data is accepted: YAML 1.2 core scalars (so `09:00` stays text and `no` stays text),
no language-specific tags, no files over 1 MB, and no alias bombs. Anything wrong becomes an
`InputError` whose problems point at the line and column.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .limits import LimitError, read_bounded
from .problems import InputError, Problem, error
from .workspace import WORKSPACE

if TYPE_CHECKING:  # pydantic is for annotations here: reading YAML needs none of it
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")

MAX_BYTES = 1_000_000
MAX_NODES = 100_000
MAX_DEPTH = 100

Loc = tuple[str | int, ...]
Position = tuple[int, int]


# libyaml's parser when PyYAML was built with it (it is ten times faster); same results either way.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CoreLoader(_SafeBase):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2 core-schema scalars instead of YAML 1.1's surprises."""

    yaml_implicit_resolvers: ClassVar[dict] = {}


_RESOLVERS = [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("merge", r"^(?:<<)$", "<"),
]
for _name, _pattern, _first in _RESOLVERS:
    CoreLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_name}", re.compile(_pattern), list(_first))


def _parse_int(text: str) -> int:
    # Base 10 for plain digits: YAML 1.1 would read "09" as a broken octal number.
    return int(text, 0) if text.lstrip("+-")[:2] in ("0x", "0o") else int(text, 10)


def _construct_int(loader: CoreLoader, node: ScalarNode) -> int:
    return _parse_int(str(loader.construct_scalar(node)))


CoreLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


@dataclass
class YamlDoc:
    """A parsed YAML file plus the 1-based (line, col) of each key and value, by path."""

    path: Path
    data: Any
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)
    text: str = field(default="", repr=False)
    """The file's text as read (UTF-8, without a byte order mark): lint finds words and waivers in it."""

    def position(self, loc: Sequence[str | int], key: bool = False) -> Position:
        """Where `loc` stands; the nearest enclosing value when it does not exist (a missing field)."""
        path = self.existing_prefix(loc)
        if key and path in self.keys and len(path) == len(tuple(loc)):
            return self.keys[path]
        return self.values.get(path, (1, 1))

    def problem(self, loc: Sequence[str | int], message: str, key: bool = False) -> Problem:
        line, col = self.position(loc, key)
        return error(self.path, message, line, col)

    def existing_prefix(self, loc: Sequence[str | int]) -> Loc:
        """Follow `loc` through the data, skipping parts that are not in it (pydantic's union tags)."""
        node, path = self.data, ()
        for part in loc:
            if _has(node, part):
                node, path = node[part], (*path, part)
        return path


def _has(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def read_yaml(path: Path) -> YamlDoc:
    """Parse one YAML file safely; raise InputError naming the file, line and column."""
    text = _read_text(path)
    try:
        loader = CoreLoader(text)  # the pure-Python reader checks every character up front
    except yaml.reader.ReaderError as exc:
        raise InputError(f"{path}: invalid YAML", [_reader_problem(path, text, exc)]) from None
    try:
        _check_depth(text)
        node = loader.get_single_node()
        if node is None:
            raise InputError(f"{path}: empty", [error(path, "file is empty: expected a mapping of fields")])
        doc = YamlDoc(path, None, text=text)
        _index(node, (), doc, [0], node.start_mark)
        doc.data = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:  # libyaml's reader checks characters as it goes
        raise InputError(f"{path}: invalid YAML", [_reader_problem(path, text, exc)]) from None
    except yaml.MarkedYAMLError as exc:
        raise InputError(f"{path}: invalid YAML", [_yaml_problem(path, exc, text)]) from None
    except yaml.YAMLError as exc:  # errors without a position
        message = " ".join(f"invalid YAML: {exc}".split())  # one line, whatever the parser said
        raise InputError(f"{path}: invalid YAML", [error(path, message)]) from None
    except RecursionError:  # pure-Python PyYAML composes nested collections recursively
        mark = loader.get_mark() if hasattr(loader, "get_mark") else None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"values are nested more than {MAX_DEPTH} levels deep"
        raise InputError(f"{path}: too deep", [error(path, message, line, col)]) from None
    finally:
        loader.dispose()
    problems = hidden_character_problems(doc)
    if problems:
        raise InputError(f"{path}: control characters", problems)
    return doc


# Characters no text may hold: C0 and C1 controls but tab and line feed, DEL, lone surrogates, and the
# Unicode non-characters. YAML's reader refuses most of them written raw in a file, but a double-quoted
# escape ("\x1b[31m", "\x00", "\uFFFE") makes any of them, and a terminal or an Office file chokes on them.
_NONCHARACTERS = "".join(chr(plane + last) for plane in range(0x10000, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF))
HIDDEN_CHARACTER = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff{_NONCHARACTERS}]")


def describe_character(char: str) -> str:
    """'U+001B (a control character)', for messages about a character nobody can see."""
    code = ord(char)
    kind = "a control character" if code < 0xA0 else "a surrogate" if 0xD800 <= code < 0xE000 else "a non-character"
    return f"U+{code:04X} ({kind})"


def hidden_character_problems(doc: YamlDoc) -> list[Problem]:
    """A problem at each key or text value that holds a control character or a non-character."""
    problems = []
    for loc, text, key in _texts(doc.data):
        found = HIDDEN_CHARACTER.search(text)
        if found:
            line, col = doc.keys.get(loc, (1, 1)) if key else doc.values.get(loc, (1, 1))
            shown = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
            prefix = f"{shown}: " if shown else ""
            message = f"{prefix}character {describe_character(found.group())} is not allowed in text; remove it"
            problems.append(error(doc.path, message, line, col))
    return problems


def _texts(data: Any, loc: Loc = ()) -> Any:
    """(loc, text, is_key) for every string key and value in parsed YAML."""
    if isinstance(data, str):
        yield loc, data, False
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield (*loc, key), key, True
            yield from _texts(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*loc, index))


def _check_depth(text: str) -> None:
    """Refuse deep nesting before libyaml composes it: its C code recurses without limit and a
    file of a few hundred kilobytes of `[` or `- ` would crash the interpreter (a segfault)."""
    if _SafeBase is yaml.SafeLoader:
        return  # the pure-Python composer raises RecursionError instead, handled by the caller
    parser = _SafeBase(text)
    try:
        depth = -1  # the file's own mapping is level 0: `key: [[...]]` is nested as many levels as it has brackets
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise yaml.MarkedYAMLError(
                        problem=f"values are nested more than {MAX_DEPTH} levels deep", problem_mark=event.start_mark
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        parser.dispose()


def read_mapping(path: Path, what: str) -> YamlDoc:
    """Parse a YAML file whose top level must be a mapping (`what` names it for the message)."""
    return require_mapping(read_yaml(path), what)


def require_mapping(doc: YamlDoc, what: str) -> YamlDoc:
    """`doc`, when its top level is a mapping; an InputError naming `what` otherwise."""
    path = doc.path
    if not isinstance(doc.data, dict):
        found = describe_type(doc.data)
        raise InputError(
            f"{path}: not a mapping", [doc.problem((), f"{what} must be a mapping of fields, found {found}")]
        )
    return doc


def describe_type(value: object) -> str:
    """A type name a non-programmer recognises, for messages like 'expected text, found a list'."""
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping"}
    if value is None:
        return "an empty value"
    return names.get(type(value), type(value).__name__)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{path}: too large", [error(path, f"file is {size:,} bytes; the limit is {MAX_BYTES:,} (1 MB)")]
            )
        raw = read_bounded(path, "file", MAX_BYTES)  # a FIFO or a device among the YAML files must not hang a read
    except LimitError as exc:
        raise InputError(f"{path}: unreadable", exc.problems) from None
    except OSError as exc:
        reason = "file is a symlink loop" if exc.errno == errno.ELOOP else f"cannot read file: {exc.strerror or exc}"
        raise InputError(f"{path}: unreadable", [error(path, reason)]) from None
    encoding = other_encoding(raw)
    if encoding:
        message = f"file is {encoding} text, not UTF-8; save it with UTF-8 encoding"
        raise InputError(f"{path}: not UTF-8", [error(path, message)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        message = f"file is not valid UTF-8 text (byte 0x{bad}); save it with UTF-8 encoding"
        raise InputError(f"{path}: not UTF-8", [error(path, message, line, col)]) from None


BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
)


def other_encoding(raw: bytes) -> str | None:
    """The encoding a file that is not UTF-8 was saved in, when its bytes show it: a UTF-16 or UTF-32 byte order
    mark, or UTF-16 without one (every other byte zero, as English text in UTF-16 is). None otherwise."""
    for mark, name in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            return name
    sample = raw[:4096]
    half = len(sample) // 2
    if half >= 4:
        if sample[1::2].count(0) > 0.9 * half:
            return "UTF-16 (little-endian, no byte order mark)"
        if sample[0::2].count(0) > 0.9 * half:
            return "UTF-16 (big-endian, no byte order mark)"
    return None


def _index(node: Node, loc: Loc, doc: YamlDoc, count: list[int], place: yaml.Mark) -> None:
    """Record positions of every value and key; refuse duplicate keys and alias bombs.

    `place` is where a problem of this node is reported: the node itself, or, once the walk has followed an
    alias back to an anchor earlier in the file, the innermost node that holds the alias (the anchor's own
    position says nothing of where the nesting or expansion happens).
    """
    count[0] += 1
    if count[0] > MAX_NODES:
        raise yaml.MarkedYAMLError(
            problem=f"document expands to more than {MAX_NODES:,} values (too many aliases)", problem_mark=place
        )
    # A list or mapping at level MAX_DEPTH + 1 (the file's own mapping is level 0); also stops an alias
    # that refers to itself (`&a [*a]`).
    if len(loc) > MAX_DEPTH and isinstance(node, SequenceNode | MappingNode):
        raise yaml.MarkedYAMLError(
            problem=f"values are nested more than {MAX_DEPTH} levels deep (or an alias refers to itself)",
            problem_mark=place,
        )
    doc.values.setdefault(loc, _pos(node))
    children: list[tuple[Loc, Node]] = []
    if isinstance(node, SequenceNode):
        children = [((*loc, index), item) for index, item in enumerate(node.value)]
    elif isinstance(node, MappingNode):
        seen: dict[object, Position] = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key == "<<":
                continue
            if key in seen:
                raise yaml.MarkedYAMLError(
                    problem=f"duplicate key '{key}' (first used on line {seen[key][0]})",
                    problem_mark=key_node.start_mark,
                )
            seen[key] = _pos(key_node)
            doc.keys[(*loc, key)] = _pos(key_node)
            children.append(((*loc, key), value_node))
    for child_loc, child in children:
        in_order = place is node.start_mark and child.start_mark.index >= node.start_mark.index
        _index(child, child_loc, doc, count, child.start_mark if in_order else place)


def _key(node: Node) -> object:
    if not isinstance(node, ScalarNode):
        return f"<{node.id}>"
    kind = node.tag.rsplit(":", 1)[-1]
    converters = {"int": _parse_int, "float": float}
    try:
        return converters.get(kind, str)(node.value)
    except ValueError:
        return node.value


def _pos(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _reader_problem(path: Path, text: str, exc: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow (a control character), at its line and column."""
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    # The first such character is the one reported (libyaml counts bytes, PyYAML characters).
    position = text.find(chr(code))
    position = exc.position if position < 0 else position
    before = text[:position]
    line = before.count("\n") + 1
    col = position - (before.rfind("\n") + 1) + 1
    message = f"character U+{code:04X} is not allowed in YAML text (a control character or non-character); remove it"
    return error(path, message, line, col)


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.splitlines()
    return lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""


def _yaml_problem(path: Path, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    if "'\\t'" in problem or _char_at(text, line, col) == "\t":
        message = "tab character found: YAML must be indented with spaces, not tabs"
    elif "could not determine a constructor" in problem or "python/" in problem:
        tag = re.search(r"tag '([^']+)'", problem)
        shown = tag.group(1).replace("tag:yaml.org,2002:", "!!") if tag else "a language-specific tag"
        message = f"unsupported tag {shown}: only plain YAML data is allowed"
    elif "nesting depth" in problem:  # newer libyaml builds stop deep nesting themselves
        message = f"values are nested more than {MAX_DEPTH} levels deep"
    elif problem.startswith(("duplicate key", "document expands", "values are nested")):
        message = problem
    else:
        context = f" ({exc.context})" if exc.context and exc.context != problem else ""
        message = f"invalid YAML: {problem}{context}"
    return error(path, message, line, col)


@dataclass(frozen=True)
class Source(Generic[M]):
    """A validated model together with the parsed file it came from (for positions in messages)."""

    model: M
    doc: YamlDoc
    layer: str = WORKSPACE
    """The workspace layer the file comes from: "workspace", or "standard" for the bundled standard."""

    @property
    def path(self) -> Path:
        return self.doc.path
