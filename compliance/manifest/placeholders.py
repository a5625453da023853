"""Placeholders of a drafted manifest (``compliance manifest init``): ``"<FILL IN: ...>"`` strings.

A draft names every evidence field the rules will ask for, with a placeholder the owner replaces by the
real value. A placeholder must never count as evidence: a ``pia_ref: "<FILL IN>"`` left in would satisfy
the rule that asks for a PIA. So the loader rejects every placeholder still in a manifest, one line each
(``file:line: $.pia_ref: placeholder not filled in ...``), and drops the schema's own complaint about
the same value (``'<FILL IN: true or false>' is not of type 'boolean'``), which says less.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..safe_yaml import JsonPath, YamlDocument
from ..schema_check import format_error

PREFIX = "<FILL IN"
UNFILLED = "placeholder not filled in: write the real value, or remove the field (drafted by manifest init)"


def placeholder(hint: str = "") -> str:
    return f"{PREFIX}: {hint}>" if hint else f"{PREFIX}>"


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX) and value.endswith(">")


def placeholder_paths(value: Any, path: JsonPath = ()) -> Iterator[JsonPath]:
    """The JSON path of every placeholder in ``value``, in document order."""
    if is_placeholder(value):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from placeholder_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from placeholder_paths(item, (*path, index))


def with_placeholders(doc: YamlDocument, problems: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``problems`` without the schema's complaints about placeholders, plus one line per placeholder."""
    paths = list(placeholder_paths(doc.data))
    if not paths:
        return problems
    prefixes = tuple(format_error(doc, parts, "").rstrip() for parts in paths)
    kept = [(line, message) for line, message in problems if not message.startswith(prefixes)]
    for parts in paths:
        kept.append((doc.line_of(tuple(parts)) or 0, format_error(doc, parts, UNFILLED)))
    return kept
