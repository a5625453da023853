"""Databases through SQLAlchemy: every table and view of a SQLite, MySQL/MariaDB, SQL Server or Oracle
database (or those listed) is a table. PostgreSQL has its own reader (postgres_reader.py).

Source: ``dialect[+driver]://[user[:password]@]host[:port]/database[?schema=s&table=a,b&table=c]``, for
SQLite ``sqlite:///relative/path.db?table=x`` (``sqlite:////absolute/path.db``). Query parameters the
reader takes for itself: ``schema`` (default: the connection's own) and ``table`` (repeatable or
comma-separated; default every table and view); every other parameter goes to the driver. The driver
is whatever SQLAlchemy names for the dialect (``mysql`` is ``mysqldb``, ``mysql+pymysql`` asks for
PyMySQL); one that is not installed is one line naming the package to install. Passwords are never
shown: sources are named by :func:`~compliance.sources.db_url.public_url`.

Read-only, where the dialect has it: SQLite opens the file ``mode=ro`` (``PRAGMA query_only`` too),
MySQL and MariaDB run every read in ``START TRANSACTION READ ONLY`` (with ``max_execution_time`` /
``max_statement_time`` of :data:`STATEMENT_TIMEOUT_SECONDS`), Oracle in ``SET TRANSACTION READ ONLY``.
SQL Server has no read-only transaction: the scan only SELECTs, so give it a role that may only read.

Sampling: a table of no more rows than wanted is read whole (in key order). A SQLite table with a
rowid is sampled as SQLite files are (one row per stratum of the rowid range, an index lookup each:
:func:`~compliance.sources.sqlite_reader.stratified_rows`; the same rows as ``compliance scan shop.db``).
Any other table or view is ordered by a seeded hash of its primary key (all columns without one) and
the first ``n`` are taken, so only ``n`` rows are sent and converted: MySQL/MariaDB
``MD5(CONCAT_WS(...))``, SQL Server ``HASHBYTES('MD5', CONCAT_WS(...))``, Oracle ``ORA_HASH(..., seed)``,
SQLite ``compliance_md5(seed, key...)`` (registered on the connection: SQLite has no hash function).
A dialect without one (SQLite through another driver) streams its rows once through a seeded reservoir
(bounded memory: about ``2 n`` rows held). ``--full`` streams every row (``stream_results``,
``yield_per``) in bounded batches. Values become text as in the other readers
(:func:`~compliance.sources.convert.py_text`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import urllib.parse
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyarrow as pa

from ..errors import InputError
from .convert import batch_from_rows, py_text, unique_names
from .db_url import parse_source
from .reservoir import Reservoir
from .sqlite_reader import _rowid_name, stratified_rows
from .sqlite_reader import quote as sqlite_quote
from .table import DEFAULT_BATCH_ROWS, Table

#: query parameters the reader takes for itself (the others go to the driver)
OWN_PARAMETERS = ("schema", "table")
STATEMENT_TIMEOUT_SECONDS = 300
#: a driver's module → the package that installs it (``pip install ...``)
PIP_PACKAGES = {
    "MySQLdb": "mysqlclient",
    "pymysql": "pymysql",
    "mysql": "mysql-connector-python",
    "mariadb": "mariadb",
    "pyodbc": "pyodbc",
    "pymssql": "pymssql",
    "oracledb": "oracledb",
    "cx_Oracle": "cx_Oracle",
}
#: dialects whose reads run in a read-only transaction: its first statement
_READ_ONLY_TRANSACTION = {"mysql": "START TRANSACTION READ ONLY", "oracle": "SET TRANSACTION READ ONLY"}


@dataclass(frozen=True)
class Target:
    """What a SQLAlchemy source URL asks for."""

    shown: str  # the URL as reports show it (no password)
    url: Any  # sqlalchemy.engine.URL without the reader's own parameters
    schema: str | None
    tables: tuple[str, ...]  # empty: every table and view


def parse_target(shown: str) -> Target:
    """The connection URL and the reader's own parameters of a source URL (raises InputError)."""
    url, values, tables = parse_source(shown)
    schemas = values("schema")
    if len(schemas) > 1:
        raise InputError("give schema= at most once", source=shown)
    if not url.database:
        raise InputError(f"the URL names no database ({url.get_backend_name()}://host/DATABASE)", source=shown)
    return Target(shown, url.difference_update_query(OWN_PARAMETERS), schemas[0] if schemas else None, tables)


