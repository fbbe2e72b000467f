"""A strict YAML loader: libyaml parses and composes, a small walker builds plain values.

It accepts the subset of YAML that curated data needs (mappings, lists, text, `true`/`false`, `null`) and
turns everything else into a located problem: duplicate keys, aliases, merge keys, non-core tags, several
documents, non-UTF-8 bytes, files over the size cap and nesting over the depth cap. Scalars are kept as
written: `NO` stays the text 'NO', `12:30` stays '12:30', `2025` and `2025-06-03` stay text, so a date keeps
its precision. Every value's position is kept, so a schema problem can point at its line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .paths import Refused, TooLarge, read_regular
from .problems import ERROR, Problem, excerpt, format_field, printable

MAX_FILE_BYTES = 256 * 1024
"""A curated event is a few kilobytes; anything this big is a mistake or an attack."""

MAX_DEPTH = 32
"""The data format nests four levels deep; libyaml itself stops at 1000."""

KeyPath = tuple[str | int, ...]
Position = tuple[int, int]

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Tags the resolver hands back for untagged nodes, so the walker can tell them from explicit tags.
_PLAIN = "!plain"
_QUOTED = "!quoted"
_CORE = "tag:yaml.org,2002:"
_CORE_TAGS = {_CORE + name for name in ("str", "seq", "map", "null", "bool", "int", "float")}

# YAML 1.2 core schema: these plain scalars are not text. Everything else plain stays text as written.
_PLAIN_VALUES: dict[str, object] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
}
_LONGEST_CONSTANT = max(map(len, _PLAIN_VALUES))


class _Composer(_BaseLoader):  # type: ignore[misc, valid-type]
    """libyaml's parser and composer with a resolver that only says whether a scalar was plain."""

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:
            return _PLAIN
        return _QUOTED


@dataclass(slots=True)
class Document:
    """A loaded file: its plain value and where each key path starts (1-based line and column)."""

    path: str
    value: object
    positions: dict[KeyPath, Position] = field(default_factory=dict)
    key_positions: dict[KeyPath, Position] = field(default_factory=dict)

    def position(self, key_path: KeyPath, *, key: bool = False) -> Position:
        """The position of a key path, or of its nearest ancestor that exists."""
        table = self.key_positions if key else self.positions
        path = tuple(key_path)
        while path:
            if path in table:
                return table[path]
            if key and path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class _Reject(Exception):
    def __init__(self, mark, key_path: KeyPath, message: str, *, alias: bool = False):
        self.position = (mark.line + 1, mark.column + 1)
        self.key_path = key_path
        self.message = message
        self.alias = alias


_ALIAS_MESSAGE = "aliases (*name) are not allowed; write the value out"


def read_source(path: str | os.PathLike, display: str) -> bytes | Problem:
    """The bytes of one data file, or the problem that kept it from being read (display names the file).

    Only a regular file is opened, never through a link, and nothing over the size cap is read.
    """
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except Refused as kind:
        return refused(display, str(kind))
    except TooLarge as large:
        return _too_large(display, large.size)
    except OSError as error:
        return Problem(display, 1, 1, "file", f"expected a readable file, got {error.strerror or error}")


@dataclass(frozen=True, slots=True)
class Finding:
    """Something found about a data file (relative to the events folder) at a key path, before it is located."""

    file: str
    key_path: KeyPath
    message: str
    level: str = ERROR
    key: bool = False
    """Point at the key itself rather than its value (a tag's id in tags.yml)."""


def locate(findings: Iterable[Finding], root: str | os.PathLike, display: str) -> list[Problem]:
    """Give findings their line and column: only the files named are read and parsed again, once each.

    A file that can no longer be read or parsed (it changed since it was checked) keeps its findings, at line 1.
    """
    by_file: dict[str, list[Finding]] = {}
    for finding in findings:
        by_file.setdefault(finding.file, []).append(finding)
    problems: list[Problem] = []
    for rel, group in sorted(by_file.items()):
        path = f"{display}/{rel}"
        data = read_source(os.path.join(root, rel), path)
        document = load_yaml(path, data) if isinstance(data, bytes) else data
        for finding in group:
            line, col = (document.position(finding.key_path, key=finding.key) if isinstance(document, Document)
                         else (1, 1))
            problems.append(Problem(path, line, col, format_field(finding.key_path), finding.message, finding.level))
    return problems


