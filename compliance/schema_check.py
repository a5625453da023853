"""Validate a parsed YAML document against a JSON Schema, reporting every error with its line.

Errors come out as ``file:line: json.path: message`` (python-jsonschema yields all errors rather than
raising the first; for ``oneOf``/``anyOf`` failures the most relevant sub-error is reported instead
of the unreadable "is not valid under any of the given schemas").
"""

from __future__ import annotations

from functools import cache

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from .redact import safe_name
from .resources import load_schema
from .safe_yaml import YamlDocument

MAX_MESSAGE = 160


@cache
def validator_for(schema_name: str) -> Draft202012Validator:
    """The validator of a shipped schema (the schemas themselves are checked by tests/test_startup.py,
    not on every start: the meta-schema check cost 0.2-0.3 s of each run)."""
    return Draft202012Validator(load_schema(schema_name))


def most_relevant(error: ValidationError) -> ValidationError:
    """The deepest best-matching sub-error of a oneOf/anyOf failure (readable, with its own path)."""
    while error.context:
        error = best_match(error.context)
    return error


def _shorten(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def json_path(parts) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def format_error(doc: YamlDocument, parts, message: str) -> str:
    """``file:line: json.path: message`` through the masking gate: jsonschema quotes the offending
    value (``'13812345678' is not one of ...``) and paths hold keys from the file."""
    line = doc.line_of(tuple(parts))
    where = f"{doc.path}:{line}" if line else doc.path
    return safe_name(f"{where}: {json_path(parts)}: {_shorten(message)}")


def schema_errors(doc: YamlDocument, schema_name: str) -> list[str]:
    """Every schema violation of ``doc``, formatted and ordered by position in the file."""
    found = []
    for error in validator_for(schema_name).iter_errors(doc.data):
        best = most_relevant(error)
        parts = list(best.absolute_path)
        found.append((doc.line_of(tuple(parts)) or 0, format_error(doc, parts, best.message)))
    return [message for _, message in sorted(set(found))]
