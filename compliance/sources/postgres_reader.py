"""PostgreSQL databases: every table and view of a schema (or those listed) is a table.

Source: ``postgresql://[user[:password]@]host[:port]/database[?schema=public&table=a,b&table=c]``
(``postgres://`` too). Query parameters the reader takes for itself: ``schema`` (default ``public``),
``table`` (repeatable or comma-separated; default every table, view, materialized view and foreign
table of the schema, partitions left to their parent) and ``statement_timeout`` (PostgreSQL units,
``30s``, ``5min``; default :data:`DEFAULT_STATEMENT_TIMEOUT`); every other parameter (``sslmode``,
``connect_timeout``...) goes to libpq. Credentials come from the URL, ``PGPASSWORD`` or ``~/.pgpass``
(libpq reads them) and are never shown: sources are named by :func:`~compliance.sources.db_url.public_url`.

Every read is one ``READ ONLY`` transaction with a ``statement_timeout``, so a scan can neither change
the database nor hold it for long. Sampling happens on the server: a table is sampled with
``TABLESAMPLE BERNOULLI (p) REPEATABLE (seed)``, ``p`` sized from ``pg_class.reltuples`` to give a few
more rows than wanted (the extra rows are cut by a seeded ``md5(ctid)`` order, so the sample is spread
over the table, not its first pages); views and foreign tables, which cannot be sampled, take a seeded
``ORDER BY md5(row || seed) LIMIT n``. ``--full`` streams rows through a server-side cursor in bounded
batches. Values become text as in the other readers (compliance/sources/convert.py): arrays become
their JSON text, JSON/JSONB objects become dotted columns (``attrs.phone``) like JSON sources.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyarrow as pa

from ..errors import InputError
from .convert import NestedTooDeep, batch_from_dicts, extend_unique, flatten_record, py_text
from .db_url import parse_source
from .table import DEFAULT_BATCH_ROWS, Table

DEFAULT_SCHEMA = "public"
DEFAULT_STATEMENT_TIMEOUT = "5min"
DEFAULT_CONNECT_TIMEOUT = 10  # seconds, unless the URL says connect_timeout=
#: query parameters the reader takes for itself (the others go to libpq)
OWN_PARAMETERS = ("schema", "table", "statement_timeout")
#: relation kinds scanned: table, partitioned table, view, materialized view, foreign table
_KINDS = {"r": "table", "p": "table", "m": "materialized view", "v": "view", "f": "foreign table"}
_SAMPLEABLE = frozenset("rpm")
#: a sampled table asks for this many more rows than wanted (then cuts them): BERNOULLI's count varies
#: by about sqrt(n), so n + 5 sqrt(n) + 20 falls short about once in 3 million draws
_MARGIN_SD, _MARGIN_ROWS = 5, 20
#: a table estimated at no more than this many times the sample is read whole (keyed order, LIMIT n)
_SMALL_FACTOR = 3
_TIMEOUT = re.compile(r"^\s*\d+\s*(us|ms|s|min|h|d)?\s*$")

#: SQLSTATE → what a user should read (server messages can quote data; these never do)
_SQLSTATE = {
    "28P01": "authentication failed (wrong or missing password: give it in PGPASSWORD or ~/.pgpass)",
    "28000": "the server refused this role (pg_hba.conf)",
    "3D000": "no such database",
    "42501": "permission denied: the role may not read it",
    "42P01": "no such table or view",
    "57014": "statement timeout exceeded (statement_timeout= in the URL raises it)",
    "53300": "too many connections to the server",
    "57P03": "the server is starting up or shutting down",
}


#: libpq's connection failures → the SQLSTATE the server meant (libpq reports them without one)
_CONNECTION_ERRORS = (
    (re.compile(r"password authentication failed|no password supplied|SCRAM"), "28P01"),
    (re.compile(r"no pg_hba\.conf entry|pg_hba\.conf rejects"), "28000"),
    (re.compile(r"database \".*\" does not exist"), "3D000"),
    (re.compile(r"too many clients|remaining connection slots"), "53300"),
    (re.compile(r"the database system is (starting up|shutting down)"), "57P03"),
)
_CONNECTION_PREFIX = re.compile(r'^(connection failed: )?(connection to server (at|on) .*? failed: )?(FATAL: +)?')


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Target:
    """What a PostgreSQL source URL asks for."""

    shown: str  # the URL as reports show it (no password)
    url: Any  # sqlalchemy.engine.URL without the reader's own parameters
    schema: str
    tables: tuple[str, ...]  # empty: every table and view of the schema
    statement_timeout: str


def parse_target(shown: str) -> Target:
    """The connection URL and the reader's own parameters of a source URL (raises InputError)."""
    url, values, tables = parse_source(shown)
    schemas = values("schema")
    timeouts = values("statement_timeout")
    if len(schemas) > 1 or len(timeouts) > 1:
        raise InputError("give schema= and statement_timeout= at most once", source=shown)
    timeout = timeouts[0] if timeouts else DEFAULT_STATEMENT_TIMEOUT
    if not _TIMEOUT.match(timeout):
        raise InputError(f"statement_timeout={timeout!r}: expected a number of ms or e.g. 30s, 5min", source=shown)
    if not url.database:
        raise InputError("the URL names no database (postgresql://host/DATABASE)", source=shown)
    url = url.difference_update_query(OWN_PARAMETERS).set(drivername="postgresql+psycopg")
    return Target(shown, url, schemas[0] if schemas else DEFAULT_SCHEMA, tables, timeout)


