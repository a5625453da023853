"""Property tests: whatever text the csv module or json.dumps writes, batches() gives back cell for cell.

Cells mix the characters that break naive readers: delimiters, quotes, CR/LF, tabs, Chinese, emoji.
Empty cells come back as null (the documented rule). Headers are plain distinct names: what a header
may look like is a separate question (test_sources_csv covers blank and repeated ones).
"""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.sources import open_tables

TRICKY = [",", ";", "|", "\t", '"', "'", "\n", "\r\n", "\r", " ", "中文", "手机号", "😀", "𠀋", "NA", "null", "\\"]
CELL = st.lists(
    st.one_of(st.sampled_from(TRICKY), st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=6)),
    max_size=5,
).map("".join)
NAME = st.text(st.sampled_from("abcxyz_姓名号码0123"), min_size=1, max_size=6)


@st.composite
def tables(draw):
    names = draw(st.lists(NAME, min_size=1, max_size=5, unique=True))
    rows = draw(st.lists(st.lists(CELL, min_size=len(names), max_size=len(names)), min_size=1, max_size=25))
    return names, rows


def read_back(path: Path, encoding: str | None = None) -> list[list[str | None]]:
    [table] = open_tables(str(path), encoding=encoding)
    return [list(row.values()) for batch in table.batches(batch_rows=7) for row in batch.to_pylist()]


def expected(rows: list[list[str]]) -> list[list[str | None]]:
    return [[cell or None for cell in row] for row in rows]


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(tables(), st.sampled_from([("utf-8", None), ("utf-8-sig", None), ("utf-16", None), ("gb18030", "gb18030")]))
def test_csv_cells_round_trip(table, encoding):
    names, rows = table
    write_as, explicit = encoding
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        with path.open("w", newline="", encoding=write_as) as fh:
            csv.writer(fh).writerows([names, *rows])  # RFC 4180 "\r\n": the csv module then quotes any CR or LF
        [opened] = open_tables(str(path), encoding=explicit)
        assert opened.columns == names
        assert read_back(path, explicit) == expected(rows)


@SETTINGS
@given(tables())
def test_tsv_cells_round_trip(table):
    names, rows = table
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.tsv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, delimiter="\t", lineterminator="\r\n").writerows([names, *rows])
        assert read_back(path) == expected(rows)


@SETTINGS
@given(tables())
def test_jsonl_cells_round_trip(table):
    names, rows = table
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) + "\n")
        [opened] = open_tables(str(path))
        assert opened.columns == names
        # JSON keeps empty strings apart from null: only CSV has no way to tell them apart
        assert read_back(path) == rows


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(tables(), st.integers(0, 2**32 - 1), st.integers(1, 40))
def test_seek_sampling_returns_only_genuine_rows(seeking, table, seed, n):
    """Windows at arbitrary byte offsets, even inside quoted newlines, never yield fragments."""
    names, rows = table
    rows = rows * 8  # enough rows for several windows
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([names, *rows])
        [opened] = open_tables(str(path))
        sample = opened.sample(n, seed=seed)
    genuine = {tuple(row) for row in expected(rows)}
    assert sample.num_rows <= n
    assert all(tuple(row.values()) in genuine for row in sample.to_pylist())
