"""Where reports go (issue 12, Outputs): the format from ``-o``'s ending, several reports in one run, a
format word given as ``-o`` refused, every file through the atomic writer and the clobbering rules."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import compliance
from compliance.cli import main
from compliance.cli.outputs import Destination, resolve
from compliance.errors import UsageError
from compliance.report.formats import EXTENSIONS, FORMATS, format_of

from .conftest import sarif_validator

AS_OF = "2026-01-01"


def write_people(path: Path, rows: int = 30) -> Path:
    """Mobiles with real prefixes (the tool's detectors are not used to make them)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "mobile", "order_no"])
        for i in range(rows):
            mobile = f"{(138, 139, 186)[i % 3]}{(12345678 + i * 7919) % 100_000_000:08d}"
            writer.writerow([f"客户{i}", mobile, f"SO-{i}"])
    return path


def command() -> list[str]:
    found = shutil.which("compliance") or str(Path(sys.executable).parent / "compliance")
    return [found] if os.path.isfile(found) else [sys.executable, "-m", "compliance"]


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update({"CI": "false", **extra})
    parent = str(Path(compliance.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (parent, env.get("PYTHONPATH", "")) if p)
    return env


def installed(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed ``compliance`` command, stdout and stderr kept apart."""
    return subprocess.run(
        [*command(), *args], cwd=cwd, env=environment(**env), capture_output=True, text=True, timeout=300
    )


def in_process(args: list[str]):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    write_people(tmp_path / "people.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


SCAN = ["scan", "people.csv", "--flow", "third_party", "--as-of", AS_OF, "--no-timestamp", "--fail-on", "never"]


@pytest.mark.parametrize("word", ["sarif", "json", "junit", "xml", "md", "markdown", "txt", "text", "SARIF"])
def test_a_format_word_as_output_is_one_line_and_exit_2(here, word):
    result = installed([*SCAN, "-o", word], here)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: -o {word}: '{word}' is a format"), lines
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not (here / word).exists(), "nothing may be written to a file named after the format"


def test_a_file_really_named_like_a_format_is_written_when_spelled_as_a_path(here):
    result = in_process([*SCAN, "-o", "./sarif"])
    assert result.exit_code == 0, result.output
    assert (here / "sarif").read_text(encoding="utf-8").rstrip().endswith("PASS")  # text: no ending says another


def test_several_reports_in_one_run_each_in_the_format_of_its_ending(here):
    files = ["-o", "r.sarif", "--output", "r.xml", "-o", "r.json", "-o", "r.md", "-o", "r.txt", "-o", "r.sarif.json"]
    result = installed([*SCAN, *files], here)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "", "with -o files and no '-', nothing goes to stdout"
    for name in ("r.sarif", "r.sarif.json"):
        log = json.loads((here / name).read_text(encoding="utf-8"))
        sarif_validator().validate(log)
        assert log["runs"][0]["results"], "a third-party flow of personal data has results"
    assert ET.fromstring((here / "r.xml").read_bytes()).tag == "testsuites"
    report = json.loads((here / "r.json").read_text(encoding="utf-8"))
    assert "$schema" not in report and report["assets"][0]["id"] == "people.csv"
    assert (here / "r.md").read_text(encoding="utf-8").startswith("# Data-flow compliance report\n")
    assert "Summary: 1 assets" in (here / "r.txt").read_text(encoding="utf-8")
    assert not [p.name for p in here.iterdir() if p.name.endswith(".tmp")], "no temporary file is left behind"


def test_format_equals_file_is_repeatable_and_a_plain_format_still_goes_to_stdout(here):
    result = installed([*SCAN, "--format", "sarif=a.sarif", "--format", "junit=b.xml", "--format", "markdown"], here)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Data-flow compliance report\n")
    assert json.loads((here / "a.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert ET.fromstring((here / "b.xml").read_bytes()).tag == "testsuites"
    only_files = in_process([*SCAN, "--format", "json=c.json"])
    assert only_files.exit_code == 0 and only_files.stdout == ""
    assert json.loads((here / "c.json").read_text(encoding="utf-8"))["assets"]


def test_format_and_output_keep_working(here):
    """``--format X -o FILE`` as before, whatever the ending when it says no other format."""
    result = in_process([*SCAN, "--format", "json", "-o", "report.out"])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads((here / "report.out").read_text(encoding="utf-8"))["assets"]
    sarif = in_process([*SCAN, "--format", "sarif", "-o", "code-scanning.json"])  # SARIF files are JSON
    assert sarif.exit_code == 0
    assert json.loads((here / "code-scanning.json").read_text(encoding="utf-8"))["version"] == "2.1.0"
    stdout = in_process([*SCAN, "--format", "junit"])
    assert stdout.exit_code == 0 and stdout.stdout.startswith("<?xml")
    dash = in_process([*SCAN, "-o", "-"])
    assert dash.exit_code == 0 and "Summary: 1 assets" in dash.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--format", "json", "-o", "r.sarif"], "-o r.sarif: the file's ending says sarif but --format says json"),
        (["--format", "junit=r.md"], "--format junit=r.md: the file's ending says markdown, not junit"),
        (["--format", "sarif=json"], "--format sarif=json: 'json' is a format"),
        (["-o", "a.json", "-o", "./a.json"], "./a.json: two reports (json and json)"),
        (["--format", "json", "--format", "sarif"], "--format given 2 times"),
        (["--format", "sarif=-", "--format", "text"], "stdout: two reports"),
    ],
)
def test_contradictions_are_usage_errors_before_the_scan(here, args, says):
    result = in_process([*SCAN, *args])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and says in lines[0], lines
    assert not [p for p in here.iterdir() if p.name != "people.csv"], "nothing is written"


def test_an_unknown_format_is_refused(here):
    result = in_process([*SCAN, "--format", "html=r.html"])
    assert result.exit_code == 2 and "'html' is not a format" in result.stderr


def test_every_output_obeys_the_clobbering_rules(here):
    """One report over the input: nothing is written, not even the other reports."""
    before = (here / "people.csv").read_bytes()
    result = in_process([*SCAN, "-o", "r.sarif", "-o", "people.csv"])
    assert result.exit_code == 2
    assert "people.csv: is also an input of this run" in result.stderr
    assert (here / "people.csv").read_bytes() == before
    assert not (here / "r.sarif").exists()
    (here / "folder.sarif").mkdir()
    assert in_process([*SCAN, "-o", "r.xml", "-o", "folder.sarif"]).exit_code == 2
    assert not (here / "r.xml").exists()


def test_an_existing_report_is_replaced_whole(here):
    (here / "r.sarif").write_text("old " * 100_000, encoding="utf-8")
    assert in_process([*SCAN, "-o", "r.sarif", "-o", "r.md"]).exit_code == 0
    assert json.loads((here / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_gate_exit_code_is_the_same_with_several_outputs(here):
    gated = [a for a in SCAN if a not in ("--fail-on", "never")]
    assert in_process([*gated, "-o", "r.sarif", "-o", "r.xml"]).exit_code == 1
    assert (here / "r.sarif").exists() and (here / "r.xml").exists()


# --- the resolver alone ------------------------------------------------------------------------

_NAME = st.text(alphabet=st.characters(categories=("L", "N"), include_characters="-_ "), min_size=1, max_size=12)


@given(stem=_NAME, ending=st.sampled_from(sorted(EXTENSIONS)), upper=st.booleans())
def test_a_known_ending_decides_the_format(stem, ending, upper):
    name = f"out/{stem}{ending.upper() if upper else ending}"
    assert resolve((), (name,)) == [Destination(EXTENSIONS[ending], name)]


@given(stem=_NAME)
def test_an_unknown_ending_takes_the_format_given_else_text(stem):
    name = f"out/{stem}.log"
    assert format_of(name) is None
    assert resolve((), (name,)) == [Destination("text", name)]
    for fmt in FORMATS:
        assert resolve(((fmt, None),), (name,)) == [Destination(fmt, name)]


def test_no_output_is_text_on_stdout():
    assert resolve((), ()) == [Destination("text", "-")]
    assert resolve((("sarif", None),), ()) == [Destination("sarif", "-")]
    assert resolve((("sarif", "a.sarif"),), ()) == [Destination("sarif", "a.sarif")]


def test_resolver_errors_are_usage_errors():
    with pytest.raises(UsageError, match="is a format"):
        resolve((), ("junit",))


def test_quiet_leaves_notes_out_but_not_errors(here):
    noted = in_process([*SCAN, "--skip-rule", "DCS-PI-001"])
    assert "note: 1 of" in noted.stderr
    quiet = in_process([*SCAN, "--skip-rule", "DCS-PI-001", "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert quiet.stdout == noted.stdout, "the report itself is the same"
    (here / "bad.csv").write_bytes(b"\xff\xfe\x00garbage\x00\x01")
    failed = in_process([*SCAN, "bad.csv", "-q"])
    assert failed.exit_code == 2 and failed.stderr.startswith("error: bad.csv"), failed.stderr
