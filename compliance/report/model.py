"""One report model for every output format: what was scanned, what was found, what is violated."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..baseline.model import BaselineEntry
    from ..scanner import AssetScan, ScanOptions
    from ..waivers.model import Waiver

SEVERITY_ORDER = ("critical", "high", "medium", "low")


@dataclass(frozen=True)
class RuleInfo:
    """What a report needs to know about a rule of the pack (SARIF rule metadata, JUnit names)."""

    id: str
    title: str
    severity: str
    description: str
    references: tuple[str, ...]
    remediation: str
    tags: tuple[str, ...] = ()
    pack: str = ""  # the pack that defines the rule (a built-in one has a page in docs/rules/)


@dataclass(frozen=True)
class Suppression:
    """Why a violation does not fail the gate: an accepted baseline entry or a reviewed waiver."""

    kind: str  # "baseline" | "waiver"
    justification: str
    approver: str | None = None
    expires: str | None = None  # ISO date (waivers)
    source: str | None = None  # the baseline or waiver file


@dataclass(frozen=True)
class Violation:
    rule: str
    severity: str
    title: str
    message: str
    references: tuple[str, ...]
    remediation: str
    fingerprint: str  # stable across runs and machines: asset id + rule + flow + column
    column: str | None = None
    flow: str | None = None
    missing: tuple[str, ...] = ()  # manifest/flow facts the data officer must supply
    suppression: Suppression | None = None  # set by baselines and waivers; suppressed ones do not gate


@dataclass(frozen=True)
class FlowDecision:
    """Why one flow needs the route it needs (``assets[].flows[].decision``), for a reviewer to audit.

    ``article`` is the deciding article (first of ``articles``); ``facts`` and ``thresholds`` are what the
    route was computed from; ``would_change`` names the absent facts that were taken at their strictest;
    ``failed_rules`` the rules this flow violates (any rule, not only the cross-border ones)."""

    flow: str
    recipient_type: str | None
    cross_border: bool
    trigger: str | None
    required_route: str
    declared_route: str | None
    exemption: str | None
    exemption_holds: bool | None
    exemption_problem: str | None
    route_satisfied: bool
    route_problem: str | None
    expired: bool
    article: str
    articles: tuple[str, ...]
    reason: str
    facts: dict = field(default_factory=dict, hash=False)
    thresholds: dict = field(default_factory=dict, hash=False)
    would_change: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # important/core-data decisions (NDSMR Art 31, plan policy, core data)
    failed_rules: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        return "fail" if self.failed_rules else "pass"


@dataclass
class AssetReport:
    scan: AssetScan
    declared_level: str | None = None
    violations: list[Violation] = field(default_factory=list)
    evaluated_rules: list[str] = field(default_factory=list)  # rule ids evaluated for this asset
    manifest: str | None = None  # path of the asset manifest, if any
    declared_categories: tuple[str, ...] = ()
    fail_on: str = "high"
    flows: list[FlowDecision] = field(default_factory=list)  # each flow's decision, in manifest order
    name_masked: bool = False  # set on the masked copy when the id, source or table held a personal value

    @property
    def status(self) -> str:
        """error: not scanned; fail: a violation at or above the threshold; empty: no data to check
        (``scan.empty`` says why); pass otherwise."""
        from ..gate import gating

        if self.scan.error:
            return "error"
        if gating(self.violations, self.fail_on):
            return "fail"
        return "empty" if self.scan.empty else "pass"


@dataclass
class Report:
    tool_version: str
    policy_id: str
    policy_version: str
    policy_sha256: str
    options: ScanOptions
    assets: list[AssetReport]
    lang: str = "en"
    generated_at: datetime.datetime | None = None
    rules: dict[str, RuleInfo] = field(default_factory=dict)  # every rule the report mentions
    fail_on: str = "high"
    baseline_file: str | None = None  # the baseline applied, if any
    stale_baseline: list[BaselineEntry] = field(default_factory=list)  # entries matching nothing scanned
    waivers_file: str | None = None  # the waiver file applied, if any
    expired_waivers: list[Waiver] = field(default_factory=list)  # no longer suppress anything
    nothing_selected: bool = False  # --since left no input to scan (an empty report is then expected)
    category_titles: dict[str, str] = field(default_factory=dict)  # category id -> title in the report's language
    skipped: list = field(default_factory=list)  # sources.paths.Skip: what directory walks left out (not errors)
    denied: tuple[str, ...] = ()  # --deny CATEGORY|ENTITY terms checked on every asset
    rules_skipped: list = field(default_factory=list)  # rule_skips.SkippedRule: pack rules not evaluated, and why

    @property
    def errors(self) -> list[AssetReport]:
        return [a for a in self.assets if a.scan.error]

    @property
    def empty(self) -> list[AssetReport]:
        """Assets that were read but hold no data (``scan.empty``), whatever their status."""
        return [a for a in self.assets if a.scan.empty and not a.scan.error]

    @property
    def nothing_scanned(self) -> bool:
        """No input yielded data to check: the gate fails closed (exit 2), unless --since selected nothing."""
        if not self.assets:
            return not self.nothing_selected
        return all(a.scan.error or a.scan.empty for a in self.assets)

    def violation_counts(self) -> dict[str, int]:
        """Violations by severity, suppressed ones left out (they are in :meth:`suppressed_counts`)."""
        counts = dict.fromkeys(SEVERITY_ORDER, 0)
        for asset in self.assets:
            for violation in asset.violations:
                if violation.suppression is None:
                    counts[violation.severity] += 1
        return counts

    def suppressed_counts(self) -> dict[str, int]:
        """Suppressed violations by kind of suppression (baseline, waiver)."""
        counts = {"baseline": 0, "waiver": 0}
        for asset in self.assets:
            for violation in asset.violations:
                if violation.suppression is not None:
                    kind = violation.suppression.kind
                    counts[kind] = counts.get(kind, 0) + 1
        return counts

    @property
    def status(self) -> str:
        if self.errors or self.nothing_scanned:
            return "error"
        return "fail" if any(a.status == "fail" for a in self.assets) else "pass"
