"""Issue 12: spreadsheet exports with a merged title row above the header and total rows (合计)
below it. The header is found (or named with ``--header-row N``) and totals are not records."""

from __future__ import annotations

import json

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.sources.header_rows import TOTAL_WORDS, header_index, is_total_row

from ..gating.conftest import mobile, resident_id, run_cli

HEADER = ["姓名编号", "身份证号", "手机号", "金额"]
ROWS = 40


def scan_json(*args: str):
    result = run_cli("scan", "--format", "json", "--no-timestamp", *args)
    return result.exit_code, json.loads(result.stdout) if result.stdout else None, result.stderr


def export_workbook(path, *, title: bool = True, totals: bool = True):
    """Row 1: a title merged over the table; row 2: the export date; row 3: the header; then records,
    a 小计 between the two halves and a 合计 at the end."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "客户"
    if title:
        sheet.append(["2026年3月客户导出"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
        sheet.append(["导出时间：2026-03-01"])
    sheet.append(HEADER)
    for i in range(ROWS):
        sheet.append([f"C{i:04d}", resident_id(i), mobile(i), 10 + i])
        if totals and i == ROWS // 2 - 1:
            sheet.append(["小计", None, None, 1000])
    if totals:
        sheet.append(["合计", None, None, 2000])
        sheet.append(["Total:", None, None, 2000])
    book.save(path)
    return path


@pytest.fixture
def workbook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return export_workbook(tmp_path / "export.xlsx")


def _asset(report):
    [asset] = report["assets"]
    return asset


def test_the_header_below_a_merged_title_is_found_and_totals_are_not_counted(workbook):
    code, report, _ = scan_json("export.xlsx", "--full")
    assert code == 0
    asset = _asset(report)
    assert [c["name"] for c in asset["columns"]] == HEADER
    assert (asset["rows_scanned"], asset["rows_total"], asset["rows_total_exact"]) == (ROWS, ROWS, True)
    ids = next(c for c in asset["columns"] if c["name"] == "身份证号")
    assert ids["entities"][0]["type"] == "CN_RESIDENT_ID" and ids["entities"][0]["match_ratio"] == 1.0
    assert ids["non_null"] == ROWS  # no total row counted as a record with an empty id


def test_sampled_scan_leaves_totals_out_too(workbook):
    code, report, _ = scan_json("export.xlsx", "--sample", "1000")
    assert code == 0 and _asset(report)["rows_scanned"] == ROWS


def test_header_row_names_the_header(workbook, tmp_path):
    code, report, _ = scan_json("export.xlsx", "--header-row", "3")
    assert code == 0 and [c["name"] for c in _asset(report)["columns"]] == HEADER
    code, report, _ = scan_json("export.xlsx", "--header-row", "1")  # the title, as asked
    names = [c["name"] for c in _asset(report)["columns"]]
    assert names[0] == "2026年3月客户导出" and _asset(report)["rows_scanned"] == ROWS + 2  # date + header rows


def test_an_empty_header_row_is_an_empty_sheet(workbook):
    code, _, stderr = scan_json("export.xlsx", "--header-row", "500")
    assert code == 2 and "every sheet is empty" in stderr


def test_a_plain_workbook_is_read_as_before(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    export_workbook(tmp_path / "plain.xlsx", title=False, totals=False)
    code, report, _ = scan_json("plain.xlsx", "--full")
    asset = _asset(report)
    assert code == 0 and [c["name"] for c in asset["columns"]] == HEADER and asset["rows_scanned"] == ROWS


@pytest.mark.parametrize("word", ["合计", "总计", "小计", "合 计", "Total", "TOTAL:", "Grand Total", "合计："])
def test_total_words(word):
    assert is_total_row([word, None, "12"]) and is_total_row([None, word])


@pytest.mark.parametrize("cells", [["张三", "合计"], ["totally"], [], [None], ["1", "合计"]])
def test_not_total_rows(cells):
    assert not is_total_row(cells)


@settings(max_examples=200, deadline=None)
@given(
    width=st.integers(min_value=2, max_value=30),
    above=st.lists(st.integers(min_value=1, max_value=1), max_size=4),
    data_rows=st.integers(min_value=0, max_value=10),
)
def test_header_index_passes_over_narrow_title_rows(width, above, data_rows):
    """Rows one cell wide above a table at least two wide are never its header; the header is found
    whatever the number of data rows."""
    rows = [["title"] * n for n in above] + [["h"] * width] + [["v"] * width] * data_rows
    assert header_index(rows) == len(above)


# --- CSV ---------------------------------------------------------------------------------------


def titled_csv(path, rows: int = ROWS):
    lines = ["2026年3月客户导出", "导出时间：2026-03-01", ",".join(HEADER)]
    lines += [f"C{i:04d},{resident_id(i)},{mobile(i)},{10 + i}" for i in range(rows)]
    lines += ["合计,,,2000", "Total:,,,2000"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("mode", [[], ["--full"]])
def test_a_csv_with_title_lines_and_totals(tmp_path, monkeypatch, mode):
    monkeypatch.chdir(tmp_path)
    titled_csv(tmp_path / "export.csv")
    code, report, stderr = scan_json("export.csv", *mode)
    assert code == 0, stderr
    asset = _asset(report)
    assert [c["name"] for c in asset["columns"]] == HEADER
    assert (asset["rows_scanned"], asset["rows_total"]) == (ROWS, ROWS)


def test_csv_header_row(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    titled_csv(tmp_path / "export.csv")
    code, report, _ = scan_json("export.csv", "--header-row", "3", "--full")
    assert code == 0 and [c["name"] for c in _asset(report)["columns"]] == HEADER
    assert _asset(report)["rows_scanned"] == ROWS
    code, _, stderr = scan_json("export.csv", "--header-row", "1")  # the title as the header: ragged
    assert code == 2 and "ragged row" in stderr
    code, _, stderr = scan_json("export.csv", "--header-row", "900")
    assert code == 2 and "export.csv: --header-row 900: the file has fewer lines" in stderr


def test_a_one_column_csv_keeps_its_first_line_as_header(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ids.csv").write_text("id\n" + "".join(f"{resident_id(i)}\n" for i in range(20)), encoding="utf-8")
    code, report, _ = scan_json("ids.csv")
    assert code == 0 and [c["name"] for c in _asset(report)["columns"]] == ["id"]
    assert _asset(report)["rows_scanned"] == 20


def test_csv_errors_name_the_file_line_under_title_lines(tmp_path, monkeypatch):
    """Line numbers count the title lines too: line 6 of the file is line 6 of the error."""
    monkeypatch.chdir(tmp_path)
    body = ["2026年3月客户导出", "导出时间：2026-03-01", "a,b", "1,2", "3,4", "5,6,7", "8,9"]
    (tmp_path / "small.csv").write_text("\n".join(body) + "\n", encoding="utf-8")
    code, _, stderr = scan_json("small.csv")
    assert code == 2 and "small.csv: line 6: 3 fields where the header has 2" in stderr
    rows = [f"{i},{i}" for i in range(200_000)]
    rows[150_000] = "1,2,3"
    (tmp_path / "big.csv").write_text("\n".join(body[:3] + rows) + "\n", encoding="utf-8")
    code, _, stderr = scan_json("big.csv", "--full")
    assert code == 2 and f"big.csv: line {150_000 + 4}: 3 fields where the header has 2" in stderr


_FIRST_CELLS = st.one_of(
    st.sampled_from(["合计", "合 计：", "Total", " TOTAL ", "小計:", "grand total", "subtotal", "T o\tt A l", "總 計"]),
    st.sampled_from(sorted(TOTAL_WORDS)).map(lambda w: "　".join(w).upper() + "：:"),
    st.text(alphabet="合计總計总TotalSub-g :：　张伟0123456789", max_size=12),
    st.text(alphabet="北京市朝阳区路号", min_size=20, max_size=40),  # long cells, as an address column has
    st.none(),
)


@given(cells=st.lists(_FIRST_CELLS, min_size=1, max_size=30))
@settings(max_examples=200, deadline=None)
def test_csv_total_rows_are_the_rows_whose_first_cell_is_a_total_word(cells):
    """Only short first cells are rewritten and looked up (csv_reader.without_totals): the rows kept
    are those whose first cell, without spaces and a trailing colon, is no total word in any case."""
    import re

    import pyarrow as pa

    from compliance.sources.csv_reader import without_totals

    table = pa.table({"first": pa.array(cells, pa.string()), "n": list(range(len(cells)))})
    kept = without_totals(table).column("n").to_pylist()

    def total(cell):  # the rule of header_rows.is_total_row (xlsx), written out
        return cell is not None and re.sub(r"[\s\u3000]+", "", cell).rstrip(":：").lower() in TOTAL_WORDS

    assert kept == [i for i, cell in enumerate(cells) if not total(cell)]
