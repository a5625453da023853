"""Chinese names in pinyin: real names (jieba's person-name entries) in the forms exports use.

Data: tests/data/names_pinyin.csv (README: jieba dict.txt words tagged nr, romanised by pypinyin in
six forms: Zhang Wei, ZHANG, WEI, WANG Xiaoming, Wei Zhang, Zhang Xiao-ming, zhang wei), under
headers that say nothing (contact, holder ...): the values alone must carry the column.
"""

from __future__ import annotations

import pytest

from compliance.detect.detectors import _LATIN_NAME_RE2
from compliance.detect.lexicon import is_latin_name
from compliance.detect.lexicon.romanised import is_romanised_chinese_name

from ._names_support import column_values, share, verdicts

FILE = "names_pinyin.csv"
COLUMNS = sorted(column_values(FILE))


@pytest.mark.parametrize("column", COLUMNS)
def test_most_real_names_are_recognised_in_every_form(column):
    # jieba's nr tag also covers a few words (明白) and foreign names: not every value is a name
    assert share(is_latin_name, column_values(FILE)[column]) >= 0.85


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("column", COLUMNS)
def test_columns_are_person_columns(column, full):
    assert verdicts(FILE, full)[column][0] == "PERSON"


# the forms the issue lists, and the orders and cases around them
ISSUE_FORMS = ["Zhang Wei", "ZHANG, WEI", "WANG Xiaoming", "Song Xiaomin", "Zhen Chen", "Zhang Xiao-ming"]
MORE_FORMS = ["zhang wei", "Xiaoming Wang", "WANG, Xiaoming", "Ouyang Xiu", "Zhuge Liang", "Lyu Bu", "Lu Xun"]


@pytest.mark.parametrize("value", ISSUE_FORMS + MORE_FORMS)
def test_pinyin_forms(value):
    assert is_latin_name(value)


@pytest.mark.parametrize("value", ISSUE_FORMS)
def test_the_column_prefilter_lets_them_through(value):
    import pyarrow as pa
    import pyarrow.compute as pc

    assert pc.match_substring_regex(pa.array([value]), _LATIN_NAME_RE2)[0].as_py()


NOT_NAMES = [
    "Xi An",  # 西安, a city
    "Zhang Jiakou",  # 张家口, a city
    "Wong Tai Sin",  # a Hong Kong district
    "Ma On Shan",
    "Zhang Xiaomingming",  # three syllables joined
    "Zhang Wei Ming Hua",  # four syllables
    "Zhang Smith",  # not a syllable
    "zHang wei",
    "Zhang wei",  # a capitalised surname and a lower-case given name
    "ZHANG,",
    "Zhang",
]


@pytest.mark.parametrize("value", NOT_NAMES)
def test_not_pinyin_names(value):
    assert not is_romanised_chinese_name(value.split())


def test_places_are_not_names_but_names_are():
    assert not is_latin_name("Xi An")
    assert not is_latin_name("Zhang Jiakou")
    assert is_latin_name("Xian Zhang")
