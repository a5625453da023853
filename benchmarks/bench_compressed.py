"""Compressed inputs cost: ``compliance scan data.csv.gz`` (and .zst, .zip) against the same plain CSV.

Peer: the plain ``customers.csv`` scanned in the same run. A compressed input is inflated once into a
temporary copy (``compliance/sources/compressed.py``), so the extra cost is one decompression pass and
the copy's disk space; peak memory should stay that of the plain scan.

    python benchmarks/generate_dataset.py --rows 200000 --seed 7 --out benchmarks/out
    python benchmarks/bench_compressed.py --csv benchmarks/out/customers.csv [--runs 3] [--full]

Prints, per input, the median wall time and peak RSS of the ``compliance scan`` process over the runs,
and the ratio to the plain file.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pyarrow as pa


def _command() -> list[str]:
    found = shutil.which("compliance") or str(Path(sys.executable).parent / "compliance")
    return [found] if os.path.isfile(found) else [sys.executable, "-m", "compliance"]


def _packed(csv: Path, folder: Path) -> dict[str, Path]:
    data = csv.read_bytes()
    out = {"plain": csv}
    out["gzip"] = folder / "customers.csv.gz"
    out["gzip"].write_bytes(gzip.compress(data, 6))
    out["zstd"] = folder / "customers.csv.zst"
    with pa.CompressedOutputStream(str(out["zstd"]), "zstd") as stream:
        stream.write(data)
    out["zip"] = folder / "customers.zip"
    with zipfile.ZipFile(out["zip"], "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(csv, "customers.csv")
    return out


def _one_run(path: Path, extra: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one ``compliance scan`` process."""
    script = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "wall = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(code, wall, rss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *_command(), "scan", str(path), "--format", "json", *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    code, wall, rss = done.stdout.split()
    if code not in ("0", "1"):
        raise SystemExit(f"scan of {path} exited {code}")
    return float(wall), float(rss)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args(argv)
    extra = ["--full"] if args.full else []
    with tempfile.TemporaryDirectory() as folder:
        inputs = _packed(args.csv, Path(folder))
        results = {}
        for name, path in inputs.items():
            runs = [_one_run(path, extra) for _ in range(args.runs)]
            results[name] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
            size = path.stat().st_size / (1 << 20)
            wall, rss = results[name]
            ratio = wall / results["plain"][0]
            print(f"{name:6s} {size:8.1f} MiB  wall {wall:6.2f} s ({ratio:4.2f}x plain)  peak RSS {rss:6.0f} MiB")


if __name__ == "__main__":
    main()
