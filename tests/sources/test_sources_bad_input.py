"""Bad input: each case is one InputError line that names the file and never shows a cell value."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import time
import zipfile

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from compliance.errors import InputError
from compliance.sources import open_tables

SECRETS = ("13812345678", "张三丰", "110101199003071234")
ROW = ",".join(SECRETS)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))


def read_all(path) -> None:
    """Open and read every table fully, and sample it: any failure must surface here."""
    for table in open_tables(str(path)):
        for _ in table.batches():
            pass
        table.sample(10, seed=0)


def check(kit, path, *expected: str) -> str:
    message = kit.input_error(read_all, path)
    assert os.path.basename(str(path)) in message
    assert not any(secret in message for secret in SECRETS), message
    for part in expected:
        assert part in message, message
    return message


def parquet_bytes(rows: int = 3) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.table({"phone": [SECRETS[0]] * rows}), sink)
    return sink.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["phone"])
    workbook.active.append([SECRETS[0]])
    sink = io.BytesIO()
    workbook.save(sink)
    return sink.getvalue()


def sqlite_bytes(tmp_path) -> bytes:
    path = tmp_path / "src.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (phone)")
        db.execute("INSERT INTO t VALUES (?)", (SECRETS[0],))
    db.close()
    return path.read_bytes()


@pytest.mark.parametrize("name", ["gone.csv", "gone.json", "gone.jsonl", "gone.parquet", "gone.xlsx", "gone.db"])
def test_missing_file(tmp_path, kit, name):
    check(kit, tmp_path / name, "cannot read file", "No such file")


def test_directory_with_a_data_name(tmp_path, kit):
    (tmp_path / "folder.csv").mkdir()
    check(kit, tmp_path / "folder.csv", "cannot read file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path, kit):
    path = tmp_path / "locked.csv"
    path.write_text(f"a,b,c\n{ROW}\n")
    path.chmod(0)
    check(kit, path, "cannot read file")


@pytest.mark.parametrize("name", ["e.csv", "e.tsv", "e.json", "e.jsonl", "e.parquet", "e.xlsx", "e.sqlite"])
def test_empty_file(tmp_path, kit, name):
    (tmp_path / name).write_bytes(b"")
    check(kit, tmp_path / name, "file is empty")


@pytest.mark.parametrize("content", [b"   \n\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"])
def test_blank_csv_is_empty(tmp_path, kit, content):
    (tmp_path / "blank.csv").write_bytes(content)
    check(kit, tmp_path / "blank.csv", "file is empty")


def test_header_only_csv_has_no_data_rows(tmp_path, kit):
    (tmp_path / "h.csv").write_text("姓名,手机号,身份证号\n", encoding="utf-8")
    check(kit, tmp_path / "h.csv", "no data rows")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.json", "[]", "no data rows"),
        ("blank.jsonl", "\n\n", "no data rows"),
        ("scalar.json", json.dumps(SECRETS[0]), "expected a JSON array of objects"),
        ("items.json", json.dumps([{"a": SECRETS[0]}, SECRETS[1]]), "item 2: expected a JSON object, found a string"),
        ("broken.json", '[{"a": "x"}, {"a": ' + SECRETS[0] + "x}]", "invalid JSON after item 1"),
        ("cut.json", '[{"a": "' + SECRETS[0], "invalid JSON before the first item"),
        ("broken.jsonl", '{"a": 1}\n{"a": "' + SECRETS[1] + '",}\n', "line 2: invalid JSON"),
        ("array.jsonl", '{"a": 1}\n\n["' + SECRETS[2] + '"]\n', "line 3: expected a JSON object, found an array"),
    ],
)
def test_bad_json(tmp_path, kit, name, content, expected):
    (tmp_path / name).write_text(content, encoding="utf-8")
    check(kit, tmp_path / name, expected)


def test_ragged_row_names_its_line(tmp_path, kit):
    (tmp_path / "r.csv").write_text(f"a,b,c\n1,2,3\n{ROW},extra\n4,5,6\n", encoding="utf-8")
    check(kit, tmp_path / "r.csv", "line 3", "4 fields where the header has 3")


def test_short_row_in_a_large_file_names_its_line(tmp_path, kit):
    lines = ["a,b,c"] + [f"{i},{SECRETS[0]},x" for i in range(100_000)]
    lines[70_000] = SECRETS[1]  # line 70001 has one field
    (tmp_path / "big.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    check(kit, tmp_path / "big.csv", "line 70001", "1 fields where the header has 3")


def test_sampled_scan_of_a_thoroughly_ragged_file_fails(tmp_path, kit, seeking):
    rows = [f"{i},{SECRETS[0]}" + (",x" if i % 2 else "") for i in range(20_000)]
    (tmp_path / "ragged.csv").write_text("a,b,c\n" + "\n".join(rows) + "\n", encoding="utf-8")
    message = kit.input_error(lambda: open_tables(str(tmp_path / "ragged.csv"))[0].sample(500, seed=0))
    assert "ragged.csv" in message and "ragged row" in message and SECRETS[0] not in message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("image.csv", PNG, "file is a PNG image, not CSV"),
        ("image.tsv", PNG, "file is a PNG image, not TSV"),
        ("noise.csv", bytes((i * 7919 + 13) % 256 for i in range(4000)), "file is binary data, not CSV text"),
        ("nul.csv", b"a,b\n1,\x00\x00\x002\n", "file is binary data, not CSV text"),
        ("data.csv", "parquet", "file is a Parquet file, not CSV"),
        ("book.csv", "xlsx", "file is a zip archive (an .xlsx workbook is one), not CSV"),
        ("db.json", "sqlite", "file is a SQLite database, not JSON"),
        ("pic.jsonl", PNG, "file is a PNG image, not JSON Lines"),
        ("text.parquet", ROW.encode(), "file is not Parquet"),
        ("text.xlsx", ROW.encode(), "file is not an .xlsx workbook"),
        ("text.sqlite", ROW.encode(), "file is not a SQLite database"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "legacy Office file"),
        ("pic.parquet", PNG, "file is a PNG image, not Parquet"),
    ],
)
def test_wrong_content_for_the_extension(tmp_path, kit, name, content, expected):
    makers = {"parquet": parquet_bytes, "xlsx": xlsx_bytes, "sqlite": lambda: sqlite_bytes(tmp_path)}
    data = makers[content]() if isinstance(content, str) else content
    (tmp_path / name).write_bytes(data)
    check(kit, tmp_path / name, expected)


def test_corrupt_and_truncated_parquet(tmp_path, kit):
    good = parquet_bytes(1000)
    (tmp_path / "corrupt.parquet").write_bytes(b"PAR1" + bytes(range(256)) * 4 + b"PAR1")
    (tmp_path / "cut.parquet").write_bytes(good[: len(good) // 2])
    check(kit, tmp_path / "corrupt.parquet", "corrupt Parquet file")
    check(kit, tmp_path / "cut.parquet", "corrupt Parquet file")


def test_parquet_with_damaged_pages(tmp_path, kit):
    sink = io.BytesIO()
    pq.write_table(pa.table({"phone": [f"{SECRETS[0]}{i}" for i in range(5000)]}), sink, compression="snappy")
    data = bytearray(sink.getvalue())
    data[200:900] = bytes(700)  # zero out page bytes, keep the footer intact
    (tmp_path / "pages.parquet").write_bytes(bytes(data))
    check(kit, tmp_path / "pages.parquet", "corrupt Parquet data in row group 0")


def test_parquet_without_rows(tmp_path, kit):
    pq.write_table(pa.table({"phone": pa.array([], pa.string())}), tmp_path / "none.parquet")
    check(kit, tmp_path / "none.parquet", "no data rows")


def test_corrupt_xlsx(tmp_path, kit):
    (tmp_path / "junk.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    with zipfile.ZipFile(tmp_path / "plain.xlsx", "w") as archive:
        archive.writestr("notes.txt", ROW)
    good = xlsx_bytes()
    (tmp_path / "cut.xlsx").write_bytes(good[: len(good) // 2])
    for name in ("junk.xlsx", "plain.xlsx", "cut.xlsx"):
        check(kit, tmp_path / name, "corrupt .xlsx workbook")


def test_xlsx_with_only_empty_sheets(tmp_path, kit):
    workbook = openpyxl.Workbook()
    workbook.create_sheet("also empty")
    workbook.save(tmp_path / "blank.xlsx")
    check(kit, tmp_path / "blank.xlsx", "no data rows")


def test_corrupt_sqlite_and_sqlite_without_tables(tmp_path, kit):
    good = sqlite_bytes(tmp_path)
    (tmp_path / "bad.sqlite").write_bytes(good[:100] + bytes(range(256)) * 16)
    check(kit, tmp_path / "bad.sqlite", "SQLite")
    with sqlite3.connect(tmp_path / "none.sqlite") as db:
        db.execute("CREATE VIEW v AS SELECT 1")
    db.close()
    check(kit, tmp_path / "none.sqlite", "no tables")


def test_sqlite_text_that_is_not_utf8_does_not_leak_into_errors(tmp_path, kit):
    path = tmp_path / "latin.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (name TEXT)")
        db.execute("INSERT INTO t VALUES (CAST(? AS TEXT))", (SECRETS[0].encode() + b"\xff",))
    db.close()
    [table] = open_tables(str(path))
    assert kit.cells(table) == [{"name": SECRETS[0] + "\ufffd"}]


@pytest.mark.parametrize("mode", ["sample", "batches"])
def test_a_20_mb_field_fails_fast_and_names_its_line(tmp_path, kit, mode):
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f'a,b\n1,{SECRETS[0]}\n2,"{SECRETS[1] * (20 * 1024 * 1024 // 9)}"\n3,x\n')
    [table] = open_tables(str(path))
    started = time.perf_counter()
    with pytest.raises(InputError) as info:
        if mode == "sample":
            table.sample(100, seed=0)
        else:
            for _ in table.batches():
                pass
    assert time.perf_counter() - started < 10
    message = str(info.value)
    assert "huge.csv" in message and "line 3" in message and "longer than 8 MiB" in message
    assert not any(secret in message for secret in SECRETS)


def test_a_json_object_too_large_to_hold_is_refused(tmp_path, kit):
    path = tmp_path / "wrapped.json"
    rows = [{"phone": SECRETS[0], "note": "x" * 100} for _ in range(80_000)]  # ~10 MB in one object
    path.write_text(json.dumps({"data": rows}))
    message = kit.input_error(lambda: open_tables(str(path)))
    assert "wrapped.json" in message and "item 1: a single JSON object is larger than 8 MiB" in message
    assert SECRETS[0] not in message


def test_a_field_larger_than_one_block_is_read(tmp_path, kit):
    path = tmp_path / "wide.csv"
    path.write_text("a,b\n" + "1,x\n" * 1000 + f'2,"{"y" * (3 << 20)}"\n' + "3,z\n" * 1000, encoding="utf-8")
    [table] = open_tables(str(path))
    rows = kit.cells(table)
    assert len(rows) == 2001 and len(rows[1000]["b"]) == 3 << 20 and rows[-1] == {"a": "3", "b": "z"}


def utf8_with_bad_byte(at_row: int, rows: int) -> tuple[bytes, int]:
    head = "姓名,手机号\n".encode()
    body = [f"张{i},{SECRETS[0]}\n".encode() for i in range(rows)]
    offset = len(head) + sum(len(line) for line in body[:at_row]) + len("张".encode())
    body[at_row] = body[at_row].replace("张".encode(), "张".encode() + b"\xff", 1)
    return head + b"".join(body), offset


@pytest.mark.parametrize("sampling", ["seeking", "no_seeking"])
def test_invalid_utf8_names_the_byte_offset(tmp_path, kit, request, sampling):
    request.getfixturevalue(sampling)
    data, offset = utf8_with_bad_byte(at_row=7999, rows=8000)  # the bad byte is in the last row, past the head
    (tmp_path / "bad.csv").write_bytes(data)
    [table] = open_tables(str(tmp_path / "bad.csv"))
    assert table.encoding == "utf-8"
    message = kit.input_error(lambda: table.sample(5000, seed=0))
    assert f"invalid bytes for encoding utf-8 at byte offset {offset}" in message and "bad.csv" in message
    message = kit.input_error(lambda: list(table.batches()))
    assert f"at byte offset {offset}" in message


def test_invalid_bytes_in_gb18030_and_json_files(tmp_path, kit):
    gbk = "姓名,手机号\n张三,1\n".encode("gb18030")
    (tmp_path / "g.csv").write_bytes(gbk + b"\x81\x20,2\n")
    check(kit, tmp_path / "g.csv", f"gb18030 at byte offset {len(gbk)}")
    data, _ = utf8_with_bad_byte(at_row=50, rows=100)
    lines = data.decode("utf-8", "surrogateescape").splitlines()[1:]
    jsonl = "".join(json.dumps({"v": line}, ensure_ascii=False) + "\n" for line in lines)
    (tmp_path / "bad.jsonl").write_bytes(jsonl.encode("utf-8", "surrogateescape"))
    check(kit, tmp_path / "bad.jsonl", "invalid bytes for encoding utf-8 at byte offset")
    array = "[" + ",".join(json.dumps({"v": line}, ensure_ascii=False) for line in lines) + "]"
    (tmp_path / "bad.json").write_bytes(array.encode("utf-8", "surrogateescape"))
    check(kit, tmp_path / "bad.json", "invalid bytes for encoding utf-8 at byte offset")


@pytest.mark.parametrize("name", ["notes.txt", "old.xls", "archive.rar", "data.csv.lz4", "README"])
def test_unsupported_extension(tmp_path, kit, name):
    (tmp_path / name).write_text(ROW)
    check(kit, tmp_path / name, "unsupported file type")
