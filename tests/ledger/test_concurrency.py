"""Concurrent scans on one ledger lose nothing and keep the chain valid: 8 processes × 50 scans each
(issue 13 acceptance), on SQLite and on PostgreSQL. Plus a smaller run through the installed CLI."""

from __future__ import annotations

import collections
import os
import subprocess
import sys
from pathlib import Path

import compliance
from compliance.ledger import open_ledger

from .ledger_support import write_people

PROCESSES = 8
SCANS = 50
WORKER = Path(__file__).with_name("scan_worker.py")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    package_parent = str(Path(compliance.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
    return env


def _check(target: str, expected_runs: dict[str, int], assets_per_run: int = 1) -> None:
    with open_ledger(target, create=False) as led:
        records = list(led.records())
        result = led.verify()
    total = sum(expected_runs.values()) * assets_per_run
    assert result.ok, result.problems[:5]
    assert result.count == total
    assert [r["seq"] for r in records] == list(range(1, total + 1))  # nothing lost, no seq twice
    runs = collections.Counter(r["actor"] for r in {r["run_id"]: r for r in records}.values())
    assert runs == collections.Counter(expected_runs)


def test_eight_processes_fifty_scans_each(backend, tmp_path):
    _, target = backend
    dataset = write_people(tmp_path / "people.csv", rows=20)
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), target, str(w), str(SCANS), str(dataset)],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(PROCESSES)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=900)
        assert worker.returncode == 0, err[-2000:]
    _check(target, {f"worker-{w}": SCANS for w in range(PROCESSES)})
    with open_ledger(target, create=False) as led:
        done = collections.Counter((r["actor"], r["asset"]["table"]) for r in led.records())
    assert set(done.values()) == {1} and len(done) == PROCESSES * SCANS  # each scan of each worker exactly once


def test_concurrent_cli_scans(backend, tmp_path):
    """`compliance scan` itself, four at a time, twice each: every run recorded with its exit code."""
    _, target = backend
    dataset = write_people(tmp_path / "people.csv", rows=20)
    command = [sys.executable, "-m", "compliance", "scan", str(dataset), "--flow", "cross_border", "--ledger", target]
    runs = {}
    for _round in range(2):
        procs = [
            subprocess.Popen(
                [*command, "--actor", f"cli-{i}"],
                env=_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in range(4)
        ]
        for i, proc in enumerate(procs):
            _, err = proc.communicate(timeout=600)
            assert proc.returncode == 1, err[-2000:]  # cross-border flow of resident ids: violations
            runs[f"cli-{i}"] = runs.get(f"cli-{i}", 0) + 1
    _check(target, runs)
    with open_ledger(target, create=False) as led:
        assert {r["exit_code"] for r in led.records()} == {1}
