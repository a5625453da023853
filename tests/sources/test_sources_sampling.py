"""Sampling: spread over the whole input, deterministic per seed, different across seeds, bounded memory.

The 200k-row CSV is larger than ``textfile.FULL_READ_BELOW_BYTES``, so its default sample takes the
seek-and-window path; the ``no_seeking`` runs check the whole-file reservoir path on the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sqlite3
import tracemalloc

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from compliance.sources import open_tables, textfile

N_ROWS = 200_000


def phone(i: int) -> str:
    return f"138{i:08d}"


def note(i: int) -> str:
    return f'第{i}行\n备注, "引号" {i}' if i % 5 == 0 else f"note {i}, ok"


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("sampling") / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["id", "手机号", "备注", "city"])
        writer.writerows([i, phone(i), note(i), "北京"] for i in range(N_ROWS))
    assert path.stat().st_size > textfile.FULL_READ_BELOW_BYTES
    return str(path)


def ids_of(sample: pa.Table) -> list[int]:
    return [int(v) for v in sample.column("id").to_pylist()]


def assert_genuine(sample: pa.Table) -> None:
    """Every sampled row is a real row of the file, whole and aligned (no fragments)."""
    for row in sample.to_pylist():
        i = int(row["id"])
        assert row == {"id": str(i), "手机号": phone(i), "备注": note(i), "city": "北京"}


@pytest.mark.parametrize("path_kind", ["default", "no_seeking"])
def test_csv_sample_spans_the_whole_file(big_csv, request, path_kind):
    if path_kind == "no_seeking":
        request.getfixturevalue("no_seeking")
    [table] = open_tables(big_csv)
    sample = table.sample(1000, seed=0)
    ids = ids_of(sample)
    assert len(ids) == 1000 and len(set(ids)) == 1000
    assert ids == sorted(ids)  # file order
    assert any(i >= 0.9 * N_ROWS for i in ids), "no row from the last 10% of the file"
    assert any(i < 0.1 * N_ROWS for i in ids)
    assert_genuine(sample)


def test_csv_sample_is_deterministic_and_seed_dependent(big_csv):
    [table] = open_tables(big_csv)
    first = table.sample(1000, seed=0)
    assert open_tables(big_csv)[0].sample(1000, seed=0).equals(first)
    other = ids_of(table.sample(1000, seed=1))
    assert len(set(other) - set(ids_of(first))) > 900


def test_seek_sample_estimates_the_row_count(big_csv):
    [table] = open_tables(big_csv)
    table.sample(1000, seed=0)
    assert not table.rows_total_exact
    assert abs(table.rows_total - N_ROWS) < 0.05 * N_ROWS


def test_reservoir_sample_counts_exactly(big_csv, no_seeking):
    [table] = open_tables(big_csv)
    table.sample(100, seed=0)
    assert (table.rows_total, table.rows_total_exact) == (N_ROWS, True)


def test_seek_sample_reads_little_and_holds_little(big_csv):
    [table] = open_tables(big_csv)
    arrow_before = pa.total_allocated_bytes()
    tracemalloc.start()
    try:
        table.sample(1000, seed=0)
        _, python_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    file_size = os.path.getsize(big_csv)
    assert python_peak < file_size / 4  # a thousand small windows, never the file
    assert pa.total_allocated_bytes() - arrow_before < file_size / 4


def full_read_peaks(path: str) -> tuple[int, int]:
    """(Python peak, Arrow pool peak) while streaming every row of ``path``."""
    [table] = open_tables(path)
    tracemalloc.start()
    arrow_peak, rows = 0, 0
    try:
        for batch in table.batches(batch_rows=10_000):
            rows += batch.num_rows
            arrow_peak = max(arrow_peak, pa.total_allocated_bytes())
        _, python_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == table.rows_total and table.rows_total_exact
    return python_peak, arrow_peak


def test_full_read_memory_does_not_grow_with_the_file(big_csv, tmp_path):
    """Stream a ~150 MB copy: memory stays at pyarrow's read-ahead of a few 1 MiB blocks."""
    with open(big_csv, "rb") as src:
        header, body = src.readline(), src.read()
    path = tmp_path / "x16.csv"
    path.write_bytes(header + body * 16)
    python_peak, arrow_peak = full_read_peaks(str(path))
    size = path.stat().st_size
    assert size > 140e6
    assert python_peak < 8 << 20
    assert arrow_peak < 64 << 20  # read-ahead is bounded (~36 MB measured), the file is not held


