"""Start-up benchmark (issue 12): ``compliance scan`` of a 2-row CSV against ``compliance --version``.

A pre-commit hook or a CI job scans a few small files per run, so what it pays is start-up: Python,
the CLI's imports, the pack, the detectors. Each run starts the installed ``compliance`` console
script in a fresh process (``subprocess``), the scan and its peer ``compliance --version`` (the
CLI's import floor) interleaved, ``--runs`` times; the medians of wall and CPU time (user + system of
the child) are printed with their ratio. Bound: the scan's median wall time ≤ 1.0 s. On a loaded
machine wall times grow with the load; the ratio to ``--version`` in the same run stays comparable.

The scan also runs once more (the same entry point, ``sys.modules`` listed at exit) to show which
heavy packages it loaded (``presidio_analyzer``, ``spacy``, ``tldextract``, ``pandas``): the first
three must be absent. Children run with bytecode caches, as an installed tool does.

Prints the numbers with PASS/FAIL; exits 1 if the bound fails or a heavy package was imported.
Run: ``python benchmarks/bench_startup.py [--runs 7]``
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BOUND_S = 1.0
SMALL_CSV = "姓名,手机,邮箱\n张三,13800138000,zhang@example.com\n李四,13900139000,li@example.org\n"
NEVER = ("presidio_analyzer", "spacy", "tldextract")
REPORTED = (*NEVER, "pandas", "phonenumbers", "pyarrow")


#: children run as an installed tool does: with bytecode caches (pip writes them at install time)
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, child CPU seconds) of one run of ``command``; fails on a non-zero exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=ENV, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


#: the console script's own call, plus a list of the loaded modules written when the process exits
_PROBE = (
    "import atexit, sys; from compliance.cli import main; out = sys.argv.pop(1); "
    "atexit.register(lambda: open(out, 'w').write('\\n'.join(sorted(sys.modules)))); main()"
)


def imported_packages(arguments: list[str], folder: Path) -> set[str]:
    """Top-level packages loaded by ``compliance <arguments>`` (``sys.modules`` when it exits)."""
    listing = folder / "modules.txt"
    command = [sys.executable, "-c", _PROBE, str(listing), *arguments]
    done = subprocess.run(command, capture_output=True, text=True, env=ENV, check=False)
    if done.returncode != 0:
        raise SystemExit(f"compliance {' '.join(arguments)} exited {done.returncode}: {done.stderr[-500:]}")
    return {name.split(".")[0] for name in listing.read_text(encoding="utf-8").split()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cli = shutil.which("compliance")
    if cli is None:
        print("the compliance console script is not on PATH (pip install the project first)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "small.csv"
        small.write_text(SMALL_CSV, encoding="utf-8")
        scan, version = [cli, "scan", str(small)], [cli, "--version"]
        timed(scan)  # warm the file cache and write the bytecode caches once
        timed(version)
        samples: dict[str, list[tuple[float, float]]] = {"scan": [], "version": []}
        for _ in range(args.runs):
            samples["version"].append(timed(version))
            samples["scan"].append(timed(scan))
        heavy = imported_packages(scan[1:], Path(folder))
    medians = {
        name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for name, runs in samples.items()
    }
    scan_wall, scan_cpu = medians["scan"]
    version_wall, version_cpu = medians["version"]
    print(f"runs: {args.runs} (interleaved, fresh processes); load average: {os.getloadavg()[0]:.2f}")
    print(f"compliance --version       wall {version_wall:.3f} s   cpu {version_cpu:.3f} s")
    print(f"compliance scan small.csv  wall {scan_wall:.3f} s   cpu {scan_cpu:.3f} s")
    print(f"ratio scan / --version     wall {scan_wall / version_wall:.2f}   cpu {scan_cpu / version_cpu:.2f}")
    print("imported by the scan: " + ", ".join(f"{name}={'yes' if name in heavy else 'no'}" for name in REPORTED))
    ok_time = scan_wall <= BOUND_S
    ok_imports = not heavy.intersection(NEVER)
    print(f"bound: scan wall ≤ {BOUND_S:.1f} s: {'PASS' if ok_time else 'FAIL'}")
    print(f"bound: no {', '.join(NEVER)} imported: {'PASS' if ok_imports else 'FAIL'}")
    return 0 if ok_time and ok_imports else 1


if __name__ == "__main__":
    raise SystemExit(main())
