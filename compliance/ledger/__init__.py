"""The scan ledger: one hash-chained record per asset per ``compliance scan`` (README "Scan ledger").

    from compliance.ledger import open_ledger, records_from_report
    with open_ledger(".compliance/ledger.db") as led:   # a path (SQLite) or a SQLAlchemy URL
        led.append(records_from_report(report, actor="alice", exit_code=1, time=now))
        for record in led.records(since=date(2026, 1, 1)): ...
        result = led.verify()                            # .ok, .count, .problems ("seq 7: edited ...")

Record format: ``schemas/ledger-record.schema.json``; chain: ``chain.py``; verification: ``verify.py``.
"""

from __future__ import annotations

import os

from .base import Ledger, LedgerError
from .chain import GENESIS, canonical_json, record_sha256
from .records import records_from_report
from .verify import LedgerVerification


def is_url(target: str) -> bool:
    return "://" in str(target)


def open_ledger(target: str | os.PathLike, *, create: bool = True) -> Ledger:
    """The ledger at ``target``: a file path (SQLite, created with its folder) or a SQLAlchemy URL.

    ``sqlite:///PATH`` URLs use the same stdlib store as plain paths. ``create=False`` refuses a
    ledger that does not exist yet (``compliance ledger verify`` of a mistyped path is an error)."""
    text = os.fspath(target)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    if is_url(text):
        from .sql_store import SQLLedger

        return SQLLedger(text, create=create)
    from .sqlite_store import SQLiteLedger

    return SQLiteLedger(text, create=create)


__all__ = [
    "GENESIS",
    "Ledger",
    "LedgerError",
    "LedgerVerification",
    "canonical_json",
    "open_ledger",
    "record_sha256",
    "records_from_report",
]
