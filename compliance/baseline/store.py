"""Create, write and load baseline files (``schemas/baseline.schema.json``).

The file is JSON written deterministically (sorted keys and entries, no timestamp unless asked), so a
re-created baseline of an unchanged project is byte-identical and reviews show only real changes. A
baseline is input from a repository like any configuration: size-limited, duplicate keys rejected,
schema-validated with every problem as ``file:line: json.path: message``; an older format version is
upgraded on load (``upgrades/``).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import ConfigError
from ..safe_yaml import YamlDocument, decode_config_text, load_yaml_text, read_config_bytes
from ..schema_check import format_error, schema_errors
from .model import CURRENT_VERSION, Baseline, BaselineEntry
from .upgrades import upgrade

SCHEMA = "baseline.schema.json"
MAX_BYTES = 50 * 1024 * 1024  # about 250,000 entries


def create(report, *, timestamp: bool = False) -> dict[str, Any]:
    """The current-format baseline document accepting every violation of ``report``."""
    entries = {
        # names masked (a baseline is committed); the asset's level and categories, to catch escalation
        v.fingerprint: BaselineEntry.of(asset.scan.id, v, asset.scan.level, asset.scan.categories)
        for asset in report.assets
        for v in asset.violations
    }
    data: dict[str, Any] = {
        "version": CURRENT_VERSION,
        "tool": "dataflow-compliance",
        "created_by_version": __version__,
        "policy": {"id": report.policy_id, "version": report.policy_version, "sha256": report.policy_sha256},
        "entries": [e.to_dict() for e in sorted(entries.values(), key=BaselineEntry.sort_key)],
    }
    if timestamp:
        data["created_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    return data


def document(baseline: Baseline) -> dict[str, Any]:
    """The current-format document of a loaded (possibly upgraded) baseline."""
    data: dict[str, Any] = {
        "version": CURRENT_VERSION,
        "tool": "dataflow-compliance",
        "created_by_version": baseline.created_by_version,
        "policy": baseline.policy,
        "entries": [e.to_dict() for e in sorted(baseline.entries, key=BaselineEntry.sort_key)],
    }
    if baseline.created_at:
        data["created_at"] = baseline.created_at
    return data


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(data: dict[str, Any], path: str | Path) -> None:
    """Completely or not at all (a temporary file renamed over ``path``)."""
    from ..output import write_file

    write_file(str(path), dumps(data))


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key '{key}'")
        out[key] = value
    return out


def _parse(text: str, path: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as err:
        raise ConfigError(f"{path}:{err.lineno}: $: invalid JSON: {err.msg}") from None
    except ValueError as err:  # duplicate key (json gives no position; YAML does, see _lines)
        line = _duplicate_line(text, path)
        raise ConfigError(f"{path}{f':{line}' if line else ''}: $: invalid JSON: {err}") from None
    except RecursionError:
        raise ConfigError(f"{path}: $: document is nested too deeply") from None


def _duplicate_line(text: str, path: str) -> int | None:
    try:
        load_yaml_text(text, path)
    except ConfigError as err:
        head = err.message[len(path) + 1 :].split(":", 1)[0]
        return int(head) if head.isdigit() else None
    return None


def _lines(text: str, data: Any, path: str) -> YamlDocument:
    """The document with source lines (JSON is YAML); without lines if YAML reads it differently."""
    try:
        doc = load_yaml_text(text, path)
    except ConfigError:
        return YamlDocument(data=data, path=path)
    return YamlDocument(data=data, path=path, lines=doc.lines, text=text)


def _version(data: Any, path: str) -> int:
    if isinstance(data, list):
        return 0
    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(version, bool) or not isinstance(version, int):
        raise ConfigError(
            f"{path}: $: not a baseline file (no integer 'version'; create one with `compliance baseline create`)"
        )
    if version > CURRENT_VERSION:
        raise ConfigError(
            f"{path}: $.version: baseline format {version} is newer than this dataflow-compliance "
            f"({__version__}, format {CURRENT_VERSION}); upgrade the tool"
        )
    return version


def _duplicate_fingerprints(doc: YamlDocument) -> list[str]:
    first: dict[str, int] = {}
    found = []
    for index, entry in enumerate(doc.data["entries"]):
        fingerprint = entry["fingerprint"]
        if fingerprint in first:
            found.append(
                format_error(doc, ("entries", index, "fingerprint"), f"duplicate of entry {first[fingerprint]}")
            )
        first.setdefault(fingerprint, index)
    return found


def _problems(doc: YamlDocument) -> list[str]:
    return schema_errors(doc, SCHEMA) or _duplicate_fingerprints(doc)


def _entry(entry: dict[str, Any]) -> BaselineEntry:
    categories = entry["categories"]
    return BaselineEntry(**{**entry, "categories": None if categories is None else tuple(categories)})


def load(path: str | Path) -> Baseline:
    """Read, upgrade and validate a baseline; every problem is reported in one ConfigError."""
    shown = str(path)
    text = decode_config_text(read_config_bytes(path, MAX_BYTES), shown)
    data = _parse(text, shown)
    version = _version(data, shown)
    if version != CURRENT_VERSION:
        data = upgrade(data, version, CURRENT_VERSION, shown)
    doc = YamlDocument(data=data, path=shown)
    errors = _problems(doc)
    if errors:
        if version == CURRENT_VERSION:  # lines only when there is something to point at (YAML is slow)
            errors = _problems(_lines(text, data, shown))
        else:
            errors = [f"{e} (after upgrading format {version} to {CURRENT_VERSION})" for e in errors]
        raise ConfigError(errors[0], errors=errors)
    entries = tuple(_entry(entry) for entry in doc.data["entries"])
    return Baseline(
        path=shown,
        created_by_version=doc.data["created_by_version"],
        policy=doc.data["policy"],
        entries=entries,
        read_version=version,
        created_at=doc.data.get("created_at"),
    )
