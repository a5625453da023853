"""A CSV sample's windows parsed in one call give exactly what parsing them one by one gives.

``CsvTable._sample_in_one_parse`` joins the windows (each followed by a marker row) and parses them
once; when any window would need the per-window retries or widening it declines, and the window loop
runs as before. Here both paths run on the same files (the one-parse path switched off for the
reference): same rows, same order, same row estimate, same errors.
"""

from __future__ import annotations

import csv

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.errors import InputError
from compliance.sources import csv_reader, open_tables
from compliance.sources.csv_reader import CsvTable

_cells = st.one_of(
    st.sampled_from(["", "13812345678", "张伟", "a,b", 'say "hi"', "two\nlines", "x\r\ny", "N/A", " pad "]),
    st.text(alphabet='ab1 ,"\n;|\t张', max_size=8),
)


def _write(path, rows, delimiter=",", lineterminator="\n", encoding="utf-8"):
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator=lineterminator)
        writer.writerow([f"c{i}" for i in range(len(rows[0]))])
        writer.writerows(rows)
    return str(path)


def _both(path, n, seed, monkeypatch):
    """(one parse, window by window): each a sample table and the row estimate, or the error text."""
    results = []
    for joined in (True, False):
        with monkeypatch.context() as patched:
            if not joined:
                patched.setattr(CsvTable, "_sample_in_one_parse", lambda *args: None)
            try:
                [table] = open_tables(path)
                sample = table.sample(n, seed)
                results.append((sample.to_pylist(), sample.column_names, table.rows_total))
            except InputError as err:
                results.append(str(err))
    return results


@given(
    rows=st.lists(st.lists(_cells, min_size=3, max_size=3), min_size=1, max_size=60),
    n=st.integers(1, 40),
    seed=st.integers(0, 3),
    delimiter=st.sampled_from([",", ";", "\t"]),
    crlf=st.booleans(),
)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_one_parse_equals_window_by_window(tmp_path_factory, monkeypatch, seeking, rows, n, seed, delimiter, crlf):
    path = _write(tmp_path_factory.mktemp("w") / "t.csv", rows, delimiter, "\r\n" if crlf else "\n")
    joined, alone = _both(path, n, seed, monkeypatch)
    assert joined == alone


def test_a_wide_table_is_parsed_once(tmp_path, monkeypatch, seeking):
    rows = [[f"{r}-{c}" for c in range(3000)] for r in range(300)]
    path = _write(tmp_path / "wide.csv", rows)
    calls = []
    real = csv_reader._parse
    monkeypatch.setattr(csv_reader, "_parse", lambda *args, **kw: calls.append(1) or real(*args, **kw))
    [table] = open_tables(path)
    calls.clear()
    sample = table.sample(200, 0)
    assert len(calls) == 1 and 100 < sample.num_rows <= 200  # windows of a short file overlap: fewer rows
    assert all(row["c0"].split("-")[1] == "0" and row["c2999"].endswith("-2999") for row in sample.to_pylist())
    assert _both(path, 200, 0, monkeypatch)[0] == _both(path, 200, 0, monkeypatch)[1]


@pytest.mark.parametrize("broken", ['1,"unclosed\n', "1,2\n", "\n\n", "1,2,3,4\n"])
def test_broken_rows_fall_back_to_the_window_loop(tmp_path, monkeypatch, seeking, broken):
    body = "".join(broken if i > 20 and i % 7 == 3 else f"{i},v{i},w{i}\n" for i in range(400))
    path = tmp_path / "broken.csv"
    path.write_text("a,b,c\n" + body, encoding="utf-8")
    joined, alone = _both(str(path), 50, 1, monkeypatch)
    assert joined == alone


@given(
    data=st.text(alphabet='ab,"\n\r', max_size=40).map(str.encode),
    position=st.integers(0, 10),
    at_eof=st.booleans(),
    inside=st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_record_span_without_quotes_equals_the_scan(data, position, at_eof, inside):
    position = min(position, len(data))
    if position and data[position - 1 : position] != b"\n":
        position = 0  # a line start
    scanned = _scanned_span(data, position, at_eof, inside=inside)
    assert csv_reader.record_span(data, position, at_eof, inside=inside) == scanned


def _scanned_span(data: bytes, position: int, at_eof: bool, *, inside: bool) -> tuple[int, int]:
    """The quote-by-quote scan, as record_span does it for data holding quotes."""
    quoted, start, end = inside, None if inside else position, position
    for index in range(position, len(data)):
        if data[index] == ord('"'):
            quoted = not quoted
        elif data[index] == ord("\n") and not quoted:
            if start is None:
                start = index + 1
            end = index + 1
    if start is None:
        return 0, 0
    if at_eof and not quoted:
        end = len(data)
    return start, max(end, start)
