"""Helpers for the gate hardening tests (issue 8, "the gate"): a project in ``tmp_path``, the CLI in
process, JSON reports, git. Data come from the gating helpers (check digits from python-stdnum,
never from the tool's detectors); bank cards are UnionPay-prefixed with a Luhn digit from stdnum."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from stdnum import luhn

from compliance.resources import load_schema

from ..gating.conftest import AS_OF, manifest_text, mobile, resident_id, run_cli, write_dataset, write_text

__all__ = [
    "AS_OF",
    "bank_card",
    "git",
    "git_repo",
    "manifest_text",
    "mobile",
    "project",
    "resident_id",
    "run_cli",
    "scan_json",
    "write_dataset",
    "write_rows",
    "write_text",
]

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}
REPORT_SCHEMA = Draft202012Validator(load_schema("report.schema.json"))


def bank_card(i: int) -> str:
    body = f"622202{100000000 + i * 7919:09d}"[:18]
    return body + luhn.calc_check_digit(body)


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def scan_json(*args: str) -> tuple[int, dict, str]:
    """``compliance scan --format json`` in process: (exit code, schema-valid report, stderr)."""
    result = run_cli("scan", "--format", "json", "--no-timestamp", *args)
    report = json.loads(result.stdout)
    REPORT_SCHEMA.validate(report)
    return result.exit_code, report, result.stderr


def git(repo: Path, *args: str) -> str:
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def git_repo(path: Path) -> Path:
    git(path, "init", "-q", "-b", "main")
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "first")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """compliance.yaml, two manifests (customers: internal flow; orders: third_party), their data; cwd."""
    write_dataset(tmp_path / "data" / "customers.csv", ["phone", "id_number", "order_no"])
    write_dataset(tmp_path / "data" / "orders.csv", ["order_no", "phone", "amount"])
    write_text(
        tmp_path / "manifests" / "customers.yaml",
        manifest_text("shop/customers", "../data/customers.csv", [("bi", "internal")]),
    )
    write_text(
        tmp_path / "manifests" / "orders.yaml",
        manifest_text("shop/orders", "../data/orders.csv", [("courier", "third_party")]),
    )
    write_text(tmp_path / "compliance.yaml", f"manifests: ['manifests/*.yaml']\nas_of: {AS_OF}\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path
