"""A reviewed exception: one rule on one asset (optionally one column or flow) until a date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from ..redact import safe_name


def _same(written: str, name: str | None) -> bool:
    return name is not None and written in (name, safe_name(name))


@dataclass(frozen=True)
class Waiver:
    rule: str  # canonical rule id (an alias in the file is resolved through the pack)
    asset: str
    justification: str
    approver: str
    expires: datetime.date  # last day the waiver suppresses
    column: str | None = None
    flow: str | None = None
    ticket: str | None = None
    source: str = ""  # "file:line" of the waiver, for auditors

    def covers(self, asset_id: str, violation) -> bool:
        """Same rule and asset; and the column and flow, when the waiver names them.

        Names match as written in the data or as reports show them (``redact.safe_name``): a waiver
        for a column named by a resident ID is written with the masked name the report printed."""
        return (
            violation.rule == self.rule
            and _same(self.asset, asset_id)
            and (self.column is None or _same(self.column, violation.column))
            and (self.flow is None or _same(self.flow, violation.flow))
        )

    def active_on(self, day: datetime.date) -> bool:
        return day <= self.expires

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "asset": self.asset,
            "column": self.column,
            "flow": self.flow,
            "justification": self.justification,
            "approver": self.approver,
            "expires": self.expires.isoformat(),
            "ticket": self.ticket,
            "source": self.source,
        }


@dataclass(frozen=True)
class WaiverFile:
    path: str
    waivers: tuple[Waiver, ...]
