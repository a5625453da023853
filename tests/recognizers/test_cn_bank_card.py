"""CN_BANK_CARD: 16-19 digits, Luhn, groups of four, 62 prefix scoring, decoys, Presidio, RE2."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from compliance.detect.recognizers import CnBankCardRecognizer

validate = CnBankCardRecognizer.validate_value


def make_card(body: str) -> str:
    """``body`` + the Luhn check digit computed by stdnum."""
    return body + luhn.calc_check_digit(body)


def grouped(number: str, separator: str = " ") -> str:
    return separator.join(number[i : i + 4] for i in range(0, len(number), 4))


UNIONPAY_19 = make_card("622202123456789012")
UNIONPAY_16 = make_card("622588012345678")
VISA = "4111111111111111"  # the well-known Visa test number
ORDER_18_LUHN = make_card("20240101123456789")  # an 18-digit order number that happens to pass Luhn

VALID = [
    UNIONPAY_19,
    UNIONPAY_16,
    VISA,
    make_card("955880123456789012"),  # old-style 19-digit domestic card
    make_card("62170012345678901"),  # 18 digits
    grouped(UNIONPAY_19),
    grouped(UNIONPAY_16, "-"),
    ORDER_18_LUHN,  # Luhn cannot tell; see test_luhn_valid_order_number_scores_low
]
INVALID = [
    UNIONPAY_19[:-1] + str((int(UNIONPAY_19[-1]) + 1) % 10),  # checksum failure
    VISA[:-1] + "2",
    make_card("62220212345678"),  # 15 digits
    make_card("6222021234567890123"),  # 20 digits
    make_card("022202123456789012"),  # leading zero
    "6666666666666666",
    "６２２２０２１２３４５６７８９０１２３",  # full-width digits
    "",
    # decoys
    "20240101123045123456",  # timestamp, 20 digits
    "550e8400-e29b-41d4-a716-446655440000",
    "SF1234567890123",
    "YT1234567890123",
    "731234567890",
    "1,234,567.89",
]


@pytest.mark.parametrize("value", VALID)
def test_valid(value: str) -> None:
    assert validate(value)


@pytest.mark.parametrize("value", INVALID)
def test_invalid(value: str) -> None:
    assert not validate(value)


bodies = st.integers(15, 18).flatmap(lambda n: st.from_regex(rf"[1-9][0-9]{{{n - 1}}}", fullmatch=True))


@given(bodies)
def test_luhn_valid_cards_validate(body: str) -> None:
    card = make_card(body)
    if len(set(card)) > 1:
        assert validate(card)
        assert validate(grouped(card))


@given(bodies, st.data())
def test_mutated_cards_do_not_validate(body: str, data) -> None:
    card = make_card(body)
    position = data.draw(st.integers(0, len(card) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != card[position]]))
    assert not validate(card[:position] + digit + card[position + 1 :])


@settings(deadline=None)  # first example compiles regexes / builds the analyzer
@given(bodies, st.sampled_from(["", " ", "-"]), st.data())
def test_re2_finds_what_presidio_finds(kit, body: str, separator: str, data) -> None:
    value = grouped(make_card(body), separator) if separator else make_card(body)
    text = data.draw(kit.embedded(value))
    assert kit.assert_re2_covers(CnBankCardRecognizer(), CnBankCardRecognizer.RE2_PATTERN, text) >= 1


def test_presidio_chinese_sentence_with_context(kit) -> None:
    text = f"请将款项转入银行卡号：{grouped(UNIONPAY_19)}，谢谢"
    assert kit.analyze(text, "zh", "CN_BANK_CARD") == [(grouped(UNIONPAY_19), 0.85)]


def test_presidio_english_sentence_with_context(kit) -> None:
    text = f"UnionPay card number {UNIONPAY_16} expires 12/27"
    assert kit.analyze(text, "en", "CN_BANK_CARD") == [(UNIONPAY_16, 0.85)]


def test_unionpay_prefix_scores_higher_without_context(kit) -> None:
    assert kit.analyze(f"编号 {UNIONPAY_19}", "zh", "CN_BANK_CARD") == [(UNIONPAY_19, 0.5)]
    assert kit.analyze(f"编号 {VISA}", "zh", "CN_BANK_CARD") == [(VISA, 0.3)]


def test_luhn_valid_order_number_scores_low(kit) -> None:
    assert kit.analyze(f"订单号 {ORDER_18_LUHN}", "zh", "CN_BANK_CARD") == [(ORDER_18_LUHN, 0.3)]


def test_presidio_rejects_checksum_failures_and_decoys(kit) -> None:
    text = f"卡号 {VISA[:-1]}2，时间20240101123045123456，运单YT1234567890123，中通731234567890"
    assert kit.analyze(text, "zh", "CN_BANK_CARD") == []
