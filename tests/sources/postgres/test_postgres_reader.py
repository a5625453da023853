"""The PostgreSQL reader on the fixture schema: tables and views, server-side sampling, --full batches,
arrays and JSONB, the read-only transaction and its statement timeout."""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from compliance.errors import InputError
from compliance.sources import expand_paths, open_tables
from compliance.sources.postgres_reader import parse_target, reading

from .conftest import with_query
from .fixture_schema import BIG_TABLE_ROWS, TABLES


def tables_of(url: str) -> dict:
    files, rejected = expand_paths([url])
    assert rejected == [] and len(files) == 1
    return {t.table: t for t in open_tables(files[0])}


def rows(table) -> list[dict]:
    return [row for batch in table.batches(batch_rows=700) for row in batch.to_pylist()]


def test_every_table_and_view_of_the_schema(pg_url):
    found = tables_of(pg_url)
    assert sorted(found) == sorted(TABLES)
    customers = found["customers"]
    assert customers.format == "postgresql"
    assert customers.columns == ["id", "姓名", "手机号", "身份证号", "城市", "注册日期"]
    assert customers.rows_total == BIG_TABLE_ROWS and not customers.rows_total_exact  # reltuples, an estimate
    assert found["customer_contacts"].columns == ["id", "姓名", "手机号"]


def test_listed_tables_repeated_or_comma_separated(pg_url):
    url = with_query(pg_url, table="orders,products") + "&table=customer_contacts&table=orders"
    assert sorted(tables_of(url)) == ["customer_contacts", "orders", "products"]


def test_sample_of_the_big_table_is_spread_and_repeatable(pg_url):
    customers = tables_of(pg_url)["customers"]
    first = customers.sample(1000, seed=7)
    assert first.num_rows == 1000
    assert all(t == pa.string() for t in first.schema.types)
    ids = sorted(int(i) for i in first.column("id").to_pylist())
    assert len(set(ids)) == 1000
    assert ids[0] < BIG_TABLE_ROWS * 0.05 and ids[-1] > BIG_TABLE_ROWS * 0.95  # not the first pages only
    quarters = [sum(1 for i in ids if q * 250_000 < i <= (q + 1) * 250_000) for q in range(4)]
    assert min(quarters) > 180, quarters  # ~250 each for a uniform sample
    assert customers.sample(1000, seed=7).equals(first)
    other = {int(i) for i in customers.sample(1000, seed=8).column("id").to_pylist()}
    assert len(other & set(ids)) < 100  # another seed, other rows
    # the fixture's resident ids carry valid check digits (checked with stdnum, not the tool)
    assert all(ric.is_valid(number) for number in first.column("身份证号").to_pylist())


def test_sample_sizes(pg_url):
    found = tables_of(pg_url)
    assert found["customers"].sample(1, seed=0).num_rows == 1
    assert found["customers"].sample(0, seed=0).num_rows == 0
    products = found["products"]  # 300 rows, fewer than the sample: all of them, counted exactly
    sample = products.sample(1000, seed=0)
    assert sample.num_rows == 300 and products.rows_total == 300 and products.rows_total_exact
    assert tables_of(pg_url)["empty_table"].sample(1000, seed=0).num_rows == 0


def test_a_view_is_sampled_by_a_keyed_order(pg_url):
    view = tables_of(pg_url)["customer_contacts"]
    first = view.sample(200, seed=3)
    assert first.num_rows == 200
    ids = [int(i) for i in first.column("id").to_pylist()]
    assert all(i % 10 == 0 for i in ids) and len(set(ids)) == 200
    assert max(ids) - min(ids) > BIG_TABLE_ROWS * 0.8  # keyed by a hash, not the first rows
    assert view.sample(200, seed=3).equals(first)
    assert not view.sample(200, seed=4).equals(first)


def test_full_read_in_bounded_batches(pg_url):
    orders = tables_of(pg_url)["orders"]
    sizes = [batch.num_rows for batch in orders.batches(batch_rows=700)]
    assert sum(sizes) == 5000 and max(sizes) <= 700 and len(sizes) == 8
    assert orders.rows_total == 5000 and orders.rows_total_exact
    first = rows(orders)[0]
    assert first["amount"] == "0.14"  # numeric → its text
    assert first["created_at"].startswith("2024-01-01T") and first["created_at"].endswith("+00:00")  # ISO 8601


