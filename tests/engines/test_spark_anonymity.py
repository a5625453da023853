"""Anonymity figures from Spark group-bys (``--engine spark``) are the local engine's, byte for byte.

Manifest-driven anonymised assets (CSV and Parquet; with and without a count column; nulls in the
quasi-identifiers; a numeric and a categorical sensitive attribute; many classes of equal size, so the
smallest classes shown depend on the order classes are numbered in) are scanned through the installed
CLI with ``--engine local`` and ``--engine spark`` in ``local[2]``. A hypothesis test shows the
pre-aggregated path (``measure_aggregated`` on class and pair counts, what the Spark driver computes)
gives the direct path's figures on any table.
"""

from __future__ import annotations

import datetime
import json
import random
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.anonymity.check import Targets, measure_table, record_counts, shown_class, smallest_order
from compliance.anonymity.measure import measure_aggregated, numeric_order
from compliance.engines.spark_anonymity import ClassCounts, PairCounts, assemble

from .conftest import require_spark
from .test_spark_engine import _scan

ROWS = 2400


def _rows(seed: int) -> dict[str, list]:
    rng = random.Random(seed)
    bands = ["20-29", "30-39", "40-49", "50-59", None]
    cities = ["北京市", "上海市", "杭州市", "成都市", "深圳市", None, "西安市"]
    return {
        "age_band": [rng.choice(bands) for _ in range(ROWS)],
        "city": [rng.choice(cities) for _ in range(ROWS)],
        "birth_year": [rng.randrange(1950, 2005) for _ in range(ROWS)],
        "diagnosis": [rng.choice(["流感", "肺炎", "高血压", "糖尿病", None]) for _ in range(ROWS)],
        "income": [rng.randrange(0, 40) * 500 for _ in range(ROWS)],
        "buyers": [rng.choice([0, 1, 2, 3, 7, 40]) for _ in range(ROWS)],
        "visit": [datetime.date(2024, rng.randrange(1, 13), 1) for _ in range(ROWS)],
        "insured": [rng.choice([True, False, None]) for _ in range(ROWS)],
    }


def _manifest(folder: Path, name: str, source: str, qis: list[str], sensitive: list[str], count: str | None) -> Path:
    path = folder / f"{name}.yaml"
    lines = [
        f"id: {name}",
        f"source: {source}",
        "state: anonymized",
        "anonymisation:",
        "  method: generalisation",
        f"  quasi_identifiers: [{', '.join(qis)}]",
        f"  sensitive: [{', '.join(sensitive)}]",
        "  k: 5",
        "  l: 2",
    ]
    if count:
        lines.append(f"  count_column: {count}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def manifests(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("spark_anonymity")
    table = pa.table(_rows(7))
    pq.write_table(table, folder / "patients.parquet", row_group_size=300)
    pacsv.write_csv(table, folder / "patients.csv")
    text = (folder / "patients.csv").read_text(encoding="utf-8")
    # one quoted empty cell: null for the local reader, as an unquoted one
    (folder / "patients.csv").write_text(text.replace("\n,", '\n"",', 3), encoding="utf-8")
    out = []
    for fmt in ("csv", "parquet"):
        source = f"patients.{fmt}"
        out.append(_manifest(folder, f"{fmt}-rows", source, ["age_band", "city"], ["diagnosis", "income"], None))
        out.append(_manifest(folder, f"{fmt}-cells", source, ["age_band", "city"], ["income"], "buyers"))
        out.append(_manifest(folder, f"{fmt}-fine", source, ["city", "birth_year"], ["diagnosis"], None))
        out.append(_manifest(folder, f"{fmt}-typed", source, ["visit", "insured"], ["birth_year"], "buyers"))
    return out


#: Parquet in several partitions (its row groups are ~4 KiB), so first rows come from several tasks
SMALL_SPLITS = {"spark.sql.files.maxPartitionBytes": "4096", "spark.sql.files.openCostInBytes": "0"}


def test_anonymity_figures_from_spark_are_byte_identical_to_local(manifests, monkeypatch):
    require_spark()
    from . import test_spark_engine

    monkeypatch.setattr(
        test_spark_engine,
        "SUBMIT_ARGS",
        " ".join(f"--conf {k}={v}" for k, v in SMALL_SPLITS.items()) + " pyspark-shell",
    )
    flags = [item for m in manifests for item in ("--manifest", str(m))]
    local, spark = _scan([], *flags, engine="local"), _scan([], *flags, engine="spark")
    assert local.returncode in (0, 1), local.stderr.decode()[-2000:]
    assert spark.returncode == local.returncode, spark.stderr.decode()[-2000:]
    assert spark.stdout == local.stdout, spark.stderr.decode()[-3000:]
    assets = {a["id"]: a["anonymity"] for a in json.loads(local.stdout)["assets"]}
    assert len(assets) == 8 and all(a["measured"] and not a["error"] for a in assets.values()), assets
    for fmt in ("csv", "parquet"):
        rows, cells, fine = assets[f"{fmt}-rows"], assets[f"{fmt}-cells"], assets[f"{fmt}-fine"]
        assert rows["records"] == ROWS and cells["records"] == sum(_rows(7)["buyers"])
        assert cells["k"] > rows["k"] and rows["classes"] == cells["classes"] == 35  # 5 x 7, nulls a value
        # many classes of one record: which 5 are shown depends on how classes are numbered
        assert fine["k"] == 1 and len(fine["smallest_classes"]) == 5
        assert any(None in c["values"].values() for c in rows["smallest_classes"])
    assert assets["csv-rows"] == assets["parquet-rows"]


def test_spark_path_really_measures_on_spark(manifests, monkeypatch):
    """The figures come from ``spark_anonymity.measure`` (not a silent fallback to the driver)."""
    require_spark()
    monkeypatch.setenv("COMPLIANCE_SPARK_MASTER", "local[2]")
    import sys

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    from compliance.engines import spark_anonymity
    from compliance.engines.spark import SparkEngine
    from compliance.sources import open_tables

    folder = manifests[0].parent
    data = pq.read_table(folder / "patients.parquet")
    engine = SparkEngine()
    try:
        for key, value in SMALL_SPLITS.items():
            engine.spark.conf.set(key, value)
        assert engine.spark.read.parquet(str(folder / "patients.parquet")).rdd.getNumPartitions() >= 2
        for fmt in ("csv", "parquet"):
            (table,) = open_tables(str(folder / f"patients.{fmt}"))
            got = spark_anonymity.measure(
                engine.spark, table, ["age_band", "city"], ["diagnosis", "income"], 5, "buyers"
            )
            assert got is not None
            weights = record_counts(data, "buyers", "x")
            expected = measure_table(data, ["age_band", "city"], ["diagnosis", "income"], Targets(), weights=weights)
            assert got[0].as_dict() == expected[0].as_dict()
            assert got[1] == expected[1]
        # through the CLI: the scan hook hands --engine spark assets to Spark, never to the driver's measure
        from click.testing import CliRunner

        from compliance.anonymity import scan_hook
        from compliance.cli import main

        def driver_measure(*args, **kwargs):
            raise AssertionError("measured on the driver")

        monkeypatch.setattr(scan_hook, "measure_table", driver_measure)
        monkeypatch.setattr(SparkEngine, "_instance", engine)
        flags = [item for m in manifests for item in ("--manifest", str(m))]
        result = CliRunner().invoke(main, ["scan", *flags, "--engine", "spark", "--format", "json", "--no-timestamp"])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 1), result.output[-2000:]
        assets = json.loads(result.stdout)["assets"]
        assert len(assets) == 8 and all(a["anonymity"]["measured"] for a in assets), result.output[-2000:]
    finally:
        engine.spark.stop()


