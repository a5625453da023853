"""CN_PASSPORT: E/G series and D/S/P official passports, case, decoys, context scoring, RE2."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detect.recognizers import CnPassportRecognizer

validate = CnPassportRecognizer.validate_value

VALID = ["E12345678", "EA1234567", "EH7654321", "G12345678", "D1234567", "S7654321", "P1234567", " E12345678 "]
INVALID = [
    "EI1234567",  # I and O are never used
    "EO1234567",
    "E1234567",  # too short
    "E123456789",  # too long
    "G1234567",
    "D12345678",
    "e12345678",  # lower case
    "A12345678",
    "E00000000",  # filler
    "Ｅ12345678",  # full-width letter
    "",
    # decoys
    "SF1234567890123",
    "YT1234567890123",
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


passports = st.one_of(
    st.from_regex(r"E[0-9]{8}", fullmatch=True),
    st.from_regex(r"E[A-HJ-NP-Z][0-9]{7}", fullmatch=True),
    st.from_regex(r"G[0-9]{8}", fullmatch=True),
    st.from_regex(r"[DSP][0-9]{7}", fullmatch=True),
).filter(lambda v: len(set(v[-7:])) > 1)


@given(passports)
def test_generated_formats_validate(value: str) -> None:
    assert validate(value)


@settings(deadline=None)  # first example compiles regexes / builds the analyzer
@given(passports, st.data())
def test_re2_finds_what_presidio_finds(kit, value: str, data) -> None:
    text = data.draw(kit.embedded(value))
    assert kit.assert_re2_covers(CnPassportRecognizer(), CnPassportRecognizer.RE2_PATTERN, text) >= 1


def test_presidio_chinese_sentence_with_context(kit) -> None:
    assert kit.analyze("护照号码：E12345678，有效期至2030年", "zh", "CN_PASSPORT") == [("E12345678", 0.75)]


def test_presidio_english_sentence_with_context(kit) -> None:
    assert kit.analyze("Passport no. EA1234567 issued in Beijing", "en", "CN_PASSPORT") == [("EA1234567", 0.75)]


def test_official_passports_rely_on_context(kit) -> None:
    [(_, bare)] = kit.analyze("型号 D1234567", "zh", "CN_PASSPORT")
    [(_, with_context)] = kit.analyze("外交护照 D1234567", "zh", "CN_PASSPORT")
    assert bare < 0.1
    assert with_context >= 0.4


def test_sku_like_codes_stay_low_without_context(kit) -> None:
    [(_, score)] = kit.analyze("商品编码 SKU-E12345678", "zh", "CN_PASSPORT")
    assert score < 0.5


def test_presidio_decoys(kit) -> None:
    text = "运单SF1234567890123，圆通YT1234567890123，护照号e12345678，EI1234567"
    assert kit.analyze(text, "zh", "CN_PASSPORT") == []
