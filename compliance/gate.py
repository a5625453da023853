"""Turn a report into an exit code (design.md): 0 pass, 1 violations at or above the threshold,
2 when any input could not be scanned or when no input held any data (the gate fails closed, whatever
the threshold). An empty table beside tables with data is reported (status ``empty``) but does not
change the exit code."""

from __future__ import annotations

SEVERITY_RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1}
FAIL_ON = ("critical", "high", "medium", "low", "never")


def gating(violations, fail_on: str):
    """The violations that fail the gate at this threshold (suppressed ones never do)."""
    if fail_on == "never":
        return []
    threshold = SEVERITY_RANK[fail_on]
    return [v for v in violations if v.suppression is None and SEVERITY_RANK[v.severity] >= threshold]


def exit_code(report, fail_on: str = "high", soft_fail: bool = False) -> int:
    if report.errors or report.nothing_scanned:
        return 2
    if soft_fail:
        return 0
    return 1 if any(gating(asset.violations, fail_on) for asset in report.assets) else 0
