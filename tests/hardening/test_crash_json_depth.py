"""JSON nested 10,000 and 100,000 levels (issue 8): one line, exit 2, the other inputs still reported.

Before: a RecursionError traceback (10,000 levels) or minutes and gigabytes (100,000 levels, ijson
names every event by its full prefix), and the other inputs lost their report.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.errors import InputError
from compliance.sources import open_tables
from compliance.sources.convert import MAX_NESTING
from compliance.sources.json_depth import DepthGuard, TooDeep

from .crash_support import assert_clean_failure, assert_scanned, good_csv, json_report, run_subprocess


def nested_objects(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def nested_arrays(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_deep_json_and_json_lines_are_one_line_each_and_the_rest_is_reported(tmp_path):
    cases = {
        "array_10k.json": "[" + nested_objects(10_000) + "]",
        "array_100k.json": "[" + nested_objects(100_000) + "]",
        "stream_100k.json": nested_objects(100_000),  # a top-level object, not an array
        "list_10k.json": '[{"a":' + nested_arrays(10_000) + "}]",  # arrays inside a value
        "late_10k.json": '[{"a":1},{"a":2},' + nested_objects(10_000) + "]",  # after good items
        "lines_10k.jsonl": '{"a":1}\n' + nested_objects(10_000) + "\n",
        "lines_100k.jsonl": nested_objects(100_000) + "\n",
        "lines_list_100k.jsonl": '{"a":' + nested_arrays(100_000) + "}\n",
    }
    for name, body in cases.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    good_csv(tmp_path)
    result = run_subprocess(["scan", "--format", "json", *cases, "good.csv"], tmp_path)
    lines = assert_clean_failure(result.returncode, result.stderr, *cases)
    assert all(f"nested deeper than {MAX_NESTING} levels" in line for line in lines), lines
    report = json_report(result.stdout)
    assert_scanned(report, "good.csv")
    assert {a["source"] for a in report["assets"] if a["status"] == "error"} == set(cases)


def test_nesting_at_the_limit_is_read_and_one_deeper_is_refused(tmp_path):
    # the record itself is level 1: MAX_NESTING objects in all is the deepest record accepted
    ok = tmp_path / "ok.json"
    ok.write_text("[" + nested_objects(MAX_NESTING) + "]", encoding="utf-8")
    (table,) = open_tables(str(ok))
    rows = [batch.num_rows for batch in table.batches()]
    assert sum(rows) == 1
    assert table.columns == [".".join(["a"] * MAX_NESTING)]
    too_deep = tmp_path / "too_deep.jsonl"
    too_deep.write_text(nested_objects(MAX_NESTING + 1) + "\n", encoding="utf-8")
    try:
        open_tables(str(too_deep))
    except InputError as err:
        assert "too_deep.jsonl: line 1" in str(err)
    else:
        raise AssertionError("a record nested one level too deep was accepted")


# --- the byte-level guard agrees with the parsed depth, however the bytes are cut into chunks -----
_leaf = st.one_of(
    st.integers(-5, 5),
    st.booleans(),
    st.none(),
    st.text(alphabet='ab"\\[]{}\n\u5f20', max_size=6),  # quotes, escapes and brackets inside strings
)
_json = st.recursive(
    _leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(alphabet='k"[\\', max_size=3), inner, max_size=3)
    ),
    max_leaves=25,
)


def depth_of(value) -> int:
    if isinstance(value, list):
        return 1 + max((depth_of(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth_of(v) for v in value.values()), default=0)
    return 0


@given(value=_json, cuts=st.lists(st.integers(1, 7), min_size=1, max_size=40))
@settings(max_examples=300, deadline=None)
def test_depth_guard_measures_the_parsed_depth(value, cuts):
    data = json.dumps(value, ensure_ascii=False).encode("utf-8")
    depth = depth_of(value)
    for limit, refused in ((depth, False), (depth - 1, depth > 0)):
        guard = DepthGuard(limit)
        chunks, start = [], 0
        for size in cuts * (len(data) // max(sum(cuts), 1) + 1):
            chunks.append(data[start : start + size])
            start += size
        try:
            for chunk in chunks:
                guard.feed(chunk)
        except TooDeep:
            assert refused, (value, limit)
        else:
            assert not refused, (value, limit)
            assert guard.depth == 0
