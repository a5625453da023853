"""SQLite databases written by the tests, read as SQLAlchemy URLs (``sqlite:///path.db?table=x``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from compliance.sources import open_tables
from compliance.sources.db_url import expose

CUSTOMERS = 5000  # rows of the customers table: more than a default sample (1000)
NOTES = 300


def build_shop(path: Path) -> Path:
    """customers (primary key, 姓名, 手机号), notes (no key, a mobile in every 3rd note), a view."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, 姓名 TEXT, 手机号 TEXT, 积分 REAL)")
        db.executemany(
            "INSERT INTO customers (姓名, 手机号, 积分) VALUES (?, ?, ?)",
            [(f"张{i}", f"138{i:08d}", i / 2) for i in range(CUSTOMERS)],
        )
        db.execute("CREATE TABLE notes (body TEXT)")
        db.executemany(
            "INSERT INTO notes VALUES (?)",
            [(f"call 139{i:08d}" if i % 3 == 0 else f"note {i}",) for i in range(NOTES)],
        )
        db.execute("CREATE VIEW big_spenders AS SELECT 姓名, 积分 FROM customers WHERE 积分 > 2000")
    db.close()
    return path


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return build_shop(tmp_path / "shop.db")


def sqlite_url(path: Path, query: str = "") -> str:
    return f"sqlite:///{path}" + (f"?{query}" if query else "")


def tables_of(url: str) -> dict:
    """The tables of a database URL by name, opened as the CLI opens them (public spelling first)."""
    return {t.table: t for t in open_tables(expose(url))}


def rows(table) -> list[dict]:
    return [row for batch in table.batches() for row in batch.to_pylist()]
