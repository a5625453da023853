"""JSON, JSON Lines, Parquet, xlsx and SQLite: columns, text conversion, tables per file."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

from compliance.sources import open_tables

NESTED = [
    {"id": 1, "user": {"phone": "13800138000", "name": "张三", "addr": {"city": "北京"}}, "tags": ["vip", 2]},
    {"id": 2, "user": {"phone": "13900139000"}, "score": 1.50, "ok": True, "none": None, "empty": {}},
]


def test_json_array_nested_objects_become_dotted_columns(tmp_path, kit):
    path = tmp_path / "users.json"
    path.write_text(json.dumps(NESTED, ensure_ascii=False).replace("1.5", "1.50"), encoding="utf-8")
    [table] = open_tables(str(path))
    assert table.format == "json" and table.encoding == "utf-8"
    assert table.columns == ["id", "user.phone", "user.name", "user.addr.city", "tags", "score", "ok", "none"]
    assert (table.rows_total, table.rows_total_exact) == (2, True)
    assert kit.cells(table) == [
        {"id": "1", "user.phone": "13800138000", "user.name": "张三", "user.addr.city": "北京",
         "tags": '["vip",2]', "score": None, "ok": None, "none": None},
        {"id": "2", "user.phone": "13900139000", "user.name": None, "user.addr.city": None,
         "tags": None, "score": "1.50", "ok": "true", "none": None},
    ]  # fmt: skip


def test_json_columns_found_late_are_added(tmp_path):
    rows = [{"id": i} for i in range(1500)] + [{"id": 1500, "late": {"phone": "13800138000"}}]
    path = tmp_path / "late.json"
    path.write_text(json.dumps(rows))
    [table] = open_tables(str(path))
    assert table.columns == ["id"]  # the head (first 1000 items) has only "id"
    sample = table.sample(2000, seed=0)
    assert table.columns == ["id", "late.phone"] and sample.column_names == table.columns
    assert sample.column("late.phone").to_pylist()[-1] == "13800138000"


def test_json_object_stream_and_utf16(tmp_path, kit):
    stream = tmp_path / "stream.json"
    stream.write_text('{"a": 1}\n{"a": 2, "b": "x"}\n')
    assert kit.cells(open_tables(str(stream))[0]) == [{"a": "1", "b": None}, {"a": "2", "b": "x"}]
    utf16 = tmp_path / "u16.json"
    utf16.write_text(json.dumps([{"姓名": "张三"}], ensure_ascii=False), encoding="utf-16")
    [table] = open_tables(str(utf16))
    assert table.encoding == "utf-16-le" and kit.cells(table) == [{"姓名": "张三"}]


def test_jsonl_round_trip(tmp_path, kit):
    path = tmp_path / "users.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in NESTED) + "\n\n", encoding="utf-8")
    [table] = open_tables(str(path))
    assert table.format == "jsonl"
    assert table.columns[:4] == ["id", "user.phone", "user.name", "user.addr.city"]
    rows = kit.cells(table)
    assert [r["user.phone"] for r in rows] == ["13800138000", "13900139000"]
    assert rows[0]["tags"] == '["vip",2]' and rows[1]["score"] == "1.5"
    assert (table.rows_total, table.rows_total_exact) == (2, True)
    ndjson = tmp_path / "users.ndjson"
    ndjson.write_bytes(path.read_bytes())
    assert open_tables(str(ndjson))[0].format == "jsonl"


def test_parquet_structs_timestamps_lists_and_bytes(tmp_path, kit):
    data = pa.table(
        {
            "id": pa.array([1, None], pa.int64()),
            "user": pa.array([{"phone": "13800138000", "addr": {"city": "北京"}}, None]),
            "seen": pa.array([dt.datetime(2024, 1, 31, 8, 0), None], pa.timestamp("s")),
            "at": pa.array([dt.datetime(2024, 1, 31, 8, 0, 0, 1500), None], pa.timestamp("us", tz="Asia/Shanghai")),
            "day": pa.array([dt.date(2024, 1, 31), None], pa.date32()),
            "tags": pa.array([["a", "b"], []], pa.list_(pa.string())),
            "raw": pa.array([b"text", b"\xff\x00"], pa.binary()),
            "amount": pa.array([1.5, 2.0], pa.float64()),
            "flag": pa.array([True, False]),
            "code": pa.array(["x", "y"]).dictionary_encode(),
        }
    )
    path = tmp_path / "t.parquet"
    pq.write_table(data, path)
    [table] = open_tables(str(path))
    assert table.columns == [
        "id",
        "user.phone",
        "user.addr.city",
        "seen",
        "at",
        "day",
        "tags",
        "raw",
        "amount",
        "flag",
        "code",
    ]
    assert (table.rows_total, table.rows_total_exact, table.encoding) == (2, True, None)
    assert kit.cells(table) == [
        {"id": "1", "user.phone": "13800138000", "user.addr.city": "北京", "seen": "2024-01-31T08:00:00",
         "at": "2024-01-31T16:00:00.001500+08:00", "day": "2024-01-31", "tags": '["a","b"]', "raw": "text",
         "amount": "1.5", "flag": "true", "code": "x"},
        {"id": None, "user.phone": None, "user.addr.city": None, "seen": None, "at": None, "day": None, "tags": "[]",
         "raw": None, "amount": "2", "flag": "false", "code": "y"},
    ]  # fmt: skip
    sample = table.sample(5, seed=0)
    assert sample.num_rows == 2 and all(f.type == pa.string() for f in sample.schema)


def test_xlsx_two_sheets(tmp_path, kit):
    workbook = openpyxl.Workbook()
    people = workbook.active
    people.title = "客户"
    people.append(["姓名", "手机号", "生日", None, "姓名"])
    people.append(["张三", 13800138000, dt.datetime(1990, 3, 7), None, "x"])
    people.append([])  # blank rows are skipped
    people.append(["李四", 13900139000.0, dt.datetime(1990, 3, 7, 12, 30), 1.25, None, "right of the header"])
    orders = workbook.create_sheet("orders")
    orders.append([None])  # a leading empty row: the header is the first non-empty row
    orders.append(["order", "paid"])
    orders.append(["A-1", True])
    workbook.create_sheet("empty")
    path = tmp_path / "book.xlsx"
    workbook.save(path)

    tables = open_tables(str(path))
    assert [(t.table, t.format, t.source) for t in tables] == [
        ("客户", "xlsx", str(path)),
        ("orders", "xlsx", str(path)),
        ("empty", "xlsx", str(path)),  # kept without columns, so the report shows it as empty
    ]
    first, second, empty = tables
    assert empty.columns == [] and kit.cells(empty) == []
    assert first.columns == ["姓名", "手机号", "生日", "column_4", "姓名_2"]
    assert kit.cells(first) == [
        {"姓名": "张三", "手机号": "13800138000", "生日": "1990-03-07", "column_4": None, "姓名_2": "x",
         "column_6": None},
        {"姓名": "李四", "手机号": "13900139000", "生日": "1990-03-07T12:30:00", "column_4": "1.25",
         "姓名_2": None, "column_6": "right of the header"},
    ]  # fmt: skip
    assert first.columns[-1] == "column_6" and (first.rows_total, first.rows_total_exact) == (2, True)
    assert kit.cells(second) == [{"order": "A-1", "paid": "true"}]


def test_sqlite_tables(tmp_path, kit):
    path = tmp_path / "crm.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE people (name TEXT, phone TEXT, age INTEGER, score REAL, photo BLOB)")
        db.execute("INSERT INTO people VALUES ('张三', '13800138000', 30, 2.0, x'89504e4700')")
        db.execute("INSERT INTO people VALUES ('李四', NULL, NULL, 2.5, CAST('text' AS BLOB))")
        db.execute("CREATE TABLE codes (k TEXT PRIMARY KEY, v) WITHOUT ROWID")
        db.execute("INSERT INTO codes VALUES ('a', 1)")
        db.execute("CREATE TABLE empty (x)")
        db.execute("CREATE VIEW adults AS SELECT * FROM people")
    db.close()
    before = path.read_bytes()
    tables = open_tables(str(path))
    assert [t.table for t in tables] == ["codes", "empty", "people"]  # views are not tables
    codes, empty, people = tables
    assert people.columns == ["name", "phone", "age", "score", "photo"]
    assert (people.rows_total, people.rows_total_exact, empty.rows_total) == (2, True, 0)
    assert kit.cells(people) == [
        {"name": "张三", "phone": "13800138000", "age": "30", "score": "2", "photo": None},
        {"name": "李四", "phone": None, "age": None, "score": "2.5", "photo": "text"},
    ]
    assert codes.sample(10, seed=0).to_pylist() == [{"k": "a", "v": "1"}]
    assert empty.sample(10, seed=0).num_rows == 0
    assert path.read_bytes() == before  # opened read-only


def test_sqlite_extensions_and_file_names_with_uri_characters(tmp_path, kit):
    path = tmp_path / "we?ird #name%.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (a)")
        db.execute("INSERT INTO t VALUES ('x')")
    db.close()
    [table] = open_tables(str(path))
    assert kit.cells(table) == [{"a": "x"}]
