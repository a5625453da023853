"""Load untrusted YAML: safe types only, no duplicate keys, bounded size and alias expansion.

PyYAML's ``safe_load`` silently keeps the last of two equal keys and will happily expand a
"billion laughs" document of nested aliases. Configuration files (policy packs, manifests, waivers)
come from outside the tool, so this loader rejects both, and remembers the line of every node so
that schema errors can be reported as ``file:line: json.path: message``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .filekind import not_regular

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ALIASES = 200
MAX_EXPANDED_NODES = 200_000

JsonPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A parsed document plus the 1-based source line of every path in it."""

    data: Any
    path: str
    lines: dict[JsonPath, int] = field(default_factory=dict)
    text: str = ""

    def line_of(self, json_path: JsonPath) -> int | None:
        """Line of the deepest node on ``json_path`` that exists in the source."""
        for end in range(len(json_path), -1, -1):
            line = self.lines.get(tuple(json_path[:end]))
            if line is not None:
                return line
        return None


class _AliasCounting:
    """Counts aliases while composing (the composer is PyYAML's Python one in both loaders)."""

    alias_count = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                event = self.peek_event()
                raise yaml.YAMLError(f"line {event.start_mark.line + 1}: more than {MAX_ALIASES} aliases (alias bomb?)")
        return super().compose_node(parent, index)


class _StrictLoader(_AliasCounting, yaml.SafeLoader):
    """SafeLoader that counts aliases while composing: the reference, and the one whose errors are shown."""


if yaml.__with_libyaml__:

    class _FastStrictLoader(yaml.CSafeLoader):
        """libyaml scans, parses and composes (C: the default pack took 0.5 s in pure Python), then the
        same safe constructor, duplicate-key and alias-expansion checks. Aliases are not counted while
        composing (the C composer has no hook): it reads only files shipped with the tool, and any
        error is reported by ``_StrictLoader``."""

    _LOADERS: tuple[type, ...] = (_FastStrictLoader, _StrictLoader)
else:  # pragma: no cover - PyYAML built without libyaml
    _LOADERS = (_StrictLoader,)


