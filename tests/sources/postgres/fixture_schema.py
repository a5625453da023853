"""Load the fixture schema (fixture.sql) into the test database once: tests and benchmarks share it.

``load(url)`` is idempotent: it takes an advisory lock (two loaders never race), and skips the load when
``compliance_fixture.fixture_version`` already holds :data:`FIXTURE_VERSION` (bump it when fixture.sql
changes). The password role (``COMPLIANCE_TEST_POSTGRES_PASSWORD_ROLE``, from .ci/postgres.sh) may read
the fixture; the no-SELECT role may only see it.
"""

from __future__ import annotations

import os
from pathlib import Path

import psycopg

SCHEMA = "compliance_fixture"
FIXTURE_VERSION = 3
BIG_TABLE_ROWS = 1_000_000
TABLES = ("customers", "customer_contacts", "empty_table", "fixture_version", "orders", "products", "profiles")
_SQL = Path(__file__).with_name("fixture.sql")
_LOCK = 0x14_0C0DE  # advisory lock key of the fixture loader


def password_role() -> str:
    return os.environ.get("COMPLIANCE_TEST_POSTGRES_PASSWORD_ROLE", "compliance_pw")


def _loaded(connection: psycopg.Connection) -> bool:
    found = connection.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.fixture_version",)).fetchone()[0]
    if found is None:
        return False
    return connection.execute(f"SELECT max(version) FROM {SCHEMA}.fixture_version").fetchone()[0] == FIXTURE_VERSION


def load(url: str) -> bool:
    """Create the fixture schema unless it is there already; True when it was (re)loaded."""
    with psycopg.connect(url) as connection:  # one transaction: committed on success, else rolled back
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))  # released with the transaction
        if _loaded(connection):
            return False
        connection.execute(_SQL.read_text(encoding="utf-8").replace("{version}", str(FIXTURE_VERSION)))
        role = password_role()
        if connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            connection.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO "{role}"')
        return True

if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    loaded = load(sys.argv[1] if len(sys.argv) > 1 else os.environ["COMPLIANCE_TEST_POSTGRES_URL"])
    print("loaded" if loaded else "already there", f"{time.perf_counter() - started:.1f} s")
