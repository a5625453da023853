"""Wide tables (issue 8): a column limit with a clear error, and wide scans whose results do not change.

Before: 10,000 columns took 42 s and 100,000 over 300 s. Now small columns share their regex calls
(detect/tally_group.py), CSV samples of wide tables read fewer, longer windows, and a table wider
than ``--max-columns`` (default 20,000) is one error line. The timing is in
benchmarks/bench_hardening.py; here: the limit, and that grouping yields exactly the per-column tallies.
"""

from __future__ import annotations

import json

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from benchmarks.bomb_files import wide_csv
from compliance.cli import inputs
from compliance.detect.detectors import value_detectors
from compliance.detect.tally import ColumnTally, tally_column
from compliance.detect.tally_group import ColumnJob, tally_columns
from compliance.scanner import DEFAULT_MAX_COLUMNS

from .crash_support import assert_clean_failure, assert_scanned, good_csv, json_report, run_in_process


def _csv(path, columns: int, rows: int = 3):
    with path.open("w", encoding="utf-8") as handle:
        handle.write(",".join(f"c{i}" for i in range(columns)) + "\n")
        for r in range(rows):
            handle.write(",".join(str((i * 7 + r) % 1000) for i in range(columns)) + "\n")
    return path


def test_100000_columns_are_refused_with_one_line_and_the_rest_is_reported(tmp_path):
    _csv(tmp_path / "very_wide.csv", 100_000)
    good_csv(tmp_path)
    result = run_in_process(["scan", "--format", "json", "very_wide.csv", "good.csv"], tmp_path)
    (line,) = assert_clean_failure(result.exit_code, result.stderr, "very_wide.csv")
    assert "100,000 columns, more than the limit of 20,000" in line and "--max-columns" in line
    assert_scanned(json_report(result.stdout), "good.csv")


def test_max_columns_applies_to_every_format(tmp_path):
    _csv(tmp_path / "wide.csv", 60)
    (tmp_path / "wide.json").write_text(json.dumps([{f"k{i}": i for i in range(60)}]), encoding="utf-8")
    workbook = Workbook()
    workbook.active.title = "宽表"
    workbook.active.append([f"h{i}" for i in range(60)])
    workbook.active.append(list(range(60)))
    workbook.save(tmp_path / "wide.xlsx")
    _csv(tmp_path / "narrow.csv", 50)
    result = run_in_process(
        ["scan", "--format", "json", "--max-columns", "50", "wide.csv", "wide.json", "wide.xlsx", "narrow.csv"],
        tmp_path,
    )
    lines = assert_clean_failure(result.exit_code, result.stderr, "wide.csv", "wide.json", "wide.xlsx")
    assert all("60 columns, more than the limit of 50" in line for line in lines), lines
    assert_scanned(json_report(result.stdout), "narrow.csv")


def test_the_cli_default_is_the_scanner_default():
    assert inputs.DEFAULT_MAX_COLUMNS == DEFAULT_MAX_COLUMNS


def test_a_wide_sampled_scan_finds_the_personal_columns(tmp_path):
    wide_csv(tmp_path / "survey.csv", columns=2_000, rows=200)
    result = run_in_process(["scan", "--format", "json", "survey.csv"], tmp_path)
    assert result.exit_code in (0, 1), result.stderr
    (asset,) = json_report(result.stdout)["assets"]
    assert len(asset["columns"]) == 2_000
    found = {c["name"]: [e["type"] for e in c["entities"]] for c in asset["columns"] if c["name"].startswith("mobile")}
    assert found and all("CN_MOBILE" in types for types in found.values()), found


# --- grouping the regex work changes no tally --------------------------------------------------
_cells = st.one_of(
    st.sampled_from(["13812345678", "+86 139 1234 5678", "110101199003074514", "6222021234567890128", "N/A", "未提供"]),
    st.sampled_from(["zhang.wei@example.com", "192.168.1.20", "京A12345", "张伟", "Michael Miller", "2024-05-01"]),
    st.from_regex(r"[0-9]{1,12}", fullmatch=True),
    st.text(alphabet="ab 1-张@.", max_size=12),
    st.none(),
)
_columns = st.lists(st.lists(_cells, min_size=0, max_size=30), min_size=1, max_size=12)


def _sinks(store: list, name: str):
    def sink(entity, values, counts):
        store.append((name, entity, values.to_pylist(), [int(c) for c in counts]))

    return sink


@given(columns=_columns, shape=st.booleans(), embedded=st.booleans(), subset=st.integers(0, 19))
@settings(max_examples=60, deadline=None)
def test_grouped_tallies_equal_per_column_tallies(columns, shape, embedded, subset):
    detectors = value_detectors()
    strong = [d for d in detectors if d.strong] if embedded else []
    chosen = [detectors, detectors[subset:], []]  # full passes give columns different detectors
    alone, grouped = {}, {}
    alone_sink, grouped_sink = [], []
    jobs = []
    for i, cells in enumerate(columns):
        array = pa.array(cells, pa.string())
        name, wanted = f"c{i}", chosen[i % 3]
        alone[name] = ColumnTally(name)
        tally_column(array, alone[name], wanted, embedded=strong, sink=_sinks(alone_sink, name), shape=shape)
        grouped[name] = ColumnTally(name)
        jobs.append(ColumnJob(array, grouped[name], list(wanted), strong, _sinks(grouped_sink, name), shape))
    tally_columns(jobs)
    assert grouped == alone
    assert sorted(map(repr, grouped_sink)) == sorted(map(repr, alone_sink))
