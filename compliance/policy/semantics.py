"""Checks a schema cannot express: cross-references between the parts of a resolved pack.

Run on the merged pack (after ``extends``), each error points at the file and line of the item that
introduced it, so an organisation pack's mistake is reported in the organisation's file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..evaluate.operators import operators
from ..safe_yaml import YamlDocument
from ..schema_check import format_error
from .facts import is_known_fact

LEVEL_OPERATORS = ("level_at_least", "level_below")
LOGICAL = ("all", "any", "not")


@dataclass(frozen=True)
class Origin:
    doc: YamlDocument
    path: tuple


def _leaves(condition: Any, path: tuple) -> Iterator[tuple[dict, tuple]]:
    if not isinstance(condition, dict):
        return
    for key in ("all", "any"):
        for index, child in enumerate(condition.get(key) or []):
            yield from _leaves(child, (*path, key, index))
    if "not" in condition:
        yield from _leaves(condition["not"], (*path, "not"))
    if "fact" in condition:
        yield condition, path


def _setting_exists(settings: dict, dotted: str) -> bool:
    node: Any = settings
    for part in dotted.split(".")[1:]:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def _check_ref(value: Any, settings: dict) -> str | None:
    if not (isinstance(value, dict) and "ref" in value):
        return None
    ref = value["ref"]
    if ref.startswith("settings."):
        return None if _setting_exists(settings, ref) else f"unknown setting '{ref}'"
    return None if is_known_fact(ref) else f"unknown fact '{ref}'"


def _rule_errors(rule: dict, origin: Origin, data: dict, level_ids: set[str], documents: set[str]):
    settings = data.get("settings") or {}
    for index, ref in enumerate(rule.get("references") or []):
        if ref.get("document") not in documents:
            yield origin, ("references", index, "document"), f"unknown document '{ref.get('document')}'"
    for section in ("when", "require"):
        for leaf, path in _leaves(rule.get(section), (section,)):
            fact = leaf["fact"]
            if fact.startswith("settings."):
                if not _setting_exists(settings, fact):
                    yield origin, (*path, "fact"), f"unknown setting '{fact}'"
            elif not is_known_fact(fact):
                yield origin, (*path, "fact"), f"unknown fact '{fact}' (see docs/policy-format.md)"
            if rule.get("scope", "asset") != "flow" and fact.startswith("flow."):
                yield origin, (*path, "fact"), "flow facts need 'scope: flow'"
            for op, value in leaf.items():
                if op == "fact":
                    continue
                if op not in operators():
                    yield origin, (*path, op), f"unknown operator '{op}'"
                    continue
                problem = _check_ref(value, settings)
                if problem:
                    yield origin, (*path, op), problem
                elif op in LEVEL_OPERATORS and isinstance(value, str) and value not in level_ids:
                    yield origin, (*path, op), f"unknown level '{value}'"


def _level_ids(levels: list[dict]) -> list[str]:
    ids = []
    for level in levels:
        ids.append(level["id"])
        ids.extend(sub["id"] for sub in level.get("sublevels") or [])
    return ids


def semantic_errors(data: dict, origins: dict[tuple[str, str], Origin]) -> list[str]:
    found: list[tuple[Origin, tuple, str]] = []
    pack_origin = origins[("pack", "")]
    level_list = _level_ids(data.get("levels") or [])
    level_ids = set(level_list)
    for dup in sorted({x for x in level_list if level_list.count(x) > 1}):
        found.append((pack_origin, ("levels",), f"level id '{dup}' is defined twice"))
    categories = {c["id"] for c in data.get("categories") or []}
    documents = {d["id"] for d in data.get("references") or []}
    for cat in data.get("categories") or []:
        if cat["min_level"] not in level_ids:
            origin = origins[("categories", cat["id"])]
            found.append((origin, ("min_level",), f"unknown level '{cat['min_level']}'"))
    for name, mapping in (data.get("entities") or {}).items():
        if mapping["category"] not in categories:
            origin = origins[("entities", name)]
            found.append((origin, ("category",), f"unknown category '{mapping['category']}'"))
    for origin_key, origin in origins.items():
        if origin_key[0] != "column_signals":
            continue
        signal = _get(origin.doc.data, origin.path)
        if signal.get("entity") and signal["entity"] not in (data.get("entities") or {}):
            found.append((origin, ("entity",), f"unknown entity '{signal['entity']}'"))
        if signal.get("category") and signal["category"] not in categories:
            found.append((origin, ("category",), f"unknown category '{signal['category']}'"))
    seen: dict[str, str] = {}
    for rule in data.get("rules") or []:
        origin = origins[("rules", rule["id"])]
        for name in (rule["id"], *(rule.get("aliases") or [])):
            if name in seen and seen[name] != rule["id"]:
                found.append((origin, ("id",), f"rule id or alias '{name}' is already used by {seen[name]}"))
            seen[name] = rule["id"]
        found.extend(_rule_errors(rule, origin, data, level_ids, documents))
    return [format_error(o.doc, (*o.path, *sub), msg) for o, sub, msg in found]


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data
