"""Colour and progress on real terminals (issue 12, Outputs): the installed CLI run with stdout and/or
stderr on a pseudo-terminal. The progress bar goes to stderr when stderr is a terminal, whatever stdout
is (it was hidden whenever stdout was piped), with rows, rate and ETA; ``--quiet`` and CI=true hide it;
``NO_COLOR`` and ``--no-color`` leave colour out of the report and the bar."""

from __future__ import annotations

import csv
import fcntl
import os
import pty
import re
import struct
import subprocess
import termios
import threading
from pathlib import Path

import pytest

from compliance.cli.progress import rate_text, rows_text

from .test_cli_outputs import command, environment

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def _terminal() -> tuple[int, int]:
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    return primary, secondary


def _drain(fd: int, into: dict, key: str) -> None:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    into[key] = b"".join(chunks)
    os.close(fd)


def run(args: list[str], cwd: Path, *, stdout_tty: bool, stderr_tty: bool, **env: str):
    """(exit code, stdout bytes, stderr bytes) with the chosen streams on pseudo-terminals."""
    ends: dict[str, tuple[int, int]] = {}
    if stdout_tty:
        ends["stdout"] = _terminal()
    if stderr_tty:
        ends["stderr"] = _terminal()
    process = subprocess.Popen(
        [*command(), *args],
        cwd=cwd,
        env=environment(**env),
        stdin=subprocess.DEVNULL,
        stdout=ends["stdout"][1] if stdout_tty else subprocess.PIPE,
        stderr=ends["stderr"][1] if stderr_tty else subprocess.PIPE,
    )
    got: dict[str, bytes] = {}
    readers = []
    for name, (primary, secondary) in ends.items():
        os.close(secondary)
        readers.append(threading.Thread(target=_drain, args=(primary, got, name)))
        readers[-1].start()
    out, err = process.communicate(timeout=300)
    for reader in readers:
        reader.join(timeout=60)
    return process.returncode, got.get("stdout", out), got.get("stderr", err)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("terminal")
    with (folder / "big.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["mobile", "order_no"])
        for i in range(70_000):  # more than one batch of 65,536 rows: the bar moves twice
            writer.writerow([f"{(138, 139, 186)[i % 3]}{(12345678 + i * 7919) % 100_000_000:08d}", f"SO-{i}"])
    return folder


FULL = ["scan", "big.csv", "--full", "--as-of", "2026-01-01", "--fail-on", "never"]


def test_progress_on_stderr_terminal_while_stdout_is_piped(data):
    code, out, err = run(FULL, data, stdout_tty=False, stderr_tty=True, CI="false")
    assert code == 0, err
    shown = ANSI.sub(b"", err).decode("utf-8")
    assert "big.csv" in shown and "70,000/70,000 rows" in shown
    assert re.search(r"[\d,]+ rows/s", shown), shown[-400:]
    assert "ETA" in shown
    assert b"Summary: 1 assets" in out and not ANSI.search(out), "the piped report is plain"


@pytest.mark.parametrize(("flag", "env"), [("--quiet", {"CI": "false"}), (None, {"CI": "true"})])
def test_quiet_and_ci_hide_the_progress_bar(data, flag, env):
    code, out, err = run([*FULL, *([flag] if flag else [])], data, stdout_tty=False, stderr_tty=True, **env)
    assert code == 0
    assert b"rows/s" not in err and b"ETA" not in err
    assert b"Summary: 1 assets" in out


def test_no_progress_when_stderr_is_not_a_terminal(data):
    code, out, err = run(FULL, data, stdout_tty=True, stderr_tty=False, CI="false")
    assert code == 0 and b"rows/s" not in err and b"rows/s" not in out


SMALL = ["scan", "big.csv", "--sample", "200", "--flow", "third_party", "--as-of", "2026-01-01", "--fail-on", "never"]


def test_report_on_a_terminal_is_coloured_unless_no_color(data):
    code, out, _ = run(SMALL, data, stdout_tty=True, stderr_tty=False, CI="false")
    assert code == 0 and ANSI.search(out), "a terminal gets colour"
    for args, env in (([], {"NO_COLOR": "1"}), (["--no-color"], {})):
        code, plain, _ = run([*SMALL, *args], data, stdout_tty=True, stderr_tty=False, CI="false", **env)
        assert code == 0 and b"Summary: 1 assets" in plain
        assert not ANSI.search(plain), (args, env)
    _, empty_means_unset, _ = run(SMALL, data, stdout_tty=True, stderr_tty=False, CI="false", NO_COLOR="")
    assert ANSI.search(empty_means_unset), "NO_COLOR set but empty does not turn colour off (no-color.org)"


def test_no_color_also_leaves_the_progress_bar_plain(data):
    _, _, coloured = run(FULL, data, stdout_tty=False, stderr_tty=True, CI="false")
    assert re.search(rb"\x1b\[[0-9;]*m", coloured), "the bar has colour by default"
    for args, env in (([], {"NO_COLOR": "1"}), (["--no-color"], {})):
        _, _, err = run([*FULL, *args], data, stdout_tty=False, stderr_tty=True, CI="false", **env)
        assert b"rows/s" in err
        assert not re.search(rb"\x1b\[[0-9;]*m", err), (args, env)  # cursor moves only, no colour codes


def test_rows_text_marks_an_estimated_total():
    assert rows_text(1200, 50_000, estimated=True) == "1,200/~50,000 rows"
    assert rows_text(1200, 50_000, estimated=False) == "1,200/50,000 rows"
    assert rows_text(1200, None, estimated=False) == "1,200 rows"
    assert rate_text(None) == "" and rate_text(12345.6) == "12,346 rows/s"


def test_the_bar_marks_an_estimated_total_while_it_is_one(monkeypatch):
    """The callback the scanner calls with ``table.rows_total_exact``: '~' while the total is an estimate."""
    import io

    from rich.console import Console

    from compliance.cli import progress

    screens = []

    def console(**kwargs):
        screens.append(io.StringIO())
        return Console(file=screens[-1], force_terminal=True, width=160, no_color=True)

    monkeypatch.setattr(progress, "wanted", lambda quiet=False: not quiet)
    monkeypatch.setattr(progress, "Console", console)
    with progress.scan_progress() as update:
        update("data/a.csv", 1200, 50_000, False)  # a text file's total guessed from its size
    assert "data/a.csv" in screens[0].getvalue() and "1,200/~50,000 rows" in screens[0].getvalue()
    with progress.scan_progress() as update:
        update("data/a.csv", 48_000, 48_000, True)  # counted
    assert "48,000/48,000 rows" in screens[1].getvalue() and "~" not in screens[1].getvalue()
    with progress.scan_progress(quiet=True) as update:
        assert update is None


SAMPLED = ["scan", "big.csv", "13812345678.csv", "--sample", "500", "--as-of", "2026-01-01", "--fail-on", "never"]


@pytest.fixture(scope="module")
def two_files(data) -> Path:
    """big.csv and a file whose name is a mobile number (a name from the data: masked on the bar)."""
    rows = (data / "big.csv").read_text(encoding="utf-8").splitlines()[:301]
    (data / "13812345678.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return data


def test_sampled_scans_show_progress_per_asset_with_masked_names(two_files):
    from compliance.redact import shown as masked

    code, out, err = run(SAMPLED, two_files, stdout_tty=False, stderr_tty=True, CI="false")
    assert code == 0, err
    bar = ANSI.sub(b"", err).decode("utf-8")
    assert re.search(r"big\.csv.*500/500 rows", bar), bar[-600:]
    name = masked("13812345678.csv")
    assert name != "13812345678.csv" and re.search(re.escape(name) + r".*300/300 rows", bar), bar[-600:]
    assert b"13812345678" not in err and b"13812345678" not in out  # nor in the report
    assert b"Summary: 2 assets" in out and not ANSI.search(out)


@pytest.mark.parametrize(
    ("args", "stderr_tty", "env"),
    [(["--quiet"], True, {"CI": "false"}), ([], True, {"CI": "true"}), ([], False, {"CI": "false"})],
)
def test_sampled_scans_show_no_progress_quiet_in_ci_or_off_a_terminal(two_files, args, stderr_tty, env):
    code, out, err = run([*SAMPLED, *args], two_files, stdout_tty=False, stderr_tty=stderr_tty, **env)
    assert code == 0, err
    assert b"rows/s" not in err and b"500/500 rows" not in err and b"ETA" not in err
    assert b"Summary: 2 assets" in out
