"""Forms real exports take: full-width characters (NFKC), grouped resident IDs, E.164 numbers without a
phone header, IBANs in groups of four, Chinese unit addresses.

Issue 10 "Forms"; cases from phonenumbers' example numbers, python-stdnum's GB/T 2260 table and
documented examples, the IBAN registry examples (tests/data/README.md).
"""

from __future__ import annotations

import datetime
import os
import random
from functools import cache

import numpy as np
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
import pytest
import regex
import stdnum
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from stdnum.iso7064 import mod_11_2

from compliance.detect.normalise import normalise, normalise_value
from compliance.detect.recognizers import CnResidentIdRecognizer
from compliance.detect.recognizers.cn_resident_id_recognizer import compact, compact_array
from compliance.detect.unit_address import UNIT_ADDRESS, is_unit_address, unit_address_mask

FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789+-()"}


@cache
def region_codes() -> tuple[str, ...]:
    """6-digit GB/T 2260 county codes from python-stdnum's stdnum/cn/loc.dat."""
    path = os.path.join(os.path.dirname(stdnum.__file__), "cn", "loc.dat")
    codes, province = [], None
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for line in lines:
        if line[:1].isdigit():
            province = line.split()[0]
        elif line.startswith("  ") and province and line.split()[0].isdigit():
            county = line.split()[0]
            if county != "0000" and not county.endswith("00"):
                codes.append(province + county)
    return tuple(codes)


def resident_id(rng: random.Random) -> str:
    born = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 70))
    body = rng.choice(region_codes()) + born.strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
    return body + mod_11_2.calc_check_digit(body)


def example_numbers(kind: PhoneNumberType, skip: tuple[str, ...] = ()) -> list[phonenumbers.PhoneNumber]:
    found = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        if region in skip:
            continue
        number = phonenumbers.example_number_for_type(region, kind)
        if number is not None and phonenumbers.is_valid_number(number):
            found.append(number)
    return found


def test_region_codes_come_from_stdnum():
    assert len(region_codes()) > 3000 and "110102" in region_codes()


# --- NFKC ------------------------------------------------------------------------------------------------
def test_full_width_mobiles_are_mobiles(scan, kit):
    mobile = phonenumbers.example_number_for_type("CN", PhoneNumberType.MOBILE)
    digits = str(mobile.national_number)
    values = [(digits[:-3] + f"{i:03d}").translate(FULL_WIDTH) for i in range(40)]
    values += [f"{digits[:3]}－{digits[3:7]}－{i:04d}".translate(FULL_WIDTH) for i in range(40)]  # full-width hyphen
    assert all(not v.isascii() for v in values)
    assert kit.primary(scan({"c1": values})["c1"]) == ("CN_MOBILE", False)


def test_full_width_resident_ids_and_emails(scan, kit):
    rng = random.Random(10)
    ids = [resident_id(rng).translate(FULL_WIDTH) for _ in range(30)]
    emails = [f"user{i}＠example．com" for i in range(30)]
    found = scan({"a": ids, "b": emails})
    assert kit.primary(found["a"]) == ("CN_RESIDENT_ID", False)
    assert kit.primary(found["b"]) == ("EMAIL_ADDRESS", False)


@given(st.text(st.characters(codec="utf-8"), min_size=1, max_size=12))
@settings(max_examples=300)
def test_normalise_array_equals_the_scalar(text):
    text = text.strip()
    if not text:
        return
    values, counts = normalise(pa.array([text, "plain"]), np.array([3, 1], dtype=np.int64))
    got = sorted(zip(values.to_pylist(), counts.tolist(), strict=True))
    assert got == sorted([*((v, 3) for v in normalise_value(text)), ("plain", 1)])


# --- grouped resident IDs --------------------------------------------------------------------------------
@pytest.mark.parametrize("separator", [" ", "-"])
def test_grouped_resident_ids(scan, kit, separator):
    rng = random.Random(3)
    ids = [resident_id(rng) for _ in range(60)]
    grouped = [separator.join((v[:6], v[6:14], v[14:])) for v in ids]
    for full in (False, True):
        assert kit.primary(scan({"c": grouped}, full=full)["c"]) == ("CN_RESIDENT_ID", False)


def test_issue_examples_of_grouped_ids(scan, kit):
    examples = ["110102 19910101 0078", "110102-19910101-0078"]
    for text in examples:
        assert mod_11_2.is_valid(compact(text))
        assert CnResidentIdRecognizer.validate_value(text)
        assert CnResidentIdRecognizer.validate_array(pa.array([text]))[0]
    assert CnResidentIdRecognizer.validate_value("360426 19910101 0071")  # stdnum's example, grouped
    assert kit.primary(scan({"c": examples * 10})["c"]) == ("CN_RESIDENT_ID", False)
    found = CnResidentIdRecognizer().analyze("证件号码：110102 19910101 0078。", ["CN_RESIDENT_ID"], None)
    assert [round(r.score, 2) for r in found] == [1.0]


