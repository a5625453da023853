"""xlsx decompression bombs (issue 8): refused from the zip directory before openpyxl parses anything.

A 3 MB workbook declaring 78 million shared strings, a shared-string table or a sheet that inflates
a thousandfold: one line each, exit 2, the other inputs still reported. The genuine bombs here are
small (tens of MiB inflated, generated in a fraction of a second) and meet limits lowered for the
test; the full-size ones (1.3 GB of shared strings, a 3 GiB sheet) are timed with their memory in
benchmarks/bench_hardening.py.
"""

from __future__ import annotations

import openpyxl
import pytest

from benchmarks.bomb_files import declared_strings_bomb, shared_strings_bomb, sheet_bomb, small_workbook
from compliance.sources import xlsx_limits

from .crash_support import assert_clean_failure, assert_scanned, good_csv, json_report, run_in_process, sources


def _scan(folder, *names):
    result = run_in_process(["scan", "--format", "json", *names, "good.csv"], folder, timeout=120)
    return result, json_report(result.stdout)


def test_declared_78_million_shared_strings_is_refused_at_default_limits(tmp_path):
    declared_strings_bomb(tmp_path / "declared.xlsx", strings=78_000_000)
    small_workbook(tmp_path / "small.xlsx")
    good_csv(tmp_path)
    result, report = _scan(tmp_path, "declared.xlsx", "small.xlsx")
    (line,) = assert_clean_failure(result.exit_code, result.stderr, "declared.xlsx")
    assert "78,000,000 shared strings" in line and "refused before parsing" in line
    assert_scanned(report, "good.csv")
    assert sources(report)["small.xlsx"]["status"] != "error"


def test_a_sheet_inflating_a_thousandfold_is_refused_at_default_limits(tmp_path):
    sheet_bomb(tmp_path / "sheet.xlsx", inflated_bytes=48 << 20)  # 48 MiB from about 120 KB
    good_csv(tmp_path)
    result, report = _scan(tmp_path, "sheet.xlsx")
    (line,) = assert_clean_failure(result.exit_code, result.stderr, "sheet.xlsx")
    assert "inflates" in line and "times" in line
    assert_scanned(report, "good.csv")


@pytest.mark.parametrize("declare", [True, False])
def test_shared_strings_over_the_limits_are_refused(tmp_path, monkeypatch, declare):
    monkeypatch.setattr(xlsx_limits, "MAX_SHARED_STRINGS", 100_000)
    monkeypatch.setattr(xlsx_limits, "MAX_SHARED_STRINGS_BYTES", 4 << 20)
    shared_strings_bomb(tmp_path / "strings.xlsx", strings=400_000, declare=declare)  # 6.8 MB of XML
    good_csv(tmp_path)
    result, report = _scan(tmp_path, "strings.xlsx")
    (line,) = assert_clean_failure(result.exit_code, result.stderr, "strings.xlsx")
    assert ("400,000 shared strings" if declare else "shared-string table inflates") in line
    assert_scanned(report, "good.csv")


@pytest.mark.parametrize(
    "limit, value",
    [("MAX_PART_BYTES", 8 << 20), ("MAX_TOTAL_BYTES", 8 << 20), ("MAX_PARTS", 5), ("MAX_SHEET_CELLS", 1000)],
)
def test_each_archive_limit_refuses_a_workbook_beyond_it(tmp_path, monkeypatch, limit, value):
    monkeypatch.setattr(xlsx_limits, limit, value)
    monkeypatch.setattr(xlsx_limits, "MAX_RATIO", 10**9)  # so that the limit under test is the one met
    sheet_bomb(tmp_path / "big.xlsx", inflated_bytes=24 << 20)
    good_csv(tmp_path)
    result, report = _scan(tmp_path, "big.xlsx")
    (line,) = assert_clean_failure(result.exit_code, result.stderr, "big.xlsx")
    assert "refused before parsing" in line
    assert_scanned(report, "good.csv")


def test_an_ordinary_large_workbook_is_not_refused(tmp_path):
    """20,000 rows of varied values compress about 5-10 times: far from every limit."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("客户")
    sheet.append(["编号", "金额", "备注"])
    for i in range(20_000):
        sheet.append([f"C{i:07d}", i * 3.17 % 1000, f"第{i % 97}批 订单 {i * 7919 % 100000}"])
    workbook.save(tmp_path / "ordinary.xlsx")
    xlsx_limits.check_workbook(str(tmp_path / "ordinary.xlsx"))  # does not raise
    good_csv(tmp_path)
    result, report = _scan(tmp_path, "ordinary.xlsx")
    assert result.exit_code in (0, 1), result.stderr
    assert sources(report)["ordinary.xlsx"]["rows_total"] == 20_000


def test_the_dimension_parser_reads_ranges():
    assert xlsx_limits.sheet_size(b'<dimension ref="A1:XFD1048576"/>') == (1_048_576, 16_384)
    assert xlsx_limits.sheet_size(b'<x:dimension ref="B2:C10"/>') == (9, 2)
    assert xlsx_limits.sheet_size(b'<dimension ref="A1"/>') == (1, 1)
    assert xlsx_limits.sheet_size(b"<sheetData/>") is None
