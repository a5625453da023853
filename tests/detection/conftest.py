"""Helpers for the detection tests: write columns to a real file of some format, scan it, return verdicts.

The cases come from independent sources (tests/data/README.md), never from the benchmark generator.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from compliance.policy import load_pack
from compliance.scanner import ScanOptions, scan_paths

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def default_pack():
    return load_pack()


@cache
def cases() -> dict:
    """tests/data/detection_cases.json: documented examples, each list with its source."""
    return json.loads((DATA / "detection_cases.json").read_text(encoding="utf-8"))


def write(folder: Path, columns: dict[str, list], fmt: str = "csv") -> Path:
    names = list(columns)
    rows = max(len(v) for v in columns.values())
    table = {k: list(v) + [None] * (rows - len(v)) for k, v in columns.items()}
    path = folder / f"data.{fmt}"
    if fmt == "csv":
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(names)
            for i in range(rows):
                writer.writerow(["" if table[k][i] is None else table[k][i] for k in names])
    elif fmt == "json":
        records = [{k: table[k][i] for k in names if table[k][i] is not None} for i in range(rows)]
        path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    elif fmt == "parquet":
        pq.write_table(pa.table(table), path)
    else:
        raise ValueError(fmt)
    return path


def scan_file(path: Path, *, full: bool = False, pack=None, sample: int = 1000) -> dict:
    scans = scan_paths([str(path)], pack or default_pack(), ScanOptions(full=full, sample=sample))
    assert len(scans) == 1 and scans[0].error is None, scans[0].error
    return {c.name: c for c in scans[0].columns}


def primary(verdict) -> tuple[str | None, bool]:
    """(the column's entity, masked flag) of a verdict."""
    whole = [e for e in verdict.entities if not e.sporadic]
    return (whole[0].type, whole[0].masked) if whole else (None, False)


@pytest.fixture
def scan(tmp_path):
    """``scan(columns, fmt="csv", full=False, pack=None)`` → {column name: ColumnVerdict}."""
    counter = iter(range(1_000_000))

    def run(columns: dict[str, list], fmt: str = "csv", full: bool = False, pack=None, sample: int = 1000):
        folder = tmp_path / f"case{next(counter)}"
        folder.mkdir()
        return scan_file(write(folder, columns, fmt), full=full, pack=pack, sample=sample)

    return run


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    return SimpleNamespace(cases=cases, primary=primary, write=write, scan_file=scan_file, pack=default_pack)
