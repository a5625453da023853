"""Wide tables (issue 8): the per-column steps done for many columns at once change no result.

``distinct_group.distinct_many`` finds the distinct normalised values of many columns in one pass,
and ``tally_group`` tallies columns that look for the same detectors as one array. Both must give
every column exactly what the per-column functions give: values, counts, order, placeholders,
entity counts, examples and what the fact sinks receive.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detect import normalise, tally_group
from compliance.detect.detectors import value_detectors
from compliance.detect.distinct_group import distinct_many
from compliance.detect.tally import NUMERIC, PROSE, ColumnTally, distinct_values, tally_column
from compliance.detect.tally_group import ColumnJob, tally_columns

#: spellings every normalisation step meets: floats, JSON lists, full width, placeholders in any case,
#: padding, masked values, long text
_cells = st.one_of(
    st.sampled_from(
        [
            "13812345678",
            "1.3812345678e+10",
            "13812345678.0",
            "１３８１２３４５６７８",
            '["13812345678", "13912345678"]',
            '{"a": "张伟", "b": [1.0, null]}',
            "[]",
            " 13812345678 ",
            "N/A",
            "n/a",
            "NULL",
            "Null",
            "未提供",
            "０",
            "0.0",
            "",
            "   ",
            "\u3000",
            "138****5678",
            "张*",
            "110101199003074514",
            "110101 19900307 4514",
            "6222021234567890128",
            "zhang.wei@example.com",
            "z***@example.com",
            "5230.07",
            "2024-05-01",
            "张伟",
            "Zhang Wei",
            "WANG, Xiaoming",
            "北京市朝阳区建国路88号",
            "联系 13812345678 谢谢",
            "x" * 5000,
        ]
    ),
    st.from_regex(r"[0-9]{1,12}(\.[0-9]{1,3})?", fullmatch=True),
    st.text(alphabet='ab 1-张@.Ｎ／Ａ[]"{}e+', max_size=14),
    st.none(),
)
_columns = st.lists(st.lists(_cells, min_size=0, max_size=25), min_size=1, max_size=14)


@given(columns=_columns)
@settings(max_examples=120, deadline=None)
def test_distinct_many_equals_distinct_values_per_column(columns):
    arrays = [pa.array(cells, pa.string()) for cells in columns]
    alone = [ColumnTally(f"c{i}") for i in range(len(arrays))]
    together = [ColumnTally(f"c{i}") for i in range(len(arrays))]
    expected = [distinct_values(array, tally) for array, tally in zip(arrays, alone, strict=True)]
    found = distinct_many(arrays, together)
    assert together == alone  # the placeholders counted per column
    for (values, counts), (want_values, want_counts) in zip(found, expected, strict=True):
        assert values.to_pylist() == want_values.to_pylist()
        assert counts.tolist() == want_counts.tolist()


def _sink(store: list, name: str):
    def sink(entity, values, counts):
        store.append((name, entity, values.to_pylist(), [int(c) for c in counts]))

    return sink


@given(columns=_columns, shape=st.booleans(), embedded=st.booleans(), subset=st.integers(0, 19), small=st.booleans())
@settings(max_examples=80, deadline=None)
def test_columns_tallied_as_one_array_equal_per_column_tallies(columns, shape, embedded, subset, small):
    detectors = value_detectors()
    strong = [d for d in detectors if d.strong] if embedded else []
    chosen = [detectors, detectors, detectors[subset:]]  # mostly alike: they are tallied together
    alone, grouped, alone_sink, grouped_sink, jobs = {}, {}, [], [], []
    for i, cells in enumerate(columns):
        array = pa.array(cells, pa.string())
        name, wanted = f"c{i}", list(chosen[i % 3])
        alone[name] = ColumnTally(name)
        tally_column(array, alone[name], wanted, embedded=strong, sink=_sink(alone_sink, name), shape=shape)
        grouped[name] = ColumnTally(name)
        jobs.append(ColumnJob(array, grouped[name], wanted, strong, _sink(grouped_sink, name), shape))
    if small:  # tiny groups: several groups and chunks of the same kind
        original = tally_group.GROUP_VALUES, tally_group.GROUP_CELLS
        tally_group.GROUP_VALUES, tally_group.GROUP_CELLS = 7, 9
        try:
            tally_columns(jobs)
        finally:
            tally_group.GROUP_VALUES, tally_group.GROUP_CELLS = original
    else:
        tally_columns(jobs)
    assert grouped == alone
    assert sorted(map(repr, grouped_sink)) == sorted(map(repr, alone_sink))
    for name in alone:  # and each column's sink calls in the same order
        assert [e for e in grouped_sink if e[0] == name] == [e for e in alone_sink if e[0] == name]


@given(values=st.lists(_cells, min_size=0, max_size=60), subset=st.integers(0, 19))
@settings(max_examples=80, deadline=None)
def test_alternation_then_each_pattern_gives_each_patterns_own_matches(values, subset):
    array = pa.array(values, pa.string())
    whole = [d.anchored for d in value_detectors()[subset:]]
    patterns = [*whole, PROSE, NUMERIC]
    original = tally_group.DIRECT_VALUES
    for direct in (0, original):  # the alternation path (many values) and the direct one
        tally_group.DIRECT_VALUES = direct
        try:
            found = tally_group._masks(array, patterns, set(whole))
        finally:
            tally_group.DIRECT_VALUES = original
        for pattern in patterns:
            expected = pc.fill_null(pc.match_substring_regex(array, pattern), False).to_pylist()
            assert found[pattern].tolist() == expected


#: ASCII, ideographs at the ends of U+4000-U+9FFF, and what NFKC or trimming changes
_MIXED = list("ab1 ,.\t\u3000张伟陳䷀\u4dbf\u9fff\u4000\uff11\u0301é\x7f\x85\u00a0")


@given(texts=st.lists(st.text(alphabet=st.sampled_from(_MIXED), max_size=8), max_size=30))
@settings(max_examples=300, deadline=None)
def test_values_that_skip_nfkc_are_their_own_nfkc_form(texts):
    array = pa.array(texts, pa.string())
    skipped = normalise._han_and_ascii(array)
    folded = pc.utf8_trim_whitespace(pc.utf8_normalize(array, form="NFKC")).to_pylist()
    for text, skip, fold in zip(texts, skipped.tolist(), folded, strict=True):
        if skip:
            assert fold == text
