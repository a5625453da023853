"""CN_MOBILE: 1[3-9] + 9 digits, +86/0086/86 prefixes, 3-4-4 separators, decoys, Presidio, RE2."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detect.recognizers import SUPERSEDES, CnMobileRecognizer, entity_specs

validate = CnMobileRecognizer.validate_value

VALID = [
    "13800138000",
    "19912345678",
    "16612345678",
    "+8613800138000",
    "008613800138000",
    "8613800138000",
    "+86 138 0013 8000",
    "+86-138-0013-8000",
    "0086 138-0013-8000",
    "138 0013 8000",
]
INVALID = [
    "12800138000",  # second digit 2
    "10800138000",
    "23800138000",
    "1380013800",  # 10 digits
    "138001380001",  # 12 digits
    "+8713800138000",  # other country code
    "+86 12800138000",
    "+13800138000",
    "１３８００１３８０００",  # full-width digits
    "",
    # decoys
    "1704067200000",  # epoch milliseconds
    "202401011234567890",
    "20240101123045123456",
    "550e8400-e29b-41d4-a716-446655440000",
    "SF1234567890123",
    "YT1234567890123",
    "731234567890",
    "13,800,138.00",
]


@pytest.mark.parametrize("value", VALID)
def test_valid(value: str) -> None:
    assert validate(value)


@pytest.mark.parametrize("value", INVALID)
def test_invalid(value: str) -> None:
    assert not validate(value)


subscribers = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
prefixes = st.sampled_from(["", "+86", "+86 ", "0086", "0086-", "86", "86 "])
separators = st.sampled_from(["", " ", "-"])


def written(number: str, prefix: str, separator: str) -> str:
    return prefix + separator.join([number[:3], number[3:7], number[7:]])


@given(subscribers, prefixes, separators)
def test_any_written_form_validates(number: str, prefix: str, separator: str) -> None:
    assert validate(written(number, prefix, separator))


@given(st.from_regex(r"1[0-2][0-9]{9}", fullmatch=True))
def test_second_digit_below_three_is_rejected(number: str) -> None:
    assert not validate(number)


@settings(deadline=None)  # first example compiles regexes / builds the analyzer
@given(subscribers, prefixes, separators, st.data())
def test_re2_finds_what_presidio_finds(kit, number: str, prefix: str, separator: str, data) -> None:
    value = written(number, prefix, separator)
    text = data.draw(kit.embedded(value))
    assert kit.assert_re2_covers(CnMobileRecognizer(), CnMobileRecognizer.RE2_PATTERN, text) >= 1
    assert value in [match for match, _ in kit.analyze(text, "zh", "CN_MOBILE")]


def test_presidio_chinese_sentence_with_context(kit) -> None:
    assert kit.analyze("联系电话：13800138000，工作日联系", "zh", "CN_MOBILE") == [("13800138000", 0.85)]


def test_presidio_english_sentence_with_context(kit) -> None:
    text = "Mobile: +86 138-0013-8000 (after 6pm)"
    assert kit.analyze(text, "en", "CN_MOBILE") == [("+86 138-0013-8000", 0.85)]


def test_presidio_without_context_keeps_pattern_score(kit) -> None:
    assert kit.analyze("编号 13800138000", "zh", "CN_MOBILE") == [("13800138000", 0.5)]


def test_presidio_decoys(kit) -> None:
    text = "时间戳1704067200000，订单138001380001234，运单SF1234567890123，金额13,800,138.00"
    assert kit.analyze(text, "zh", "CN_MOBILE") == []


def test_reported_as_cn_mobile_not_only_phone_number(kit) -> None:
    from compliance.detect.analyzer import build_analyzer

    text = "手机 13800138000"
    results = build_analyzer().analyze(text=text, language="zh")
    scores = {r.entity_type: r.score for r in results if text[r.start : r.end] == "13800138000"}
    assert "CN_MOBILE" in scores
    assert scores["CN_MOBILE"] >= scores.get("PHONE_NUMBER", 0.0)
    assert "PHONE_NUMBER" in SUPERSEDES["CN_MOBILE"]
    phone = next(spec for spec in entity_specs() if spec.entity == "PHONE_NUMBER")
    assert phone.validate("13800138000")  # both validate: the scanner must apply SUPERSEDES
