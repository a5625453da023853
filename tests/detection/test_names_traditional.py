"""Names in traditional characters and in Taiwan / Hong Kong romanisations.

Data: tests/data/names_traditional.csv (README: jieba person names converted by OpenCC s2tw and s2hk,
and romanised in Wade-Giles by pypinyin as Taiwan passports write it: Sun Hsiao-chun). Literal
cases: names of public office holders as their governments publish them.
"""

from __future__ import annotations

import pytest

from compliance.detect.lexicon import is_chinese_name, is_latin_name

from ._names_support import column_values, share, verdicts

FILE = "names_traditional.csv"


@pytest.mark.parametrize("column", ["姓名_tw", "聯絡人"])
def test_traditional_character_names(column):
    # about a quarter of jieba's nr entries are not full Chinese names (阿姨, 玄武岩, transliterated
    # foreign names without their dot): those are rightly rejected, the simplified originals alike
    assert share(is_chinese_name, column_values(FILE)[column]) >= 0.7


def test_wade_giles_names():
    assert share(is_latin_name, column_values(FILE)["passport_name"]) >= 0.85


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("column", sorted(column_values(FILE)))
def test_columns_are_person_columns(column, full):
    assert verdicts(FILE, full)[column][0] == "PERSON"


@pytest.mark.parametrize(
    "value", ["陳大文", "張偉", "黃志明", "劉德華", "許冠傑", "歐陽娜娜", "司徒雷登", "鄭秀文", "陳　芳"]
)
def test_traditional_characters(value):
    assert is_chinese_name(value)


@pytest.mark.parametrize("value", ["黃金", "銀行", "臺北市", "澳門", "國際", "銀行卡", "劉備店"])
def test_traditional_words_and_places_are_not_names(value):
    assert not is_chinese_name(value)


# Hong Kong Chief Executives and Chief Secretaries (HK Government romanisation, as gazetted) and
# Taiwan presidents (Wade-Giles, as on their passports); Chan Tai Man is the HKID specimen name
OFFICE_HOLDERS = [
    "Tung Chee-hwa",
    "Tsang Yam-kuen",
    "Leung Chun-ying",
    "Lee Ka-chiu",
    "Cheung Kin-chung",
    "Chan Tai Man",
    "Lee Teng-hui",
    "Chen Shui-bian",
    "Tsai Ing-wen",
    "Lai Ching-te",
]


@pytest.mark.parametrize("value", OFFICE_HOLDERS)
def test_hong_kong_and_taiwan_romanisations(value):
    assert is_latin_name(value)


@pytest.mark.parametrize("value", ["Chan", "Cheung Sha Wan", "Tsim Sha Tsui", "Kowloon Tong", "Lee Garden"])
def test_hong_kong_places_and_single_words_are_not_names(value):
    assert not is_latin_name(value)
