"""Ledger fixtures: hand-made records valid against the schema, small datasets, SQLite and PostgreSQL targets.

PostgreSQL: ``COMPLIANCE_TEST_POSTGRES_URL`` (``eval "$(bash .ci/postgres.sh start)"``); each test gets its
own schema (``?schema=``), dropped afterwards. Without the variable those tests skip locally and FAIL
when ``CI=true``. The session-wide network block (tests/conftest.py) is narrowed here to loopback:
psycopg resolves ``127.0.0.1`` with ``getaddrinfo`` before libpq connects.
"""

from __future__ import annotations

import os
import urllib.parse
import uuid

import pytest


@pytest.fixture(autouse=True)
def _no_network(loopback_only):
    """Loopback only, not tests/conftest.py's block of everything (see the module docstring)."""


def postgres_base() -> str:
    url = os.environ.get("COMPLIANCE_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but COMPLIANCE_TEST_POSTGRES_URL is unset: start .ci/postgres.sh in .ci/run")
        pytest.skip('COMPLIANCE_TEST_POSTGRES_URL is unset (eval "$(bash .ci/postgres.sh start)")')
    return url


def _engine(url: str):
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url).set(drivername="postgresql+psycopg")
    return sa.create_engine(parsed, poolclass=sa.pool.NullPool)


@pytest.fixture
def pg_ledger():
    """A ledger URL in a fresh schema of the test database; (url, engine, schema)."""
    import sqlalchemy as sa

    base = postgres_base()
    schema = f"ledger_test_{uuid.uuid4().hex[:12]}"
    engine = _engine(base)
    url = base + ("&" if "?" in base else "?") + urllib.parse.urlencode({"schema": schema})
    yield url, engine, schema
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    """(kind, target): a SQLite file, or a PostgreSQL URL with its own schema."""
    if request.param == "sqlite":
        return "sqlite", str(tmp_path / "ledger.db")
    url, _, _ = request.getfixturevalue("pg_ledger")
    return "postgresql", url
