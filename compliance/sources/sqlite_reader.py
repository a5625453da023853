"""SQLite database files: each table (not views, not SQLite's own ``sqlite_*`` tables) is a table.

The file is opened read-only through a ``file:...?mode=ro`` URI, so a scan can never change it.
Row counts are exact (``count(*)``). A sample takes one row per stratum of the rowid range
(``rowid >= x ORDER BY rowid LIMIT 1``, an index lookup each), so it is spread over the whole table
and cheap on large ones; ``WITHOUT ROWID`` tables are streamed once through a seeded reservoir.
SQLite values are typed per cell: integers and reals become their text (integral reals without
``.0``), BLOBs their UTF-8 text or null. An empty table is kept as a table with 0 rows; a database
without tables is an input error.
"""

from __future__ import annotations

import os
import random
import sqlite3
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa

from ..errors import InputError
from .convert import batch_from_rows, py_text, unique_names
from .reservoir import Reservoir
from .table import DEFAULT_BATCH_ROWS, Table

_ROWID_ALIASES = ("rowid", "_rowid_", "oid")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def connect(source: str) -> sqlite3.Connection:
    uri = "file:" + urllib.parse.quote(os.path.abspath(source)) + "?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise InputError(f"cannot open SQLite database: {exc}", source=source) from None
    # TEXT that is not valid UTF-8 would raise an error quoting the value: replace bad bytes instead
    connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
    return connection


def _database_error(source: str, exc: sqlite3.Error) -> InputError:
    # sqlite3 messages name the problem ("file is not a database", "database disk image is
    # malformed", "no such table"), never row data
    return InputError(f"cannot read SQLite database: {exc}", source=source)


@dataclass(eq=False)
class SqliteTable(Table):
    _sql_columns: tuple[str, ...] = ()  # the table's own column names, for the SELECT
    _rowid: str | None = None  # the name that reaches the rowid, None for WITHOUT ROWID tables

    def _select(self, *, with_rowid: bool = False) -> str:
        names = [quote(c) for c in self._sql_columns]
        if with_rowid:
            names.insert(0, quote(self._rowid))
        return f"SELECT {', '.join(names)} FROM {quote(self.table)}"

    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        connection = connect(self.source)
        try:
            cursor = connection.execute(self._select())
            while chunk := cursor.fetchmany(batch_rows):
                yield batch_from_rows([[py_text(v) for v in row] for row in chunk], self.columns)
        except sqlite3.Error as exc:
            raise _database_error(self.source, exc) from None
        finally:
            connection.close()

    def sample(self, n: int, seed: int) -> pa.Table:
        if n <= 0:
            return self._empty()
        if self._rowid is None or n >= self.rows_total:
            reservoir = Reservoir(n, seed)
            reservoir.extend(self.batches(4096))
            return reservoir.result(self.columns)
        connection = connect(self.source)
        try:
            rows = stratified_rows(connection, self._select(with_rowid=True), self.table, self._rowid, n, seed)
        except sqlite3.Error as exc:
            raise _database_error(self.source, exc) from None
        finally:
            connection.close()
        return self._conform(batch_from_rows(rows, self.columns))


def stratified_rows(connection, select_with_rowid: str, table: str, rowid: str, n: int, seed: int) -> list[list]:
    """One row per stratum of the rowid range, ``n`` strata, a seeded point in each (``rowid >= x ORDER
    BY rowid LIMIT 1``: an index lookup each), as text cells; ``select_with_rowid`` selects the rowid
    first. Also used by sql_reader.py for ``sqlite:///`` URLs (the same rows as the file for a seed)."""
    key = quote(rowid)
    low, high = connection.execute(f"SELECT min({key}), max({key}) FROM {quote(table)}").fetchone()
    if low is None:
        return []
    query = f"{select_with_rowid} WHERE {key} >= ? ORDER BY {key} LIMIT 1"
    rng, width = random.Random(seed), (high - low + 1) / n
    rows, last = [], low - 1
    for i in range(n):
        target = max(low + int((i + rng.random()) * width), last + 1)
        found = connection.execute(query, (target,)).fetchone()
        if found is None:
            break
        last = found[0]
        rows.append([py_text(v) for v in found[1:]])
    return rows


def _rowid_name(connection: sqlite3.Connection, table: str, columns: list[str]) -> str | None:
    lowered = {c.lower() for c in columns}
    for alias in _ROWID_ALIASES:
        if alias not in lowered:
            try:
                connection.execute(f"SELECT {alias} FROM {quote(table)} LIMIT 1").fetchall()
            except sqlite3.OperationalError:  # WITHOUT ROWID
                return None
            return alias
    return None


def open_sqlite(source: str, fmt: str, encoding: str | None) -> list[Table]:
    connection = connect(source)
    tables: list[Table] = []
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                "ORDER BY name"
            )
        ]
        for name in names:
            raw = [row[1] for row in connection.execute(f"PRAGMA table_info({quote(name)})")]
            count = connection.execute(f"SELECT count(*) FROM {quote(name)}").fetchone()[0]
            table = SqliteTable(
                source=source,
                table=name,
                format=fmt,
                columns=unique_names(raw),
                rows_total=count,
                rows_total_exact=True,
                _sql_columns=tuple(raw),
                _rowid=_rowid_name(connection, name, raw),
            )
            tables.append(table)
    except sqlite3.Error as exc:
        raise _database_error(source, exc) from None
    finally:
        connection.close()
    if not tables:
        raise InputError("no tables in the SQLite database", source=source)
    return tables
