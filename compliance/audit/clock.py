"""The report's "now": ``--now`` or ``COMPLIANCE_NOW`` pin it (golden files, reproducible audits)."""

from __future__ import annotations

import datetime
import os

from ..errors import UsageError

NOW_ENV = "COMPLIANCE_NOW"


def parse_moment(text: str, what: str) -> datetime.datetime:
    """``2026-12-03``, ``2026-12-03T13:00:00`` or ``...Z``/``+08:00`` as an aware UTC datetime."""
    try:
        moment = datetime.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"{what}: '{text}' is not a date or time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


def current_time(given: str | None = None) -> datetime.datetime:
    """``given`` (``--now``), else ``$COMPLIANCE_NOW``, else the clock; UTC, whole seconds."""
    text = given or os.environ.get(NOW_ENV)
    moment = parse_moment(text, "--now" if given else NOW_ENV) if text else datetime.datetime.now(datetime.UTC)
    return moment.replace(microsecond=0)


def iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
