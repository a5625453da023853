"""The column masks equal the scalar checks on the rules beyond the census lists too.

Pools: every value of the independent test data (tests/data/*.csv: pinyin, traditional, accented,
multi-country, titled, given-only and non-personal columns) and variants hypothesis builds from
them: case changes, commas, swapped order, hyphens, titles, brackets, traditional characters,
forms of address and odd whitespace, so that each new rule's edges are met.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.detect.detectors import _is_name, _name_mask
from compliance.detect.lexicon import (
    chinese_name_mask,
    given_name_mask,
    is_chinese_name,
    is_given_name,
    is_latin_name,
    latin_name_mask,
    names,
)

DATA = Path(__file__).resolve().parent.parent / "data"
PAIRS = [
    (chinese_name_mask, is_chinese_name),
    (latin_name_mask, is_latin_name),
    (given_name_mask, is_given_name),
    (_name_mask, _is_name),
]


def _data_values() -> list[str]:
    out = []
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                out.extend(v for v in row.values() if v)
    return sorted(set(out))


VALUES = _data_values()
EDGES = [
    "Zhang Wei",
    "ZHANG, WEI",
    "WANG Xiaoming",
    "zhang wei",
    "Zhang Xiao-ming",
    "Chan Tai Man",
    "Xi An",
    "Mr. Zhang",
    "Mr. Smith",
    "Mr.",
    "Dr. Smith,",
    "SMITH, John",
    "Smith,John",
    "Kowalski,Jan-Piotr",
    "Allen, Miss Elisabeth Walton",
    "Cohen, Mr Gurshon (Gus)",
    "Marc Dequènes (Duck)",
    "Mar(x)ia Lopez",
    "Paris, France",
    "Smith, Virginia",
    "Иван Петров",
    "ИВАНОВ Иван",
    "Иван",
    "Maria",
    "MARIA",
    "maria",
    "Jean-Luc",
    "Jean-",
    "O'Brien",
    "Rose",
    "Łukasz",
    "Gál Ferenc",
    "Ferenc Gál",
    "Hong Kong",
    "Santa Ana",
    "陳大文",
    "張偉先生",
    "李女士",
    "王 先生",
    "買買提·艾力",
    "陳·",
    "欧阳女士",
    "先生",
    "女士们",
]


def _assert_same(mask, check, values) -> None:
    got = mask(pa.array(values, type=pa.string())).tolist()
    expected = [v is not None and check(v) for v in values]
    differ = [(v, e) for v, g, e in zip(values, got, expected, strict=True) if g != e]
    assert not differ, differ[:10]


def test_masks_equal_the_scalar_checks_on_the_independent_data():
    for mask, check in PAIRS:
        _assert_same(mask, check, VALUES + EDGES + [None])


_TRAD = {}
for _code, _simple in names.traditional_map().items():
    _TRAD.setdefault(_simple, chr(_code))


def _variant(value: str, how: int) -> str:
    words = value.split()
    if how == 0:
        return value.upper()
    if how == 1:
        return value.lower()
    if how == 2 and len(words) >= 2:
        return f"{words[0]}, {' '.join(words[1:])}"
    if how == 3 and len(words) >= 2:
        return " ".join(words[1:] + words[:1])
    if how == 4 and len(words) >= 2:
        return f"{words[0]} {'-'.join(words[1:])}"
    if how == 5:
        return f"Mr. {value}"
    if how == 6:
        return f"{value} (Jr)"
    if how == 7:
        return "".join(_TRAD.get(c, c) for c in value)
    if how == 8:
        return value + "先生"
    if how == 9:
        return "\u3000".join(words) if words else value
    if how == 10:
        return value.title()
    return value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(VALUES + EDGES), st.integers(0, 11)), min_size=1, max_size=40))
def test_masks_equal_the_scalar_checks_on_variants(picks):
    values = [_variant(v, how) for v, how in picks]
    for mask, check in PAIRS:
        _assert_same(mask, check, values)
