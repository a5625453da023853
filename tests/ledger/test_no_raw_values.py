"""No raw value, and no hash of one, reaches the ledger: the database file's bytes are searched.

The dataset holds resident ids and mobile numbers in its values, in two column headers and in its file
name; the scan is --full (every cell read, distinct individuals counted) with a cross-border flow, so
violation messages quote the columns. Every raw string is searched as UTF-8 bytes, and as the
hexadecimal MD5, SHA-1, SHA-256 and SHA-512 of it, in every file the ledger folder holds and in the
JSON Lines export.
"""

from __future__ import annotations

import csv
import hashlib
import json

from compliance.ledger import open_ledger

from .ledger_support import mobile, resident_id, run_cli

ROWS = 40
HEADER_ID = resident_id(901)
HEADER_MOBILE = mobile(902)
FILE_MOBILE = mobile(903)


def _forms(value: str) -> list[bytes]:
    data = value.encode("utf-8")
    digests = [getattr(hashlib, name)(data).hexdigest() for name in ("md5", "sha1", "sha256", "sha512")]
    return [data, *(d.encode() for d in digests), *(d.upper().encode() for d in digests)]


def test_the_ledger_holds_no_raw_value_nor_its_hash(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    dataset = data / f"客户{FILE_MOBILE}.csv"
    values = []
    with dataset.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id_number", HEADER_ID, f"联系{HEADER_MOBILE}", "amount"])
        for i in range(ROWS):
            row = [resident_id(i), resident_id(500 + i), mobile(i), f"{i}.50"]
            values += row[:3]
            writer.writerow(row)
    folder = tmp_path / "ledger"
    ledger = folder / "ledger.db"
    result = run_cli("scan", dataset, "--full", "--flow", "cross_border", "--ledger", ledger, "--actor", "qa")
    assert result.exit_code == 1, result.stderr
    export = run_cli("ledger", "export", "--ledger", ledger).stdout.encode("utf-8")

    with open_ledger(str(ledger), create=False) as led:
        (record,) = list(led.records())
    # the scan saw the data: the test cannot pass on an empty record
    assert record["individuals"]["estimate"] >= ROWS and record["individuals"]["exact"] is True
    assert len(record["columns"]["personal"]) >= 3 and record["violations"]
    assert "客户" in record["asset"]["id"] and record["dataset"]["sha256"]

    stored = [p.read_bytes() for p in folder.iterdir() if p.is_file()] + [export]
    secrets = [*values, HEADER_ID, HEADER_MOBILE, FILE_MOBILE]
    leaks = [(secret, form[:16]) for secret in secrets for form in _forms(secret) if any(form in b for b in stored)]
    assert leaks == []
    assert json.dumps(record, ensure_ascii=False).count("*") > 0  # the names were shown masked
