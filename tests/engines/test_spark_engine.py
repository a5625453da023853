"""``--engine spark`` in ``local[2]``: the same report, byte for byte, as the local engine.

The CLI runs as a subprocess (the installed console script) on Parquet, CSV, JSON Lines and JSON
inputs in one command, ``--full`` and sampled; an in-process check shows the rows really went
through Spark's ``mapInArrow`` in several partitions and the merged tally equals the local one.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from benchmarks.generate_dataset import generate_columns

from .conftest import require_spark

ROWS = 3000
#: several partitions even for small files, so the driver merges more than one tally
SUBMIT_ARGS = "--conf spark.sql.files.maxPartitionBytes=131072 --conf spark.sql.files.openCostInBytes=0 pyspark-shell"


@pytest.fixture(scope="module")
def datasets(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("engines")
    data, _ = generate_columns(ROWS, 23)
    table = pa.table(data)
    table = table.append_column("amount_int", pa.array(range(ROWS), pa.int64()))
    table = table.append_column("ratio", pa.array([i / 8 for i in range(ROWS)], pa.float64()))
    paths = {"parquet": folder / "customers.parquet", "csv": folder / "customers.csv"}
    pq.write_table(table, paths["parquet"], row_group_size=400)
    pacsv.write_csv(pa.table(data), paths["csv"])
    paths["jsonl"] = folder / "customers.jsonl"
    with paths["jsonl"].open("w", encoding="utf-8") as out:
        for i in range(ROWS):
            record = {name: values[i] for name, values in data.items()}
            record["nested"] = {"phone": data["手机号"][i], "n": i}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    paths["json"] = folder / "orders.json"
    paths["json"].write_text(
        json.dumps([{"身份证号": data["身份证号"][i], "email": data["email"][i], "n": i} for i in range(ROWS)]),
        encoding="utf-8",
    )
    return paths


def _scan(paths, *flags: str, engine: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, COMPLIANCE_SPARK_MASTER="local[2]", PYSPARK_SUBMIT_ARGS=SUBMIT_ARGS)
    env["PYSPARK_PYTHON"] = sys.executable
    found = shutil.which("compliance")
    launcher = [found] if found else [sys.executable, "-m", "compliance"]
    command = [*launcher, "scan", *map(str, paths), "--engine", engine, "--format", "json", "--no-timestamp"]
    return subprocess.run([*command, "--as-of", "2025-06-30", *flags], capture_output=True, env=env, timeout=900)


@pytest.mark.parametrize("flags", [("--full",), ()], ids=["full", "sampled"])
def test_spark_report_is_byte_identical_to_local(datasets, flags):
    require_spark()
    paths = [datasets[k] for k in ("parquet", "csv", "jsonl", "json")]
    local, spark = _scan(paths, *flags, engine="local"), _scan(paths, *flags, engine="spark")
    assert local.returncode == spark.returncode, spark.stderr.decode()[-2000:]
    assert local.returncode in (0, 1)  # a gate result, not an input error
    assert spark.stdout == local.stdout
    report = json.loads(local.stdout)
    assets = report["assets"]
    assert len(assets) == 4 and all(not a.get("error") for a in assets)
    if flags:
        assert {a["rows_scanned"] for a in assets} == {ROWS}
        assert all(any(c["entities"] for c in a["columns"]) for a in assets)


def test_rows_go_through_map_in_arrow_and_merge_to_the_local_tally(datasets, monkeypatch):
    require_spark()
    monkeypatch.setenv("PYSPARK_SUBMIT_ARGS", SUBMIT_ARGS)
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch.setenv("COMPLIANCE_SPARK_MASTER", "local[2]")
    from compliance.engines import spark as spark_engine
    from compliance.engines.kernel import Plan
    from compliance.engines.local import LocalEngine
    from compliance.policy.loader import load_pack
    from compliance.sources import open_tables

    engine = spark_engine.SparkEngine()
    # PYSPARK_SUBMIT_ARGS only reach a JVM this process starts: when an earlier test of this process
    # already started (and stopped) one, the split sizes are set on the new session instead
    for option in SUBMIT_ARGS.split("--conf ")[1:]:
        key, _, value = option.strip().partition("=")
        engine.spark.conf.set(key, value.split()[0])
    try:
        for kind in ("parquet", "csv", "jsonl"):
            table = open_tables(str(datasets[kind]))[0]
            assert spark_engine._reads_like_local(table)
            frame = spark_engine._frame(engine.spark, table)
            if kind != "csv":  # quoted fields may hold line breaks: Spark reads a CSV file in one task
                assert frame.rdd.getNumPartitions() >= 2
            plan = Plan(load_pack(), datetime.date(2025, 6, 30), sampled=False)
            batches = []
            via_spark = engine.full_pass(table, plan, 65536, on_batch=batches.append)
            via_local = LocalEngine().full_pass(table, plan, 65536)
            assert batches == [ROWS] and via_spark.rows == via_local.rows == ROWS
            assert via_spark.columns == via_local.columns
            assert via_spark.minors.keys() == via_local.minors.keys()
            assert {k: d.estimate() for k, d in via_spark.distinct.items()} == {
                k: d.estimate() for k, d in via_local.distinct.items()
            }
    finally:
        engine.spark.stop()


def test_postgresql_through_jdbc_is_byte_identical_to_local(datasets):
    """A PostgreSQL table read by Spark's JDBC source (Debian's libpostgresql-jdbc-java) gives the
    local engine's report. Needs ``COMPLIANCE_TEST_POSTGRES_URL`` (``.ci/postgres.sh``)."""
    require_spark()
    from compliance.engines.spark import POSTGRES_JAR

    base = os.environ.get("COMPLIANCE_TEST_POSTGRES_URL")
    missing = None if base else "COMPLIANCE_TEST_POSTGRES_URL is unset"
    if base and not os.path.exists(POSTGRES_JAR):
        missing = f"the PostgreSQL JDBC driver {POSTGRES_JAR} (Debian libpostgresql-jdbc-java)"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {missing}")
        pytest.skip(missing)
    import sqlalchemy as sa

    schema = "engines_spark"
    data = pq.read_table(datasets["parquet"]).slice(0, 1500)
    names = ["email", "手机号", "身份证号", "备注", "姓名"]
    engine = sa.create_engine(sa.engine.make_url(base).set(drivername="postgresql+psycopg"), poolclass=sa.pool.NullPool)
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"))
        columns = ", ".join(f'"{n}" text' for n in names)
        connection.execute(sa.text(f"CREATE TABLE {schema}.people (id integer, {columns}, ratio double precision)"))
        rows = [
            {
                "id": i,
                "ratio": data["ratio"][i].as_py(),
                **{f"c{j}": data[n][i].as_py() or None for j, n in enumerate(names)},
            }
            for i in range(data.num_rows)
        ]
        values = ", ".join(f":c{j}" for j in range(len(names)))
        connection.execute(sa.text(f"INSERT INTO {schema}.people VALUES (:id, {values}, :ratio)"), rows)
    try:
        url = f"{base}?schema={schema}&table=people"
        local, spark = _scan([url], "--full", engine="local"), _scan([url], "--full", engine="spark")
        assert local.returncode in (0, 1) and spark.returncode == local.returncode, spark.stderr.decode()[-2000:]
        assert spark.stdout == local.stdout
        (asset,) = json.loads(local.stdout)["assets"]
        assert asset["rows_scanned"] == 1500 and sum(bool(c["entities"]) for c in asset["columns"]) >= 4
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()
