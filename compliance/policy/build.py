"""Turn a merged, validated raw pack (plain dicts) into the typed :class:`Pack`."""

from __future__ import annotations

from typing import Any

from .model import (
    Category,
    ColumnSignal,
    Document,
    EntityMapping,
    Level,
    Pack,
    Reference,
    Rule,
    Text,
)


def _text(raw: dict | None) -> Text | None:
    return Text.parse(raw) if raw else None


def _refs(raw: list | None) -> tuple[Reference, ...]:
    return tuple(Reference(r["document"], str(r.get("article", ""))) for r in raw or [])


def _level(raw: dict) -> Level:
    return Level(raw["id"], Text.parse(raw["title"]), tuple(_level(s) for s in raw.get("sublevels") or []))


def _rule(raw: dict, pack_id: str) -> Rule:
    return Rule(
        id=raw["id"],
        title=Text.parse(raw["title"]),
        severity=raw["severity"],
        require=raw["require"],
        references=_refs(raw["references"]),
        remediation=Text.parse(raw["remediation"]),
        description=_text(raw.get("description")),
        scope=raw.get("scope", "asset"),
        when=raw.get("when"),
        tags=tuple(raw.get("tags") or ()),
        aliases=tuple(raw.get("aliases") or ()),
        enabled=raw.get("enabled", True),
        disabled_reason=raw.get("disabled_reason"),
        pack=raw.get("_pack", pack_id),
    )


def build_pack(
    data: dict[str, Any], *, source: str, sha256: str, lineage: tuple[str, ...], files: tuple[str, ...] = ()
) -> Pack:
    return Pack(
        id=data["id"],
        version=str(data["version"]),
        title=Text.parse(data["title"]),
        description=_text(data.get("description")),
        levels=tuple(_level(level) for level in data["levels"]),
        categories=tuple(
            Category(
                id=c["id"],
                title=Text.parse(c["title"]),
                min_level=c["min_level"],
                personal=bool(c.get("personal", False)),
                sensitive=bool(c.get("sensitive", False)),
                description=_text(c.get("description")),
                references=_refs(c.get("references")),
            )
            for c in data["categories"]
        ),
        entities={
            name: EntityMapping(name, m["category"], m.get("identifier", "none"))
            for name, m in sorted(data["entities"].items())
        },
        column_signals=tuple(
            ColumnSignal(s.get("entity"), s.get("category"), tuple(s.get("zh") or ()), tuple(s.get("en") or ()))
            for s in data.get("column_signals") or []
        ),
        settings=data["settings"],
        rules=tuple(_rule(r, data["id"]) for r in data["rules"]),
        documents=tuple(
            Document(
                id=d["id"],
                title=Text.parse(d["title"]),
                issued=_str(d.get("issued")),
                effective=_str(d.get("effective")),
                issuer=d.get("issuer"),
                note=d.get("note"),
            )
            for d in data["references"]
        ),
        source=source,
        sha256=sha256,
        lineage=lineage,
        files=files,
    )


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
