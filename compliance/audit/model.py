"""The audit report model: what ``compliance report`` found in the ledger, before any format.

Every string in it comes from ledger records (masked by the ledger) or from the pack and manifests and
has passed the masking gate again in :mod:`compliance.audit.build`; renderers only escape.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Verification:
    ok: bool
    count: int
    problems: tuple[str, ...]


@dataclass(frozen=True)
class LevelRow:
    level: str
    title: str
    assets: int
    individuals: int
    open_violations: int


@dataclass(frozen=True)
class CategoryRow:
    category: str
    title: str
    personal: bool
    sensitive: bool
    assets: int
    open_violations: int


@dataclass(frozen=True)
class RuleRow:
    rule: str
    severity: str
    title: str
    assets: int
    violations: int
    references: tuple[str, ...]


@dataclass(frozen=True)
class TrendPoint:
    label: str  # the bucket's first day, ISO
    counts: dict[str, int]  # open violations by severity at the bucket's end (latest record per asset)
    assets: int  # assets known at the bucket's end
    scans: int  # records in the bucket


@dataclass(frozen=True)
class SuppressionRow:
    asset: str
    rule: str
    kind: str
    approver: str | None
    expires: str | None
    reason: str | None
    flag: str  # "expired" | "expiring" | "ok" | "no_expiry"


@dataclass(frozen=True)
class CoverageRow:
    asset: str
    manifest: str | None
    last_scan: str | None  # None: never scanned
    age_days: int | None


@dataclass(frozen=True)
class ProcessorVolume:
    processor: str
    individuals: int | None  # None: a counted flow's individuals are unknown
    sensitive_individuals: int | None
    flows: int
    route: str  # none | standard_contract_or_certification | security_assessment
    article: str


@dataclass(frozen=True)
class CrossBorder:
    year: int
    thresholds: dict[str, int]
    processors: tuple[ProcessorVolume, ...]


@dataclass
class AuditReport:
    generated_at: datetime.datetime
    since: datetime.datetime | None
    until: datetime.datetime | None
    ledger: str
    verification: Verification
    policies: tuple[str, ...]
    records: int
    assets: int
    levels: list[LevelRow] = field(default_factory=list)
    categories: list[CategoryRow] = field(default_factory=list)
    severities: dict[str, int] = field(default_factory=dict)
    rules: list[RuleRow] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    trend_unit: str = "day"
    suppressions: list[SuppressionRow] = field(default_factory=list)
    never_scanned: list[CoverageRow] = field(default_factory=list)
    stale: list[CoverageRow] = field(default_factory=list)
    stale_days: int = 90
    cross_border: CrossBorder | None = None
    lang: str = "en"
