"""Shared helpers of the name tests: the committed independent data of tests/data/ (see its README)."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

from compliance.policy import load_pack
from compliance.scanner import ScanOptions, scan_paths

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def truth() -> dict[str, dict[str, dict[str, object]]]:
    return json.loads((DATA / "truth.json").read_text(encoding="utf-8"))


@cache
def column_values(file: str) -> dict[str, tuple[str, ...]]:
    """Non-empty values of every column of a tests/data CSV file."""
    with (DATA / file).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {name: tuple(r[name] for r in rows if r[name]) for name in rows[0]}


@cache
def verdicts(file: str, full: bool) -> dict[str, tuple[str | None, str | None]]:
    """Column → (primary entity, category) of one scan of a tests/data CSV file."""
    (scan,) = scan_paths([str(DATA / file)], load_pack(), ScanOptions(full=full))
    assert scan.error is None, scan.error
    return {c.name: (c.primary, c.category) for c in scan.columns}


def share(check, values) -> float:
    return sum(map(check, values)) / len(values)
