"""compliance/sources/sql_reader.py on SQLite through SQLAlchemy, and the SQL it writes for the dialects
this machine has no server for (MySQL/MariaDB, SQL Server, Oracle: compiled, not run)."""

from __future__ import annotations

import os
import sqlite3
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.errors import InputError
from compliance.sources import open_tables, sql_reader
from compliance.sources.db_url import expose
from compliance.sources.sql_reader import hash_order, parse_target, reading

from .conftest import CUSTOMERS, NOTES, rows, sqlite_url, tables_of


def test_every_table_and_view_with_its_columns(shop):
    found = tables_of(sqlite_url(shop))
    assert sorted(found) == ["big_spenders", "customers", "notes"]
    assert found["customers"].columns == ["id", "姓名", "手机号", "积分"]
    assert {t.format for t in found.values()} == {"sqlite"}


def test_listed_tables_only_in_the_order_given(shop):
    found = open_tables(expose(sqlite_url(shop, "table=notes&table=customers")))
    assert [t.table for t in found] == ["notes", "customers"]
    assert [t.table for t in open_tables(expose(sqlite_url(shop, "table=notes,customers")))] == ["notes", "customers"]


def test_sample_of_a_large_table_is_n_rows_of_it_and_the_same_per_seed(shop):
    customers = tables_of(sqlite_url(shop, "table=customers"))["customers"]
    first = customers.sample(100, seed=7).to_pylist()
    assert len(first) == 100 and customers.rows_total == CUSTOMERS and customers.rows_total_exact
    assert customers.sample(100, seed=7).to_pylist() == first
    assert customers.sample(100, seed=8).to_pylist() != first
    ids = sorted(int(r["id"]) for r in first)
    assert ids[-1] - ids[0] > CUSTOMERS / 2  # spread over the table, not its first rows
    assert all(r["手机号"] == f"138{int(r['id']) - 1:08d}" for r in first)  # whole rows, as stored


def test_sample_of_a_table_is_the_sample_of_the_same_file(shop):
    """A rowid table is sampled as ``compliance scan shop.db`` samples it: the same rows for a seed."""
    by_url = tables_of(sqlite_url(shop, "table=customers"))["customers"]
    (by_file,) = [t for t in open_tables(str(shop)) if t.table == "customers"]
    for seed in (1, 99):
        assert by_url.sample(250, seed).equals(by_file.sample(250, seed))


def test_sample_of_a_small_table_is_all_of_it(shop):
    notes = tables_of(sqlite_url(shop, "table=notes"))["notes"]
    assert notes.sample(1000, seed=1).num_rows == NOTES and notes.rows_total == NOTES


def test_full_read_streams_bounded_batches(shop):
    customers = tables_of(sqlite_url(shop, "table=customers"))["customers"]
    sizes = [batch.num_rows for batch in customers.batches(batch_rows=700)]
    assert sizes == [700] * 7 + [100] and customers.rows_total == CUSTOMERS
    first = next(customers.batches(batch_rows=2)).to_pylist()
    assert first == [
        {"id": "1", "姓名": "张0", "手机号": "13800000000", "积分": "0"},
        {"id": "2", "姓名": "张1", "手机号": "13800000001", "积分": "0.5"},
    ]


def test_a_view_is_read_like_a_table(shop):
    view = tables_of(sqlite_url(shop, "table=big_spenders"))["big_spenders"]
    assert len(rows(view)) == CUSTOMERS - 4001 and view.sample(50, seed=3).num_rows == 50


def test_missing_table_is_an_error_of_that_table_only(shop):
    found = tables_of(sqlite_url(shop, "table=notes,no_such"))
    assert len(rows(found["notes"])) == NOTES
    with pytest.raises(InputError, match=r"table 'no_such': no such table or view"):
        found["no_such"].sample(10, seed=1)


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda p: None, "no such database file"),
        (lambda p: p.mkdir(), "a directory, not a database file"),
        (lambda p: p.write_bytes(b"not sqlite at all " * 300), "database error: file is not a database"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_line(tmp_path, make, problem):
    path = tmp_path / "bad.db"
    make(path)
    with pytest.raises(InputError) as caught:
        open_tables(expose(sqlite_url(path)))
    assert problem in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_file_is_one_line(shop):
    shop.chmod(0)
    try:
        with pytest.raises(InputError, match="cannot read database file: permission denied"):
            open_tables(expose(sqlite_url(shop)))
    finally:
        shop.chmod(0o644)


def test_the_file_is_opened_read_only(shop):
    before = shop.read_bytes()
    target = parse_target(expose(sqlite_url(shop)))
    with reading(target) as connection, pytest.raises(Exception, match=r"attempt to write a readonly database"):
        connection.exec_driver_sql("CREATE TABLE written (a)")
    rows(tables_of(sqlite_url(shop))["customers"])
    assert shop.read_bytes() == before


def test_a_missing_driver_is_one_line_naming_the_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "pymysql", None)  # as if PyMySQL were not installed
    with pytest.raises(InputError) as caught:
        open_tables(expose("mysql+pymysql://etl:s3cret@db.example:3306/crm?table=customers"))
    message = str(caught.value)
    assert message == (
        "mysql+pymysql://etl@db.example:3306/crm?table=customers: "
        "driver pymysql for dialect mysql is not installed (pip install pymysql)"
    )


