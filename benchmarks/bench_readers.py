"""Speed and memory of a sampled read of a >= 2 GiB CSV, against ``pyarrow.csv.read_csv`` as the peer.

Why: the scanner issue asks that the default (sampled) scan of a 2 GB CSV finishes its reading part
in well under 10 s with a peak RSS far below 500 MB, because the sources stage seeks to spread-out
windows instead of reading the file. This script measures exactly that part,
``open_tables(path)[0].sample(1000, seed=0)``, in a fresh subprocess (so the peak RSS is that of the
read alone, interpreter and pyarrow included), and the named peer in the same run: a plain
``pyarrow.csv.read_csv`` of the first 100 MB of the same file, also in a fresh subprocess. Each is run
``--runs`` times (median reported). It prints numbers and ratios and asserts nothing.

The data comes from ``generate_dataset.py --big`` (one block generated once, then repeated), so the
rows look like the scanner benchmark's. It runs in its own subprocess too: on Linux a child's
``ru_maxrss`` starts from its parent's high-water mark (it survives fork and exec), so this script
keeps its own process small. The file is in the page cache when measured (it was just
written); a cold disk adds one random read per sampled window (1000 windows).

CLI (from the repository root)::

    PYTHONPATH=. python benchmarks/bench_readers.py [--gb 2] [--runs 3] [--dir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEER_PREFIX_BYTES = 100 * 1000 * 1000

OURS = """
import json, resource, sys, time
from compliance.sources import open_tables
started = time.perf_counter()
table = open_tables(sys.argv[1])[0]
sample = table.sample(1000, seed=0)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "rows": sample.num_rows, "rows_total": table.rows_total,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

PEER = """
import json, resource, sys, time
import pyarrow.csv
started = time.perf_counter()
table = pyarrow.csv.read_csv(sys.argv[1])
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "rows": table.num_rows,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _env() -> dict[str, str]:
    repo = str(HERE.parent)
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [repo, os.environ.get("PYTHONPATH")]))}


def run_child(code: str, path: Path) -> dict:
    args = [sys.executable, "-c", code, str(path)]
    done = subprocess.run(args, capture_output=True, text=True, env=_env(), check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def generate(work: Path, gb: float, block_mb: float) -> Path:
    script = HERE / "generate_dataset.py"
    args = ["--rows", "0", "--seed", "7", "--out", str(work), "--big", str(gb), "--block-mb", str(block_mb)]
    subprocess.run([sys.executable, str(script), *args], check=True, env=_env(), stdout=subprocess.DEVNULL)
    return work / "customers_big.csv"


def write_prefix(big: Path, prefix: Path, size: int) -> None:
    """The first ``size`` bytes of ``big``, cut after the last whole line, copied in small chunks."""
    with big.open("rb") as src, prefix.open("wb") as dst:
        left = size
        while left > 0 and (chunk := src.read(min(left, 1 << 20))):
            dst.write(chunk)
            left -= len(chunk)
        tail = chunk
    with prefix.open("r+b") as dst:
        dst.truncate(dst.seek(0, os.SEEK_END) - len(tail) + tail.rindex(b"\n") + 1)


def median(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gb", type=float, default=2.0, help="size of the CSV in GiB (default 2)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--block-mb", type=float, default=10.0, help="size of the generated, repeated block")
    parser.add_argument("--dir", help="work directory (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)

    work = Path(args.dir or tempfile.mkdtemp(prefix="bench_readers_"))
    try:
        started = time.perf_counter()
        big = generate(work, args.gb, args.block_mb)
        prefix = work / "prefix_100mb.csv"
        write_prefix(big, prefix, PEER_PREFIX_BYTES)
        print(
            f"data: {big.stat().st_size / 1024**3:.2f} GiB CSV, peer prefix {prefix.stat().st_size / 1e6:.0f} MB, "
            f"generated in {time.perf_counter() - started:.1f} s"
        )
        ours, peer = [], []
        for _ in range(args.runs):  # interleaved, so drift hits both alike
            ours.append(run_child(OURS, big))
            peer.append(run_child(PEER, prefix))
        o_s, p_s = median(ours, "seconds"), median(peer, "seconds")
        o_rss, p_rss = median(ours, "rss_mb"), median(peer, "rss_mb")
        print(f"runs: {args.runs} (median of each)")
        print(
            f"sources sample(1000) of {args.gb:g} GiB: {o_s:.3f} s, peak RSS {o_rss:.0f} MB, "
            f"{ours[0]['rows']} rows, rows_total estimate {ours[0]['rows_total']}"
        )
        print(f"peer pyarrow.csv.read_csv of 100 MB: {p_s:.3f} s, peak RSS {p_rss:.0f} MB, {peer[0]['rows']} rows")
        print(f"ratio time ours/peer: {o_s / p_s:.2f}   ratio RSS ours/peer: {o_rss / p_rss:.2f}")
        print(f"all runs: ours {[round(r['seconds'], 3) for r in ours]}  peer {[round(r['seconds'], 3) for r in peer]}")
    finally:
        if not args.keep and not args.dir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
