"""Suppress the violations a baseline accepted, and find the entries nothing matches any more.

An entry suppresses a violation only when it has the violation's fingerprint *and* its asset, rule,
column, flow and severity (names compared as the file stores them: through ``redact.safe_name``), and
the asset has not escalated since: its detected level is not higher and it has no category the entry
did not record. A forged entry (the fingerprint of a critical finding under another asset, rule or
severity) therefore suppresses nothing, and neither does an entry whose severity changed or whose
asset became more sensitive; such entries are stale, with the reason. Matching by rule alone would
let new violations hide behind old ones (checkov #7647). Entries of assets that were not scanned in
this run (``--since``, or an input that could not be read) are neither matched nor stale.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..redact import safe_name, safe_optional
from ..report.model import AssetReport, Report, Suppression, Violation
from .model import Baseline, BaselineEntry

if TYPE_CHECKING:
    from ..policy.levels import LevelOrder


def apply(report: Report, baseline: Baseline, levels: LevelOrder | None = None) -> list[BaselineEntry]:
    """Mark matching, not yet suppressed violations with a baseline suppression; return stale entries.

    ``levels`` (the pack's level order) tells an escalation from a lowering; without it any change of
    the detected level counts as an escalation. The report records the baseline file and its stale
    entries (``baseline_file``, ``stale_baseline``, each with ``stale`` saying why).
    """
    accepted = {e.fingerprint: e for e in baseline.entries}
    suppression = Suppression(
        kind="baseline",
        justification=f"accepted in baseline {baseline.path}",
        source=baseline.path,
    )
    matched: set[str] = set()
    reasons: dict[str, str] = {}
    for asset in report.assets:
        marked = []
        for v in asset.violations:
            entry = accepted.get(v.fingerprint)
            reason = None if entry is None else mismatch(entry, asset, v, levels)
            if entry is not None and reason is None:
                matched.add(v.fingerprint)
                if v.suppression is None:
                    v = replace(v, suppression=suppression)
            elif entry is not None:
                reasons.setdefault(v.fingerprint, reason)
            marked.append(v)
        asset.violations = marked
    scanned = {safe_name(a.scan.id) for a in report.assets if not a.scan.error}  # entries hold masked names
    stale = [
        replace(e, stale=reasons.get(e.fingerprint, "matches no violation any more"))
        for e in baseline.entries
        if e.fingerprint not in matched and (e.asset in scanned or e.fingerprint in reasons)
    ]
    report.baseline_file = baseline.path
    report.stale_baseline = sorted(stale, key=BaselineEntry.sort_key)
    return report.stale_baseline


def mismatch(entry: BaselineEntry, asset: AssetReport, violation: Violation, levels: LevelOrder | None) -> str | None:
    """Why ``entry`` (same fingerprint) does not accept ``violation`` of ``asset``; None when it does."""
    scan = asset.scan
    differ = [
        name
        for name, stored, now in (
            ("asset", entry.asset, safe_name(scan.id)),
            ("rule", entry.rule, violation.rule),
            ("column", entry.column, safe_optional(violation.column)),
            ("flow", entry.flow, safe_optional(violation.flow)),
        )
        if stored != now
    ]
    if differ:
        return f"its fingerprint belongs to a violation with another {', '.join(differ)}"
    if entry.severity != violation.severity:
        return f"severity changed ({entry.severity} → {violation.severity})"
    if _escalated(entry.level, scan.level, levels):
        return f"asset level escalated ({entry.level} → {scan.level})"
    added = sorted(set(scan.categories) - set(entry.categories)) if entry.categories is not None else []
    if added:
        return f"asset categories escalated (+{', '.join(added)})"
    return None


def _escalated(then: str | None, now: str | None, levels: LevelOrder | None) -> bool:
    if then is None or now is None or then == now:  # not recorded (format 1), or no table read
        return False
    if levels is None or then not in levels or now not in levels:
        return True  # cannot tell higher from lower: fail closed
    return levels.compare(now, then) >= 0  # higher, or not comparable (a level and its own sub-level)
