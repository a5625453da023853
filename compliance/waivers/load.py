"""Load a waiver file: untrusted YAML, schema-checked, every rule known to the pack in use.

A waiver is an audit record, so an incomplete one (no justification, no approver, no valid expiry
date) or one naming a rule the pack does not have is a configuration error (exit 2), never silently
ignored; every problem is one ``file:line: json.path: message`` line, all reported at once.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ManifestError
from ..manifest._read import read_yaml  # shared "file:line: json.path" YAML reading of config files
from ..manifest._validate import Problems, date_problem, problem, schema_problems
from ..policy.model import Pack
from ..safe_yaml import YamlDocument
from .model import Waiver, WaiverFile

SCHEMA = "waivers.schema.json"


def _dates_as_text(doc: YamlDocument) -> Problems:
    """YAML reads ``expires: 2026-06-30`` as a date; the schema and the report want the ISO text."""
    found: Problems = []
    for index, item in enumerate(doc.data):
        value = item.get("expires") if isinstance(item, dict) else None
        if isinstance(value, datetime.datetime):
            found.append(problem(doc, (index, "expires"), "must be a date (YYYY-MM-DD), not a date and time"))
            item["expires"] = value.date().isoformat()  # reported here once, not again by the schema
        elif isinstance(value, datetime.date):
            item["expires"] = value.isoformat()
    return found


def _pack_problems(doc: YamlDocument, pack: Pack) -> Problems:
    found: Problems = []
    for index, item in enumerate(doc.data):
        rule = item.get("rule") if isinstance(item, dict) else None
        if isinstance(rule, str) and rule.strip() and pack.rule(rule) is None:
            found.append(problem(doc, (index, "rule"), f"unknown rule '{rule}' in pack {pack.id}"))
    return found


def _waiver(doc: YamlDocument, index: int, item: dict[str, Any], pack: Pack) -> Waiver:
    line = doc.line_of((index,))
    return Waiver(
        rule=pack.rule(item["rule"]).id,
        asset=item["asset"],
        justification=item["justification"].strip(),
        approver=item["approver"].strip(),
        expires=datetime.date.fromisoformat(item["expires"]),
        column=item.get("column"),
        flow=item.get("flow"),
        ticket=item.get("ticket"),
        source=f"{doc.path}:{line}" if line else doc.path,
    )


def load(path: str | Path, pack: Pack) -> WaiverFile:
    """Every waiver of ``path``, rules resolved in ``pack``; raise ConfigError with all problems."""
    try:
        doc = read_yaml(path)
    except ManifestError as err:
        raise ConfigError(err.message, errors=err.errors) from None
    if not isinstance(doc.data, list):
        found = [problem(doc, (), "a waiver file is a YAML list of waivers (- rule: ..., asset: ...)")]
    else:
        found = _dates_as_text(doc)
        found += schema_problems(doc, SCHEMA, "schemas/waivers.schema.json")
        found += [p for index in range(len(doc.data)) if (p := date_problem(doc, (index, "expires")))]
        found += _pack_problems(doc, pack)
    if found:
        errors = [message for _, message in sorted(set(found))]
        raise ConfigError(errors[0], errors=errors)
    return WaiverFile(str(path), tuple(_waiver(doc, i, item, pack) for i, item in enumerate(doc.data)))
