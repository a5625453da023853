"""Output failures (issue 8): ``-o`` a directory, a missing folder, ``/dev/full``, a file that cannot
grow, a closed or broken stdout, a non-UTF-8 stdout. Each is one line and exit 2 (or, for the
encoding, a complete UTF-8 report), never a traceback and never a partial file left as if complete.
"""

from __future__ import annotations

import json
import os
import pty
import resource
import signal
import subprocess
from pathlib import Path

import pytest

from .crash_support import (
    TIMEOUT,
    assert_clean_failure,
    compliance_command,
    good_csv,
    run_in_process,
    run_subprocess,
    text,
)

HAS_DEV_FULL = os.path.exists("/dev/full")


@pytest.fixture
def data(tmp_path) -> Path:
    good_csv(tmp_path)
    (tmp_path / "客户名单.csv").write_text("姓名,手机\n张三,13812345678\n", encoding="utf-8")
    return tmp_path


def _fails_cleanly(result, *names):
    lines = assert_clean_failure(result.exit_code, result.stderr)
    assert len(lines) == 1, lines
    for name in names:
        assert name in lines[0], lines
    return lines[0]


@pytest.mark.parametrize("command", [["scan", "good.csv"], ["baseline", "create", "good.csv", "--flow", "third_party"]])
def test_output_to_a_directory_or_a_missing_folder(data, command):
    (data / "reports").mkdir()
    for target, says in (("reports", "is a directory"), ("missing/sub/report.txt", "does not exist")):
        result = run_in_process([*command, "-o", target], data)
        line = _fails_cleanly(result, target)
        assert says in line
    assert list((data / "reports").iterdir()) == []
    assert not (data / "missing").exists()


@pytest.mark.skipif(not HAS_DEV_FULL, reason="needs /dev/full")
@pytest.mark.parametrize(
    "command",
    [
        ["scan", "good.csv", "-o", "/dev/full"],
        ["scan", "good.csv", "--format", "json", "-o", "/dev/full"],
        ["baseline", "create", "good.csv", "-o", "/dev/full"],
    ],
)
def test_output_to_a_full_device(data, command):
    result = run_subprocess(command, data)
    lines = assert_clean_failure(result.returncode, result.stderr, "/dev/full")
    assert "No space left on device" in lines[-1]


@pytest.mark.skipif(not HAS_DEV_FULL, reason="needs /dev/full")
@pytest.mark.parametrize(
    "command", [["scan", "good.csv"], ["policy", "show"], ["policy", "list"], ["rules", "explain", "DCS-PI-001"]]
)
def test_stdout_on_a_full_device(data, command):
    with open("/dev/full", "wb") as full:
        result = run_subprocess(command, data, stdout=full, stderr=subprocess.PIPE)
    lines = assert_clean_failure(result.returncode, result.stderr)
    assert len(lines) == 1 and "stdout" in lines[0], lines


def _no_bigger_than(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write then fails with EFBIG instead of a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_write_failing_half_way_leaves_the_previous_report_untouched(data):
    """The disk fills up after 200 bytes: the old report stays whole, no temporary file stays behind."""
    (data / "report.json").write_text('{"previous": "complete report"}\n', encoding="utf-8")
    (data / "baseline.json").write_text('{"previous": "baseline"}\n', encoding="utf-8")
    for command, target in (
        (["scan", "good.csv", "--format", "json", "-o", "report.json"], "report.json"),
        (["baseline", "create", "good.csv", "--flow", "third_party", "-o", "baseline.json"], "baseline.json"),
    ):
        before = (data / target).read_bytes()
        result = run_subprocess(command, data, preexec_fn=_no_bigger_than(200))
        lines = assert_clean_failure(result.returncode, result.stderr, target)
        assert "nothing was written" in lines[-1]
        assert (data / target).read_bytes() == before
    leftovers = [p.name for p in data.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_complete_report_replaces_the_file_with_normal_permissions(data):
    result = run_subprocess(["scan", "good.csv", "--format", "json", "-o", "out/report.json"], data / "..")
    assert result.returncode == 2  # the folder "out" is missing under tmp_path's parent
    (data / "out").mkdir()
    result = run_subprocess(["scan", "good.csv", "--format", "json", "-o", "out/report.json"], data)
    assert result.returncode in (0, 1), text(result.stderr)
    report = json.loads((data / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["assets"][0]["source"] == "good.csv"
    mode = (data / "out" / "report.json").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask
    assert [p.name for p in (data / "out").iterdir()] == ["report.json"]


@pytest.mark.parametrize(
    "command", [["scan", "good.csv"], ["scan", "good.csv", "--format", "sarif"], ["policy", "show"]]
)
def test_a_closed_pipe_is_one_line_and_exit_2(data, command):
    """``compliance ... | head -0``: the reading end is closed before the tool writes."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = run_subprocess(command, data, stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    lines = assert_clean_failure(result.returncode, result.stderr)
    assert len(lines) == 1 and "pipe was closed" in lines[0], lines
    assert "Exception ignored" not in text(result.stderr)


def test_a_closed_stdout_is_one_line_and_exit_2(data):
    """``compliance scan good.csv >&-``: there is no stdout at all."""
    result = subprocess.run(
        [*compliance_command(), "scan", "good.csv"],
        cwd=data,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        preexec_fn=lambda: os.close(1),
        env={**os.environ, "CI": "true"},
    )
    lines = assert_clean_failure(result.returncode, result.stderr)
    assert len(lines) == 1 and "stdout is closed" in lines[0], lines
    # with -o the report does not need stdout
    result = subprocess.run(
        [*compliance_command(), "scan", "good.csv", "-o", "report.txt"],
        cwd=data,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        preexec_fn=lambda: os.close(1),
        env={**os.environ, "CI": "true"},
    )
    assert result.returncode in (0, 1), text(result.stderr)
    assert "good.csv" in (data / "report.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "junit"])
def test_a_cp1252_stdout_gets_a_complete_utf8_report(data, fmt):
    """Chinese file and column names cannot be encoded in cp1252: the report is UTF-8, not a crash."""
    result = run_subprocess(
        ["scan", "客户名单.csv", "good.csv", "--flow", "third_party", "--format", fmt, "--lang", "zh"],
        data,
        env={"PYTHONIOENCODING": "cp1252"},
    )
    assert "Traceback" not in text(result.stderr), text(result.stderr)
    assert result.returncode in (0, 1), text(result.stderr)
    report = result.stdout.decode("utf-8")  # strict: the whole report is valid UTF-8
    assert "客户名单.csv" in report  # text that cp1252 cannot encode
    if fmt in ("json", "sarif"):
        json.loads(report)


def test_policy_show_in_chinese_on_a_cp1252_pipe(data):
    result = run_subprocess(["policy", "show", "--lang", "zh"], data, env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 0, text(result.stderr)
    assert "分级" in result.stdout.decode("utf-8")


def test_a_cp1252_terminal_gets_escapes_not_a_crash(data):
    """On a terminal that cannot show Chinese the report escapes what it cannot encode."""
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(
            [*compliance_command(), "scan", "客户名单.csv"],
            cwd=data,
            stdout=follower,
            stderr=subprocess.PIPE,
            env={**os.environ, "CI": "true", "PYTHONIOENCODING": "cp1252"},
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        _, stderr = proc.communicate(timeout=TIMEOUT)
    finally:
        os.close(leader)
    shown = b"".join(chunks).decode("cp1252", "replace")
    assert "Traceback" not in text(stderr), text(stderr)
    assert proc.returncode in (0, 1), text(stderr)
    assert "\\u5ba2\\u6237" in shown  # 客户, escaped