def test_windows_that_start_inside_quoted_newlines_yield_no_fragments(tmp_path, seeking):
    """Worst case for byte-offset sampling: every record spans two lines, the first field quoted."""
    path = tmp_path / "multiline.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["address", "id", "phone"])
        writer.writerows([f"line one {i}\nline two {i}", i, phone(i)] for i in range(20_000))
    [table] = open_tables(str(path))
    sample = table.sample(300, seed=3)
    assert sample.num_rows >= 250
    for row in sample.to_pylist():
        i = int(row["id"])
        assert row == {"address": f"line one {i}\nline two {i}", "id": str(i), "phone": phone(i)}


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-16", ","), ("gb18030", "\t"), ("utf-8-sig", ";")])
def test_seek_sample_in_other_encodings_and_delimiters(tmp_path, seeking, encoding, delimiter):
    path = tmp_path / "other.csv"
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(["id", "手机号", "备注", "city"])
        writer.writerows([i, phone(i), note(i), "北京"] for i in range(30_000))
    [table] = open_tables(str(path))
    sample = table.sample(300, seed=0)
    ids = ids_of(sample)
    assert len(set(ids)) == 300 and any(i >= 27_000 for i in ids)
    assert_genuine(sample)


def test_values_with_many_line_breaks_widen_the_windows(tmp_path, seeking):
    path = tmp_path / "letters.csv"
    letter = "\n".join(f"第{k}段 paragraph {k}" for k in range(30))
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["id", "letter"])
        writer.writerows([i, f"{letter}\n— {i}"] for i in range(3000))
    [table] = open_tables(str(path))
    sample = table.sample(50, seed=0)
    assert sample.num_rows >= 40
    assert all(row["letter"] == f"{letter}\n— {row['id']}" for row in sample.to_pylist())


@pytest.fixture(scope="module")
def big_jsonl(tmp_path_factory):
    path = tmp_path_factory.mktemp("sampling") / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(N_ROWS):
            fh.write(json.dumps({"id": i, "user": {"phone": phone(i)}}, ensure_ascii=False) + "\n")
    return str(path)


def test_jsonl_seek_sample(big_jsonl, seeking):
    [table] = open_tables(big_jsonl)
    sample = table.sample(1000, seed=0)
    ids = ids_of(sample)
    assert len(set(ids)) == 1000 and any(i >= 0.9 * N_ROWS for i in ids)
    assert all(row["user.phone"] == phone(int(row["id"])) for row in sample.to_pylist())
    assert table.sample(1000, seed=0).equals(sample)
    assert set(ids_of(table.sample(1000, seed=1))) != set(ids)
    assert abs(table.rows_total - N_ROWS) < 0.05 * N_ROWS and not table.rows_total_exact


def test_parquet_sample_across_row_groups(tmp_path):
    path = tmp_path / "groups.parquet"
    data = pa.table({"id": range(50_000), "phone": [phone(i) for i in range(50_000)]})
    pq.write_table(data, path, row_group_size=2_500)
    [table] = open_tables(str(path))
    sample = table.sample(200, seed=0)
    ids = ids_of(sample)
    assert len(set(ids)) == 200 and any(i >= 45_000 for i in ids) and any(i < 5_000 for i in ids)
    assert all(row["phone"] == phone(int(row["id"])) for row in sample.to_pylist())
    assert table.sample(200, seed=0).equals(sample)
    assert set(ids_of(table.sample(200, seed=1))) != set(ids)


def test_sqlite_sample_by_rowid(tmp_path):
    path = tmp_path / "s.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE people (id INTEGER, phone TEXT)")
        db.executemany("INSERT INTO people VALUES (?, ?)", [(i, phone(i)) for i in range(50_000)])
        db.execute("DELETE FROM people WHERE id % 3 = 0")  # gaps in the rowids
    db.close()
    [table] = open_tables(str(path))
    sample = table.sample(300, seed=0)
    ids = ids_of(sample)
    assert len(set(ids)) == 300 and any(i >= 45_000 for i in ids) and all(i % 3 for i in ids)
    assert table.sample(300, seed=0).equals(sample)
    assert set(ids_of(table.sample(300, seed=1))) != set(ids)


def test_xlsx_and_json_reservoirs_are_spread_and_seeded(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["id", "phone", "day"])
    for i in range(3000):
        sheet.append([i, int(phone(i)), dt.date(2024, 1, 1) + dt.timedelta(days=i % 300)])
    workbook.save(tmp_path / "r.xlsx")
    (tmp_path / "r.json").write_text(json.dumps([{"id": i, "phone": phone(i)} for i in range(3000)]))
    for name in ("r.xlsx", "r.json"):
        [table] = open_tables(str(tmp_path / name))
        sample = table.sample(100, seed=0)
        ids = ids_of(sample)
        assert len(set(ids)) == 100 and ids == sorted(ids) and any(i >= 2700 for i in ids)
        assert all(row["phone"] == phone(int(row["id"])) for row in sample.to_pylist())
        assert table.sample(100, seed=0).equals(sample)
        assert set(ids_of(table.sample(100, seed=1))) != set(ids)
        assert (table.rows_total, table.rows_total_exact) == (3000, True)
