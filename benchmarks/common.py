"""Shared pieces of the benchmarks: the data they run on, our scanner as a callable, medians."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

from benchmarks.generate_dataset import generate
from benchmarks.peer_presidio_structured import load_truth
from compliance.policy import load_pack
from compliance.scanner import AssetScan, ScanOptions, scan_paths

OUT = Path(__file__).resolve().parent / "out"


def dataset(rows: int = 100_000, seed: int = 7) -> tuple[Path, dict]:
    """The benchmark CSV and its truth, generated once into benchmarks/out/."""
    folder = OUT / f"rows{rows}-seed{seed}"
    csv_path, truth_path = folder / "customers.csv", folder / "truth.json"
    if not (csv_path.exists() and truth_path.exists()):
        generate(rows, seed, folder)
    return csv_path, load_truth(truth_path)


@cache
def _pack():
    return load_pack()


def scan_once(path: Path, full: bool) -> AssetScan:
    """One scan of one file (the pack is loaded once per process, outside any timing)."""
    return scan_paths([str(path)], _pack(), ScanOptions(full=full))[0]


def mapping_of(scan: AssetScan, include_sporadic: bool) -> dict[str, dict[str, object]]:
    """Column → {entity, personal} as the scorer takes it (personal per the pack's category)."""
    pack = _pack()
    out: dict[str, dict[str, object]] = {}
    for column in scan.columns:
        hits = [e for e in column.entities if include_sporadic or not e.sporadic]
        category = pack.category(column.category) if column.category else None
        entity = hits[0].type if hits else None
        out[column.name] = {"entity": entity, "personal": bool(category and category.personal and hits)}
    return out


def median_seconds(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
