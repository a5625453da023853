"""Ledger records built by hand for the catalogue and audit-report tests (valid against
``schemas/ledger-record.schema.json``; ``open_ledger(...).append`` chains and validates them).

Tests get the builders through the ``make`` fixture (``make.record(...)``) and a ledger holding a
small history through ``history_ledger``.
"""

from __future__ import annotations

import datetime
import os
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

POLICY = {"id": "cn-data-circulation-2025", "version": "1.2.0", "sha256": "a" * 64}
#: a resident id and a mobile number that validate: they must never appear in a catalogue or report
RAW_ID = "11010519491231002X"
RAW_MOBILE = "13812345678"


def violation(rule: str, severity: str, asset: str, message: str = "finding") -> dict[str, Any]:
    return {
        "rule": rule,
        "severity": severity,
        "fingerprint": f"{asset}:{rule}",
        "message": message,
        "references": ["PIPL Art 13"],
    }


def suppression(rule: str, asset: str, *, by="waiver", approver="dpo@example.org", expires=None, reason="reviewed"):
    return {
        "rule": rule,
        "fingerprint": f"{asset}:{rule}",
        "by": by,
        "approver": approver,
        "expires": expires,
        "reason": reason,
    }


def flow(
    flow_id: str,
    *,
    type="cross_border",
    decision="allowed",
    recipient="Partner Ltd",
    cross_border=True,
    processor="acme",
    individuals=None,
    sensitive=None,
    exemption=None,
) -> dict[str, Any]:
    return {
        "id": flow_id,
        "type": type,
        "decision": decision,
        "route": None,
        "recipient": recipient,
        "cross_border": cross_border,
        "processor": processor if cross_border else None,
        "exemption": exemption,
        "individuals": individuals,
        "sensitive_individuals": sensitive,
    }


def record(
    asset: str,
    time: datetime.datetime | str,
    *,
    detected="general",
    declared=None,
    categories=("personal",),
    personal=("phone",),
    sensitive=(),
    individuals=1000,
    rows=1000,
    violations=(),
    suppressions=(),
    flows=(),
    owner="data-team",
    manifest=None,
    source=None,
    table=None,
    status="ok",
    exit_code=0,
) -> dict[str, Any]:
    when = time if isinstance(time, str) else time.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "time": when,
        "run_id": str(uuid.uuid5(uuid.NAMESPACE_URL, when)),
        "actor": "alice",
        "tool": {"name": "dataflow-compliance", "version": "0.2.0"},
        "policy": dict(POLICY),
        "asset": {
            "id": asset,
            "source": source or f"data/{asset}.csv",
            "table": table,
            "owner": owner,
            "manifest": manifest,
        },
        "dataset": {"sha256": "b" * 64, "size": 1234},
        "rows": {"scanned": min(rows, 1000), "total": rows, "total_is_estimate": False},
        "level": {"declared": declared, "detected": detected},
        "categories": list(categories),
        "columns": {"personal": list(personal), "sensitive": list(sensitive)},
        "individuals": {"estimate": individuals, "exact": False},
        "flows": list(flows),
        "violations": list(violations),
        "suppressions": list(suppressions),
        "status": status,
        "exit_code": exit_code,
    }


def at(day: str, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=datetime.UTC)


@pytest.fixture
def make() -> SimpleNamespace:
    module = sys.modules[__name__]
    names = ("record", "violation", "suppression", "flow", "at", "RAW_ID", "RAW_MOBILE", "POLICY")
    return SimpleNamespace(**{n: getattr(module, n) for n in names})


NOW = "2026-12-03T12:00:00Z"


def history() -> list[dict[str, Any]]:
    """Three assets scanned over two months of 2026 (and one record of 2025): violations opened and
    fixed, a waiver expiring within 30 days, an expired one, a baseline entry, cross-border flows."""
    customers, orders, staff = "customers", "orders", "hr/staff.xlsx#员工"
    out = [
        record(
            customers,
            at("2025-12-20"),
            detected="general-3",
            individuals=50_000,
            flows=[flow("to-sg", individuals=50_000)],
        ),
    ]
    for week in range(9):
        day = (datetime.date(2026, 10, 1) + datetime.timedelta(days=7 * week)).isoformat()
        fixed = week >= 6
        violations = [violation("DCS-PI-001", "high", customers), violation("DCS-CL-002", "medium", customers)]
        if not fixed:
            violations.append(violation("DCS-XB-002", "critical", customers))
        out.append(
            record(
                customers,
                at(day),
                detected="important",
                declared="general",
                categories=["personal", "sensitive_personal"],
                personal=["phone", "id_number"],
                sensitive=["id_number"],
                individuals=120_000 + week,
                violations=violations,
                suppressions=[suppression("DCS-PI-001", customers, expires="2026-12-20")],
                flows=[flow("to-sg", individuals=120_000 + week, sensitive=9_000)],
                manifest="assets/customers.yaml",
                exit_code=1,
            )
        )
        out.append(
            record(
                orders,
                at(day, 10),
                detected="general-2",
                categories=["personal"],
                individuals=800,
                violations=[violation("DCS-PI-003", "low", orders)] * (1 if week % 2 else 0),
                suppressions=[suppression("DCS-PI-003", orders, by="baseline", approver=None)] if week % 2 else [],
                manifest="assets/orders.yaml",
            )
        )
    out.append(
        record(
            staff,
            at("2026-08-01"),
            detected="general-4",
            categories=["sensitive_personal"],
            sensitive=["健康状况"],
            individuals=300,
            violations=[violation("DCS-PI-005", "medium", staff)],
            suppressions=[suppression("DCS-PI-005", staff, expires="2026-11-01", approver="hr-lead")],
            source="hr/staff.xlsx",
            table="员工",
        )
    )
    return sorted(out, key=lambda r: r["time"])


@pytest.fixture
def history_ledger(tmp_path):
    from compliance.ledger import open_ledger

    path = tmp_path / "ledger.db"
    with open_ledger(path) as led:
        for item in history():
            led.append([item])
    return path


GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REPO = Path(__file__).resolve().parents[2]


def check_golden(name: str, content: str | bytes) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it (review the diff before committing)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(data)
    assert path.exists(), f"golden file missing: {path} (run with UPDATE_GOLDEN=1)"
    assert data.decode("utf-8") == path.read_bytes().decode("utf-8")


def run_cli(*args):
    """The CLI in-process; exit code, stdout and stderr kept apart."""
    from click.testing import CliRunner

    from compliance.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def cli():
    return SimpleNamespace(run=run_cli, golden=check_golden, repo=REPO, now=NOW)
