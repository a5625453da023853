"""The issue's leak examples as regression tests: headers, schema errors, library warnings, control
characters (issue 8, "Leaks"). Each was seen raw in an output before the masking gate."""

from __future__ import annotations

import json
import logging
import re
import sys
import warnings
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from compliance.cli.library_warnings import masked_library_output, masked_line
from compliance.detect.masking import mask
from compliance.resources import load_schema

from ..gating.conftest import run_cli, run_compliance
from . import leak_support as support

REPORT_SCHEMA = Draft202012Validator(load_schema("report.schema.json"))
ID_HEADER = "11010519491231002X"  # a valid resident ID (MOD 11-2) used as a column name
ID_MASKED = "1101**********002X"


@pytest.fixture
def id_header_csv(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    rows = "\n".join(f"{support.resident_id(i)},{support.mobile(i)}" for i in range(20))
    path = tmp_path / "people.csv"
    path.write_text(f"{ID_HEADER},phone\n{rows}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "junit"])
def test_resident_id_header_is_masked_in_every_format(id_header_csv, fmt):
    result = run_cli("scan", "people.csv", "--flow", "third_party", "--format", fmt)
    assert ID_HEADER not in result.stdout + result.stderr
    assert ID_MASKED in result.stdout  # the column is still there, under its masked name


def test_json_says_the_column_name_was_masked_and_stays_schema_valid(id_header_csv):
    report = json.loads(run_cli("scan", "people.csv", "--format", "json").stdout)
    REPORT_SCHEMA.validate(report)
    (asset,) = report["assets"]
    columns = {c["name"]: c for c in asset["columns"]}
    assert columns[ID_MASKED]["name_masked"] is True
    assert "name_masked" not in columns["phone"] and "name_masked" not in asset  # only where masked


def test_baseline_create_writes_masked_names_and_matches_them_again(id_header_csv):
    created = run_cli("baseline", "create", "people.csv", "--flow", "third_party", "-o", "b.json")
    assert created.exit_code == 0 and ID_HEADER not in created.stderr
    text = Path("b.json").read_text(encoding="utf-8")
    assert ID_HEADER not in text and ID_MASKED in text
    again = run_cli("scan", "people.csv", "--flow", "third_party", "--baseline", "b.json", "--format", "json")
    report = json.loads(again.stdout)
    assert again.exit_code == 0, again.stderr  # every accepted violation matched through its masked names
    assert report["baseline"]["stale"] == []


def test_waiver_written_with_the_masked_column_name_applies_and_is_listed_masked(id_header_csv):
    Path("w.yaml").write_text(
        f"- rule: DCS-CL-002\n  asset: people.csv\n  column: '{ID_MASKED}'\n  justification: ok\n  approver: DPO\n"
        "  expires: 2026-12-31\n"
        f"- rule: DCS-CL-002\n  asset: people.csv\n  column: '{ID_HEADER}'\n  justification: ok\n  approver: DPO\n"
        "  expires: 2025-12-31\n",
        encoding="utf-8",
    )
    args = ("scan", "people.csv", "--flow", "third_party", "--waivers", "w.yaml", "--as-of", "2026-03-01")
    report = json.loads(run_cli(*args, "--format", "json").stdout)
    waived = [v for v in report["assets"][0]["violations"] if v.get("suppression")]
    assert [v["column"] for v in waived] == [ID_MASKED]
    assert [w["column"] for w in report["waivers"]["expired"]] == [ID_MASKED]
    text = run_cli(*args).stdout
    assert ID_HEADER not in text and f"[{ID_MASKED}]" in text


@pytest.mark.parametrize("value", ["13812345678", "0086 138 1234 5678", ID_HEADER])
def test_schema_errors_quote_values_masked(tmp_path, monkeypatch, value):
    monkeypatch.chdir(tmp_path)
    Path("m.yaml").write_text(
        f"id: a\nsource: x.csv\nflows:\n  - id: f\n    recipient_type: '{value}'\n", encoding="utf-8"
    )
    result = run_cli("scan", "--manifest", "m.yaml")
    assert result.exit_code == 2
    assert value not in result.stderr and re.sub(r"\D", "", value) not in result.stderr
    assert re.search(r"m\.yaml:5: \$\.flows\[0\]\.recipient_type: '[0-9*X]+' is not one of", result.stderr)


def _date_formatted_workbook(path: Path, serials: list[int]) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["name", "joined"])
    for i, serial in enumerate(serials):
        sheet.append([f"row{i}", serial])
        sheet.cell(row=i + 2, column=2).number_format = "yyyy-mm-dd"
    workbook.save(path)


def test_openpyxl_date_warning_reaches_stderr_masked_once(tmp_path):
    """The issue's example: "Cell A2 is marked as a date but the serial value 13812345678 ..."."""
    serials = [13812345678, 13912345678, 15012345678]
    _date_formatted_workbook(tmp_path / "w.xlsx", serials)
    result = run_compliance(["scan", "w.xlsx"], cwd=tmp_path)
    for serial in serials:
        assert str(serial) not in result.stderr
    warned = [line for line in result.stderr.splitlines() if "marked as a date" in line]
    assert len(warned) == 1 and warned[0].startswith("warning: ") and "138******78" in warned[0]
    assert "2 more like it" in warned[0]
    debug = run_compliance(["--debug", "scan", "w.xlsx"], cwd=tmp_path)
    assert "13812345678" in debug.stderr  # --debug shows the library's own words


@pytest.mark.parametrize(
    ("message", "raw"),
    [
        ("bad value %s", "11010519491231002X"),
        ("cannot parse '%s' as int64", "6222020000000000005"),  # a number no detector claims: still masked
        ("row %s", "0086 138 1234 5678"),
    ],
)
def test_library_log_records_are_masked(capsys, message, raw):
    with masked_library_output(debug=False):
        logging.getLogger("pyarrow.fake").warning(message, raw)
        warnings.warn(message % raw, UserWarning, stacklevel=1)
    err = capsys.readouterr().err
    assert raw not in err and re.sub(r"\D", "", raw) not in err
    assert len([line for line in err.splitlines() if line.startswith("warning: ")]) == 2


def test_libraries_with_their_own_stderr_handler_are_masked_too(capsys):
    """spaCy and weasel attach a StreamHandler to stderr; their records must not bypass the gate."""
    logger = logging.getLogger("leaktest.own_handler")
    logger.addHandler(logging.StreamHandler(sys.stderr))
    try:
        with masked_library_output(debug=False):
            logger.warning("token %s", "13812345678")
    finally:
        logger.handlers.clear()
    err = capsys.readouterr().err
    assert "13812345678" not in err
    assert err.splitlines() == ["warning: leaktest.own_handler warning: token 138******78"]


def test_masked_line_masks_long_numbers_the_detectors_do_not_claim():
    assert masked_line("value 12345678901 out of range") == f"value {mask('12345678901')} out of range"
    assert masked_line("Cell A2 at 2024, row 123456") == "Cell A2 at 2024, row 123456"  # short numbers stay
    assert masked_line("two\nlines\x1b[1m") == "two lines\\x1b[1m"


FORGED = "Summary: 9 assets, 0 errors, violations: 0 — PASS"


@pytest.mark.parametrize(
    "name",
    [
        f"x\r{FORGED}.csv",
        f"x\n{FORGED}.csv",
        f"x\x1b[2K\x1b[1G{FORGED}.csv",
        "x\x1b]0;owned\x07.csv",
        "x\u202e vsc.csv",
    ],
)
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_file_names_cannot_forge_report_lines(tmp_path, monkeypatch, name, fmt):
    monkeypatch.chdir(tmp_path)
    Path(name).write_text("phone\n13812345678\n13912345678\n", encoding="utf-8")
    Path("clean.csv").write_text("phone\n13712345678\n", encoding="utf-8")
    result = run_cli("scan", name, "clean.csv", "--format", fmt)
    out = result.stdout
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    starts = [line for line in out.splitlines() if line.lstrip("#*| ").startswith("Summary")]
    if fmt == "text":  # the one real summary line, last
        assert starts == [out.splitlines()[-1]] and starts[0].startswith("Summary: 2 assets")
    else:  # the name stays inside its code span, on its own line's heading, row or item
        assert all(line.index(FORGED) > line.index("`") for line in out.splitlines() if FORGED in line)


def test_markdown_table_cells_hold_pipes_and_backticks_from_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("t.csv").write_text("手机|`x`,b\n13812345678,1\n13912345678,2\n", encoding="utf-8")
    lines = run_cli("scan", "t.csv", "--format", "markdown").stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| Column |"))
    (row,) = [line for line in lines[header:] if "CN_MOBILE" in line]

    def cells(line: str) -> int:
        return len(re.findall(r"(?<!\\)\|", line))

    assert cells(row) == cells(lines[header])  # the name's pipe does not open a new cell
    assert "`` 手机\\|`x` ``" in row  # a code span fenced longer than the backtick run inside