def test_arrays_and_jsonb_become_readable_columns(pg_url):
    profiles = tables_of(pg_url)["profiles"]
    row = rows(profiles)[0]
    assert row["tags"] == '["vip","level1"]'  # arrays: their JSON text
    assert row["phones"] == '["18620007919"]'
    assert row["attrs.contact.phone"] == "15830000031"  # JSONB objects: dotted columns, like JSON sources
    assert row["attrs.contact.email"] == "user1@example.com"
    assert row["attrs.score"] == "1"
    assert row["extra"] == '[1,"x"]'  # a JSON array stays one column
    assert {"attrs.contact.phone", "attrs.contact.email", "attrs.score", "extra"} <= set(profiles.columns)
    assert "attrs" not in profiles.columns  # no all-null column for an object-valued JSONB column


def test_reads_are_read_only_with_a_statement_timeout(pg_url):
    target = parse_target(with_query(pg_url, statement_timeout="7s"))
    with reading(target) as connection:
        assert connection.exec_driver_sql("SHOW transaction_read_only").scalar_one() == "on"
        assert connection.exec_driver_sql("SHOW statement_timeout").scalar_one() == "7s"
    with pytest.raises(InputError, match=r"25006|read-only"), reading(target) as connection:
        connection.exec_driver_sql("CREATE TABLE compliance_fixture.written (id int)")
    default = parse_target(pg_url)
    with reading(default) as connection:
        assert connection.exec_driver_sql("SHOW statement_timeout").scalar_one() == "5min"


def test_a_statement_over_the_timeout_is_one_input_error(pg_url):
    with pytest.raises(InputError) as info:  # the catalog query may already take over 1 ms
        tables_of(with_query(pg_url, table="customers", statement_timeout="1ms"))["customers"].sample(1000, seed=0)
    assert "statement timeout" in str(info.value) and "\n" not in str(info.value)


def test_bad_reader_parameters(pg_url):
    with pytest.raises(InputError, match="statement_timeout"):
        parse_target(with_query(pg_url, statement_timeout="soon"))
    with pytest.raises(InputError, match="names no database"):
        parse_target("postgresql://compliance@127.0.0.1:1/")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(1, 2500), seed=st.integers(-(2**31), 2**31 - 1), name=st.sampled_from(["orders", "customers"]))
def test_any_sample_is_n_distinct_rows_the_same_for_its_seed(pg_url, n, seed, name):
    table = tables_of(with_query(pg_url, table=name))[name]
    first = table.sample(n, seed)
    key = "order_id" if name == "orders" else "id"
    ids = first.column(key).to_pylist()
    assert len(ids) == min(n, 5000 if name == "orders" else BIG_TABLE_ROWS) == len(set(ids))
    assert table.sample(n, seed).equals(first)


@pytest.fixture
def scratch(pg_base):
    """A schema of the test's own, for tables whose statistics the test makes stale."""
    import psycopg

    with psycopg.connect(pg_base, autocommit=True) as connection:
        connection.execute("DROP SCHEMA IF EXISTS compliance_scratch CASCADE; CREATE SCHEMA compliance_scratch")
        yield connection
        connection.execute("DROP SCHEMA compliance_scratch CASCADE")


def test_stale_statistics_still_give_the_whole_sample(pg_base, scratch):
    scratch.execute(
        "CREATE TABLE compliance_scratch.grown (id int, phone text);"
        "CREATE TABLE compliance_scratch.shrunk (id int, phone text);"
        "CREATE TABLE compliance_scratch.never (id int, phone text);"
        "INSERT INTO compliance_scratch.shrunk SELECT i, '138' || i FROM generate_series(1, 200000) i;"
        "ANALYZE compliance_scratch.grown, compliance_scratch.shrunk;"  # grown: reltuples 0; shrunk: 200,000
        "INSERT INTO compliance_scratch.grown SELECT i, '139' || i FROM generate_series(1, 20000) i;"
        "DELETE FROM compliance_scratch.shrunk WHERE id > 3000;"
        "INSERT INTO compliance_scratch.never SELECT i, 'x' FROM generate_series(1, 9000) i;"
    )
    found = tables_of(with_query(pg_base, schema="compliance_scratch"))
    assert found["shrunk"].rows_total == 200_000 and found["grown"].rows_total == 0  # what pg_class says
    for name, rows in (("grown", 20_000), ("shrunk", 3000), ("never", 9000)):
        sample = found[name].sample(1000, seed=1)
        ids = sample.column("id").to_pylist()
        assert len(set(ids)) == 1000, name  # a doubling TABLESAMPLE, or the keyed order, fills the sample
        assert max(int(i) for i in ids) > rows * 0.9, name  # from the whole table
