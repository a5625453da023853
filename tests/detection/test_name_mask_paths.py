"""The column-wise name masks (above ``_FEW_NAMES`` values) equal the scalar checks, whatever the mix
of scripts: ASCII values skip the Chinese-name mask, which never accepts them."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detect.detectors import _FEW_NAMES, _is_name, _name_mask, person_detector_for

_POOL = [
    "张伟",
    "欧阳娜娜",
    "王　芳",
    "陳大文",
    "买买提·艾力",
    "李女士",
    "张伟先生",
    "Zhang Wei",
    "ZHANG, WEI",
    "Michael Miller",
    "Miller, Michael",
    "José Álvarez",
    "Łukasz Wiśniewski",
    "Иван Петров",
    "Maria",
    "Acme Inc",
    "北京市",
    "朝阳区建国路88号",
    "N/A",
    "x",
    "Li Na",
    "Mr. Zhang",
    "Chan Tai Man",
    "13812345678",
]
_VALUES = st.one_of(st.sampled_from(_POOL), st.text(alphabet="张伟王Zhang Wei·.,-", max_size=12))


@given(values=st.lists(_VALUES, min_size=_FEW_NAMES + 1, max_size=120))
@settings(max_examples=60, deadline=None)
def test_name_mask_equals_the_scalar_check(values):
    assert _name_mask(pa.array(values, pa.string())).tolist() == [_is_name(v) for v in values]


@given(values=st.lists(_VALUES, min_size=_FEW_NAMES + 1, max_size=120), tier=st.sampled_from(["explicit", "weak"]))
@settings(max_examples=30, deadline=None)
def test_widened_name_mask_equals_its_scalar_check(values, tier):
    detector = person_detector_for(tier)
    assert detector.validate_array(pa.array(values, pa.string())).tolist() == [detector.validate(v) for v in values]


def test_a_column_of_ascii_names_only():
    values = ["Michael Miller", "Mary Smith", "Acme Inc", "Li Na"] * 20
    assert _name_mask(pa.array(values)).tolist() == [_is_name(v) for v in values]
