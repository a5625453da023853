"""CN_LICENSE_PLATE: province set, ordinary / new-energy / special plates, separators, context, RE2."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detect.recognizers import CnLicensePlateRecognizer
from compliance.detect.recognizers.cn_license_plate_recognizer import PROVINCES

validate = CnLicensePlateRecognizer.validate_value

VALID = [
    "京A12345",
    "京A·12345",
    "沪B 8X9Y7",
    "粤BD12345",  # small new-energy car
    "川AFA1234",
    "沪A12345D",  # large new-energy vehicle
    "京A1234警",
    "鲁A1234挂",
    "苏E1234学",
    "粤Z1234港",
    "琼A00001",
]
INVALID = [
    "京I12345",  # I and O are never used
    "京A12O45",
    "京A1234",  # too short
    "京A1234567",  # too long
    "港A12345",  # not a province
    "京a12345",  # lower case
    "京AABC12",  # three letters in the serial
    "京A·1234警5",
    "京A12345X",  # 6-character serial that is not a new-energy plate
    "京AL12345",  # L is not a new-energy letter
    "",
    # decoys
    "SF1234567890123",
    "550e8400-e29b-41d4-a716-446655440000",
    "北京ABCD1",
]


def test_province_set_has_31_distinct_characters() -> None:
    assert len(PROVINCES) == len(set(PROVINCES)) == 31


@pytest.mark.parametrize("value", VALID)
def test_valid(value: str) -> None:
    assert validate(value)


@pytest.mark.parametrize("value", INVALID)
def test_invalid(value: str) -> None:
    assert not validate(value)


provinces = st.sampled_from(PROVINCES)
offices = st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ")
separators = st.sampled_from(["", "·", " "])
serials = st.one_of(
    st.from_regex(r"[0-9]{3}[0-9A-HJ-NP-Z]{2}", fullmatch=True),  # ordinary, at most 2 letters
    st.from_regex(r"[DF][0-9A-HJ-NP-Z][0-9]{4}", fullmatch=True),  # small new-energy
    st.from_regex(r"[0-9]{5}[DF]", fullmatch=True),  # large new-energy
    st.from_regex(r"[0-9]{4}[警学挂]", fullmatch=True),
)
plates = st.builds(lambda p, o, s, n: p + o + s + n, provinces, offices, separators, serials)


@given(plates)
def test_generated_plates_validate(value: str) -> None:
    assert validate(value)


@settings(deadline=None)  # first example compiles regexes / builds the analyzer
@given(plates, st.data())
def test_re2_finds_what_presidio_finds(kit, value: str, data) -> None:
    text = data.draw(kit.embedded(value))
    assert kit.assert_re2_covers(CnLicensePlateRecognizer(), CnLicensePlateRecognizer.RE2_PATTERN, text) >= 1
    assert value in [match for match, _ in kit.analyze(text, "zh", "CN_LICENSE_PLATE")]


def test_presidio_chinese_sentence_with_context(kit) -> None:
    text = "车主张三，车牌号：京A·12345，违停一次"
    assert kit.analyze(text, "zh", "CN_LICENSE_PLATE") == [("京A·12345", 0.85)]


def test_presidio_plate_glued_to_chinese_text(kit) -> None:
    assert kit.analyze("车牌沪A12345D已登记", "zh", "CN_LICENSE_PLATE") == [("沪A12345D", 0.85)]


def test_presidio_english_sentence_with_context(kit) -> None:
    text = "Licence plate 粤BD12345 seen at gate 3"
    assert kit.analyze(text, "en", "CN_LICENSE_PLATE") == [("粤BD12345", 0.85)]


def test_presidio_without_context(kit) -> None:
    assert kit.analyze("记录 京A1234警", "zh", "CN_LICENSE_PLATE") == [("京A1234警", 0.5)]


def test_presidio_decoys(kit) -> None:
    text = "北京ABCD1公司，京I12345，港A12345，京A1234567"
    assert kit.analyze(text, "zh", "CN_LICENSE_PLATE") == []
