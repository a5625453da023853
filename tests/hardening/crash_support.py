"""Helpers for the crash, hang and output hardening tests (issue 8, "Crashes and hangs").

Every case runs the real ``compliance`` command, in a subprocess (stdout and the process's exit are
part of what is tested) or in process under ``signal.alarm`` (faster; for inputs that must not be
opened). A hang fails the test through the timeout instead of hanging CI. The assertions are the
product rule: one ``error:`` line naming the file, exit 2, no traceback, the other inputs reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from compliance.cli import main

TIMEOUT = 240  # seconds per CLI run: generous for a loaded machine, far below "forever"
GOOD_HEADER = "name,phone\n"
GOOD_ROWS = "张三,13812345678\n李四,13912345678\n王五,13712345678\n"


def good_csv(folder: Path, name: str = "good.csv") -> Path:
    """A small valid dataset that must still be scanned and reported beside the bad inputs."""
    path = folder / name
    path.write_text(GOOD_HEADER + GOOD_ROWS, encoding="utf-8")
    return path


def compliance_command() -> list[str]:
    return [sys.executable, "-m", "compliance"]


def run_subprocess(args, cwd: Path, *, env: dict | None = None, timeout: int = TIMEOUT, **kwargs):
    """The CLI in a fresh interpreter; a run longer than ``timeout`` fails the test (no hang)."""
    full_env = {**os.environ, "CI": "true", **(env or {})}
    try:
        return subprocess.run(
            [*compliance_command(), *map(str, args)],
            cwd=cwd,
            env=full_env,
            capture_output=kwargs.pop("capture_output", "stdout" not in kwargs),
            timeout=timeout,
            **kwargs,
        )
    except subprocess.TimeoutExpired as err:
        raise AssertionError(f"compliance {' '.join(map(str, args))} did not finish in {timeout} s") from err


class _Alarm(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: int):
    """Raise (and so fail the test) when the body runs longer than ``seconds``: a hang cannot hang CI."""

    def ring(signum, frame):
        raise _Alarm(f"still running after {seconds} s (a hang)")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_in_process(args, cwd: Path, timeout: int = TIMEOUT):
    """The CLI through click's runner in this process, under :func:`deadline`."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        with deadline(timeout):
            return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    finally:
        os.chdir(old)


def text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else (value or "")


def error_lines(stderr) -> list[str]:
    return [line for line in text(stderr).splitlines() if line.startswith("error:")]


def assert_clean_failure(code: int, stderr, *names: str) -> list[str]:
    """Exit 2, no traceback, and exactly one ``error:`` line naming each of ``names``."""
    err = text(stderr)
    assert "Traceback" not in err, err
    assert code == 2, (code, err)
    lines = error_lines(err)
    for name in names:
        naming = [line for line in lines if name in line]
        assert len(naming) == 1, (name, lines)
    return lines


def json_report(stdout) -> dict:
    return json.loads(text(stdout))


def sources(report: dict) -> dict[str, dict]:
    """Asset source (file name only) → asset."""
    return {os.path.basename(asset["source"]): asset for asset in report["assets"]}


def assert_scanned(report: dict, name: str) -> None:
    """``name`` was scanned and reported (not an error): the bad inputs did not take its report down."""
    asset = sources(report)[name]
    assert asset["status"] != "error", asset
    assert asset["columns"], asset
