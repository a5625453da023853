"""Typed, immutable view of a resolved policy pack (after schema validation and inheritance)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .levels import LevelOrder

SEVERITIES = ("critical", "high", "medium", "low")
#: the category added when resident-ID birth dates show records of minors (PIPL Art 28)
MINORS_CATEGORY = "minors_personal"


@dataclass(frozen=True)
class Text:
    """Text in both languages of the pack."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @classmethod
    def parse(cls, raw: dict | None) -> Text:
        raw = raw or {}
        return cls(zh=raw.get("zh", ""), en=raw.get("en", ""))


@dataclass(frozen=True)
class Document:
    """A legal or standards document the pack derives from."""

    id: str
    title: Text
    issued: str | None = None
    effective: str | None = None
    issuer: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Reference:
    """One citation: a document id and an article (or clause)."""

    document: str
    article: str

    def __str__(self) -> str:
        return f"{self.document} {self.article}".strip()


@dataclass(frozen=True)
class Level:
    id: str
    title: Text
    sublevels: tuple[Level, ...] = ()


@dataclass(frozen=True)
class Category:
    id: str
    title: Text
    min_level: str
    personal: bool
    sensitive: bool
    description: Text | None = None
    references: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class EntityMapping:
    entity: str
    category: str
    identifier: str  # direct | quasi | none


@dataclass(frozen=True)
class ColumnSignal:
    """Column-name keywords hinting at an entity or, for data without a value pattern, a category."""

    entity: str | None
    category: str | None
    zh: tuple[str, ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    title: Text
    severity: str
    require: dict[str, Any]
    references: tuple[Reference, ...]
    remediation: Text
    description: Text | None = None
    scope: str = "asset"
    when: dict[str, Any] | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    enabled: bool = True
    disabled_reason: str | None = None
    pack: str = ""  # id of the pack that defined the rule


@dataclass(frozen=True, eq=False)  # identity semantics: a loaded pack is a value object used as a cache key
class Pack:
    id: str
    version: str
    title: Text
    levels: tuple[Level, ...]
    categories: tuple[Category, ...]
    entities: dict[str, EntityMapping]
    column_signals: tuple[ColumnSignal, ...]
    settings: dict[str, Any]
    rules: tuple[Rule, ...]
    documents: tuple[Document, ...]
    description: Text | None = None
    source: str = ""
    sha256: str = ""
    lineage: tuple[str, ...] = ()  # this pack's id, then its base, then the base's base ...
    files: tuple[str, ...] = ()  # this pack's file, then the files it extends (in lineage order)
    _rule_index: dict[str, Rule] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for rule in self.rules:
            for name in (rule.id, *rule.aliases):
                self._rule_index[name] = rule

    @cached_property
    def level_order(self) -> LevelOrder:
        from .levels import LevelOrder

        return LevelOrder(self.levels)

    @property
    def enabled_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.enabled)

    def rule(self, rule_id: str) -> Rule | None:
        """A rule by id or alias."""
        return self._rule_index.get(rule_id)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def document(self, document_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == document_id), None)
