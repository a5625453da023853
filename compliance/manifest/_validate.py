"""Schema and value checks of a manifest or project document, each problem with the line it is on.

Reuses the shared validator (``schema_check.validator_for``) but words two kinds of error better than
the generic formatter, because manifests are written by hand by data owners: an unknown key is
reported on the key's own line with a "did you mean" hint (python-jsonschema reports it on the
enclosing mapping's line), and a pattern mismatch names what was expected (the subschema's ``title``)
instead of printing the regular expression.
"""

from __future__ import annotations

import datetime
import difflib
import re
from typing import Any

from jsonschema.exceptions import ValidationError

from ..safe_yaml import JsonPath, YamlDocument
from ..schema_check import format_error, most_relevant, validator_for

#: (line, message) pairs; sorted by line before they are shown
Problems = list[tuple[int, str]]


def problem(doc: YamlDocument, parts: JsonPath, message: str) -> tuple[int, str]:
    return doc.line_of(tuple(parts)) or 0, format_error(doc, parts, message)


def _unexpected_keys(error: ValidationError) -> list[str]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = schema.get("properties") or {}
    patterns = list((schema.get("patternProperties") or {}).keys())
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [key for key in instance if key not in known and not any(re.search(p, str(key)) for p in patterns)]


def _unknown_key_message(key: str, error: ValidationError, doc_hint: str) -> str:
    known = list(((error.schema if isinstance(error.schema, dict) else {}).get("properties") or {}).keys())
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.7)
    if close:
        return f"unknown field '{key}' (did you mean '{close[0]}'?)"
    return f"unknown field '{key}' (see {doc_hint}; organisation extras must start with 'x-')"


def schema_problems(doc: YamlDocument, schema_name: str, doc_hint: str) -> Problems:
    """Every schema violation of ``doc`` as (line, ``file:line: json.path: message``)."""
    found: Problems = []
    for error in validator_for(schema_name).iter_errors(doc.data):
        best = most_relevant(error)
        parts = tuple(best.absolute_path)
        if best.validator == "additionalProperties":
            for key in _unexpected_keys(best):
                found.append(problem(doc, (*parts, key), _unknown_key_message(key, best, doc_hint)))
            continue
        message = best.message
        subschema: Any = best.schema
        if best.validator == "pattern" and isinstance(subschema, dict) and subschema.get("title"):
            message = f"{best.instance!r} is not a valid {subschema['title']}"
        found.append(problem(doc, parts, message))
    return sorted(set(found))


def date_problem(doc: YamlDocument, parts: JsonPath) -> tuple[int, str] | None:
    """A string date that passes the schema's pattern but is not in the calendar (``2027-02-30``)."""
    value: Any = doc.data
    for part in parts:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None  # absent, or already reported by the schema
    try:
        datetime.date.fromisoformat(value)
    except ValueError as err:
        return problem(doc, parts, f"invalid date '{value}' ({err})")
    return None


def mapping_problem(doc: YamlDocument, what: str) -> tuple[int, str] | None:
    """The document must be a mapping; say what it is instead (never print its content)."""
    if isinstance(doc.data, dict):
        return None
    kinds = {list: "a list", str: "a single string", type(None): "null", bool: "a boolean", int: "a number"}
    kind = kinds.get(type(doc.data), "a single value")
    return problem(doc, (), f"{what} must be a YAML mapping of fields, not {kind}")