def _sqlite_file(target: Target) -> str:
    """The SQLite database file, checked before it is opened (sqlite3 would say only "unable to open")."""
    path = target.url.database
    if path.startswith("file:") or path == ":memory:":
        raise InputError("give the database as a file path (sqlite:///path/to/file.db)", source=target.shown)
    if not os.path.exists(path):
        raise InputError(f"no such database file: {path}", source=target.shown)
    if os.path.isdir(path):
        raise InputError(f"a directory, not a database file: {path}", source=target.shown)
    if not os.access(path, os.R_OK):
        raise InputError(f"cannot read database file: permission denied: {path}", source=target.shown)
    return path


def _md5_key(*values: Any) -> int:
    """``compliance_md5(seed, key...)`` for SQLite: a seeded hash of a row's key, as a signed 63-bit
    integer (SQLite's INTEGER); the same key and seed give the same number in every run."""
    text = "\x1f".join("\x00" if v is None else repr(v) for v in values)
    return int.from_bytes(hashlib.md5(text.encode("utf-8", "surrogatepass")).digest()[:8], "big") >> 1


def _read_only_sqlite(path: str):
    """A ``creator`` for SQLAlchemy: the file opened through a ``mode=ro`` URI, queries only."""
    uri = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        connection.execute("PRAGMA query_only = ON")
        connection.create_function("compliance_md5", -1, _md5_key, deterministic=True)
        # TEXT that is not valid UTF-8 would raise an error quoting the value: replace bad bytes instead
        connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
        return connection

    return connect


def _missing_driver(target: Target, exc: ImportError) -> InputError:
    url = target.url
    module = (exc.name or "").split(".")[0] or url.get_driver_name()
    package = PIP_PACKAGES.get(module, module)
    dialect = url.get_backend_name()
    return InputError(
        f"driver {url.get_driver_name()} for dialect {dialect} is not installed (pip install {package})",
        source=target.shown,
    )


@lru_cache(maxsize=32)
def _cached_engine(url: Any, sqlite_path: str | None):
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    if sqlite_path is not None:
        return create_engine("sqlite+pysqlite://", creator=_read_only_sqlite(sqlite_path), poolclass=NullPool)
    # NullPool: every read is its own connection, closed after it (a scan holds none between tables)
    return create_engine(url, poolclass=NullPool)


def engine(target: Target):
    """The target's engine; an unknown or missing driver is one InputError line."""
    from sqlalchemy.exc import NoSuchModuleError

    url = target.url
    try:
        dialect = url.get_dialect()
    except NoSuchModuleError:
        message = f"SQLAlchemy has no driver {url.get_driver_name()!r} for dialect {url.get_backend_name()!r}"
        raise InputError(message, source=target.shown) from None
    if getattr(dialect, "is_async", False):
        raise InputError(f"driver {url.get_driver_name()} is asynchronous: give a synchronous one", source=target.shown)
    sqlite_path = None
    if url.get_backend_name() == "sqlite" and url.get_driver_name() == "pysqlite":
        sqlite_path = _sqlite_file(target)
    try:
        return _cached_engine(url, sqlite_path)
    except ImportError as exc:  # the dialect imports its DBAPI module when the engine is made
        raise _missing_driver(target, exc) from None


