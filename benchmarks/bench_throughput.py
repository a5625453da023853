"""--full scan throughput vs presidio-structured and vs a plain pyarrow CSV read, in one process run.

    PYTHONPATH=. python benchmarks/bench_throughput.py [--rows 100000] [--repeat 3] [--peer-rows 2000]

Peers, measured on the same file in the same run: `pyarrow.csv.read_csv` (median of --repeat runs)
and presidio-structured's PandasAnalysisBuilder with our analyzer (on --peer-rows rows; rows/s).
"""

from __future__ import annotations

import argparse

import pyarrow.csv as pcsv

from benchmarks.common import dataset, median_seconds, scan_once
from benchmarks.peer_presidio_structured import run_peer
from compliance.detect.analyzer import build_analyzer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer-rows", type=int, default=2000)
    args = parser.parse_args()
    path, truth = dataset(args.rows, args.seed)
    scan_once(path, full=True)  # warm up: pack, recognizers, lexicons, phone metadata
    read = median_seconds(lambda: pcsv.read_csv(path), args.repeat)
    ours = median_seconds(lambda: scan_once(path, full=True), args.repeat)
    peer = run_peer(path, build_analyzer(), rows=args.peer_rows)
    our_rate = args.rows / ours
    print(f"dataset: {path} ({args.rows} rows x {len(truth)} columns, {path.stat().st_size / 1e6:.1f} MB)")
    print(f"pyarrow.csv.read_csv          {read:8.3f} s   (median of {args.repeat})")
    print(f"dataflow-compliance --full    {ours:8.3f} s   {our_rate:10.0f} rows/s (median of {args.repeat})")
    print(f"{peer.peer:29} {peer.seconds:8.3f} s   {peer.rows_per_second:10.1f} rows/s on {peer.rows} rows")
    print(f"ratio: ours / pyarrow read time   {ours / read:6.2f}x   (target <= 10)")
    print(f"ratio: ours / peer rows per second {our_rate / peer.rows_per_second:6.0f}x   (target >= 200)")


if __name__ == "__main__":
    main()
