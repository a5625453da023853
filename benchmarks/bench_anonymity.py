"""Anonymity measures and ``anonymize`` against pyCANON, in the same run (medians of several runs).

1. k-anonymity and distinct l-diversity on ROWS x 5 quasi-identifiers: the tool (``compliance.anonymity.measure``)
   vs pyCANON 1.3 (``pycanon.anonymity.k_anonymity`` / ``l_diversity``) on the same pandas frame; results must be
   identical. ``--peer-rows`` runs pyCANON on a prefix when the full size is too slow for several runs (the tool
   is then timed on that prefix too, for the ratio, and on the full size).
2. ``--big ROWS`` (10M): measure k, l and the risk figures from a Parquet file, in a child process, reporting wall
   time and the child's peak RSS.
3. ``--anonymize``: the ``compliance anonymize`` command to k=5 on ROWS x 5 quasi-identifiers (CSV in, CSV out),
   in a child process, wall time.

    python benchmarks/bench_anonymity.py --rows 1000000 --runs 3 --big 10000000 --anonymize
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

QIS = ["birth_year", "sex", "region", "zip", "education"]
SENSITIVE = "diagnosis"


def generate(rows: int, seed: int = 5) -> pa.Table:
    """Five quasi-identifiers (66 birth years x 2 sexes x 20 counties x 10 postcodes x 7 education levels: about
    180,000 classes in 1M rows, the size at which pyCANON takes the 14.7 s for k quoted in issue 11) and a
    skewed diagnosis."""
    from compliance.anonymity.regions import codes

    rng = np.random.default_rng(seed)
    regions = np.array(sorted(c for c in codes() if not c.endswith("00"))[:20])
    education = np.array(["小学", "初中", "高中", "中专", "大专", "本科", "研究生"])
    diagnoses = np.array(["高血压", "糖尿病", "哮喘", "胃炎", "无", "冠心病", "肺炎", "骨折"])

    def pick(values, p=None):
        return pa.DictionaryArray.from_arrays(
            pa.array(rng.choice(len(values), rows, p=p).astype(np.int32)), pa.array(values)
        ).cast(pa.string())

    return pa.table(
        {
            "birth_year": pick(np.arange(1940, 2006).astype(str)),
            "sex": pick(np.array(["男", "女"])),
            "region": pick(regions),
            "zip": pick(np.array([f"{z:06d}" for z in rng.choice(900000, 10, replace=False) + 100000])),
            "education": pick(education, p=[0.05, 0.2, 0.25, 0.1, 0.15, 0.2, 0.05]),
            SENSITIVE: pick(diagnoses, p=[0.2, 0.1, 0.05, 0.05, 0.45, 0.05, 0.05, 0.05]),
        }
    )


def median_time(run, runs: int):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def ours_k(table):
    from compliance.anonymity.measure import classes_of, encode_all, k_anonymity

    return k_anonymity(classes_of(encode_all([table.column(q) for q in QIS])))


def ours_l(table):
    from compliance.anonymity.measure import classes_of, distinct_l, encode_all

    *qis, sensitive = encode_all([table.column(q) for q in [*QIS, SENSITIVE]])
    return distinct_l(classes_of(qis), sensitive)


def compare(rows: int, peer_rows: int, runs: int, peer_runs: int) -> None:
    from pycanon import anonymity as pycanon

    table = generate(rows)
    peer_table = table.slice(0, peer_rows)
    frame = peer_table.to_pandas()
    print(f"## k-anonymity and distinct l-diversity, {rows:,} rows x {len(QIS)} QIs (pyCANON on {peer_rows:,})")
    for name, ours, theirs in (
        ("k-anonymity", ours_k, lambda f: pycanon.k_anonymity(f, QIS)),
        ("l-diversity", ours_l, lambda f: pycanon.l_diversity(f, QIS, [SENSITIVE])),
    ):
        ours(peer_table)  # warm-up (thread pool, allocator); pyCANON's first run is as fast as its others
        peer_s, peer_value = median_time(partial(theirs, frame), peer_runs)
        same_s, same_value = median_time(partial(ours, peer_table), runs)
        full_s, _ = median_time(partial(ours, table), runs)
        assert same_value == peer_value, (name, same_value, peer_value)
        print(
            f"{name:12} pyCANON {peer_s:8.2f} s ({peer_rows:,} rows, median of {peer_runs})   "
            f"tool {same_s:6.3f} s same rows -> {peer_s / same_s:6.1f}x   "
            f"tool {full_s:6.3f} s on {rows:,} rows (median of {runs})   value {same_value} == pyCANON {peer_value}"
        )


_CHILD = """
import resource, sys, time
start = time.perf_counter()
from compliance.anonymity.data import read_table
from compliance.anonymity.measure import measure
table, _ = read_table(sys.argv[1], columns=sys.argv[2].split(",") + [sys.argv[3]])
m = measure(table, sys.argv[2].split(","), [sys.argv[3]], target_k=5)
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{took:.2f} {peak:.0f} {m.records} {m.k} {m.l} {m.risk.maximum:.4f} {m.risk.records_at_risk:.4f}")
"""


def big(rows: int, runs: int, folder: Path) -> None:
    path = folder / f"anonymity_{rows}.parquet"
    if not path.exists():
        pq.write_table(generate(rows), path)
    print(f"## {rows:,} rows x {len(QIS)} QIs from Parquet ({path.stat().st_size / 1e6:.0f} MB), child process")
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path), ",".join(QIS), SENSITIVE],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        results.append(out)
    took = statistics.median(float(r[0]) for r in results)
    peak = max(float(r[1]) for r in results)
    r = results[0]
    print(
        f"read + k + l + t + risk: median {took:.2f} s, peak RSS {peak:.0f} MB (max of {runs}); "
        f"records {r[2]}, k {r[3]}, l {r[4]}, max risk {r[5]}, records at risk {r[6]}"
    )


def anonymize(rows: int, runs: int, folder: Path) -> None:
    path = folder / f"anonymity_{rows}.csv"
    if not path.exists():
        pacsv.write_csv(generate(rows).drop_columns([SENSITIVE]), path)
    print(f"## compliance anonymize --k 5 on {rows:,} rows x {len(QIS)} QIs (CSV, {path.stat().st_size / 1e6:.0f} MB)")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "compliance",
                "anonymize",
                str(path),
                "--qi",
                ",".join(QIS),
                "--k",
                "5",
                "-o",
                str(folder / "anonymity_out.csv"),
            ],
            capture_output=True,
            text=True,
        )
        times.append(time.perf_counter() - start)
        if done.returncode:
            raise SystemExit(done.stderr)
    print(f"end to end: median {statistics.median(times):.1f} s of {runs}")
    print("  " + done.stdout.strip().replace("\n", "\n  "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--peer-rows", type=int, help="rows pyCANON measures (default: --rows)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peer-runs", type=int, default=3)
    parser.add_argument("--big", type=int, help="also measure this many rows from Parquet (e.g. 10000000)")
    parser.add_argument("--anonymize", action="store_true", help="also time compliance anonymize to k=5")
    parser.add_argument("--no-compare", action="store_true", help="skip part 1 (the pyCANON comparison)")
    parser.add_argument("--out", default="benchmarks/out")
    args = parser.parse_args()
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    if not args.no_compare:
        compare(args.rows, args.peer_rows or args.rows, args.runs, args.peer_runs)
    if args.big:
        big(args.big, args.runs, folder)
    if args.anonymize:
        anonymize(args.rows, args.runs, folder)
    print(
        f"(this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
        f"{os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()
