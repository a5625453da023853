"""Helpers for the CI-gating tests: small synthetic datasets with valid check digits, and the CLI.

Resident ids are built with ``stdnum.cn.ric.calc_check_digit`` (ISO 7064 MOD 11-2) from an area code
and an adult birth date; mobiles use real China Mobile/Unicom prefixes. Nothing here comes from the
tool's own detectors, so a detection change cannot make these tests pass by itself.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from stdnum.cn import ric

import compliance
from compliance.cli import main

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-03-01"

_AREAS = ("110101", "310104", "110105", "310101", "120101")  # codes stdnum knows
_PREFIXES = ("138", "139", "186", "158", "177")


def resident_id(i: int) -> str:
    body = f"{_AREAS[i % len(_AREAS)]}{1970 + i % 30}{1 + i % 12:02d}{1 + i % 28:02d}{100 + i:03d}"[:17]
    number = body + ric.calc_check_digit(body + "0")  # it ignores the last character
    assert ric.is_valid(number)
    return number


def mobile(i: int) -> str:
    return f"{_PREFIXES[i % len(_PREFIXES)]}{(12345678 + i * 7919) % 100_000_000:08d}"


COLUMNS = {
    "phone": mobile,
    "mobile": mobile,
    "id_number": resident_id,
    "order_no": lambda i: f"SO-{20260000 + i}",
    "amount": lambda i: f"{10 + i * 3 % 97}.50",
}


def write_dataset(path: Path, columns: list[str], rows: int = 40) -> Path:
    """A CSV whose columns are drawn from COLUMNS (names as given, values by kind before any ':')."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.split(":")[-1] for c in columns])
        for i in range(rows):
            writer.writerow([COLUMNS[c.split(":")[0]](i) for c in columns])
    return path


def write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def run_cli(*args: str):
    """The CLI in-process; exit code, stdout and stderr are kept apart."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def compliance_command() -> list[str]:
    """The installed console script, else ``python -m compliance`` (see ``subprocess_env``)."""
    found = shutil.which("compliance") or str(Path(sys.executable).parent / "compliance")
    return [found] if os.path.isfile(found) else [sys.executable, "-m", "compliance"]


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a ``compliance`` subprocess: the package the tests import stays importable."""
    env = dict(os.environ, CI="true", **extra)
    package_parent = str(Path(compliance.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
    return env


def run_compliance(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*compliance_command(), *args], cwd=cwd, env=subprocess_env(**env), capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def chdir(monkeypatch):
    """chdir(path): run the in-process CLI from ``path`` (relative asset ids, like a CI checkout)."""
    return monkeypatch.chdir


def manifest_text(asset_id: str, source: str, flows: list[tuple[str, str]]) -> str:
    lines = [f"id: {asset_id}", f"source: {source}", "declared_level: general-2", "flows:"]
    lines += [f"  - id: {flow_id}\n    recipient_type: {kind}" for flow_id, kind in flows]
    return "\n".join(lines) + "\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A repository: compliance.yaml, two manifests with one flow each, their datasets; cwd is its root."""
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
