"""Masked evidence cannot be combined into the value (issue 8, "Leaks", third point).

The same value written in different formats must give one masked string, and each entity shows at
most its fixed share: a mobile its first 3 and last 2 digits, an e-mail the first character of its
local part and the last label of its domain. Values are generated here with python-stdnum check
digits, never with the tool's own detectors.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.iso7064 import mod_11_2

from compliance.detect.masking import mask, normalise
from compliance.detect.recognizers import CnBankCardRecognizer, CnMobileRecognizer, CnResidentIdRecognizer

mobiles = st.builds(
    lambda second, rest: f"1{second}{rest}",
    st.sampled_from("3456789"),
    st.text("0123456789", min_size=9, max_size=9),
)
separators = st.sampled_from(["", " ", "-", "  ", " - "])
prefixes = st.sampled_from(["", "+86", "0086", "86", "+86 ", "0086 ", "86-", "+86-"])


def written(number: str, prefix: str, sep: str) -> str:
    """A mobile as people write it: ``0086 138 1234 5678``, ``+86-138-1234-5678``..."""
    return f"{prefix}{number[:3]}{sep}{number[3:7]}{sep}{number[7:]}"


def visible(masked: str) -> set[int]:
    return {i for i, ch in enumerate(masked) if ch != "*"}


# --- the issue's examples ------------------------------------------------------------------------------


def test_issue_example_mobile_formats_show_the_same_digits():
    forms = ["138 1234 5678", "0086 138 1234 5678", "+86 138-1234-5678", "13812345678", "８６１３８１２３４５６７８"]
    assert {mask(form, "CN_MOBILE") for form in forms} == {"138******78"}


def test_issue_example_email_keeps_only_the_last_label():
    assert mask("zhangwei@mail.zhangwei-family.cn", "EMAIL_ADDRESS") == "z***@***.cn"
    assert mask("ZhangWei@Mail.ZhangWei-Family.CN", "EMAIL_ADDRESS") == "z***@***.cn"


def test_issue_example_mobile_shows_at_most_first_three_and_last_two():
    masked = mask("0086 138 1234 5678", "CN_MOBILE")
    assert masked[:3] == "138" and masked[-2:] == "78" and set(masked[3:-2]) == {"*"}


# --- generated: one masked string per value, whatever its format -------------------------------------


@given(mobiles, prefixes, separators, prefixes, separators)
def test_every_format_of_a_mobile_masks_alike(number, prefix_a, sep_a, prefix_b, sep_b):
    a, b = written(number, prefix_a, sep_a), written(number, prefix_b, sep_b)
    assert CnMobileRecognizer.validate_value(a) and CnMobileRecognizer.validate_value(b)
    assert mask(a, "CN_MOBILE") == mask(b, "CN_MOBILE") == f"{number[:3]}******{number[-2:]}"
    assert mask(a, "PHONE_NUMBER") == mask(b, "CN_MOBILE")  # detected as either, shown alike


@given(mobiles, prefixes, separators)
def test_masked_mobile_never_validates_again(number, prefix, sep):
    masked = mask(written(number, prefix, sep), "CN_MOBILE")
    assert not CnMobileRecognizer.validate_value(masked)
    assert number not in masked


@st.composite
def resident_ids(draw) -> str:
    area = draw(st.sampled_from(["110101", "310104", "440305", "510107", "110105"]))
    year = draw(st.integers(1930, 2015))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    seq = draw(st.integers(0, 999))
    body = f"{area}{year}{month:02d}{day:02d}{seq:03d}"
    return body + mod_11_2.calc_check_digit(body)


@given(resident_ids(), st.booleans(), separators)
def test_every_format_of_a_resident_id_masks_alike(number, lower, sep):
    assert CnResidentIdRecognizer.validate_value(number)
    form = f"{number[:6]}{sep}{number[6:14]}{sep}{number[14:]}"
    form = form.lower() if lower else form
    masked = mask(form, "CN_RESIDENT_ID")
    assert masked == mask(number, "CN_RESIDENT_ID") == number[:4] + "*" * 10 + number[-4:]
    assert number[6:14] not in masked  # the birth date never shows


@st.composite
def bank_cards(draw) -> str:
    length = draw(st.integers(16, 19))
    body = "62" + draw(st.text("0123456789", min_size=length - 3, max_size=length - 3))
    return body + luhn.calc_check_digit(body)


@given(bank_cards(), st.sampled_from([" ", "-"]))
def test_every_format_of_a_bank_card_masks_alike(number, sep):
    grouped = sep.join(number[i : i + 4] for i in range(0, len(number), 4))
    assert CnBankCardRecognizer.validate_value(grouped)
    expected = number[:4] + "*" * (len(number) - 8) + number[-4:]
    assert mask(grouped, "CN_BANK_CARD") == mask(number, "CN_BANK_CARD") == mask(grouped, "CREDIT_CARD") == expected


labels = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12).filter(
    lambda s: not s.startswith("-")
)


@given(
    st.text("abcdefghijklmnopqrstuvwxyz0123456789._", min_size=1, max_size=16).filter(lambda s: s[0].isalnum()),
    st.lists(labels, min_size=1, max_size=4),
    st.sampled_from(["cn", "com", "org", "com.cn"]),
    st.booleans(),
)
def test_email_shows_first_character_and_last_label_only(local, labels_, suffix, upper):
    address = f"{local}@{'.'.join(labels_)}.{suffix}"
    form = address.upper() if upper else address
    masked = mask(form, "EMAIL_ADDRESS")
    assert masked == mask(address, "EMAIL_ADDRESS") == f"{local[0]}***@***.{suffix.rsplit('.', 1)[-1]}"
    for label in labels_:
        if len(label) > 1:
            assert f".{label}." not in masked and f"@{label}" not in masked


@pytest.mark.parametrize(
    ("value", "entity", "expected"),
    [
        ("E12345678", "CN_PASSPORT", "E1*****78"),
        ("e12345678", "CN_PASSPORT", "E1*****78"),
        ("京A·12345", "CN_LICENSE_PLATE", mask("京A12345", "CN_LICENSE_PLATE")),
        ("张伟", "PERSON", "张*"),
        ("michael miller", "PERSON", "M****** M*****"),
        ("Michael  Miller", "PERSON", "M****** M*****"),
    ],
)
def test_other_entities_mask_their_normal_form(value, entity, expected):
    assert mask(value, entity) == expected


def test_normal_form_is_what_is_masked():
    assert normalise("+86 138-1234-5678", "CN_MOBILE") == "13812345678"
    assert normalise("6222 0202 0011 2233 445", "CN_BANK_CARD") == "6222020200112233445"
    assert normalise("Z@Example.CN", "EMAIL_ADDRESS") == "z@example.cn"
