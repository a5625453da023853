"""Plain-data views of a pack and its rules, shared by the text and JSON renderings."""

from __future__ import annotations

from typing import Any

from .model import Level, Pack, Rule


def _level(level: Level, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": level.id, "title": level.title.get(lang)}
    if level.sublevels:
        out["sublevels"] = [_level(sub, lang) for sub in level.sublevels]
    return out


def rule_to_dict(rule: Rule, pack: Pack, lang: str = "en") -> dict[str, Any]:
    return {
        "id": rule.id,
        "title": rule.title.get(lang),
        "severity": rule.severity,
        "scope": rule.scope,
        "enabled": rule.enabled,
        "disabled_reason": rule.disabled_reason,
        "description": rule.description.get(lang) if rule.description else None,
        "references": [reference_label(pack, ref.document, ref.article, lang) for ref in rule.references],
        "remediation": rule.remediation.get(lang),
        "when": rule.when,
        "require": rule.require,
        "tags": list(rule.tags),
        "aliases": list(rule.aliases),
        "pack": rule.pack,
    }


def reference_label(pack: Pack, document_id: str, article: str, lang: str = "en") -> str:
    """``PIPL Art 29`` plus the document's full title when the pack knows it."""
    doc = pack.document(document_id)
    short = f"{document_id} {article}".strip()
    return f"{short} ({doc.title.get(lang)})" if doc else short


def pack_to_dict(pack: Pack, lang: str = "en") -> dict[str, Any]:
    return {
        "id": pack.id,
        "version": pack.version,
        "title": pack.title.get(lang),
        "source": pack.source,
        "sha256": pack.sha256,
        "extends": list(pack.lineage[1:]),
        "references": [
            {"id": d.id, "title": d.title.get(lang), "issued": d.issued, "effective": d.effective}
            for d in pack.documents
        ],
        "levels": [_level(level, lang) for level in pack.levels],
        "categories": [
            {
                "id": c.id,
                "title": c.title.get(lang),
                "min_level": c.min_level,
                "personal": c.personal,
                "sensitive": c.sensitive,
            }
            for c in pack.categories
        ],
        "entities": {name: {"category": m.category, "identifier": m.identifier} for name, m in pack.entities.items()},
        "settings": pack.settings,
        "rules": [rule_to_dict(rule, pack, lang) for rule in pack.rules],
    }
