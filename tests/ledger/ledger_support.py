"""Helpers of the ledger tests: hand-made records valid against the schema, small datasets, the CLI."""

from __future__ import annotations

import csv
import json
import uuid
from pathlib import Path

from click.testing import CliRunner
from stdnum.cn import ric

from compliance.cli import main

TIME = "2026-12-03T13:00:00Z"
REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((REPO / "schemas" / "ledger-record.schema.json").read_text(encoding="utf-8"))


def hand_record(i: int, *, time: str = TIME, asset: str | None = None, flows=(), actor: str = "tester") -> dict:
    """A record as records_from_report makes them (valid against schemas/ledger-record.schema.json)."""
    return {
        "time": time,
        "run_id": str(uuid.UUID(int=i, version=4)),
        "actor": actor,
        "tool": {"name": "dataflow-compliance", "version": "0.1.0"},
        "policy": {"id": "cn-data-circulation-2025", "version": "1.2.0", "sha256": "ab" * 32},
        "asset": {
            "id": asset or f"asset-{i}",
            "source": f"data/file-{i}.csv",
            "table": None,
            "owner": None,
            "manifest": None,
        },
        "dataset": {"sha256": f"{i:064x}", "size": 100 + i},
        "rows": {"scanned": 1000 + i, "total": 1000 + i, "total_is_estimate": False},
        "level": {"declared": None, "detected": "general-3"},
        "categories": ["personal"],
        "columns": {"personal": ["phone"], "sensitive": []},
        "individuals": {"estimate": 10 + i, "exact": True},
        "flows": list(flows),
        "violations": [],
        "suppressions": [],
        "status": "ok",
        "exit_code": 0,
    }


def cross_border_flow(flow_id: str, individuals, *, processor="Acme", sensitive=0, exemption=None) -> dict:
    return {
        "id": flow_id,
        "type": "cross_border",
        "decision": "allowed",
        "route": "standard_contract",
        "recipient": "Overseas GmbH",
        "cross_border": True,
        "processor": processor,
        "exemption": exemption,
        "individuals": individuals,
        "sensitive_individuals": sensitive,
    }


def resident_id(i: int) -> str:
    """A valid resident id (stdnum's ISO 7064 check digit, an adult birth date): not the tool's own code."""
    areas = ("110101", "310104", "110105", "310101", "120101")
    body = f"{areas[i % len(areas)]}{1970 + i % 30}{1 + i % 12:02d}{1 + i % 28:02d}{100 + i % 900:03d}"
    number = body + ric.calc_check_digit(body + "0")
    assert ric.is_valid(number)
    return number


def mobile(i: int) -> str:
    return f"{('138', '139', '186', '158', '177')[i % 5]}{(12345678 + i * 7919) % 100_000_000:08d}"


def write_people(path: Path, rows: int = 30, header=("id_number", "phone", "amount")) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(rows):
            writer.writerow([resident_id(i), mobile(i), f"{10 + i}.50"][: len(header)])
    return path


def run_cli(*args: str, **env: str):
    """The CLI in-process (click >= 8.2 keeps stdout and stderr apart)."""
    return CliRunner(env=env or None).invoke(main, [str(a) for a in args], catch_exceptions=False)
