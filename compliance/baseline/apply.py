"""Suppress the violations a baseline accepted, and find the entries nothing matches any more.

Matching is by fingerprint only (asset id + rule + flow + column): a violation that moves to another
column or asset has another fingerprint and gates as new, and matching by rule alone would let new
violations hide behind old ones (checkov #7647). Entries of assets that were not scanned in this run
(``--since``, or an input that could not be read) are neither matched nor stale.
"""

from __future__ import annotations

from dataclasses import replace

from ..report.model import Report, Suppression
from .model import Baseline, BaselineEntry


def apply(report: Report, baseline: Baseline) -> list[BaselineEntry]:
    """Mark matching, not yet suppressed violations with a baseline suppression; return stale entries.

    The report records the baseline file and its stale entries (``baseline_file``, ``stale_baseline``).
    """
    accepted = {e.fingerprint: e for e in baseline.entries}
    suppression = Suppression(
        kind="baseline",
        justification=f"accepted in baseline {baseline.path}",
        source=baseline.path,
    )
    seen: set[str] = set()
    for asset in report.assets:
        marked = []
        for v in asset.violations:
            if v.fingerprint in accepted:
                seen.add(v.fingerprint)
                if v.suppression is None:
                    v = replace(v, suppression=suppression)
            marked.append(v)
        asset.violations = marked
    scanned = {a.scan.id for a in report.assets if not a.scan.error}
    stale = [e for e in baseline.entries if e.asset in scanned and e.fingerprint not in seen]
    report.baseline_file = baseline.path
    report.stale_baseline = sorted(stale, key=BaselineEntry.sort_key)
    return report.stale_baseline
