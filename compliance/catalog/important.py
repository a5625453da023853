"""The important- and core-data identification list (重要数据识别清单), ready to attach to a declaration.

DSL Art 21 and NDSMR Art 29 ask processors to identify and declare important data; the declaration
asks for each item's name, source, volume, scope, level, processing purpose and method and security
measures. An asset is listed when its declared or detected level is important or core, or when it
holds PI of at least the pack's ``important_data_threshold`` individuals (NDSMR Art 28, 10 million).

What the scan knows (source, volume, level, categories) is filled in; what only the owner knows is
taken from the manifest's ``declaration`` (``purpose``, ``method``, ``scope``, ``security_measures``)
and, when absent there, left as ``None`` and named in ``to_fill`` so that every format marks it for
the owner to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..redact import safe_name
from .entry import CatalogEntry

IMPORTANT_LEVELS = ("important", "core")
DEFAULT_THRESHOLD = 10_000_000
OWNER_FIELDS = ("owner", "purpose", "method", "scope", "security_measures")


@dataclass(frozen=True)
class ImportantItem:
    asset: str
    name: str
    source: str
    rows_total: int | None
    individuals: int | None
    categories: tuple[str, ...]
    level: str | None
    reasons: tuple[str, ...]  # why listed: "level:important", "individuals>=10000000"
    owner: str | None
    purpose: str | None
    method: str | None
    scope: str | None
    security_measures: str | None
    declaration_ref: str | None

    @property
    def to_fill(self) -> tuple[str, ...]:
        return tuple(name for name in OWNER_FIELDS if getattr(self, name) is None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "asset": self.asset,
            "name": self.name,
            "source": self.source,
            "volume": {"rows": self.rows_total, "individuals": self.individuals},
            "categories": list(self.categories),
            "level": self.level,
            "reasons": list(self.reasons),
            "owner": self.owner,
            "purpose": self.purpose,
            "method": self.method,
            "scope": self.scope,
            "security_measures": self.security_measures,
            "declaration_ref": self.declaration_ref,
            "to_fill": list(self.to_fill),
        }


def _top_level(level: str | None, pack) -> str | None:
    """The top-level id a (sub-)level belongs to (``general-4`` -> ``general``)."""
    if level is None or pack is None:
        return level
    for top in pack.levels:
        if level == top.id or any(level == sub.id for sub in top.sublevels):
            return top.id
    return level


def _text(value: Any) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list | tuple):
        return safe_name("; ".join(str(v) for v in value))
    return safe_name(str(value))


def _flow_facts(manifest, key: str) -> str | None:
    found = [str(f.data[key]) for f in manifest.flows if f.data.get(key)]
    return _text(list(dict.fromkeys(found))) if found else None


def _owner_facts(manifest) -> dict[str, str | None]:
    """Purpose, method, scope and security measures as the manifest declares them."""
    if manifest is None:
        return dict.fromkeys(("purpose", "method", "scope", "security_measures"))
    declared = manifest.data.get("declaration") or {}
    consent = manifest.data.get("consent") or {}
    return {
        "purpose": _text(declared.get("purpose")) or _text(consent.get("purposes")) or _flow_facts(manifest, "purpose"),
        "method": _text(declared.get("method")) or _flow_facts(manifest, "environment"),
        "scope": _text(declared.get("scope")),
        "security_measures": _text(declared.get("security_measures")),
    }


def important_items(entries: list[CatalogEntry], manifests_by_id: dict[str, Any], pack=None) -> list[ImportantItem]:
    """The entries that must be identified as important or core data, in catalogue order."""
    from .records import manifest_for

    threshold = int((pack.settings if pack else {}).get("important_data_threshold", DEFAULT_THRESHOLD))
    items = []
    for entry in entries:
        levels = [entry.level_declared, entry.level_detected]
        reasons = [f"level:{lv}" for lv in dict.fromkeys(levels) if _top_level(lv, pack) in IMPORTANT_LEVELS]
        if entry.individuals is not None and entry.individuals >= threshold:
            reasons.append(f"individuals>={threshold}")
        if not reasons:
            continue
        tops = [_top_level(lv, pack) for lv in levels]
        level = next((lv for lv in IMPORTANT_LEVELS[::-1] if lv in tops), entry.level_detected or entry.level_declared)
        manifest = manifest_for(entry.asset, manifests_by_id)
        ref = (manifest.data.get("important_data") or {}).get("declaration_ref") if manifest is not None else None
        items.append(
            ImportantItem(
                asset=entry.asset,
                name=entry.title or entry.asset,
                source=entry.source,
                rows_total=entry.rows_total,
                individuals=entry.individuals,
                categories=entry.categories,
                level=level,
                reasons=tuple(reasons),
                owner=entry.owner,
                declaration_ref=_text(ref),
                **_owner_facts(manifest),
            )
        )
    return items
