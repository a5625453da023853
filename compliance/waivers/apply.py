"""Suppress waived violations on a given day and list the waivers that have expired.

A waiver suppresses up to and including its ``expires`` date; from the next day the violation gates
again and the report says which waiver expired, so an exception cannot outlive its review silently.
Waivers are applied before the baseline: a reviewed, justified exception is the better record.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

from ..report.model import Report, Suppression
from .model import Waiver, WaiverFile


def _suppression(waiver: Waiver) -> Suppression:
    return Suppression(
        kind="waiver",
        justification=waiver.justification,
        approver=waiver.approver,
        expires=waiver.expires.isoformat(),
        source=waiver.source,
    )


def apply(report: Report, waivers: WaiverFile, day: datetime.date) -> list[Waiver]:
    """Mark violations covered by a waiver active on ``day``; return (and record) the expired waivers."""
    active = [w for w in waivers.waivers if w.active_on(day)]
    for asset in report.assets:
        marked = []
        for v in asset.violations:
            if v.suppression is None:
                covering = [w for w in active if w.covers(asset.scan.id, v)]
                if covering:
                    v = replace(v, suppression=_suppression(max(covering, key=lambda w: w.expires)))
            marked.append(v)
        asset.violations = marked
    expired = [w for w in waivers.waivers if not w.active_on(day)]
    report.waivers_file = waivers.path
    report.expired_waivers = sorted(expired, key=lambda w: (w.expires, w.asset, w.rule, w.column or "", w.flow or ""))
    return report.expired_waivers