def test_grouped_ids_count_minors(scan, tmp_path):
    """Birth dates are read from the compact form, so grouped IDs of minors are still counted."""
    from compliance.policy import load_pack
    from compliance.scanner import ScanOptions, scan_paths

    body = "110102" + "20200101" + "003"
    minor = body + mod_11_2.calc_check_digit(body)
    path = tmp_path / "m.csv"
    path.write_text("身份证号\n" + "\n".join([f"{minor[:6]} {minor[6:14]} {minor[14:]}"] * 10) + "\n", encoding="utf-8")
    result = scan_paths([str(path)], load_pack(), ScanOptions(as_of=datetime.date(2026, 1, 1)))[0]
    assert result.facts.minors_records == 10


@st.composite
def id_forms(draw):
    rng = random.Random(draw(st.integers(0, 10**6)))
    value = resident_id(rng)
    style = draw(st.integers(0, 4))
    if style == 0:
        return value
    sep = draw(st.sampled_from([" ", "-", "  ", "_", "/"]))
    sep2 = draw(st.sampled_from([sep, " ", "-"]))
    if style == 1:
        return value[:6] + sep + value[6:14] + sep2 + value[14:]
    if style == 2:  # legacy 15-digit form
        short = value[:6] + value[8:14] + value[14:17]
        return short[:6] + sep + short[6:12] + sep2 + short[12:]
    if style == 3:  # misplaced groups
        cut = draw(st.integers(1, 17))
        return value[:cut] + sep + value[cut:]
    return value[:6] + sep + value[6:14] + sep2 + value[14:] + draw(st.sampled_from(["", " ", "0"]))


@given(st.lists(id_forms(), min_size=1, max_size=8))
@settings(max_examples=200)
def test_id_array_validator_equals_the_scalar_on_grouped_forms(values):
    expected = [CnResidentIdRecognizer.validate_value(v) for v in values]
    assert CnResidentIdRecognizer.validate_array(pa.array(values)).tolist() == expected
    assert compact_array(pa.array(values)).to_pylist() == [compact(v) for v in values]


@given(id_forms(), st.sampled_from(["身份证号", "号码：", "id ", "，"]), st.sampled_from(["", "。", " 备注", "，"]))
@settings(max_examples=150)
def test_id_re2_twin_finds_what_presidio_finds(value, before, after):
    recognizer = CnResidentIdRecognizer()
    text = before + value + after
    found = [
        m.group() for p in recognizer.patterns for m in regex.finditer(p.regex, text, recognizer.global_regex_flags)
    ]
    array = pa.array([text])
    if found:
        assert pc.match_substring_regex(array, CnResidentIdRecognizer.RE2_PATTERN)[0].as_py()
        extracted = pc.extract_regex(array, CnResidentIdRecognizer.RE2_PATTERN)[0].as_py()["value"]
        assert extracted in found


# --- E.164 without a phone header ------------------------------------------------------------------------
def test_e164_numbers_without_a_phone_header(scan, kit):
    numbers = example_numbers(PhoneNumberType.MOBILE, skip=("CN",))
    values = [phonenumbers.format_number(n, PhoneNumberFormat.E164) for n in numbers]
    assert len(values) > 150 and "+12015550123" in values
    for full in (False, True):
        assert kit.primary(scan({"c7": values}, full=full)["c7"]) == ("PHONE_NUMBER", False)


def test_issue_e164_example(scan, kit):
    fixed = example_numbers(PhoneNumberType.FIXED_LINE, skip=("CN",))
    values = ["+12015550123"] * 10 + [phonenumbers.format_number(n, PhoneNumberFormat.E164) for n in fixed[:40]]
    assert kit.primary(scan({"data": values})["data"]) == ("PHONE_NUMBER", False)


# --- IBAN groups -----------------------------------------------------------------------------------------
def test_ibans_in_groups_of_four(scan, kit):
    ibans = kit.cases()["ibans_documented"]
    grouped = [v for v in ibans if " " in v]
    assert len(grouped) >= 4
    assert kit.primary(scan({"account": grouped * 5})["account"]) == ("IBAN_CODE", False)
    from stdnum import iban

    assert all(iban.is_valid(v) for v in ibans)


# --- unit addresses --------------------------------------------------------------------------------------
def test_unit_addresses_are_locations(scan, kit):
    found = scan({"addr": kit.cases()["unit_addresses"] * 4})["addr"]
    assert kit.primary(found) == ("LOCATION", False)
    assert "2531" not in " ".join(found.evidence)


def test_single_numberings_are_not_unit_addresses(kit):
    assert not any(is_unit_address(v) for v in kit.cases()["not_unit_addresses"])
    assert all(is_unit_address(v) for v in kit.cases()["unit_addresses"])


UNIT_PIECES = st.sampled_from(
    [
        "6",
        "10",
        "2",
        "2531",
        "A",
        "十二",
        "号院",
        "号楼",
        "栋",
        "幢",
        "单元",
        "门",
        "层",
        "室",
        "号",
        "-",
        "小区",
        "阳光",
        " ",
        "路",
    ]
)


@given(st.lists(UNIT_PIECES, min_size=1, max_size=9).map("".join))
@settings(max_examples=400)
def test_unit_address_mask_equals_the_scalar(value):
    assert unit_address_mask(pa.array([value]))[0] == is_unit_address(value)
    assert regex.match(UNIT_ADDRESS, value.strip()) is not None or not is_unit_address(value)
