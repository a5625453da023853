"""Hardening benchmark (issue 8): a 10,000-column sampled scan, and xlsx decompression bombs.

1. Wide table: the default sampled scan (``compliance scan``'s library call, pack loaded outside the
   timing) of a 10,000-column × 1,000-row CSV (benchmarks/bomb_files.py ``wide_csv``), against the
   peer ``pyarrow.csv.read_csv`` of the same file, interleaved in one process, median of ``--runs``.
   Bound: under 10 s. The ratio says what that costs beside merely parsing the file.
2. Bombs: each full-size bomb is opened in a fresh child process (so its peak RSS is its own) until
   it is refused: a 3 MB workbook declaring 78 M shared strings, the same without the declaration
   (1.3 GB of shared-string XML), a sheet inflating to 3 GiB. Bounds: refused in under 5 s, peak RSS
   under 500 MB. The peer is a child that only imports the scanner (its RSS is the floor).

Prints each number with PASS/FAIL against its bound; exits 1 if any bound fails.
Run: ``PYTHONPATH=. python benchmarks/bench_hardening.py [--runs 3] [--columns 10000] [--quick]``
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
WIDE_BOUND_S = 10.0
BOMB_BOUND_S = 5.0
BOMB_BOUND_MB = 500.0

CHILD = """
import json, resource, sys, time
started = time.perf_counter()
from compliance.errors import InputError
from compliance.sources import open_tables
imported = time.perf_counter()
try:
    open_tables(sys.argv[1]) if sys.argv[1] != "-" else None
    outcome = "opened"
except InputError as err:
    outcome = "refused: " + str(err)
def peak_mb():  # VmHWM is this process's own peak; ru_maxrss would include the parent's at fork time
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": time.perf_counter() - imported, "outcome": outcome, "rss_mb": peak_mb()}))
"""


def _env() -> dict[str, str]:
    repo = str(HERE.parent)
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [repo, os.environ.get("PYTHONPATH")]))}


def _child(path: str) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, text=True, env=_env(), check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def wide(work: Path, columns: int, rows: int, runs: int) -> bool:
    import pyarrow.csv

    from benchmarks.bomb_files import wide_csv
    from compliance.policy import load_pack
    from compliance.scanner import ScanOptions, scan_paths

    path = wide_csv(work / "wide.csv", columns=columns, rows=rows)
    pack = load_pack()
    ours, peer = [], []
    scans = None
    for _ in range(runs):  # interleaved, so load on the machine hits both alike
        started = time.perf_counter()
        scans = scan_paths([str(path)], pack, ScanOptions())
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        pyarrow.csv.read_csv(path)
        peer.append(time.perf_counter() - started)
    o, p = statistics.median(ours), statistics.median(peer)
    scan = scans[0]
    assert scan.error is None, scan.error
    found = sorted({e.type for c in scan.columns for e in c.entities if c.name in ("mobile", "name")})
    print(
        f"wide table: {columns:,} columns x {rows:,} rows, {path.stat().st_size / 1e6:.0f} MB, runs: {runs} (medians)"
    )
    print(f"  ours   sampled scan            {o:7.2f} s   (all runs {[round(t, 2) for t in ours]})")
    print(f"  peer   pyarrow.csv.read_csv    {p:7.2f} s   (all runs {[round(t, 2) for t in peer]})")
    print(f"  ratio  ours/peer               {o / p:7.1f}")
    print(f"  entities in the personal columns: {found}")
    print(f"  bound  sampled scan < {WIDE_BOUND_S:g} s: {_verdict(o < WIDE_BOUND_S)}")
    return o < WIDE_BOUND_S


def bombs(work: Path, quick: bool) -> bool:
    from benchmarks.bomb_files import declared_strings_bomb, shared_strings_bomb, sheet_bomb

    cases = [("declares 78 M shared strings", declared_strings_bomb(work / "declared.xlsx"))]
    if not quick:
        started = time.perf_counter()
        cases += [
            ("78 M shared strings, undeclared (1.3 GB XML)", shared_strings_bomb(work / "sst.xlsx", declare=False)),
            ("78 M shared strings, declared (1.3 GB XML)", shared_strings_bomb(work / "sst_declared.xlsx")),
            ("a sheet inflating to 3 GiB", sheet_bomb(work / "sheet.xlsx")),
        ]
        print(f"bombs generated in {time.perf_counter() - started:.1f} s")
    floor = _child("-")
    print(f"peer   import only: peak RSS {floor['rss_mb']:.0f} MB")
    ok = True
    for label, path in cases:
        result = _child(str(path))
        good = result["outcome"].startswith("refused") and result["seconds"] < BOMB_BOUND_S
        good = good and result["rss_mb"] < BOMB_BOUND_MB
        ok = ok and good
        print(
            f"bomb   {label}: {path.stat().st_size / 1e6:.1f} MB on disk, {result['seconds'] * 1000:.0f} ms, "
            f"peak RSS {result['rss_mb']:.0f} MB (+{result['rss_mb'] - floor['rss_mb']:.0f} over the floor) "
            f"[< {BOMB_BOUND_S:g} s, < {BOMB_BOUND_MB:g} MB: {_verdict(good)}]"
        )
        print(f"         {result['outcome'].split(': ', 1)[-1]}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--columns", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=1_000)
    parser.add_argument("--quick", action="store_true", help="only the small declared-strings bomb")
    parser.add_argument("--dir", help="work directory (default: a temporary one, removed afterwards)")
    args = parser.parse_args(argv)
    work = Path(args.dir or tempfile.mkdtemp(prefix="bench_hardening_"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        ok = bombs(work, args.quick)  # first: the children's memory is measured apart from the wide scan's
        ok = wide(work, args.columns, args.rows, args.runs) and ok
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)
    print(f"overall: {_verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
