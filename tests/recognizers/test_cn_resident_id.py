"""CN_RESIDENT_ID: MOD 11-2 checksum, birth date, legacy form, decoys, Presidio, RE2 agreement."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric
from stdnum.iso7064 import mod_11_2

from compliance.detect.recognizers import CnResidentIdRecognizer

validate = CnResidentIdRecognizer.validate_value
TODAY = datetime.date.today()


def make_id(region: str, born: datetime.date | str, sequence: str = "123") -> str:
    """An 18-character ID with the check character computed by stdnum's MOD 11-2."""
    date = born.strftime("%Y%m%d") if isinstance(born, datetime.date) else born
    body = region + date + sequence
    return body + mod_11_2.calc_check_digit(body)


SAMPLE = "11010519491231002X"  # the example printed in GB 11643-1999
VALID = [
    SAMPLE,
    SAMPLE.lower(),
    make_id("440305", datetime.date(2012, 2, 29)),
    make_id("110967", datetime.date(1990, 1, 1)),  # region unknown to stdnum (its KeyError pitfall)
    make_id("810000", datetime.date(1985, 7, 1)),  # Hong Kong residence permit
    make_id("830000", datetime.date(2001, 10, 10)),  # Taiwan residence permit
    make_id("320102", datetime.date(1900, 1, 1)),
    make_id("320102", TODAY),
    "110105491231002",  # legacy 15-digit form of the sample
    f"  {SAMPLE}  ",
]
INVALID = [
    SAMPLE[:-1] + "1",  # wrong check character
    make_id("110105", "19900230"),  # 30 February, checksum right
    make_id("110105", "19901301"),  # month 13
    make_id("110105", TODAY + datetime.timedelta(days=1)),  # born tomorrow
    make_id("110105", "18991231"),  # before 1900
    make_id("010105", "19900101"),  # first digit 0
    make_id("910105", "19900101"),  # first digit 9
    SAMPLE[:17],  # 17 characters
    SAMPLE + "1",  # 19 characters
    "1101051949123100X2",  # X not in last position
    "110105491331002",  # legacy form, month 13
    "110105000229002",  # legacy form, 1900-02-29 does not exist
    "１１０１０５１９４９１２３１００２X",  # full-width digits
    "",
    # decoys
    "202401011234567890",  # 18-digit order number
    "123456789012345678",
    "20240101123045123456",  # timestamp with microseconds
    "550e8400-e29b-41d4-a716-446655440000",  # UUID
    "SF1234567890123",  # courier tracking numbers
    "YT1234567890123",
    "731234567890",  # 12-digit ZTO number
    "1,234,567.89",
]


@pytest.mark.parametrize("value", VALID)
def test_valid(value: str) -> None:
    assert validate(value)


@pytest.mark.parametrize("value", INVALID)
def test_invalid(value: str) -> None:
    assert not validate(value)


def test_stdnum_pitfall_is_avoided() -> None:
    value = make_id("110967", datetime.date(1990, 1, 1))
    with pytest.raises(KeyError):
        ric.is_valid(value)
    assert validate(value)


def test_birth_date() -> None:
    assert CnResidentIdRecognizer.birth_date(SAMPLE) == datetime.date(1949, 12, 31)
    assert CnResidentIdRecognizer.birth_date("110105491231002") == datetime.date(1949, 12, 31)
    assert CnResidentIdRecognizer.birth_date(SAMPLE[:-1] + "1") is None
    assert CnResidentIdRecognizer.birth_date("not an id") is None


regions = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)
births = st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY)
sequences = st.from_regex(r"[0-9]{3}", fullmatch=True)


@given(regions, births, sequences)
def test_any_body_with_computed_check_validates(region: str, born: datetime.date, sequence: str) -> None:
    value = make_id(region, born, sequence)
    assert validate(value)
    assert CnResidentIdRecognizer.birth_date(value) == born


@given(regions, births, sequences, st.data())
def test_changing_one_character_invalidates(region: str, born: datetime.date, sequence: str, data) -> None:
    value = make_id(region, born, sequence)
    position = data.draw(st.integers(0, 17))
    alphabet = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != value[position]]))
    assert not validate(value[:position] + replacement + value[position + 1 :])


@settings(deadline=None)  # first example compiles regexes / builds the analyzer
@given(regions, births, sequences, st.data())
def test_re2_finds_what_presidio_finds(kit, region: str, born: datetime.date, sequence: str, data) -> None:
    value = make_id(region, born, sequence)
    text = data.draw(kit.embedded(value))
    assert kit.assert_re2_covers(CnResidentIdRecognizer(), CnResidentIdRecognizer.RE2_PATTERN, text) >= 1
    assert value in [match for match, _ in kit.analyze(text, "zh", "CN_RESIDENT_ID")]


def test_presidio_chinese_sentence(kit) -> None:
    text = f"张三的身份证号码是{SAMPLE}，请核对。"
    assert kit.analyze(text, "zh", "CN_RESIDENT_ID") == [(SAMPLE, 1.0)]


def test_presidio_english_sentence(kit) -> None:
    assert kit.analyze(f"Resident ID card: {SAMPLE}.", "en", "CN_RESIDENT_ID") == [(SAMPLE, 1.0)]


def test_presidio_rejects_bad_checksum_and_decoys(kit) -> None:
    text = f"订单号202401011234567890，身份证号{SAMPLE[:-1]}1，时间20240101123045123456"
    assert kit.analyze(text, "zh", "CN_RESIDENT_ID") == []


def test_legacy_form_needs_context(kit) -> None:
    legacy = "110105491231002"
    [(_, bare)] = kit.analyze(f"编号 {legacy}", "zh", "CN_RESIDENT_ID")
    [(_, in_text)] = kit.analyze(f"身份证号：{legacy}", "zh", "CN_RESIDENT_ID")
    [(_, from_header)] = kit.analyze(legacy, "zh", "CN_RESIDENT_ID", context=["公民身份号码"])
    assert bare == pytest.approx(0.3)
    assert in_text > bare and from_header > bare
