"""CN_USCC: GB 32100 structure and mod-31 check, stdnum comparison, scoring, decoys, RE2."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc

from compliance.detect.recognizers import CnUsccRecognizer

validate = CnUsccRecognizer.validate_value
CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_uscc(body: str) -> str:
    """17 characters + the GB 32100 check character computed by stdnum."""
    return body + uscc.calc_check_digit(body)


SAMPLE = "91110000600037341L"  # the example in python-stdnum's documentation
LETTER_AUTHORITY = make_uscc("N2110000MA0012345")  # authority code N: rejected by stdnum.cn.uscc
ALL_DIGITS = next(
    code for n in range(100) if (code := make_uscc(f"913201001234567{n:02d}")).isdigit()
)  # about one code in three has a digit as check character

VALID = [
    SAMPLE,
    LETTER_AUTHORITY,
    make_uscc("Y1440300MA5DXXXXX"),
    make_uscc("52100000500012345"),
    ALL_DIGITS,
    f" {SAMPLE} ",
]
INVALID = [
    SAMPLE[:-1] + ("M" if SAMPLE[-1] != "M" else "N"),  # wrong check character
    SAMPLE.lower(),
    "91110000600037341I",  # I, O, S, V, Z are not in the alphabet
    "9111000060003734SL",
    "91A10000600037341L",  # region code must be digits
    make_uscc("01110000600037341"),  # authority code 0 does not exist
    SAMPLE[:17],
    SAMPLE + "1",
    "",
    # decoys
    "20240101123045123456",
    "550e8400-e29b-41d4-a716-446655440000",
    "SF1234567890123",
    "YT1234567890123",
    "731234567890",
]


@pytest.mark.parametrize("value", VALID)
def test_valid(value: str) -> None:
    assert validate(value)


@pytest.mark.parametrize("value", INVALID)
def test_invalid(value: str) -> None:
    assert not validate(value)


def test_stdnum_rejects_letter_authority_codes_but_we_do_not() -> None:
    assert not uscc.is_valid(LETTER_AUTHORITY)
    assert validate(LETTER_AUTHORITY)


heads = st.text(st.sampled_from(CHARS[1:]), min_size=1, max_size=1)
bodies = st.builds(
    lambda head, second, region, org: head + second + region + org,
    heads,
    st.sampled_from(CHARS),
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.text(st.sampled_from(CHARS), min_size=9, max_size=9),
)


@given(bodies)
def test_computed_check_validates_and_agrees_with_stdnum(body: str) -> None:
    code = make_uscc(body)
    assert validate(code)
    if body[:2].isdigit():
        assert uscc.is_valid(code)


@given(bodies, st.data())
def test_changing_one_character_invalidates(body: str, data) -> None:
    code = make_uscc(body)
    position = data.draw(st.integers(0, 17))
    replacement = data.draw(st.sampled_from([c for c in CHARS if c != code[position]]))
    assert not validate(code[:position] + replacement + code[position + 1 :])


@settings(deadline=None)  # first example compiles regexes / builds the analyzer
@given(bodies, st.data())
def test_re2_finds_what_presidio_finds(kit, body: str, data) -> None:
    code = make_uscc(body)
    text = data.draw(kit.embedded(code))
    assert kit.assert_re2_covers(CnUsccRecognizer(), CnUsccRecognizer.RE2_PATTERN, text) >= 1


def test_presidio_chinese_sentence(kit) -> None:
    text = f"公司统一社会信用代码：{SAMPLE}，注册地北京"
    assert kit.analyze(text, "zh", "CN_USCC") == [(SAMPLE, 1.0)]


def test_presidio_english_sentence(kit) -> None:
    assert kit.analyze(f"Supplier code {LETTER_AUTHORITY}.", "en", "CN_USCC") == [(LETTER_AUTHORITY, 1.0)]


def test_all_digit_code_is_not_conclusive(kit) -> None:
    assert kit.analyze(f"编号 {ALL_DIGITS}", "zh", "CN_USCC") == [(ALL_DIGITS, 0.5)]
    assert kit.analyze(f"信用代码 {ALL_DIGITS}", "zh", "CN_USCC") == [(ALL_DIGITS, 0.85)]


def test_presidio_decoys(kit) -> None:
    text = f"代码{SAMPLE.lower()}，时间20240101123045123456，运单SF1234567890123，{SAMPLE[:-1]}M"
    assert kit.analyze(text, "zh", "CN_USCC") == []
