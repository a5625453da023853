"""Read a manifest or project file so that every problem is one ``file:line: json.path: message`` line.

``safe_yaml`` does the safe parsing (safe types, duplicate keys, size and alias limits). Its errors name
the file and usually the line, but not the JSON path, and a few scalar construction failures escape it
as plain exceptions (an impossible date such as ``2027-02-30``, ``!!int abc``). This module gives
all of them one shape, so a CI annotation or an editor can point at the exact key, and normalises the
parsed data: YAML turns ``2027-12-31`` into a date object, rules and JSON Schema want ISO strings.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError, ManifestError
from ..safe_yaml import JsonPath, YamlDocument, decode_config_text, load_yaml_text, read_config_bytes, walk_nodes
from ..schema_check import json_path

_LINE = re.compile(r"(\d+):\s?(.*)", re.S)
_HAS_PATH = re.compile(r":\d+: \$")


def read_yaml(path: str | Path) -> YamlDocument:
    """Parse one file; raise :class:`ManifestError` whose ``errors`` all have a line and a JSON path.

    File-access problems (missing, a directory, too large) have neither and keep ``file: message``.
    """
    shown = str(path)
    try:
        raw = read_config_bytes(path)
    except ConfigError as err:
        raise ManifestError(err.message) from None
    text = None
    try:
        text = decode_config_text(raw, shown)
        return load_yaml_text(text, shown)
    except ConfigError as err:
        if _HAS_PATH.match(err.message[len(shown) :]):  # already file:line: json.path: message
            raise ManifestError(err.errors[0], errors=err.errors) from None
        raise ManifestError(_with_path(err.message, shown, text)) from None


def _with_path(message: str, shown: str, text: str | None) -> str:
    """``file:line: problem`` or ``file: problem`` → ``file:line: json.path: problem``."""
    tail = message[len(shown) + 1 :] if message.startswith(shown + ":") else message
    match = _LINE.match(tail)
    line, problem = (int(match.group(1)), match.group(2)) if match else (1, tail.strip())
    parts: JsonPath = ()
    if text is not None and match:
        parts = _path_at_line(text, line, duplicate=problem.startswith("duplicate key"))
    return f"{shown}:{line}: {json_path(parts)}: {problem}"


def _compose(text: str) -> yaml.Node | None:
    # Safe to compose again: safe_yaml already composed this text (and checked its aliases) before
    # it failed, and composing never expands aliases.
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None


def _path_at_line(text: str, line: int, *, duplicate: bool) -> JsonPath:
    """The key on ``line`` (for a duplicate key: the second occurrence), else the document root."""
    root = _compose(text)
    if root is None:
        return ()
    for node, _, path in walk_nodes(root):
        if not isinstance(node, yaml.MappingNode):
            continue
        seen_keys: set[str] = set()
        for key_node, _value in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            at_line = key_node.start_mark.line + 1 == line
            if at_line and (not duplicate or name in seen_keys):
                return (*path, name)
            seen_keys.add(name)
    return ()


def normalise(value: Any, path: JsonPath, problems: list[tuple[JsonPath, str]]) -> Any:
    """Dates and times → ISO strings; non-string keys → strings plus a problem (``1:``, ``yes:``)."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            name = key if isinstance(key, str) else str(key)
            if not isinstance(key, str):
                problems.append(((*path, name), f"key {key!r} is not a string (quote it)"))
            out[name] = normalise(item, (*path, name), problems)
        return out
    if isinstance(value, list):
        return [normalise(item, (*path, index), problems) for index, item in enumerate(value)]
    return value


def normalised_document(doc: YamlDocument) -> tuple[YamlDocument, list[tuple[JsonPath, str]]]:
    """A copy of ``doc`` with normalised data (same lines), plus any key problems."""
    problems: list[tuple[JsonPath, str]] = []
    data = normalise(doc.data, (), problems)
    return YamlDocument(data=data, path=doc.path, lines=doc.lines, text=doc.text), problems
