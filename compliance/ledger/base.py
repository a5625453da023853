"""What every ledger store does: append a run's records atomically, read them, verify the chain."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from ..errors import ComplianceError
from ..redact import shown
from .chain import canonical_json, chained
from .schema import check_records
from .verify import LedgerVerification, StoredRow, verify_rows


class LedgerError(ComplianceError):
    """The ledger cannot be opened, read or written (exit 2: a scan whose record is lost fails closed)."""


def iso_bound(value: datetime.datetime | datetime.date | str | None, *, end: bool) -> str | None:
    """A ``since``/``until`` bound as the records' time strings (UTC, ``...Z``); a date covers its whole day."""
    if value is None:
        return None
    if isinstance(value, str):
        value = (
            datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if "T" in value
            else (datetime.date.fromisoformat(value))
        )
    if not isinstance(value, datetime.datetime):
        clock = datetime.time(23, 59, 59) if end else datetime.time(0, 0, 0)
        value = datetime.datetime.combine(value, clock, tzinfo=datetime.UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stored_rows(records: list[dict[str, Any]], last_seq: int, last_sha: str) -> list[tuple[int, str, str, dict]]:
    """(seq, time, canonical JSON, record) of ``records`` chained after the head."""
    return [(r["seq"], r["time"], canonical_json(r), r) for r in chained(records, last_seq, last_sha)]


class Ledger:
    """A ledger store. Subclasses implement the four storage primitives below."""

    #: the target as it may be shown (a path, or a URL without its password)
    shown_target: str = ""

    # -- storage primitives -------------------------------------------------------------------------
    def _append_locked(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:  # pragma: no cover
        """In one serialised transaction: read the head, store ``stored_rows(records, seq, sha)``, move the head."""
        raise NotImplementedError

    def _rows(self, since: str | None, until: str | None) -> Iterator[StoredRow]:  # pragma: no cover
        raise NotImplementedError

    def _head(self) -> tuple[int, str] | None:  # pragma: no cover
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover
        pass

    # -- API ----------------------------------------------------------------------------------------
    def append(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Chain ``records`` (one run) after the last record, atomically; returns them as stored."""
        if not records:
            return []
        check_records(records)
        return self._append_locked(records)

    def records(self, since=None, until=None) -> Iterator[dict[str, Any]]:
        """The records in chain order; ``since``/``until`` (datetime, date or ISO string) are inclusive."""
        import json

        for row in self._rows(iso_bound(since, end=False), iso_bound(until, end=True)):
            try:
                record = json.loads(row.text)
            except ValueError:
                raise LedgerError(
                    f"ledger {self.shown_target}: record {row.key} is unreadable "
                    "(`compliance ledger verify` names what changed)"
                ) from None
            yield record

    def verify(self) -> LedgerVerification:
        return verify_rows(list(self._rows(None, None)), self._head())

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fail(self, what: str, err: BaseException) -> LedgerError:
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()
        detail = shown(reason[0] if reason else type(err).__name__)
        return LedgerError(f"ledger {self.shown_target}: cannot {what}: {detail}")