@lru_cache(maxsize=32)
def _engine(url: Any):
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    connect_args: dict[str, Any] = {"application_name": "compliance"}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = DEFAULT_CONNECT_TIMEOUT
    # NullPool: every read is its own connection, closed after it (a scan holds none between tables)
    return create_engine(url, poolclass=NullPool, connect_args=connect_args)


def database_error(exc: BaseException, source: str, table: str | None = None) -> InputError:
    """One line for a driver error: the SQLSTATE's meaning, or libpq's own first line for a connection
    failure (it names host and port, never a password); never the statement or its parameters."""
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None)
    where = f"table {table!r}: " if table else ""
    if state in _SQLSTATE:
        return InputError(where + _SQLSTATE[state], source=source)
    first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    if state is None:  # libpq's connection errors carry no SQLSTATE: the server's FATAL line, or none
        reason = _CONNECTION_PREFIX.sub("", first)  # the source already names host and port
        for pattern, known in _CONNECTION_ERRORS:
            if pattern.search(reason):
                return InputError(where + _SQLSTATE[known], source=source)
        return InputError(f"{where}cannot connect to the database server: {reason}", source=source)
    primary = getattr(getattr(orig, "diag", None), "message_primary", None) or first
    return InputError(f"{where}database error {state}: {primary}", source=source)


@contextlib.contextmanager
def reading(target: Target, table: str | None = None):
    """A connection inside a READ ONLY transaction with the target's statement timeout; driver errors
    become one InputError line."""
    import psycopg
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    try:
        with _engine(target.url).connect() as connection:
            connection.exec_driver_sql("SET TRANSACTION READ ONLY")  # the first statement of the transaction
            timeout = text("SELECT set_config('statement_timeout', :t, true)")  # SET LOCAL, with a bound value
            connection.execute(timeout, {"t": target.statement_timeout})
            yield connection
            connection.rollback()  # nothing to commit: a read-only transaction
    except (DBAPIError, psycopg.Error) as exc:  # psycopg's own: from the --full cursor
        raise database_error(exc, target.shown, table) from None


@dataclass(eq=False)
class PostgresTable(Table):
    _target: Target | None = None
    _schema: str = DEFAULT_SCHEMA
    _kind: str = "r"
    _sql_columns: tuple[str, ...] = ()
    _json_columns: frozenset[str] = frozenset()  # json/jsonb: objects become dotted columns
    _estimate_rows: float | None = None  # pg_class.reltuples, None when never counted
    _problem: str | None = None  # a listed table that cannot be read (missing, no SELECT right)

    # SQL -------------------------------------------------------------------------------------------
    @property
    def _relation(self) -> str:
        return f"{_quote(self._schema)}.{_quote(self.table)}"

    def _select(self) -> str:
        return ", ".join(f"t.{_quote(c)}" for c in self._sql_columns)

    def _check(self) -> None:
        if self._problem:
            raise InputError(f"table {self.table!r}: {self._problem}", source=self.source)

    # rows → text batches ---------------------------------------------------------------------------
    def _batch(self, rows: Sequence[Sequence[Any]]) -> pa.RecordBatch:
        if not self._json_columns:
            return _text_columns(rows, self.columns)
        flat_rows = []
        try:
            for row in rows:
                flat: dict[str, str | None] = {}
                for name, value in zip(self._sql_columns, row, strict=True):
                    if name in self._json_columns and isinstance(value, dict):
                        flatten_record(value, name + ".", flat)
                    elif name in self._json_columns and value is None:
                        continue  # a JSON column adds its columns as values show them
                    else:
                        flat[name] = py_text(value)
                extend_unique(self.columns, flat)
                flat_rows.append(flat)
        except NestedTooDeep:
            raise InputError(f"table {self.table!r}: JSON nested too deeply", source=self.source) from None
        return batch_from_dicts(flat_rows, self.columns)

    # Table API -------------------------------------------------------------------------------------
    def sample(self, n: int, seed: int) -> pa.Table:
        self._check()
        if n <= 0:
            return self._empty()
        from sqlalchemy import text

        with reading(self._target, self.table) as connection:
            estimate = self._estimate_rows
            if estimate is None and self._kind in _SAMPLEABLE:
                estimate = connection.execute(text(f"SELECT count(*) FROM {self._relation}")).scalar_one()
                self._count_exact(estimate)
            if self._kind not in _SAMPLEABLE or estimate <= _SMALL_FACTOR * n:
                rows = self._keyed(connection, n, seed, whole=self._kind in _SAMPLEABLE)
            else:
                rows = self._bernoulli(connection, n, seed, estimate)
        if len(rows) < n:  # everything there is
            self._count_exact(len(rows))
        return self._conform(self._batch(rows))

    def _keyed(self, connection, n: int, seed: int, whole: bool) -> list:
        """``n`` rows in a seeded order of their content (``ctid`` for tables): views and small tables."""
        from sqlalchemy import text

        key = "t.tableoid::text || t.ctid::text" if whole else "t::text"
        query = f"SELECT {self._select()} FROM {self._relation} AS t ORDER BY md5({key} || :seed), {key} LIMIT :n"
        return connection.execute(text(query), {"seed": str(seed), "n": n}).all()

    def _bernoulli(self, connection, n: int, seed: int, estimate: float) -> list:
        """``TABLESAMPLE BERNOULLI`` a few more rows than ``n``, cut to ``n`` by a seeded key; the
        percentage doubles while a stale estimate gives too few rows."""
        from sqlalchemy import text

        wanted = n + _MARGIN_SD * math.sqrt(n) + _MARGIN_ROWS
        percent = min(100.0, 100.0 * wanted / max(estimate, 1.0))
        key = "t.tableoid::text || t.ctid::text"
        while True:
            query = (
                f"SELECT {self._select()} FROM {self._relation} AS t "
                f"TABLESAMPLE BERNOULLI ({percent!r}) REPEATABLE ({int(seed)}) "
                f"ORDER BY md5({key} || :seed), {key} LIMIT :n"
            )
            rows = connection.execute(text(query), {"seed": str(seed), "n": n}).all()
            if len(rows) >= n or percent >= 100.0:
                return rows
            percent = min(100.0, percent * 2)

    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        self._check()
        count = 0
        with reading(self._target, self.table) as connection:
            # psycopg's own named cursor inside the read-only transaction: a server-side cursor that FETCHes
            # batch_rows rows at a time as plain tuples (SQLAlchemy's Row objects cost 3x the conversion)
            raw = connection.connection.driver_connection
            with raw.cursor(name="compliance_full_scan") as cursor:
                cursor.execute(f"SELECT {self._select()} FROM {self._relation} AS t")
                while rows := cursor.fetchmany(batch_rows):
                    count += len(rows)
                    yield self._batch(rows)
        self._count_exact(count)


