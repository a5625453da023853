"""CN_HMT_PERMIT: HK/Macau/Taiwan travel permits, date rejection, weak 8-digit form, context, RE2."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detect.recognizers import CnHmtPermitRecognizer

validate = CnHmtPermitRecognizer.validate_value

VALID = [
    "C12345678",  # exit-entry permit to HK/Macau
    "CA1234567",
    "H12345678",  # home-return permit, Hong Kong
    "M12345678",  # Macau
    "H1234567801",  # older 10-digit form
    "L12345678",  # mainland residents' permit to Taiwan
    "12345678",  # Taiwan compatriot permit (weak alone)
    "01234567",
]
INVALID = [
    "CI1234567",  # I is never used
    "C1234567",
    "H1234567",
    "H123456789",  # 9 digits after H
    "L1234567",
    "Z12345678",
    "c12345678",
    "20240101",  # a date, not a permit
    "19991231",
    "11111111",
    "1234567",
    "",
    # decoys
    "SF1234567890123",
    "731234567890",
    "550e8400-e29b-41d4-a716-446655440000",
    "20240101123045123456",
]


@pytest.mark.parametrize("value", VALID)
def test_valid(value: str) -> None:
    assert validate(value)


@pytest.mark.parametrize("value", INVALID)
def test_invalid(value: str) -> None:
    assert not validate(value)


lettered = st.one_of(
    st.from_regex(r"C[0-9A-HJ-NP-Z][0-9]{7}", fullmatch=True),
    st.from_regex(r"[HM][0-9]{8}([0-9]{2})?", fullmatch=True),
    st.from_regex(r"L[0-9]{8}", fullmatch=True),
).filter(lambda v: len(set(v[-7:])) > 1)


@given(lettered)
def test_lettered_formats_validate(value: str) -> None:
    assert validate(value)


@given(st.dates())
def test_dates_are_not_taiwan_permits(date) -> None:
    value = date.strftime("%Y%m%d")
    assert len(value) != 8 or not 1900 <= date.year <= 2099 or not validate(value)


@settings(deadline=None)  # first example compiles regexes / builds the analyzer
@given(st.one_of(lettered, st.from_regex(r"[0-9]{8}", fullmatch=True)), st.data())
def test_re2_finds_what_presidio_finds(kit, value: str, data) -> None:
    text = data.draw(kit.embedded(value))
    assert kit.assert_re2_covers(CnHmtPermitRecognizer(), CnHmtPermitRecognizer.RE2_PATTERN, text) >= 1


def test_presidio_chinese_sentence_with_context(kit) -> None:
    assert kit.analyze("回乡证号码 H12345678，请出示", "zh", "CN_HMT_PERMIT") == [("H12345678", 0.65)]


def test_presidio_english_sentence_with_context(kit) -> None:
    text = "Exit-entry permit C12345678 for Hong Kong"
    assert kit.analyze(text, "en", "CN_HMT_PERMIT") == [("C12345678", 0.65)]


def test_taiwan_permit_needs_context(kit) -> None:
    [(_, bare)] = kit.analyze("金额 12345678 元", "zh", "CN_HMT_PERMIT")
    [(_, with_context)] = kit.analyze("台胞证：12345678", "zh", "CN_HMT_PERMIT")
    [(_, from_header)] = kit.analyze("12345678", "zh", "CN_HMT_PERMIT", context=["台湾居民来往大陆通行证"])
    assert bare < 0.05
    assert with_context >= 0.4 and from_header >= 0.4


def test_presidio_decoys(kit) -> None:
    text = "日期20240101，中通731234567890，运单SF1234567890123，编号11111111"
    assert kit.analyze(text, "zh", "CN_HMT_PERMIT") == []
