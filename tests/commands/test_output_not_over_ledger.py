"""No report, catalogue or audit report is written over the scan ledger's SQLite file (nor its -wal/-shm/
-journal companions, nor an input of the run): one line, exit 2, before any work, the history untouched.
Through the installed CLI (issue 13 leftover)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ..gating.conftest import run_compliance
from .cmds_support import write_dataset


def write_people(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_dataset(path, ["phone", "id_number", "order_no"])
    return path

LEDGER = Path(".compliance") / "ledger.db"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(cwd: Path, *args: str, env: dict | None = None, what: str = "report"):
    done = run_compliance(list(args), cwd, **(env or {}))
    assert done.returncode == 2, (args, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "is the scan ledger" in lines[0], lines
    assert f"writing the {what} there would destroy the scan history" in lines[0]
    assert done.stdout == ""
    return lines[0]


@pytest.fixture(autouse=True)
def _default_ledger(monkeypatch):
    """The ledger these tests protect is the default one, in each test's own folder."""
    monkeypatch.delenv("COMPLIANCE_LEDGER", raising=False)


@pytest.fixture
def scanned(tmp_path) -> Path:
    """A folder with people.csv and a default ledger holding one scan."""
    write_people(tmp_path / "people.csv")
    done = run_compliance(["scan", "people.csv", "--quiet"], tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert (tmp_path / LEDGER).is_file()
    return tmp_path


def test_a_scan_refuses_the_ledger_before_creating_it(tmp_path):
    write_people(tmp_path / "people.csv")
    line = _refused(tmp_path, "scan", "people.csv", "-o", str(LEDGER))
    assert line.startswith(f"error: {LEDGER}: is the scan ledger")
    assert not (tmp_path / ".compliance").exists()  # nothing was opened, created or scanned


@pytest.mark.parametrize(
    "args",
    [
        ["-o", str(LEDGER)],
        ["--format", f"json={LEDGER}"],
        ["-o", "report.sarif", "--format", f"junit=./.compliance/../{LEDGER}"],
        ["-o", f"{LEDGER}-wal"],
        ["--no-ledger", "-o", str(LEDGER)],  # not written this run, still the history
    ],
)
def test_a_scan_never_writes_over_the_default_ledger(scanned, args):
    before = _digest(scanned / LEDGER)
    _refused(scanned, "scan", "people.csv", *args)
    assert _digest(scanned / LEDGER) == before
    assert not (scanned / "report.sarif").exists()  # refused before any report was written


def test_ledger_option_url_and_environment_are_protected_too(scanned):
    for args, env in (
        (["--ledger", "other.db", "-o", "other.db"], None),
        (["--ledger", "sqlite:///other.db", "--format", "json=other.db"], None),
        (["-o", "env.db"], {"COMPLIANCE_LEDGER": "env.db"}),
    ):
        _refused(scanned, "scan", "people.csv", *args, env=env)
    assert not (scanned / "other.db").exists() and not (scanned / "env.db").exists()


def test_the_project_ledger_beside_compliance_yaml(tmp_path):
    project = tmp_path / "repo"
    write_people(project / "data" / "people.csv")
    (project / "manifests").mkdir()
    (project / "manifests" / "people.yaml").write_text(
        "id: shop/people\nsource: ../data/people.csv\ndeclared_level: general-2\n", encoding="utf-8"
    )
    (project / "compliance.yaml").write_text("manifests: ['manifests/*.yaml']\n", encoding="utf-8")
    _refused(tmp_path, "scan", "--project", "repo/compliance.yaml", "-o", "repo/.compliance/ledger.db")


def test_catalog_audit_report_and_baseline_refuse_the_ledger(scanned):
    before = _digest(scanned / LEDGER)
    _refused(scanned, "catalog", "people.csv", "-o", str(LEDGER), what="catalogue")
    _refused(scanned, "catalog", "--from-ledger", "--format", "json", "-o", str(LEDGER), what="catalogue")
    _refused(scanned, "report", "--format", "markdown", "-o", str(LEDGER), what="audit report")
    _refused(scanned, "report", "--ledger", str(LEDGER), "-o", f"./{LEDGER}-journal", what="audit report")
    _refused(scanned, "baseline", "create", "people.csv", "-o", str(LEDGER), what="baseline")
    assert _digest(scanned / LEDGER) == before
    ok = run_compliance(["report", "--format", "markdown", "-o", "audit.md"], scanned)
    assert ok.returncode == 0 and (scanned / "audit.md").is_file(), ok.stderr  # another file is fine


def test_catalog_refuses_to_write_over_its_input(scanned):
    before = _digest(scanned / "people.csv")
    done = run_compliance(["catalog", "people.csv", "-o", "people.csv"], scanned)
    assert done.returncode == 2 and "is also an input of this run" in done.stderr, done.stderr
    assert _digest(scanned / "people.csv") == before
