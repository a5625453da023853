"""What a baseline holds once loaded: the accepted violations and what identified each when accepted.

An entry accepts one violation only: the same fingerprint *and* the same asset, rule, column, flow and
severity (names as the file stores them, through the masking gate). It also records the asset's
detected level and categories, so that an asset that became more sensitive gates again instead of
hiding behind what was accepted for a lesser one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..redact import safe_name, safe_optional

CURRENT_VERSION = 2
DEFAULT_FILE = ".compliance-baseline.json"


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    rule: str
    asset: str
    column: str | None
    flow: str | None
    severity: str
    level: str | None = None  # the asset's detected level when accepted; None: not recorded (format 1)
    categories: tuple[str, ...] | None = None  # its detected categories, sorted; None: not recorded
    stale: str | None = field(default=None, compare=False)  # why it matches nothing (set by apply, not stored)

    @classmethod
    def of(cls, asset_id: str, violation, level: str | None = None, categories=None) -> BaselineEntry:
        """The entry accepting ``violation`` of the asset ``asset_id``, as a baseline file holds it.

        Names pass the masking gate (``redact.safe_name``): a baseline is committed to a repository
        and must not hold a resident ID used as a column name. Compare entries made here with loaded
        ones; the fingerprint is a hash of the raw names, so it still tells masked-alike names apart.
        """
        return cls(
            violation.fingerprint,
            violation.rule,
            safe_name(asset_id),
            safe_optional(violation.column),
            safe_optional(violation.flow),
            violation.severity,
            level=level,
            categories=None if categories is None else tuple(sorted(categories)),
        )

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (self.asset, self.rule, self.flow or "", self.column or "", self.fingerprint)

    def to_dict(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "asset": self.asset,
            "column": self.column,
            "flow": self.flow,
            "severity": self.severity,
            "level": self.level,
            "categories": None if self.categories is None else list(self.categories),
        }


@dataclass(frozen=True)
class Baseline:
    path: str  # the file as given
    created_by_version: str
    policy: dict[str, str] | None  # {id, version, sha256}; None when unknown (upgraded from v0)
    entries: tuple[BaselineEntry, ...]
    read_version: int = CURRENT_VERSION  # format version of the file before any upgrade
    created_at: str | None = None  # only when asked for at creation

    @property
    def upgraded(self) -> bool:
        return self.read_version != CURRENT_VERSION
