"""'Under 14' (不满十四周岁, PIPL Art 28, 31) is computed on the exact birth date.

A child born 2012-11-28 is 14 on 2026-11-28: not a minor under 14 on that date, a minor the day before.
The reference below is the plain calendar definition of age in completed years, independent of the
counter's cut-off arithmetic.
"""

from __future__ import annotations

import datetime

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.iso7064 import mod_11_2

from compliance.classify.minors import MinorsCounter


def _rid(born: datetime.date) -> str:
    body = f"310104{born:%Y%m%d}302"
    return body + mod_11_2.calc_check_digit(body)


def _is_minor(born: datetime.date, as_of: datetime.date) -> bool:
    counter = MinorsCounter(as_of, 14)
    counter.add(pa.array([_rid(born)]), np.array([1]))
    assert counter.with_id == 1
    return counter.minors == 1


def _age(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@pytest.mark.parametrize(
    ("as_of", "minor"),
    [("2026-11-27", True), ("2026-11-28", False), ("2026-11-29", False)],
    ids=["day-before-birthday", "14th-birthday", "day-after"],
)
def test_born_2012_11_28(as_of, minor):
    assert _is_minor(datetime.date(2012, 11, 28), datetime.date.fromisoformat(as_of)) is minor


def test_leap_day_birth_is_14_on_1_march_in_a_common_year():
    born = datetime.date(2012, 2, 29)
    assert _is_minor(born, datetime.date(2026, 2, 28))
    assert not _is_minor(born, datetime.date(2026, 3, 1))


@given(
    st.dates(min_value=datetime.date(1995, 1, 1), max_value=datetime.date(2030, 12, 31)),
    st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2040, 12, 31)),
)
def test_counter_agrees_with_age_in_completed_years(born, as_of):
    if born > as_of:
        return
    assert _is_minor(born, as_of) is (_age(born, as_of) < 14)