def database_error(exc: BaseException, source: str, table: str | None = None) -> InputError:
    """One line for a driver error: its first line (drivers name the problem, host and port; never the
    password), never SQLAlchemy's statement and parameters."""
    orig = getattr(exc, "orig", None) or exc
    first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    where = f"table {table!r}: " if table else ""
    return InputError(f"{where}database error: {first}", source=source)


@contextlib.contextmanager
def reading(target: Target, table: str | None = None):
    """A connection, read-only where the dialect allows it (module docstring); driver errors become one
    InputError line."""
    from sqlalchemy.exc import DBAPIError

    made = engine(target)
    name = made.dialect.name
    try:
        with made.connect() as connection:
            if name == "mysql":  # MariaDB too (SQLAlchemy's mariadb dialect is named mysql)
                if getattr(connection.dialect, "is_mariadb", False):
                    connection.exec_driver_sql(f"SET SESSION max_statement_time = {STATEMENT_TIMEOUT_SECONDS}")
                else:
                    connection.exec_driver_sql(f"SET SESSION max_execution_time = {STATEMENT_TIMEOUT_SECONDS * 1000}")
            if name in _READ_ONLY_TRANSACTION:
                connection.exec_driver_sql(_READ_ONLY_TRANSACTION[name])
            yield connection
            connection.rollback()  # nothing to commit
    except DBAPIError as exc:
        raise database_error(exc, target.shown, table) from None


def _rule(url: Any) -> str:
    """The dialect whose hash function orders a sample: ``sqlite+pysqlite`` when the connection is ours
    (:func:`_read_only_sqlite` registers ``compliance_md5``)."""
    backend = url.get_backend_name()
    return "sqlite+pysqlite" if backend == "sqlite" and url.get_driver_name() == "pysqlite" else backend


def hash_order(dialect: str, columns: list, seed: int):
    """A seeded hash of ``columns`` to order rows by, or None where the dialect has no hash function."""
    from functools import reduce

    from sqlalchemy import Unicode, cast, func, literal

    salt = literal(str(seed))
    if dialect == "sqlite+pysqlite":  # registered by _read_only_sqlite
        return func.compliance_md5(salt, *columns)
    if dialect == "mysql":
        return func.md5(func.concat_ws("|", salt, *columns))
    if dialect == "mssql":
        return func.hashbytes("MD5", func.concat_ws("|", salt, *[cast(c, Unicode(4000)) for c in columns]))
    if dialect == "oracle":
        texts = [func.to_char(c) for c in columns]
        joined = reduce(lambda a, b: a.op("||")(literal("|")).op("||")(b), texts)
        return func.ora_hash(joined, 4294967295, seed % 4294967296)
    return None


