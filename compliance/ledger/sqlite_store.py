"""The default ledger: one SQLite file (stdlib ``sqlite3``), appends serialised by ``BEGIN IMMEDIATE``.

``BEGIN IMMEDIATE`` takes the database's write lock before the head is read, so two scans can never
chain onto the same record; a scan waits (up to ``TIMEOUT_S``) while another appends. The rollback
journal (not WAL) keeps the ledger one file that can be copied or archived as it is.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator

from ..redact import shown
from .base import Ledger, stored_rows
from .chain import GENESIS
from .verify import StoredRow

TIMEOUT_S = 120.0

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS ledger_records (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, record TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ledger_records_time ON ledger_records (time)",
    "CREATE TABLE IF NOT EXISTS ledger_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, "
    "sha256 TEXT NOT NULL)",
)


class SQLiteLedger(Ledger):
    def __init__(self, path: str | os.PathLike, *, create: bool = True) -> None:
        self.path = os.fspath(path)
        self.shown_target = shown(self.path)
        if not create and not os.path.exists(self.path):
            raise self.fail("open it", FileNotFoundError("no such file"))
        try:
            folder = os.path.dirname(os.path.abspath(self.path))
            if create:
                os.makedirs(folder, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=TIMEOUT_S, isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout = {int(TIMEOUT_S * 1000)}")
            if create:
                self._create()
        except (OSError, sqlite3.Error) as err:
            raise self.fail("open it", err) from None

    def _create(self) -> None:
        exists = self._db.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('ledger_records', 'ledger_head')"
        ).fetchone()[0]
        if exists == 2:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA:
                self._db.execute(statement)
            self._db.execute("INSERT OR IGNORE INTO ledger_head (id, seq, sha256) VALUES (1, 0, ?)", (GENESIS,))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _append_locked(self, records):
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                head = self._db.execute("SELECT seq, sha256 FROM ledger_head WHERE id = 1").fetchone()
                last_seq, last_sha = head if head else (0, GENESIS)
                rows = stored_rows(records, last_seq, last_sha)
                self._db.executemany(
                    "INSERT INTO ledger_records (seq, time, record) VALUES (?, ?, ?)", [r[:3] for r in rows]
                )
                last = rows[-1][3]
                move = "INSERT OR REPLACE INTO ledger_head (id, seq, sha256) VALUES (1, ?, ?)"
                self._db.execute(move, (last["seq"], last["sha256"]))
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        except (OSError, sqlite3.Error) as err:
            raise self.fail("append to it", err) from None
        return [r[3] for r in rows]

    def _rows(self, since, until) -> Iterator[StoredRow]:
        query, params = "SELECT seq, time, record FROM ledger_records", []
        where = []
        if since:
            where.append("time >= ?")
            params.append(since)
        if until:
            where.append("time <= ?")
            params.append(until)
        if where:
            query += " WHERE " + " AND ".join(where)
        try:
            cursor = self._db.execute(query + " ORDER BY seq", params)
            for key, time, text in cursor:
                yield StoredRow(key, time, text if isinstance(text, str) else bytes(text).decode("utf-8", "replace"))
        except (OSError, sqlite3.Error) as err:
            raise self.fail("read it", err) from None

    def _head(self):
        try:
            row = self._db.execute("SELECT seq, sha256 FROM ledger_head WHERE id = 1").fetchone()
        except (OSError, sqlite3.Error) as err:
            raise self.fail("read it", err) from None
        return (row[0], row[1]) if row else None

    def close(self) -> None:
        self._db.close()