def _text_columns(rows: Sequence[Sequence[Any]], names: list[str]) -> pa.RecordBatch:
    """Rows → a batch of text columns, column by column: a column that psycopg already gave as ``str``
    (text, varchar, char) goes to Arrow as it is; only the others pass :func:`py_text` cell by cell."""
    arrays = []
    for index in range(len(names)):
        column = [row[index] for row in rows]
        if not all(type(v) is str or v is None for v in column):
            column = [py_text(v) for v in column]
        arrays.append(pa.array(column, pa.string()))
    return pa.RecordBatch.from_arrays(arrays, names=list(names))


_CATALOG = """
SELECT c.relname, c.relkind, c.reltuples, has_table_privilege(c.oid, 'SELECT') AS readable,
       array_agg(a.attname ORDER BY a.attnum) FILTER (WHERE a.attnum > 0) AS columns,
       array_agg(a.attname ORDER BY a.attnum) FILTER (WHERE a.atttypid IN ('json'::regtype, 'jsonb'::regtype))
           AS json_columns
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = :schema AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
GROUP BY c.oid, c.relname, c.relkind, c.reltuples
ORDER BY c.relname
"""


def open_postgres(source: str, fmt: str, encoding: str | None) -> list[Table]:
    """The tables and views of the source's schema (or those it lists); ``source`` is a public URL."""
    try:
        target = parse_target(source)
    except ModuleNotFoundError:
        raise InputError(
            "PostgreSQL sources need SQLAlchemy and psycopg: pip install 'dataflow-compliance[postgresql]'",
            source=source,
        ) from None
    from sqlalchemy import text

    with reading(target) as connection:
        found = {row.relname: row for row in connection.execute(text(_CATALOG), {"schema": target.schema})}
    names = list(target.tables) or list(found)
    if not names:
        raise InputError(f"no tables or views in schema {target.schema!r}", source=source)
    tables: list[Table] = []
    for name in names:
        row = found.get(name)
        table = PostgresTable(source=source, table=name, format=fmt, columns=[], _target=target, _schema=target.schema)
        if row is None:
            table._problem = f"no such table or view in schema {target.schema!r}"
        elif not row.readable:
            table._problem = _SQLSTATE["42501"]
        else:
            sql_columns = tuple(row.columns or ())
            json_columns = frozenset(row.json_columns or ())
            table.columns = [c for c in sql_columns if c not in json_columns]
            table._sql_columns, table._json_columns, table._kind = sql_columns, json_columns, row.relkind
            known = row.relkind in _SAMPLEABLE and row.reltuples >= 0  # -1: never vacuumed or analysed
            table._estimate_rows = float(row.reltuples) if known else None
            table._estimate(round(row.reltuples) if known else None)
        tables.append(table)
    return tables
