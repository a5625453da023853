"""What a baseline holds once loaded: the accepted violations, identified by fingerprint.

Rule, asset, column, flow and severity are kept beside each fingerprint for people (reviewing the file,
reading stale entries) and so that a future fingerprint version can be recomputed by an upgrade.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CURRENT_VERSION = 1
DEFAULT_FILE = ".compliance-baseline.json"


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    rule: str
    asset: str
    column: str | None
    flow: str | None
    severity: str

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
