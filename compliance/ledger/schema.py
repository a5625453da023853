"""Records are checked against ``schemas/ledger-record.schema.json`` before they are chained."""

from __future__ import annotations

from functools import cache
from typing import Any

from .chain import GENESIS


@cache
def _validator():
    from ..schema_check import validator_for

    return validator_for("ledger-record.schema.json")


def record_errors(record: dict[str, Any]) -> list[str]:
    """Schema problems of a stored record (``seq``, ``prev_sha256`` and ``sha256`` included)."""
    errors = _validator().iter_errors(record)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}" for e in errors]


def check_records(records: list[dict[str, Any]]) -> None:
    """Raise LedgerError when a record to append does not follow the schema (chain keys not needed yet)."""
    from .base import LedgerError

    for index, record in enumerate(records):
        candidate = {"seq": 1, "prev_sha256": GENESIS, "sha256": GENESIS, **record}
        errors = record_errors(candidate)
        if errors:
            raise LedgerError(f"ledger record {index + 1} does not follow ledger-record.schema.json: {errors[0]}")
