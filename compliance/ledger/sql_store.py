"""A ledger in any database SQLAlchemy reaches (PostgreSQL tested in CI): extra ``postgresql``.

Target: a SQLAlchemy URL; ``?schema=NAME`` puts the tables in that schema (created when missing), as
PostgreSQL sources take it. ``postgresql://`` URLs use psycopg 3.

Appends are serialised by the database: on PostgreSQL ``LOCK TABLE ledger_head IN EXCLUSIVE MODE``
(readers go on, a second appender waits), elsewhere ``SELECT ... FOR UPDATE`` on the head row. Tables
are created on first use under a transaction-scoped advisory lock (PostgreSQL), so concurrent first
scans do not race to create them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..sources.db_url import public_url
from .base import Ledger, LedgerError, stored_rows
from .chain import GENESIS
from .verify import StoredRow

_ADVISORY_KEY = 0x6C656467  # "ledg"


def _sqlalchemy():
    try:
        import sqlalchemy
    except ImportError:
        raise LedgerError("a ledger URL needs SQLAlchemy: pip install 'dataflow-compliance[postgresql]'") from None
    return sqlalchemy


class SQLLedger(Ledger):
    def __init__(self, url: str, *, create: bool = True) -> None:
        sa = _sqlalchemy()
        try:
            parsed = sa.engine.make_url(url)
        except Exception as err:  # ArgumentError, or a dialect's own parse error
            self.shown_target = public_url(url)
            raise self.fail("parse its URL", err) from None
        self.shown_target = public_url(url)  # no password, in the user part or the query
        schema = parsed.query.get("schema")  # ?schema=NAME, as for PostgreSQL sources; not a driver option
        schema = schema[-1] if isinstance(schema, tuple) else schema
        parsed = parsed.difference_update_query(["schema"])
        if parsed.drivername in ("postgresql", "postgres"):  # psycopg 3 (the extra), whatever SQLAlchemy's default
            parsed = parsed.set(drivername="postgresql+psycopg")
        self._sa = sa
        self._schema = schema or None
        metadata = sa.MetaData(schema=self._schema)
        self._records = sa.Table(
            "ledger_records",
            metadata,
            sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
            sa.Column("time", sa.String(32), nullable=False, index=True),
            sa.Column("record", sa.Text, nullable=False),
        )
        self._head_table = sa.Table(
            "ledger_head",
            metadata,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
            sa.Column("seq", sa.BigInteger, nullable=False),
            sa.Column("sha256", sa.String(64), nullable=False),
        )
        self._metadata = metadata
        try:
            self._engine = sa.create_engine(parsed, poolclass=sa.pool.NullPool)
            self._postgres = self._engine.dialect.name == "postgresql"
            if create:
                self._create()
        except sa.exc.SQLAlchemyError as err:
            raise self.fail("open it", err) from None
        except ImportError as err:  # the URL's driver is not installed
            raise self.fail("open it", err) from None

    def _create(self) -> None:
        sa = self._sa
        inspector = sa.inspect(self._engine)
        if all(inspector.has_table(t, schema=self._schema) for t in ("ledger_records", "ledger_head")):
            return
        with self._engine.begin() as conn:
            if self._postgres:
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_KEY})
            if self._schema is not None:
                conn.execute(sa.schema.CreateSchema(self._schema, if_not_exists=True))
            self._metadata.create_all(conn, checkfirst=True)
            head = conn.execute(sa.select(self._head_table.c.seq).where(self._head_table.c.id == 1)).first()
            if head is None:
                conn.execute(self._head_table.insert().values(id=1, seq=0, sha256=GENESIS))

    def _append_locked(self, records):
        sa = self._sa
        head_table = self._head_table
        try:
            with self._engine.begin() as conn:
                if self._postgres:
                    name = self._engine.dialect.identifier_preparer.format_table(head_table)
                    conn.execute(sa.text(f"LOCK TABLE {name} IN EXCLUSIVE MODE"))
                query = sa.select(head_table.c.seq, head_table.c.sha256).where(head_table.c.id == 1)
                head = conn.execute(query.with_for_update()).first()
                last_seq, last_sha = (head[0], head[1]) if head else (0, GENESIS)
                rows = stored_rows(records, last_seq, last_sha)
                conn.execute(self._records.insert(), [{"seq": s, "time": t, "record": text} for s, t, text, _ in rows])
                last = rows[-1][3]
                if head is None:
                    conn.execute(head_table.insert().values(id=1, seq=last["seq"], sha256=last["sha256"]))
                else:
                    update = head_table.update().where(head_table.c.id == 1)
                    conn.execute(update.values(seq=last["seq"], sha256=last["sha256"]))
        except sa.exc.SQLAlchemyError as err:
            raise self.fail("append to it", err) from None
        return [r[3] for r in rows]

    def _rows(self, since, until) -> Iterator[StoredRow]:
        sa = self._sa
        table = self._records
        query = sa.select(table.c.seq, table.c.time, table.c.record).order_by(table.c.seq)
        if since:
            query = query.where(table.c.time >= since)
        if until:
            query = query.where(table.c.time <= until)
        try:
            with self._engine.connect() as conn:
                for key, time, text in conn.execute(query):
                    yield StoredRow(key, time, text)
        except sa.exc.SQLAlchemyError as err:
            raise self.fail("read it", err) from None

    def _head(self):
        sa = self._sa
        try:
            with self._engine.connect() as conn:
                row = conn.execute(
                    sa.select(self._head_table.c.seq, self._head_table.c.sha256).where(self._head_table.c.id == 1)
                ).first()
        except sa.exc.SQLAlchemyError as err:
            raise self.fail("read it", err) from None
        return (row[0], row[1]) if row else None

    def close(self) -> None:
        self._engine.dispose()