@dataclass(eq=False)
class SqlTable(Table):
    _target: Target | None = None
    _relation: Any = None  # sqlalchemy.table() of untyped column()s, named as reflected
    _key: tuple[str, ...] = ()  # primary key columns (hash and tie order)
    _rowid: str | None = None  # SQLite through our connection: the name that reaches the rowid
    _problem: str | None = None  # a listed table that cannot be read

    def _check(self) -> None:
        if self._problem:
            raise InputError(f"table {self.table!r}: {self._problem}", source=self.source)

    def _select(self):
        from sqlalchemy import select

        relation = self._relation
        statement = select(*relation.columns)
        return statement.order_by(*(relation.columns[k] for k in self._key)) if self._key else statement

    def _batch(self, rows) -> pa.RecordBatch:
        return batch_from_rows([[py_text(v) for v in row] for row in rows], self.columns)

    def sample(self, n: int, seed: int) -> pa.Table:
        self._check()
        if n <= 0:
            return self._empty()
        from sqlalchemy import func, select

        relation = self._relation
        with reading(self._target, self.table) as connection:
            count = connection.execute(select(func.count()).select_from(relation)).scalar_one()
            self._count_exact(count)
            if count <= n:
                return self._conform(self._batch(connection.execute(self._select()).all()))
            if self._rowid is not None:
                return self._conform(self._batch(self._stratified(connection, n, seed)))
            hashed = [relation.columns[k] for k in self._key] or list(relation.columns)
            order = hash_order(_rule(self._target.url), hashed, seed)
            if order is not None:
                ties = [relation.columns[k] for k in self._key]
                query = self._select().order_by(None).order_by(order, *ties).limit(n)
                return self._conform(self._batch(connection.execute(query).all()))
        reservoir = Reservoir(n, seed)  # no hash function on the server: one streamed pass
        reservoir.extend(self.batches(4096))
        return reservoir.result(self.columns)

    def _stratified(self, connection, n: int, seed: int) -> list[list]:
        """SQLite: one row per stratum of the rowid range, on the connection's own sqlite3 connection."""
        names = [sqlite_quote(name) for name in (self._rowid, *(c.name for c in self._relation.columns))]
        select = f"SELECT {', '.join(names)} FROM {sqlite_quote(self.table)}"
        try:
            return stratified_rows(connection.connection.driver_connection, select, self.table, self._rowid, n, seed)
        except sqlite3.Error as exc:
            raise database_error(exc, self.source, self.table) from None

    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        self._check()
        count = 0
        with reading(self._target, self.table) as connection:
            streamed = connection.execution_options(stream_results=True, yield_per=batch_rows)
            for rows in streamed.execute(self._select()).partitions():
                count += len(rows)
                yield self._batch(rows)
        self._count_exact(count)


def open_sql(source: str, fmt: str, encoding: str | None) -> list[Table]:
    """The tables and views of the source's database or schema (or those it lists); ``source`` is a
    public URL. ``fmt`` is the dialect (``sqlite``, ``mysql``...)."""
    from sqlalchemy import column, inspect
    from sqlalchemy import table as table_clause
    from sqlalchemy.exc import DBAPIError, NoSuchTableError, SAWarning

    try:
        target = parse_target(source)
    except ModuleNotFoundError:
        raise InputError("SQL sources need SQLAlchemy: pip install 'dataflow-compliance[sql]'", source=source) from None
    fmt = target.url.get_backend_name()
    schema = target.schema
    with reading(target) as connection:
        catalog = inspect(connection)
        try:
            tables_only = catalog.get_table_names(schema)
            found = list(dict.fromkeys(tables_only + catalog.get_view_names(schema)))
        except DBAPIError as exc:
            raise database_error(exc, source) from None
        names = list(target.tables) or found
        if not names:
            where = f"schema {schema!r}" if schema else "the database"
            raise InputError(f"no tables or views in {where}", source=source)
        tables: list[Table] = []
        for name in names:
            table = SqlTable(source=source, table=name, format=fmt, columns=[], _target=target)
            tables.append(table)
            if name not in found:
                table._problem = "no such table or view" + (f" in schema {schema!r}" if schema else "")
                continue
            try:
                with warnings.catch_warnings():  # "Did not recognize type ... of column <name>": names are data
                    warnings.simplefilter("ignore", SAWarning)
                    raw_names = [c["name"] for c in catalog.get_columns(name, schema)]
                # untyped columns: values come as the driver gives them (SQLAlchemy's type processors would
                # turn a SQLite NUMERIC-affinity column holding text into an error)
                relation = table_clause(name, *(column(c) for c in raw_names), schema=schema)
                key = tuple(catalog.get_pk_constraint(name, schema).get("constrained_columns") or ())
            except NoSuchTableError:
                table._problem = "no such table or view"
                continue
            except DBAPIError as exc:
                table._problem = database_error(exc, source).message
                continue
            table._relation, table._key = relation, key
            table.columns = unique_names([c.name for c in relation.columns])
            if _rule(target.url) == "sqlite+pysqlite" and name in tables_only:
                table._rowid = _rowid_name(connection.connection.driver_connection, name, raw_names)
    return tables