def _reduced(table: pa.Table, qis: list[str], sensitive: list[str], weights):
    """What the Spark group-bys hand the driver, computed here in plain Python from the rows: each
    class and each value named by its first row (Python equality, nulls a value of their own), the
    records summed, numeric ranks ordered by (number, first row)."""
    rows = table.num_rows
    w = [1] * rows if weights is None else [int(x) for x in weights]
    columns = {name: table.column(name).to_pylist() for name in {*qis, *sensitive}}
    first_of = {name: {} for name in columns}
    for name, values in columns.items():
        for row, value in enumerate(values):
            first_of[name].setdefault(value, row)
    keys = [tuple(columns[q][row] for q in qis) for row in range(rows)]
    cls_first: dict = {}
    records: dict = {}
    for row, key in enumerate(keys):
        cls_first.setdefault(key, row)
        records[key] = records.get(key, 0) + w[row]
    found = list(cls_first)
    classes = ClassCounts(
        np.array([cls_first[k] for k in found], dtype=np.int64),
        [np.array([first_of[q][k[j]] for k in found], dtype=np.int64) for j, q in enumerate(qis)],
        np.array([records[k] for k in found], dtype=np.int64),
    )
    pairs = {}
    for name in sensitive:
        counts: dict = {}
        for row, key in enumerate(keys):
            pair = (cls_first[key], first_of[name][columns[name][row]])
            counts[pair] = counts.get(pair, 0) + w[row]
        values = list(first_of[name])
        numbers = numeric_order(pa.array(values, type=table.schema.field(name).type))
        rank = None
        if numbers is not None:
            ranked = sorted(range(len(values)), key=lambda i: (numbers[i], first_of[name][values[i]]))
            rank = np.empty(len(values), dtype=np.int64)
            rank[ranked] = np.arange(len(values))
        pairs[name] = PairCounts(
            np.array([p[0] for p in counts], dtype=np.int64),
            np.array([p[1] for p in counts], dtype=np.int64),
            np.array(list(counts.values()), dtype=np.int64),
            np.array([first_of[name][v] for v in values], dtype=np.int64),
            rank,
        )
    return rows, classes, pairs


_cell = st.one_of(st.none(), st.sampled_from(["a", "b", "c", "北京"]))
_number = st.one_of(st.none(), st.integers(0, 6))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(_cell, _cell, _number, st.sampled_from(["x", "y", "z"]), st.integers(0, 4)), min_size=1, max_size=60
    ),
    st.booleans(),
    st.booleans(),
)
def test_pre_aggregated_figures_equal_the_direct_path(rows, weighted, as_text):
    table = pa.table(
        {
            "q1": [r[0] for r in rows],
            "q2": [r[1] for r in rows],
            "n": [None if r[2] is None else (str(r[2]) if as_text else r[2]) for r in rows],
            "cat": [r[3] for r in rows],
        },
        schema=pa.schema(
            [
                ("q1", pa.string()),
                ("q2", pa.string()),
                ("n", pa.string() if as_text else pa.int64()),
                ("cat", pa.string()),
            ]
        ),
    )
    weights = np.array([r[4] for r in rows], dtype=np.int64) if weighted else None
    direct, smallest = measure_table(table, ["q1", "q2"], ["n", "cat"], Targets(), weights=weights)
    sizes, first_row, attributes = assemble(*_reduced(table, ["q1", "q2"], ["n", "cat"], weights))
    assert measure_aggregated(sizes, attributes, Targets().k).as_dict() == direct.as_dict()
    shown = [
        shown_class(sizes[c], {q: table.column(q)[int(first_row[c])].as_py() for q in ("q1", "q2")})
        for c in smallest_order(sizes)
    ]
    assert shown == smallest
