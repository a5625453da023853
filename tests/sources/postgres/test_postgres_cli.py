"""`compliance scan postgresql://...` through the installed CLI: reports, manifests, credentials (URL,
PGPASSWORD, ~/.pgpass) that never show, and the bad inputs (unreachable server, wrong password, missing
table, permission denied): one line naming the source, exit 2, the other inputs still scanned."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

import compliance

from .conftest import as_role, with_query

AS_OF = "2026-03-01"


def compliance_command() -> list[str]:
    found = shutil.which("compliance") or str(Path(sys.executable).parent / "compliance")
    return [found] if os.path.isfile(found) else [sys.executable, "-m", "compliance"]


def scan(args: list, cwd: Path, **env: str) -> tuple[subprocess.CompletedProcess, dict]:
    """``compliance scan ARGS -o report.json`` in ``cwd``; (the process, the JSON report)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    environment["PYTHONPATH"] = str(Path(compliance.__file__).resolve().parents[1])
    environment.update(env)
    report = cwd / "report.json"
    report.unlink(missing_ok=True)
    command = [*compliance_command(), "scan", *map(str, args), "--as-of", AS_OF, "-o", str(report)]
    done = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300)
    return done, json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}


def by_table(report: dict) -> dict:
    return {asset.get("table"): asset for asset in report["assets"]}


def errors(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stderr.splitlines() if line.startswith("error:")]


@pytest.fixture
def other_input(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_text("name,phone\nA,13812345678\nB,13912345679\n", encoding="utf-8")
    return path


def test_scan_of_a_schema_reports_each_table(pg_url, tmp_path):
    done, report = scan([with_query(pg_url, table="customers,profiles,products")], tmp_path)
    assert done.returncode == 0, done.stderr
    found = by_table(report)
    assert sorted(found) == ["customers", "products", "profiles"]
    customers = found["customers"]
    assert customers["format"] == "postgresql" and customers["rows_scanned"] == 1000
    assert customers["rows_total"] == 1_000_000 and customers["rows_total_exact"] is False
    entities = {c["name"]: {e["type"] for e in c["entities"]} for c in customers["columns"]}
    assert entities["手机号"] == {"CN_MOBILE"} and entities["身份证号"] == {"CN_RESIDENT_ID"}
    profile = {c["name"]: {e["type"] for e in c["entities"]} for c in found["profiles"]["columns"]}
    assert "CN_MOBILE" in profile["attrs.contact.phone"] and "CN_MOBILE" in profile["phones"]
    assert profile["attrs.contact.email"] == {"EMAIL_ADDRESS"}
    assert found["products"]["level"]["detected"] == "general"


def test_full_scan_counts_every_row(pg_url, tmp_path):
    done, report = scan([with_query(pg_url, table="orders"), "--full"], tmp_path)
    assert done.returncode == 0, done.stderr
    orders = by_table(report)["orders"]
    assert orders["rows_scanned"] == 5000 and orders["rows_total"] == 5000 and orders["rows_total_exact"]
    note = {c["name"]: c for c in orders["columns"]}["备注"]
    assert [e["count"] for e in note["entities"] if e["type"] == "CN_MOBILE"] == [1250]  # every 4th order


def test_a_manifest_source_of_that_form(pg_url, tmp_path):
    (tmp_path / "crm.yaml").write_text(
        "id: crm/customers\n"
        f"source: '{with_query(pg_url, table='customers,orders')}'\n"
        "declared_level: general-2\n"
        "flows:\n  - id: courier\n    recipient_type: third_party\n",
        encoding="utf-8",
    )
    done, report = scan(["--manifest", "crm.yaml"], tmp_path)
    assert done.returncode == 1, done.stderr  # personal data to a third party without the evidence: violations
    assert "not supported" not in done.stderr
    assert sorted(a["id"] for a in report["assets"]) == ["crm/customers#customers", "crm/customers#orders"]
    assert all(a["error"] is None and a["level"]["detected"] == "general-3" for a in report["assets"])


def test_credentials_from_the_url_pgpassword_and_pgpass_never_show(pg_url, roles, tmp_path):
    secret = roles["secret"]
    plain = with_query(as_role(pg_url, roles["password"]), table="products")
    in_url = with_query(as_role(pg_url, roles["password"], secret), table="products")
    in_query = f"{plain}&password={urllib.parse.quote(secret)}"
    parts = urllib.parse.urlsplit(pg_url)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{parts.hostname}:{parts.port}:*:{roles['password']}:{secret}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    runs = [
        scan([in_url], tmp_path),
        scan([in_query], tmp_path),
        scan([plain], tmp_path, PGPASSWORD=secret),
        scan([plain], tmp_path, PGPASSFILE=str(pgpass)),
    ]
    for done, report in runs:
        assert done.returncode == 0, done.stderr
        assert by_table(report)["products"]["rows_scanned"] == 300
        for text in (done.stdout, done.stderr, json.dumps(report, ensure_ascii=False)):
            assert secret not in text and urllib.parse.quote(secret) not in text
    done, _ = scan([plain], tmp_path)  # no password anywhere
    assert done.returncode == 2 and "authentication failed" in done.stderr


def test_bad_inputs_are_one_line_each_and_the_rest_is_scanned(pg_url, roles, other_input, tmp_path):
    port = urllib.parse.urlsplit(pg_url).port
    unreachable = pg_url.replace(f":{port}/", ":1/")
    wrong = with_query(as_role(pg_url, roles["password"], "not-the-password-4711"), table="orders")
    missing = with_query(pg_url, table="products,no_such_table")
    denied = with_query(as_role(pg_url, roles["noselect"]), table="customers")
    done, report = scan([other_input, unreachable, wrong, missing, denied], tmp_path)
    assert done.returncode == 2
    lines = errors(done)
    assert len(lines) == 4, done.stderr
    assert "Traceback" not in done.stderr and "not-the-password-4711" not in done.stderr + json.dumps(report)
    problems = {
        "cannot connect to the database server": ":1/compliance_test",
        "authentication failed": "table=orders",
        "'no_such_table': no such table or view": "table=products,no_such_table",
        "'customers': permission denied": "table=customers",
    }
    for problem, source in problems.items():
        (line,) = [line for line in lines if problem in line]
        assert line.startswith("error: postgresql://") and "compliance_test" in line and source in line
    (csv,) = [a for a in report["assets"] if a["format"] == "csv"]
    assert csv["error"] is None and csv["rows_scanned"] == 2  # the file beside them is still scanned
    assert by_table(report)["products"]["rows_scanned"] == 300  # and the listed table that exists
    assert sum(1 for a in report["assets"] if a["error"]) == 4
