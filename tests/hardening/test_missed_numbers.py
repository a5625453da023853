"""Numbers stored as floats (``1.3812345678e+10`` from Excel or pandas) and integers are normalised
before detection (issue 8). Floats beyond 2**53 have lost digits: an 18-digit ID stored as a float is
unrecoverable and is not reported as an ID (documented in compliance/detect/normalise.py).
"""

from __future__ import annotations

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detect.normalise import MAX_EXACT_FLOAT, integral_text, normalise_value
from compliance.sources.convert import text_array

from .missed_support import columns, example_mobiles


def test_pandas_style_float_text_in_csv(tmp_path):
    mobiles = example_mobiles(30)
    path = tmp_path / "pandas.csv"
    spelled = [f"{float(m):.10e}" for m in mobiles[:15]] + [f"{m}.0" for m in mobiles[15:]]
    assert spelled[0].startswith("1.") and "e+10" in spelled[0]
    path.write_text("mobile\n" + "\n".join(spelled) + "\n", encoding="utf-8")
    assert columns(path) == {"mobile": ["CN_MOBILE"]}


@pytest.mark.parametrize("kind", [pa.float64(), pa.int64()])
def test_parquet_numeric_columns(tmp_path, kind):
    mobiles = [int(m) for m in example_mobiles(30)]
    path = tmp_path / "n.parquet"
    pq.write_table(pa.table({"c3": pa.array(mobiles, pa.int64()).cast(kind)}), path)
    assert columns(path) == {"c3": ["CN_MOBILE"]}


def test_excel_numbers(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["联系电话"])
    for m in example_mobiles(30):
        sheet.append([float(m)])
    path = tmp_path / "x.xlsx"
    book.save(path)
    found = columns(path)
    assert list(found.values()) == [["CN_MOBILE"]]


def test_float_ids_beyond_two_to_the_53_are_not_recovered():
    stored = float("110105194912310021")  # an 18-digit ID as a float: the last digits are gone
    assert integral_text(repr(stored)) is None
    assert text_array(pa.array([stored])).to_pylist() == [repr(stored)]


@given(st.integers(-(2**53) + 1, 2**53 - 1))
@settings(max_examples=300)
def test_integral_floats_become_their_digits(number):
    as_float = float(number)
    assert normalise_value(repr(as_float)) == [str(int(as_float))]
    assert normalise_value(f"{number}.0") == [str(number)]
    assert text_array(pa.array([as_float], pa.float64())).to_pylist() == [str(int(as_float))]


@given(st.floats(allow_nan=False, allow_infinity=False))
@settings(max_examples=300)
def test_non_integral_floats_keep_their_spelling(value):
    if value.is_integer() and abs(value) < MAX_EXACT_FLOAT:
        return
    assert normalise_value(repr(value)) == [repr(value)]
