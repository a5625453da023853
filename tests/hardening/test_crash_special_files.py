"""FIFOs, sockets and devices (issue 8): refused from ``os.stat`` alone, never opened.

Opening a FIFO blocks until a writer comes (forever, in CI); a device never ends. As data (given,
found in a directory walk, matched by a glob, a manifest's source) each is one error line and the
other inputs are still scanned; as a configuration file (``--pack``, ``--manifest``, ``--project``,
``--waivers``, ``--baseline``) it is one line and exit 2. Every run is under a deadline, so a
regression fails instead of hanging.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from .crash_support import (
    assert_clean_failure,
    assert_scanned,
    good_csv,
    json_report,
    run_in_process,
    sources,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "third-party-no-separate-consent"


@pytest.fixture
def folder(tmp_path) -> Path:
    good_csv(tmp_path)
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "walked").mkdir()
    os.mkfifo(tmp_path / "walked" / "inner.jsonl")
    good_csv(tmp_path / "walked", "also_good.csv")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(tmp_path / "walked" / "sock.csv"))  # a socket file, found by the walk
    os.symlink("/dev/zero", tmp_path / "zero.csv")  # a character device behind a data name
    yield tmp_path
    server.close()


def test_special_files_as_data_are_one_line_each_and_the_rest_is_scanned(folder):
    result = run_in_process(["scan", "--format", "json", "good.csv", "pipe.csv", "zero.csv", "walked"], folder)
    lines = assert_clean_failure(result.exit_code, result.stderr, "pipe.csv", "inner.jsonl", "sock.csv", "zero.csv")
    said = "\n".join(lines)
    assert "named pipe (FIFO)" in said and "socket" in said and "character device" in said
    report = json_report(result.stdout)
    assert_scanned(report, "good.csv")
    assert_scanned(report, "also_good.csv")
    errors = {name for name, asset in sources(report).items() if asset["status"] == "error"}
    assert errors == {"pipe.csv", "inner.jsonl", "sock.csv", "zero.csv"}


def test_a_fifo_matched_by_a_glob_is_refused(folder):
    result = run_in_process(["scan", "--format", "json", "*.csv"], folder)
    assert_clean_failure(result.exit_code, result.stderr, "pipe.csv", "zero.csv")
    assert_scanned(json_report(result.stdout), "good.csv")


def test_a_fifo_as_a_manifest_source_is_refused(folder):
    shutil.copytree(EXAMPLE / "manifests", folder / "manifests")
    manifest = next((folder / "manifests").glob("*.yaml"))
    text = manifest.read_text(encoding="utf-8").replace("source: ../data/members.csv", "source: ../pipe.csv")
    manifest.write_text(text, encoding="utf-8")
    result = run_in_process(["scan", "--manifest", str(manifest), "good.csv"], folder)
    assert_clean_failure(result.exit_code, result.stderr, "pipe.csv")
    assert "good.csv" in result.stdout


@pytest.mark.parametrize(
    "option, name",
    [
        ("--pack", "pack.yaml"),
        ("--manifest", "manifest.yaml"),
        ("--project", "compliance.yaml"),
        ("--waivers", "waivers.yaml"),
        ("--baseline", "baseline.json"),
    ],
)
def test_special_files_as_configuration_are_one_line(folder, option, name):
    os.mkfifo(folder / name)
    result = run_in_process(["scan", "good.csv", option, name], folder)
    lines = assert_clean_failure(result.exit_code, result.stderr, name)
    assert len(lines) == 1 and "named pipe (FIFO), not a regular file" in lines[0], lines


def test_a_device_as_a_pack_is_refused(folder):
    result = run_in_process(["scan", "good.csv", "--pack", "/dev/zero"], folder)
    lines = assert_clean_failure(result.exit_code, result.stderr, "/dev/zero")
    assert len(lines) == 1, lines


def test_baseline_create_refuses_special_files_too(folder):
    result = run_in_process(["baseline", "create", "good.csv", "pipe.csv", "-o", "b.json"], folder)
    assert_clean_failure(result.exit_code, result.stderr, "pipe.csv")
    assert not (folder / "b.json").exists()


def test_a_fifo_matched_by_the_project_manifest_glob_is_refused(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "project")
    os.mkfifo(tmp_path / "project" / "manifests" / "pipe.yaml")  # matched by `manifests/*.yaml`
    result = run_in_process(["scan"], tmp_path / "project")
    lines = assert_clean_failure(result.exit_code, result.stderr, "pipe.yaml")
    assert any("named pipe (FIFO)" in line for line in lines), lines
