"""Helpers for the "personal data missed" hardening tests (issue 8, "Personal data missed (a wrong PASS)").

Each case writes a real file in the format that produced the miss (Excel, pandas CSV, Parquet, JSON),
runs the real scanner with the default pack and returns the column verdicts, so the assertion is the
product rule: the column is reported with its entity and the asset is not a silent PASS.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberType

from compliance.policy import load_pack
from compliance.scanner import AssetScan, ScanOptions, scan_paths


@cache
def pack():
    return load_pack()


def scan(path: Path, full: bool = False) -> AssetScan:
    scans = scan_paths([str(path)], pack(), ScanOptions(full=full))
    assert len(scans) == 1 and scans[0].error is None, [s.error for s in scans]
    return scans[0]


def columns(path: Path, full: bool = False) -> dict[str, list[str]]:
    """{column: entity types} of one scanned file."""
    return {c.name: [e.type for e in c.entities if not e.sporadic] for c in scan(path, full).columns}


def example_mobiles(count: int) -> list[str]:
    """Mobiles built on phonenumbers' CN example mobile (libphonenumber metadata), varied in the last digits."""
    base = str(phonenumbers.example_number_for_type("CN", PhoneNumberType.MOBILE).national_number)
    return [base[:-4] + f"{i:04d}" for i in range(count)]


def documented_ids() -> list[str]:
    """python-stdnum's stdnum.cn.ric example and GB 11643-1999's example number."""
    return ["360426199101010071", "11010519491231002X"]