def test_an_unknown_driver_is_one_line():
    with pytest.raises(InputError, match="SQLAlchemy has no driver 'nosuch' for dialect 'mssql'"):
        open_tables(expose("mssql+nosuch://h/db"))


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        ("mysql", ["md5(concat_ws('|', '42', ", "limit 10"]),
        ("mssql", ["hashbytes('md5', concat_ws(", "as nvarchar(4000)", "top 10"]),
        ("oracle", ["ora_hash((to_char(", "4294967295, 42)", "fetch first 10 rows"]),
    ],
)
def test_hash_order_sql_per_dialect(dialect, expected):
    import importlib

    from sqlalchemy import Column, MetaData, String, Table, select

    relation = Table("customers", MetaData(), Column("id", String), Column("phone", String))
    order = hash_order(dialect, [relation.c.id, relation.c.phone], seed=42)
    compiled = (
        select(relation)
        .order_by(order, relation.c.id)
        .limit(10)
        .compile(
            dialect=importlib.import_module(f"sqlalchemy.dialects.{dialect}").dialect(),
            compile_kwargs={"literal_binds": True},
        )
    )
    sql = str(compiled).lower()
    assert all(piece in sql for piece in expected), sql  # the seed (42) salts the hash


def test_sqlite_has_no_hash_order():
    assert hash_order("sqlite", [], seed=1) is None


def _database(path, count: int, relation: str) -> str:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        db.executemany("INSERT INTO t (v) VALUES (?)", [(f"v{i}",) for i in range(count)])
        db.execute("CREATE VIEW v AS SELECT v, id % 7 AS k FROM t")
    db.close()
    return sqlite_url(path, f"table={relation}")


#: table: rowid strata; view: seeded compliance_md5 order; reservoir: the fallback without a hash function
PATHS = {"table": "t", "view": "v", "reservoir": "v"}


@pytest.mark.parametrize("path", sorted(PATHS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(0, 400), n=st.integers(1, 150), seed=st.integers(0, 2**31 - 1))
def test_sample_is_a_subset_deterministic_per_seed(tmp_path_factory, monkeypatch, path, count, n, seed):
    if path == "reservoir":
        monkeypatch.setattr(sql_reader, "hash_order", lambda dialect, columns, seed: None)
    url = _database(tmp_path_factory.mktemp("prop") / "t.db", count, PATHS[path])
    table = tables_of(url)[PATHS[path]]
    everything = {tuple(r.values()) for r in rows(table)}
    sample = [tuple(r.values()) for r in table.sample(n, seed).to_pylist()]
    assert len(sample) == min(n, count) and len(set(sample)) == len(sample)
    assert set(sample) <= everything
    again = tables_of(url)[PATHS[path]]  # a fresh open, as a second scan would
    assert [tuple(r.values()) for r in again.sample(n, seed).to_pylist()] == sample


def test_declared_types_do_not_convert_values(tmp_path, recwarn):
    """SQLite stores any value in any column: text in a NUMERIC or DATETIME column, bytes, an unknown
    type name. Values come as stored (as text), and no warning quotes a column name."""
    path = tmp_path / "odd.db"
    with sqlite3.connect(path) as db:
        db.execute('CREATE TABLE t (amount NUMERIC, at DATETIME, "13812345678" WEIRDTYPE, raw BLOB)')
        db.execute("INSERT INTO t VALUES ('n/a', 'yesterday', 'x', ?)", (b"\xe5\xbc\xa0",))
        db.execute("INSERT INTO t VALUES (12.50, '2026-03-01 10:00:00', 7, NULL)")
    db.close()
    (table,) = open_tables(expose(sqlite_url(path)))
    assert rows(table) == [
        {"amount": "n/a", "at": "yesterday", "13812345678": "x", "raw": "张"},
        {"amount": "12.5", "at": "2026-03-01 10:00:00", "13812345678": "7", "raw": None},
    ]
    assert table.sample(1, seed=1).num_rows == 1
    assert not [w for w in recwarn if "13812345678" in str(w.message)]


def test_without_sqlalchemy_the_line_names_the_extra(shop, monkeypatch):
    monkeypatch.setitem(sys.modules, "sqlalchemy.engine", None)  # as if SQLAlchemy were not installed
    with pytest.raises(InputError) as caught:
        open_tables(expose(sqlite_url(shop)))
    assert (
        str(caught.value) == f"{sqlite_url(shop)}: SQL sources need SQLAlchemy: pip install 'dataflow-compliance[sql]'"
    )
