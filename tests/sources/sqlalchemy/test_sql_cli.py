"""`compliance scan sqlite:///file.db?table=...` (and any SQLAlchemy URL) through the installed CLI: JSON
reports per table, --full, bad inputs one line each with the rest still scanned, a missing driver, and
database URLs shown readable (``scheme://user@host:port``) in JSON, SARIF and text while table and file
names in them are masked like any name."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import compliance

from .conftest import CUSTOMERS, NOTES, build_shop

AS_OF = "2026-03-01"
#: the CLI with PyMySQL hidden, as if it were not installed (whether or not it is)
WITHOUT_PYMYSQL = (
    "import sys; sys.modules['pymysql'] = None; sys.argv[0] = 'compliance'; from compliance.cli import main; main()"
)


def compliance_command() -> list[str]:
    found = shutil.which("compliance") or str(Path(sys.executable).parent / "compliance")
    return [found] if os.path.isfile(found) else [sys.executable, "-m", "compliance"]


def run(args: list, cwd: Path, command: list[str] | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PYTHONPATH=str(Path(compliance.__file__).resolve().parents[1]))
    full = [*(command or compliance_command()), "scan", *map(str, args), "--as-of", AS_OF]
    return subprocess.run(full, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300)


def scan_json(args: list, cwd: Path, command: list[str] | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    report = cwd / "report.json"
    report.unlink(missing_ok=True)
    done = run([*args, "--format", f"json={report}"], cwd, command)
    return done, json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}


def by_table(report: dict) -> dict:
    return {asset["table"]: asset for asset in report["assets"]}


def entities(asset: dict) -> dict:
    return {c["name"]: {e["type"]: e["count"] for e in c["entities"]} for c in asset["columns"]}


def test_scan_reports_each_table_of_the_database(tmp_path):
    build_shop(tmp_path / "shop.db")
    done, report = scan_json(["sqlite:///shop.db"], tmp_path)
    assert done.returncode == 0, done.stderr
    found = by_table(report)
    assert sorted(found) == ["big_spenders", "customers", "notes"]
    customers = found["customers"]
    assert customers["source"] == "sqlite:///shop.db" and customers["id"] == "sqlite:///shop.db#customers"
    assert customers["format"] == "sqlite" and customers["rows_scanned"] == 1000
    assert customers["rows_total"] == CUSTOMERS and customers["rows_total_exact"] is True
    assert set(entities(customers)["手机号"]) == {"CN_MOBILE"}


def test_full_scan_reads_every_row(tmp_path):
    build_shop(tmp_path / "shop.db")
    done, report = scan_json(["sqlite:///shop.db?table=customers,notes", "--full"], tmp_path)
    assert done.returncode == 0, done.stderr
    found = by_table(report)
    assert found["customers"]["rows_scanned"] == CUSTOMERS and found["notes"]["rows_scanned"] == NOTES
    assert entities(found["notes"])["body"]["CN_MOBILE"] == NOTES // 3  # every 3rd note


def test_a_manifest_source_of_that_form(tmp_path):
    build_shop(tmp_path / "shop.db")
    manifest = tmp_path / "shop.yaml"
    manifest.write_text(
        "id: shop/db\nsource: 'sqlite:///shop.db?table=customers,notes'\ndeclared_level: general-2\n", encoding="utf-8"
    )
    done, report = scan_json(["--manifest", manifest], tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert sorted(a["id"] for a in report["assets"]) == ["shop/db#customers", "shop/db#notes"]
    assert all(a["error"] is None for a in report["assets"])


def test_a_relative_sqlite_path_in_a_manifest_is_relative_to_the_manifest(tmp_path):
    """As a plain file path in a manifest is: run from another folder, the same database is scanned."""
    (tmp_path / "project" / "data").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    build_shop(tmp_path / "project" / "data" / "shop.db")
    manifest = tmp_path / "project" / "shop.yaml"
    manifest.write_text(
        "id: shop/db\nsource: 'sqlite:///data/shop.db?table=customers'\ndeclared_level: general-2\n", encoding="utf-8"
    )
    done, report = scan_json(["--manifest", manifest], tmp_path / "elsewhere")
    assert done.returncode in (0, 1), done.stderr
    [asset] = report["assets"]
    assert asset["error"] is None and asset["rows_total"] == CUSTOMERS


def test_bad_inputs_are_one_line_each_and_the_rest_is_scanned(tmp_path):
    build_shop(tmp_path / "shop.db")
    (tmp_path / "junk.db").write_bytes(b"not a database " * 500)
    (tmp_path / "contacts.csv").write_text("name,phone\nA,13812345678\nB,13912345679\n", encoding="utf-8")
    inputs = [
        "contacts.csv",
        "sqlite:///shop.db?table=notes,no_such",
        "sqlite:///missing.db",
        "sqlite:///junk.db",
        "mysql+pymysql://etl:s3cret-4711@127.0.0.1:3306/crm?table=customers",
    ]
    done, report = scan_json(inputs, tmp_path, [sys.executable, "-c", WITHOUT_PYMYSQL])
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert sorted(lines) == [
        "error: mysql+pymysql://etl@127.0.0.1:3306/crm?table=customers: "
        "driver pymysql for dialect mysql is not installed (pip install pymysql)",
        "error: sqlite:///junk.db: database error: file is not a database",
        "error: sqlite:///missing.db: no such database file: missing.db",
        "error: sqlite:///shop.db?table=notes,no_such: table 'no_such': no such table or view",
    ]
    assert "Traceback" not in done.stderr and "s3cret-4711" not in done.stderr + json.dumps(report)
    assert by_table(report)["notes"]["rows_scanned"] == NOTES  # the listed table that exists
    (csv,) = [a for a in report["assets"] if a["format"] == "csv"]
    assert csv["error"] is None and csv["rows_scanned"] == 2


def test_database_urls_are_shown_readable_and_their_names_masked(tmp_path):
    build_shop(tmp_path / "13912345678.db")  # a file named after a mobile number
    mysql = "mysql+pymysql://etl:s3cret-4711@10.0.0.5:3306/crm?table=13812345678"
    formats = {"json": tmp_path / "r.json", "sarif": tmp_path / "r.sarif", "text": tmp_path / "r.txt"}
    args = ["sqlite:///13912345678.db?table=notes", mysql, "--flow", "third_party"]
    args += [f"--format={kind}={path}" for kind, path in formats.items()]
    done = run(args, tmp_path, [sys.executable, "-c", WITHOUT_PYMYSQL])
    assert done.returncode == 2, done.stderr
    shown_mysql = "mysql+pymysql://etl@10.0.0.5:3306/crm?table=138******78"
    shown_sqlite = "sqlite:///139******78.db?table=notes"
    report = json.loads(formats["json"].read_text(encoding="utf-8"))
    assert sorted(a["source"] for a in report["assets"]) == [shown_mysql, shown_sqlite]
    sarif = json.loads(formats["sarif"].read_text(encoding="utf-8"))
    uris = set()  # every artifact URI anywhere in the log: results, artifacts, notifications

    def walk(node) -> None:
        if isinstance(node, dict):
            uris.update(v for k, v in node.items() if k == "uri" and "://" in v and "sarif" not in v)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(sarif["runs"])
    assert {shown_mysql, shown_sqlite} <= uris and not any("***@" in uri for uri in uris), uris
    text = formats["text"].read_text(encoding="utf-8")
    assert f"{shown_mysql}  ERROR" in text and f"{shown_sqlite}#notes" in text
    everything = done.stderr + "".join(path.read_text(encoding="utf-8") for path in formats.values())
    assert f"error: {shown_mysql}: driver pymysql" in done.stderr
    for leaked in ("s3cret-4711", "13812345678", "13912345678", "e***@", "***.5"):
        assert leaked not in everything, leaked
