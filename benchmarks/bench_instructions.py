"""Instructions per `--full` scan under valgrind (cachegrind), this tree against another, same data.

    PYTHONPATH=. python benchmarks/bench_instructions.py --against /tmp/oldtree [--rows 100000]

Wall-clock ratios on a shared 2-core virtual machine move by 10-30% between runs (other tenants,
frequency changes), more than the differences between two versions of the scanner. The number of
instructions one scan executes moves by well under 1%. Each tree is run twice in a child process
under ``valgrind --tool=cachegrind --cache-sim=no``, with 1 and with 3 scans after a warm-up scan;
the difference divided by 2 is the instructions of one scan, without start-up, pack loading and
first-call caches. Columns run on one thread (``WORKERS = 1``): valgrind serialises threads anyway.

``--against`` is a source tree of another commit (``git worktree add /tmp/oldtree <commit>``); its
``benchmarks/out`` data is not used: both trees scan this tree's generated file. Needs valgrind
(Debian package ``valgrind``). Takes about 3 minutes per tree at 100,000 rows.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import sys
try:
    import compliance.engines.local as engine
    engine.WORKERS = 1
except ImportError:  # trees before the engines kernel
    import compliance.scanner as engine
    engine._WORKERS = 1
from compliance.policy import load_pack
from compliance.scanner import ScanOptions, scan_paths
pack = load_pack()
for _ in range(1 + int(sys.argv[2])):
    scan_paths([sys.argv[1]], pack, ScanOptions(full=True))
"""


def instructions(tree: Path, csv: Path, scans: int) -> int:
    env = dict(os.environ, PYTHONPATH=str(tree))
    valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    out = subprocess.run(
        [*valgrind, sys.executable, "-c", _CHILD, str(csv), str(scans)],
        env=env,
        cwd=tree,  # ``python -c`` puts the working directory first on sys.path
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if not found:
        raise SystemExit(f"no instruction count from valgrind for {tree}")
    return int(found.group(1).replace(",", ""))


def per_scan(tree: Path, csv: Path) -> int:
    return (instructions(tree, csv, 3) - instructions(tree, csv, 1)) // 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", type=Path, required=True, help="source tree of the other commit")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from benchmarks.common import dataset

    csv, _ = dataset(args.rows, args.seed)
    ours, theirs = per_scan(ROOT, csv), per_scan(args.against.resolve(), csv)
    print(f"dataset: {csv} ({args.rows} rows)")
    print(f"this tree     {ours / 1e9:7.3f} G instructions per --full scan")
    print(f"{args.against}  {theirs / 1e9:7.3f} G instructions per --full scan")
    print(f"ratio: this / other {ours / theirs:6.3f}")


if __name__ == "__main__":
    main()