def _expanded_size(node: yaml.Node, memo: dict[int, int], visiting: set[int]) -> int:
    """Nodes the document would have with every alias expanded, in linear time.

    A node that contains itself (``&a [*a]``) is rejected: it would never finish validating.
    """
    key = id(node)
    if key in memo:
        return memo[key]
    if key in visiting:
        raise ConfigError(f"line {node.start_mark.line + 1}: recursive alias (a node that contains itself)")
    visiting.add(key)
    if isinstance(node, yaml.MappingNode):
        total = 1 + sum(_expanded_size(k, memo, visiting) + _expanded_size(v, memo, visiting) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        total = 1 + sum(_expanded_size(item, memo, visiting) for item in node.value)
    else:
        total = 1
    visiting.discard(key)
    memo[key] = total
    return total


def _check_duplicates_and_lines(node: yaml.Node, path: JsonPath, lines: dict[JsonPath, int], seen: set[int]):
    """Record lines and reject duplicate keys; each distinct node is visited once."""
    lines.setdefault(path, node.start_mark.line + 1)
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ConfigError(f"line {key_node.start_mark.line + 1}: YAML merge keys ('<<') are not allowed")
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            line = key_node.start_mark.line + 1
            if key in keys:
                raise ConfigError(f"line {line}: duplicate key '{key}' (first defined on line {keys[key]})")
            keys[key] = line
            child = (*path, key)
            lines.setdefault(child, line)
            _check_duplicates_and_lines(value_node, child, lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _check_duplicates_and_lines(item, (*path, index), lines, seen)


def _prefixed(path: str, err: ConfigError) -> ConfigError:
    message = err.message
    if message.startswith("line "):
        line, _, rest = message[5:].partition(":")
        return ConfigError(f"{path}:{line}:{rest}", source=None)
    return ConfigError(f"{path}: {message}")


def load_yaml_text(text: str, path: str = "<string>", *, shipped: bool = False) -> YamlDocument:
    """Parse YAML text (already decoded) under the same limits as :func:`load_yaml_file`.

    ``shipped``: a file shipped with the tool (the built-in packs), parsed by libyaml first; a
    document it cannot load is parsed again by the pure-Python loader, whose error is reported.
    libyaml and PyYAML disagree on corner cases (``!`` alone, ``>#``, stray BOMs), so files from
    outside the tool always go through the pure-Python loader; tests/test_startup.py holds the two
    equal on every shipped file."""
    *fast, reference = _LOADERS
    for loader_class in fast if shipped else ():
        try:
            return _load_with(loader_class, text, path)
        except ConfigError:
            break
    return _load_with(reference, text, path)


def _load_with(loader_class: type, text: str, path: str) -> YamlDocument:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as err:
        raise ConfigError(f"{path}: invalid YAML: character #x{err.character:04x} is not allowed") from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise ConfigError(f"{path}: file is empty")
        lines: dict[JsonPath, int] = {}
        try:
            if _expanded_size(node, {}, set()) > MAX_EXPANDED_NODES:
                raise ConfigError(f"document expands to more than {MAX_EXPANDED_NODES:,} nodes (alias bomb?)")
            _check_duplicates_and_lines(node, (), lines, set())
        except ConfigError as err:
            raise _prefixed(path, err) from None
        try:
            data = loader.construct_document(node)
        except _SCALAR_FAILURES:
            errors = _bad_scalars(node, path)
            raise ConfigError(errors[0], errors=errors) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = f"{mark.line + 1}:" if mark else ""
        problem = err.problem or err.context or "invalid YAML"
        raise ConfigError(f"{path}:{line} invalid YAML: {problem}") from None
    except yaml.reader.ReaderError as err:
        raise ConfigError(f"{path}: invalid YAML: character #x{err.character:04x} is not allowed") from None
    except yaml.YAMLError as err:
        raise _prefixed(path, ConfigError(" ".join(str(err).split()))) from None
    except RecursionError:
        raise ConfigError(f"{path}: document is nested too deeply") from None
    finally:
        loader.dispose()
    return YamlDocument(data=data, path=path, lines=lines, text=text)


def walk_nodes(node: yaml.Node, path: JsonPath = (), seen: set[int] | None = None):
    """(node, key node or None, path) for every distinct node, in document order; aliases visited once."""
    seen = set() if seen is None else seen
    stack: list[tuple[yaml.Node, yaml.Node | None, JsonPath]] = [(node, None, path)]
    while stack:
        current, key_node, here = stack.pop()
        yield current, key_node, here
        if id(current) in seen:
            continue
        seen.add(id(current))
        children: list[tuple[yaml.Node, yaml.Node | None, JsonPath]] = []
        if isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                name = k.value if isinstance(k, yaml.ScalarNode) else repr(k)
                children.append((k, None, here))  # a key: reported at its mapping
                children.append((v, k, (*here, name)))
        elif isinstance(current, yaml.SequenceNode):
            children = [(item, None, (*here, i)) for i, item in enumerate(current.value)]
        stack.extend(reversed(children))


_SCALAR_FAILURES = (ValueError, TypeError, AttributeError, OverflowError)


def _bad_scalars(root: yaml.Node, path: str) -> list[str]:
    """Every scalar YAML cannot turn into a value (``until: 2027-02-30``, ``!!int abc``), with its line
    and JSON path."""
    from .schema_check import json_path  # schema_check imports this module

    constructor = yaml.SafeLoader("")
    found = []
    for node, _, where in walk_nodes(root):
        if not isinstance(node, yaml.ScalarNode):
            continue
        try:
            constructor.construct_object(node, deep=True)
        except _SCALAR_FAILURES as err:
            kind = node.tag.rsplit(":", 1)[-1]
            value = node.value if len(node.value) <= 40 else node.value[:39] + "…"
            what = "date" if kind == "timestamp" else kind
            line = node.start_mark.line + 1
            found.append((line, f"{path}:{line}: {json_path(where)}: invalid {what} '{value}' ({err})"))
        except yaml.YAMLError:
            continue
    return [message for _, message in sorted(found)] or [f"{path}:1: $: invalid YAML value"]


def read_config_bytes(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read a configuration file, refusing huge ones before reading them."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot read file ({err.strerror})") from None
    if p.is_dir():
        raise ConfigError(f"{path}: is a directory, not a YAML file")
    problem = not_regular(p)  # a FIFO would block the open forever
    if problem:
        raise ConfigError(f"{path}: {problem}")
    if size > max_bytes:
        raise ConfigError(f"{path}: file is {size:,} bytes, larger than the {max_bytes:,}-byte limit")
    try:
        with p.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as err:
        raise ConfigError(f"{path}: cannot read file ({err.strerror})") from None


def decode_config_text(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) only; binary files get a clear message."""
    if not raw.strip():
        raise ConfigError(f"{path}: file is empty")
    if b"\x00" in raw[:8192]:
        raise ConfigError(f"{path}: binary data, not a YAML text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ConfigError(f"{path}: not UTF-8 text (invalid byte at offset {err.start})") from None


def load_yaml_file(path: str | Path, max_bytes: int = MAX_FILE_BYTES, *, shipped: bool = False) -> YamlDocument:
    """Read and parse one YAML configuration file; every problem is a one-line ConfigError.

    ``shipped``: the file is part of the tool (see :func:`load_yaml_text`)."""
    shown = str(path)
    doc = load_yaml_text(decode_config_text(read_config_bytes(path, max_bytes), shown), shown, shipped=shipped)
    return doc
