"""Local engine vs Spark ``local[2]`` on the same Parquet file: rows/s each, and the crossover size.

Both engines run the same ``--full`` scan (``scanner.scan_table`` with ``engine="local"`` or
``"spark"``; the decision sample is the same, so are the reports: the script checks it). The Spark
session is started once, before any timing (its start-up is printed apart). Each size is timed
``--repeat`` times and the medians compared. From the two sizes, each engine's time is fitted as
``fixed + rows * per_row``; the crossover is the size above which Spark takes less time (none when
Spark's per-row cost is not lower: on one 2-core machine its executors share the cores the local
engine's threads use).

Data: the benchmark generator's customer table (27 columns, valid identifiers), one block of
``--block`` rows repeated with a distinct ``row_id`` up to ``--rows`` (default 10,000,000), written
once to benchmarks/out/ in 65,536-row groups.

Per size it also times the anonymity figures (k, l, t, risk over ``city`` and ``status``, sensitive
``amount`` and ``product_name``) measured by the local engine and from Spark group-bys, and checks
that they are the same.

    PYTHONPATH=. python benchmarks/bench_engines.py [--rows 10000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from benchmarks.common import OUT
from benchmarks.generate_dataset import generate_columns
from compliance.policy import load_pack
from compliance.scanner import ScanOptions, scan_table
from compliance.sources import open_tables


def parquet_of(rows: int, block: int, seed: int = 7) -> Path:
    path = OUT / f"engines-{rows}-b{block}-s{seed}.parquet"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    data, _ = generate_columns(min(block, rows), seed)
    table = pa.table(data)
    with pq.ParquetWriter(path.with_suffix(".tmp"), pa.schema([("row_id", pa.string()), *table.schema])) as out:
        done = 0
        while done < rows:
            part = table.slice(0, min(table.num_rows, rows - done))
            ids = pa.array([str(done + i) for i in range(part.num_rows)], pa.string())
            out.write_table(pa.table([ids, *part.columns], names=["row_id", *part.column_names]), row_group_size=65536)
            done += part.num_rows
    path.with_suffix(".tmp").rename(path)
    return path


def timed(path: Path, engine: str, repeat: int, pack) -> tuple[float, object]:
    times, scan = [], None
    for _ in range(repeat):
        table = open_tables(str(path))[0]
        start = time.perf_counter()
        scan = scan_table(table, pack, ScanOptions(full=True, engine=engine))
        times.append(time.perf_counter() - start)
    return statistics.median(times), scan


#: the anonymity figures timed: quasi-identifiers, a numeric and a categorical sensitive attribute
ANON_QIS, ANON_SENSITIVE = ["city", "status"], ["amount", "product_name"]


def anonymity_timed(path: Path, engine: str, repeat: int) -> tuple[float, object]:
    """Seconds to measure k, l, t and risk as the scan hook does: the local engine reads the table and
    measures it on this machine (``check.measure_table``), Spark from its group-bys (``spark_anonymity``)."""
    from compliance.anonymity.check import Targets, measure_table
    from compliance.anonymity.data import read_table
    from compliance.engines import spark_anonymity
    from compliance.engines.spark import SparkEngine

    times, result = [], None
    for _ in range(repeat):
        table = open_tables(str(path))[0]
        start = time.perf_counter()
        if engine == "local":
            data, _ = read_table(str(path), columns=[*ANON_QIS, *ANON_SENSITIVE])
            measured, smallest = measure_table(data, ANON_QIS, ANON_SENSITIVE, Targets())
        else:
            spark = SparkEngine.shared().spark
            measured, smallest = spark_anonymity.measure(spark, table, ANON_QIS, ANON_SENSITIVE, 5, None)
        times.append(time.perf_counter() - start)
        result = (measured.as_dict(), smallest)
    return statistics.median(times), result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows of the larger file (default 10M)")
    parser.add_argument("--small", type=int, default=None, help="rows of the smaller file (default rows/8)")
    parser.add_argument("--block", type=int, default=50_000, help="distinct generated rows, repeated")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    small_rows = args.small or max(1, args.rows // 8)
    os.environ.setdefault("COMPLIANCE_SPARK_MASTER", "local[2]")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    pack = load_pack()
    files = {n: parquet_of(n, args.block) for n in (small_rows, args.rows)}
    from compliance.engines.spark import SparkEngine

    start = time.perf_counter()
    SparkEngine.shared().spark.range(1).count()
    print(f"Spark session start (not in the timings): {time.perf_counter() - start:.1f} s")
    results = {}
    for rows, path in files.items():
        for engine in ("local", "spark"):
            seconds, scan = timed(path, engine, args.repeat, pack)
            results[(rows, engine)] = (seconds, scan)
            print(f"{engine:5} {rows:>11,} rows: {seconds:7.2f} s  {rows / seconds:>10,.0f} rows/s", flush=True)
        same = results[(rows, "local")][1].columns == results[(rows, "spark")][1].columns
        ratio = results[(rows, "local")][0] / results[(rows, "spark")][0]
        print(f"      {rows:>11,} rows: Spark/local rows/s = {ratio:.2f}x, same verdicts: {same}")
        anonymity = {engine: anonymity_timed(path, engine, args.repeat) for engine in ("local", "spark")}
        (t_local, local_figures), (t_spark, spark_figures) = anonymity["local"], anonymity["spark"]
        print(
            f"      {rows:>11,} rows: anonymity figures local {t_local:.2f} s, Spark {t_spark:.2f} s "
            f"(Spark/local speed {t_local / t_spark:.2f}x), same figures: {local_figures == spark_figures}",
            flush=True,
        )
    (small, big) = sorted(files)
    fit = {}
    for engine in ("local", "spark"):
        t_small, t_big = results[(small, engine)][0], results[(big, engine)][0]
        per_row = (t_big - t_small) / (big - small)
        fit[engine] = (t_small - per_row * small, per_row)
        print(f"{engine:5} fit: {fit[engine][0]:.2f} s fixed + {fit[engine][1] * 1e6:.2f} us/row")
    (fixed_l, row_l), (fixed_s, row_s) = fit["local"], fit["spark"]
    if row_s < row_l:
        print(f"crossover: Spark is faster above ~{max(0.0, (fixed_s - fixed_l) / (row_l - row_s)):,.0f} rows")
    else:
        print(f"crossover: none on this machine (Spark's per-row cost is {row_s / row_l:.2f}x the local engine's)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