def refused(display: str, kind: str) -> Problem:
    """The problem with an entry that is not a regular file: a link, a device, a pipe."""
    return Problem(display, 1, 1, "file",
                   f"expected a regular file or folder, got {kind}; put the file itself here (links are never "
                   f"followed, devices and pipes never read)")


def _too_large(path: str, size: int) -> Problem:
    return Problem(path, 1, 1, "file", f"expected at most {MAX_FILE_BYTES} bytes, got {size}")


def load_yaml(path: str, data: bytes) -> Document | Problem:
    """Load one YAML document strictly; return it, or the first problem found in it."""
    if len(data) > MAX_FILE_BYTES:
        return _too_large(path, len(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _position_of_byte(data, error.start)
        return Problem(path, line, col, "file", f"expected UTF-8 text, got byte 0x{data[error.start]:02x}")
    try:
        loader = _Composer(text)  # the pure-Python reader checks the characters here, libyaml while parsing
    except yaml.reader.ReaderError as error:
        return _reader_problem(path, error, text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return _syntax_problem(path, error, text)
    except yaml.reader.ReaderError as error:
        return _reader_problem(path, error, text)
    except yaml.YAMLError as error:
        return Problem(path, 1, 1, "yaml", _one_line(str(error)))
    except RecursionError:
        # Only the pure-Python composer recurses; libyaml caps nesting itself.
        return Problem(path, 1, 1, "yaml", f"expected at most {MAX_DEPTH} levels of nesting")
    finally:
        loader.dispose()
    if node is None:
        return Problem(path, 1, 1, "(document)", "expected a YAML mapping, got an empty file")
    document = Document(path, None)
    try:
        document.value = _Walker(document).build(node, (), 0)
    except _Reject as reject:
        line, col = _first_alias(text) if reject.alias else reject.position
        field = format_field(tuple(printable(part) if isinstance(part, str) else part for part in reject.key_path))
        return Problem(path, line, col, field, reject.message)
    return document


class _Walker:
    """Builds plain values from composed nodes, refusing anything outside the strict subset."""

    __slots__ = ("key_positions", "positions", "seen")

    def __init__(self, document: Document):
        self.positions = document.positions
        self.key_positions = document.key_positions
        self.seen: set[int] = set()

    def build(self, node, key_path: KeyPath, depth: int):
        # The composer gives an aliased node back as the very object it anchored: meeting one twice is an alias.
        if id(node) in self.seen:
            raise _Reject(node.start_mark, key_path, _ALIAS_MESSAGE, alias=True)
        self.seen.add(id(node))
        mark = node.start_mark
        self.positions[key_path] = (mark.line + 1, mark.column + 1)
        tag = node.tag
        if tag is _PLAIN:
            value = node.value
            # Only short scalars can be one of the core constants: a long summary is not hashed for nothing.
            return _PLAIN_VALUES.get(value, value) if len(value) <= _LONGEST_CONSTANT else value
        if tag is _QUOTED:
            if isinstance(node, ScalarNode):
                return node.value
            tag = None
        elif tag not in _CORE_TAGS:
            raise _Reject(mark, key_path, f"expected no tag or a core tag such as !!str, got {_short_tag(tag)}")
        if isinstance(node, MappingNode):
            if tag not in (None, _CORE + "map"):
                raise _Reject(mark, key_path, f"expected a mapping to have no tag or !!map, got {_short_tag(tag)}")
            return self.build_mapping(node, key_path, depth)
        if isinstance(node, SequenceNode):
            if tag not in (None, _CORE + "seq"):
                raise _Reject(mark, key_path, f"expected a list to have no tag or !!seq, got {_short_tag(tag)}")
            if depth >= MAX_DEPTH:
                raise _Reject(mark, key_path, f"expected at most {MAX_DEPTH} levels of nesting")
            return [self.build(item, (*key_path, index), depth + 1) for index, item in enumerate(node.value)]
        return _tagged_scalar(node, key_path, tag)

    def build_mapping(self, node, key_path: KeyPath, depth: int) -> dict:
        if depth >= MAX_DEPTH:
            raise _Reject(node.start_mark, key_path, f"expected at most {MAX_DEPTH} levels of nesting")
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (_PLAIN, _QUOTED, _CORE + "str"):
                raise _Reject(key_node.start_mark, key_path, "expected a plain text key, got a complex key")
            key = key_node.value
            if key == "<<" and key_node.tag is _PLAIN:
                raise _Reject(key_node.start_mark, key_path, "merge keys (<<) are not allowed; write the keys out")
            child = (*key_path, key)
            if id(key_node) in self.seen:
                raise _Reject(key_node.start_mark, key_path, _ALIAS_MESSAGE, alias=True)
            if key in result:
                first = self.key_positions[child][0]
                raise _Reject(key_node.start_mark, child,
                              f"duplicate key {excerpt(printable(key))} (first on line {first})")
            self.seen.add(id(key_node))
            mark = key_node.start_mark
            self.key_positions[child] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result


_INT_CORE = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_CORE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN")


def _tagged_scalar(node, key_path: KeyPath, tag: str | None):
    value = node.value
    if tag is None or tag == _CORE + "str":
        return value
    name = tag[len(_CORE):]
    # A tagged null or bool is written as its plain form would be: the same YAML 1.2 core table decides.
    constant = _PLAIN_VALUES.get(value, value)
    if name == "null" and value in _PLAIN_VALUES and constant is None:
        return None
    if name == "bool" and isinstance(constant, bool):
        return constant
    if name == "int" and _INT_CORE.fullmatch(value):
        return value  # numbers are kept as written: the format has no numeric fields
    if name == "float" and _FLOAT_CORE.fullmatch(value):
        return value
    if name in ("map", "seq"):
        raise _Reject(node.start_mark, key_path, f"expected a {'mapping' if name == 'map' else 'list'}, got text")
    raise _Reject(node.start_mark, key_path, f"expected a value of type {_short_tag(tag)}, got {excerpt(value)}")


def _first_alias(text: str) -> Position:
    # The composer hands an alias back as the node it names, so only the events say where the alias is;
    # the walker visits nodes in document order, so the first alias event is the one it refused.
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            return event.start_mark.line + 1, event.start_mark.column + 1
    return 1, 1


def _short_tag(tag: str | None) -> str:
    if tag and tag.startswith(_CORE):
        return "!!" + printable(tag[len(_CORE):])
    return repr(tag)


def _syntax_problem(path: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = error.problem or "invalid YAML"
    if _char_at(text, line, col) == "\t":
        message += " (a tab: indent with spaces)"
    if error.context:
        message = f"{error.context}: {message}"
    if message.startswith("expected a single document"):
        message = "expected a single YAML document, got several (remove the extra '---')"
    return Problem(path, line, col, "yaml", _one_line(message))


def _reader_problem(path: str, error: yaml.reader.ReaderError, text: str) -> Problem:
    # libyaml counts bytes of the UTF-8 text, the pure-Python reader counts characters.
    offset = error.position if isinstance(error.character, int) else len(text[:error.position].encode("utf-8"))
    line, col = _position_of_byte(text.encode("utf-8"), offset)
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Problem(path, line, col, "file", f"expected printable characters, got U+{code:04X}; delete it")


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n", line)
    if line - 1 < len(lines) and col - 1 < len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _position_of_byte(data: bytes, offset: int) -> Position:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    before = data[start:offset]
    if start == 0:
        before = before.removeprefix(b"\xef\xbb\xbf")  # a BOM takes no column, as in libyaml's marks
    col = len(before.decode("utf-8", errors="replace")) + 1
    return line, col
