"""Open violations over time: after each day (week, month) the state of every asset's latest record.

One pass over the records in chain order keeps each asset's current open counts and the running
totals, so 10,000 records cost one walk. The bucket grows with the span so a chart stays readable:
days up to 62 days, ISO weeks up to about a year, months beyond. Each record counts as of its own day
(a waiver valid at that scan suppresses); the report's tables count as of the report's day.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from ..catalog.records import Record, open_violations, record_time
from .model import TrendPoint
from .sections import SEVERITIES


def unit_for(first: datetime.date, last: datetime.date) -> str:
    span = (last - first).days
    return "day" if span <= 62 else "week" if span <= 400 else "month"


def bucket_start(day: datetime.date, unit: str) -> datetime.date:
    if unit == "week":
        return day - datetime.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _counts(record: Record, day: datetime.date) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for violation in open_violations(record, day):
        severity = violation.get("severity", "low")
        counts[severity] = counts.get(severity, 0) + 1
    return counts


def trend(records: Iterable[Record]) -> tuple[list[TrendPoint], str]:
    timed = [(record_time(r).date(), r) for r in records]
    if not timed:
        return [], "day"
    unit = unit_for(min(d for d, _ in timed), max(d for d, _ in timed))
    state: dict[str, dict[str, int]] = {}
    totals = dict.fromkeys(SEVERITIES, 0)
    points: list[TrendPoint] = []
    current: datetime.date | None = None
    scans = 0
    for day, record in sorted(timed, key=lambda t: (t[0], t[1].get("seq", 0))):
        start = bucket_start(day, unit)
        if current is not None and start != current:
            points.append(TrendPoint(current.isoformat(), dict(totals), len(state), scans))
            scans = 0
        current = start
        new = _counts(record, day)
        old = state.get(record["asset"]["id"])
        for severity, n in new.items():
            totals[severity] = totals.get(severity, 0) + n - (old.get(severity, 0) if old else 0)
        state[record["asset"]["id"]] = new
        scans += 1
    points.append(TrendPoint(current.isoformat(), dict(totals), len(state), scans))
    return points, unit
