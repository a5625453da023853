"""Load a policy pack: parse safely, validate against the schema, resolve ``extends``, check meaning.

Every problem becomes one line ``file:line: json.path: message``; all of a pack's problems are
collected before a :class:`PolicyError` is raised, so a pack author sees them in one run.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, PolicyError
from ..resources import builtin_pack_paths, policies_dir
from ..safe_yaml import YamlDocument, load_yaml_file
from ..schema_check import format_error, schema_errors
from .build import build_pack
from .model import Pack
from .semantics import Origin, semantic_errors

SCHEMA = "policy-pack.schema.json"
DEFAULT_PACK = "cn-data-circulation-2025"
MAX_DEPTH = 16
_LIST_SECTIONS = ("references", "categories", "column_signals", "rules")


@dataclass
class _Resolved:
    """A merged raw pack plus where each list item and entity came from."""

    data: dict[str, Any]
    origins: dict[tuple[str, str], Origin]
    digests: list[str]
    lineage: list[str]
    files: list[str] = field(default_factory=list)  # this pack's file, then the files it extends


def resolve_pack_path(ref: str | Path) -> Path:
    """A built-in pack id or a path to a pack file."""
    text = str(ref)
    builtins = builtin_pack_paths()
    if text in builtins:
        return builtins[text]
    path = Path(text)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists() or "/" in text:
        return path
    known = ", ".join(sorted(builtins)) or "none"
    raise PolicyError(f"unknown policy pack '{text}' (built-in packs: {known}; or give a path to a .yaml file)")


def _item_key(section: str, item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    if section == "column_signals":
        return f"{item.get('entity') or ''}/{item.get('category') or ''}/{id(item)}"
    return item.get("id")


def _deep_merge(base: dict, child: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _record_origins(doc: YamlDocument, data: dict, origins: dict) -> None:
    for section in _LIST_SECTIONS:
        for index, item in enumerate(data.get(section) or []):
            key = _item_key(section, item)
            if key is not None:
                origins[(section, key)] = Origin(doc, (section, index))
    for name in data.get("entities") or {}:
        origins[("entities", name)] = Origin(doc, ("entities", name))
    for index in range(len(data.get("overrides") or [])):
        origins[("overrides", str(index))] = Origin(doc, ("overrides", index))
    origins[("pack", "")] = Origin(doc, ())


def _merge(base: _Resolved, doc: YamlDocument) -> tuple[_Resolved, list[str]]:
    """Apply a child pack (already schema-valid) on top of its resolved base."""
    child = doc.data
    merged = copy.deepcopy(base.data)
    origins = dict(base.origins)
    errors: list[str] = []
    for key in ("id", "version", "title", "description", "levels"):
        if key in child:
            merged[key] = copy.deepcopy(child[key])
    merged["settings"] = _deep_merge(merged.get("settings") or {}, child.get("settings") or {})
    entities = dict(merged.get("entities") or {})
    entities.update(copy.deepcopy(child.get("entities") or {}))
    merged["entities"] = entities
    for section in _LIST_SECTIONS:
        items = list(merged.get(section) or [])
        positions = {_item_key(section, item): i for i, item in enumerate(items)}
        for item in child.get(section) or []:
            item = copy.deepcopy(item)
            if section == "rules":
                item["_pack"] = child["id"]
            key = _item_key(section, item)
            if key in positions:
                items[positions[key]] = item
            else:
                items.append(item)
        merged[section] = items
    _record_origins(doc, child, origins)
    rules = {rule["id"]: rule for rule in merged.get("rules") or []}
    for index, override in enumerate(child.get("overrides") or []):
        rule = rules.get(override["rule"])
        if rule is None:
            errors.append(
                format_error(doc, ("overrides", index, "rule"), f"no rule '{override['rule']}' in the base pack")
            )
            continue
        if "severity" in override:
            rule["severity"] = override["severity"]
        if "enabled" in override:
            rule["enabled"] = override["enabled"]
            if not override["enabled"]:
                rule["disabled_reason"] = override.get("reason")
    merged.pop("extends", None)
    merged.pop("overrides", None)
    resolved = _Resolved(merged, origins, [*base.digests], [child["id"], *base.lineage], [*base.files])
    return resolved, errors


def _digest(doc: YamlDocument) -> str:
    return hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def _shipped(path: Path) -> bool:
    """A pack shipped at the top of the package's ``policies/``: part of the tool, parsed by libyaml and
    schema-checked by the tests (tests/test_startup.py), not at every start (together 1 s of a small
    scan). Every other pack, a copy of a shipped one included, is parsed and checked on every load."""
    return path.resolve().parent == policies_dir().resolve()


def _resolve(path: Path, stack: tuple[Path, ...]) -> _Resolved:
    shown = str(path)
    shipped = _shipped(path)
    doc = load_yaml_file(path, shipped=shipped)
    if not isinstance(doc.data, dict):
        raise PolicyError(f"{shown}:1: $: a policy pack must be a YAML mapping", errors=None)
    errors = [] if shipped else schema_errors(doc, SCHEMA)
    if errors:
        raise PolicyError(errors[0], errors=errors)
    base_ref = doc.data.get("extends")
    if not base_ref:
        data = copy.deepcopy(doc.data)
        for rule in data.get("rules") or []:
            rule["_pack"] = data["id"]
        origins: dict = {}
        _record_origins(doc, data, origins)
        return _Resolved(data, origins, [_digest(doc)], [data["id"]], [shown])
    where = ("extends",)
    if len(stack) >= MAX_DEPTH:
        raise PolicyError(format_error(doc, where, f"'extends' chain is deeper than {MAX_DEPTH} packs"))
    try:
        if base_ref in builtin_pack_paths() or Path(str(base_ref)).is_absolute():
            base_path = resolve_pack_path(base_ref)
        else:
            relative = path.parent / base_ref
            base_path = relative if relative.exists() else resolve_pack_path(base_ref)
    except PolicyError as err:
        raise PolicyError(format_error(doc, where, err.message)) from None
    if not base_path.exists():
        raise PolicyError(format_error(doc, where, f"base pack '{base_ref}' not found"))
    real = base_path.resolve()
    if real in stack:
        chain = " -> ".join(p.name for p in (*stack, real))
        raise PolicyError(format_error(doc, where, f"'extends' cycle: {chain}"))
    try:
        base = _resolve(base_path, (*stack, real))
    except ConfigError as err:
        lines = [format_error(doc, where, f"base pack '{base_ref}' is invalid"), *err.errors]
        raise PolicyError(lines[0], errors=lines) from None
    resolved, errors = _merge(base, doc)
    resolved.digests.insert(0, _digest(doc))
    resolved.files.insert(0, shown)
    if errors:
        raise PolicyError(errors[0], errors=errors)
    return resolved


def resolved_data(ref: str | Path) -> dict[str, Any]:
    """The pack as plain data after inheritance (what the typed Pack is built from): for tools and tests."""
    path = resolve_pack_path(ref)
    return _resolve(path, (path.resolve(),)).data


def load_pack(ref: str | Path | None = None) -> Pack:
    """Load a pack by built-in id or path (default: the built-in default pack)."""
    path = resolve_pack_path(ref or DEFAULT_PACK)
    resolved = _resolve(path, (path.resolve(),))
    errors = semantic_errors(resolved.data, resolved.origins)
    if errors:
        raise PolicyError(errors[0], errors=errors)
    digest = (
        resolved.digests[0]
        if len(resolved.digests) == 1
        else hashlib.sha256("".join(resolved.digests).encode()).hexdigest()
    )
    return build_pack(
        resolved.data, source=str(path), sha256=digest, lineage=tuple(resolved.lineage), files=tuple(resolved.files)
    )
