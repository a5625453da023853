"""CSV/TSV reading: encodings, delimiters, quoting, headers, nulls, batches and row counts."""

from __future__ import annotations

import pyarrow as pa
import pytest

from compliance.errors import UsageError
from compliance.sources import open_tables

ROWS = [
    ["姓名", "手机号", "备注"],
    ["张三", "13800138000", "付款, 已发货"],
    ["李四", "13900139000", '第一行\n第二行 "引号"'],
    ["王五", "", "emoji 😀"],
]
EXPECTED = [
    {"姓名": "张三", "手机号": "13800138000", "备注": "付款, 已发货"},
    {"姓名": "李四", "手机号": "13900139000", "备注": '第一行\n第二行 "引号"'},
    {"姓名": "王五", "手机号": None, "备注": "emoji 😀"},
]


@pytest.mark.parametrize(
    ("write_as", "detected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("utf-16", "utf-16-le")],
)
def test_round_trip_in_each_encoding(tmp_path, write_as, detected, kit):
    path = kit.write_csv(tmp_path / "客户.csv", ROWS, encoding=write_as)
    [table] = open_tables(str(path))
    assert table.encoding == detected
    assert (table.format, table.table, table.source) == ("csv", None, str(path))
    assert table.columns == ["姓名", "手机号", "备注"]
    assert kit.cells(table) == EXPECTED
    assert (table.rows_total, table.rows_total_exact) == (3, True)
    sample = table.sample(10, seed=0)
    assert sample.to_pylist() == EXPECTED
    assert all(field.type == pa.string() for field in sample.schema)


def test_utf16_big_endian_and_without_bom(tmp_path, kit):
    text = "姓名,手机号\n张三,13800138000\n"
    for codec, detected in [("utf-16-be", "utf-16-be"), ("utf-16-le", "utf-16-le")]:
        path = tmp_path / f"{codec}.csv"
        path.write_bytes(text.encode(codec))  # no BOM: recognised by the NUL-byte pattern
        [table] = open_tables(str(path))
        assert table.encoding == detected
        assert kit.cells(table) == [{"姓名": "张三", "手机号": "13800138000"}]


def test_gbk_after_a_long_ascii_head_is_still_detected(tmp_path, kit):
    rows = [["id", "note"]] + [[str(i), "plain ascii text"] for i in range(5000)] + [["5000", "北京市朝阳区"]]
    path = kit.write_csv(tmp_path / "late_gbk.csv", rows, encoding="gbk")
    assert path.stat().st_size > 64 * 1024  # the Chinese row is beyond the head
    [table] = open_tables(str(path))
    assert table.encoding == "gb18030"
    assert kit.cells(table)[-1] == {"id": "5000", "note": "北京市朝阳区"}


def test_explicit_encoding_overrides_detection(tmp_path, kit):
    path = kit.write_csv(tmp_path / "gbk.csv", ROWS[:3], encoding="gbk")  # GBK has no emoji
    [table] = open_tables(str(path), encoding="GBK")
    assert table.encoding == "gbk"
    assert kit.cells(table) == EXPECTED[:2]
    # a wrong explicit encoding is obeyed, not second-guessed: the bad byte is reported
    message = kit.input_error(lambda: kit.cells(open_tables(str(path), encoding="utf-8")[0]))
    assert "byte offset 0" in message and "utf-8" in message
    [latin] = open_tables(str(path), encoding="latin-1")
    assert latin.encoding == "iso8859-1" and latin.columns != ["姓名", "手机号", "备注"]


def test_unknown_encoding_is_a_usage_error(tmp_path, kit):
    path = kit.write_csv(tmp_path / "a.csv", ROWS)
    with pytest.raises(UsageError, match="unknown encoding 'klingon'"):
        open_tables(str(path), encoding="klingon")


@pytest.mark.parametrize(
    ("delimiter", "suffix"), [(",", "csv"), ("\t", "tsv"), (";", "csv"), ("|", "csv"), ("\t", "csv")]
)
def test_delimiters_are_sniffed(tmp_path, delimiter, suffix, kit):
    rows = [["name", "phone", "city"], ["Ann, Jr.", "555;0100", "a|b"], ["Bob", "555 0101", "Tab\there"]]
    path = kit.write_csv(tmp_path / f"data.{suffix}", rows, delimiter=delimiter)
    [table] = open_tables(str(path))
    assert table.format == suffix
    assert table.columns == ["name", "phone", "city"]
    assert [list(r.values()) for r in kit.cells(table)] == rows[1:]


def test_single_column_file(tmp_path, kit):
    path = kit.write_csv(tmp_path / "one.csv", [["email"], ["a@example.com"], [""], ["b@example.com"]])
    [table] = open_tables(str(path))
    assert table.columns == ["email"]
    assert [r["email"] for r in kit.cells(table)] == ["a@example.com", None, "b@example.com"]


def test_blank_and_duplicate_headers_are_made_unique(tmp_path, kit):
    path = kit.write_csv(tmp_path / "h.csv", [["phone", "", "phone", "column_2", "phone"], ["1", "2", "3", "4", "5"]])
    [table] = open_tables(str(path))
    assert table.columns == ["phone", "column_2", "phone_2", "column_2_2", "phone_3"]
    assert kit.cells(table) == [dict(zip(table.columns, ["1", "2", "3", "4", "5"], strict=True))]


def test_only_empty_cells_are_null(tmp_path, kit):
    path = kit.write_csv(tmp_path / "n.csv", [["a", "b", "c", "d"], ["", "NA", "null", " "]])
    [table] = open_tables(str(path))
    assert kit.cells(table) == [{"a": None, "b": "NA", "c": "null", "d": " "}]


def test_numbers_keep_their_text(tmp_path, kit):
    path = kit.write_csv(tmp_path / "num.csv", [["zip", "amount", "id"], ["007", "1.50", "110101199003071234"]])
    [table] = open_tables(str(path))
    assert kit.cells(table) == [{"zip": "007", "amount": "1.50", "id": "110101199003071234"}]


def test_crlf_line_endings(tmp_path, kit):
    path = tmp_path / "crlf.csv"
    path.write_bytes(b"a,b\r\n1,2\r\n3,4\r\n")
    [table] = open_tables(str(path))
    assert kit.cells(table) == [{"a": "1", "b": "2"}, {"a": "3", "b": "4"}]


def test_header_with_quoted_newline(tmp_path, kit):
    path = kit.write_csv(tmp_path / "qh.csv", [["full\nname", "phone"], ["Ann", "1"]])
    [table] = open_tables(str(path))
    assert table.columns == ["full\nname", "phone"]
    assert kit.cells(table) == [{"full\nname": "Ann", "phone": "1"}]


def test_batches_are_bounded_and_complete(tmp_path, kit):
    rows = [["i", "v"]] + [[str(i), f"v{i}"] for i in range(1000)]
    [table] = open_tables(str(kit.write_csv(tmp_path / "b.csv", rows)))
    sizes = [batch.num_rows for batch in table.batches(batch_rows=64)]
    assert max(sizes) <= 64 and sum(sizes) == 1000
    assert [r["i"] for r in kit.cells(table)] == [str(i) for i in range(1000)]


def test_row_count_is_estimated_until_read(tmp_path, kit):
    rows = [["i", "phone"]] + [[str(i), f"138{i:08d}"] for i in range(20000)]
    [table] = open_tables(str(kit.write_csv(tmp_path / "est.csv", rows)))
    assert not table.rows_total_exact  # larger than the head: estimated from the head's rows
    assert 18000 <= table.rows_total <= 22000
    assert sum(b.num_rows for b in table.batches()) == 20000
    assert (table.rows_total, table.rows_total_exact) == (20000, True)


def test_sample_of_zero_rows_has_the_columns(tmp_path, kit):
    [table] = open_tables(str(kit.write_csv(tmp_path / "z.csv", ROWS)))
    empty = table.sample(0, seed=0)
    assert empty.num_rows == 0 and empty.column_names == table.columns
