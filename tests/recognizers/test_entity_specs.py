"""The registry: every entity spec, its RE2 twin in pyarrow, validators, base scores, built-ins."""

from __future__ import annotations

import dataclasses
import re

import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iban, luhn

from compliance.detect.recognizers import CHINA_RECOGNIZERS, SUPERSEDES, combined_re2, entity_specs

UNIONPAY = "622202123456789012" + luhn.calc_check_digit("622202123456789012")
UNIONPAY_16 = "622588012345678" + luhn.calc_check_digit("622588012345678")
EXAMPLES = {
    "CN_RESIDENT_ID": "11010519491231002X",
    "CN_MOBILE": "13800138000",
    "CN_BANK_CARD": UNIONPAY,
    "CN_PASSPORT": "E12345678",
    "CN_HMT_PERMIT": "C12345678",
    "CN_LICENSE_PLATE": "京A12345",
    "CN_USCC": "91110000600037341L",
    "EMAIL_ADDRESS": "zhang.san@example.com",
    "IP_ADDRESS": "192.168.1.20",
    "CREDIT_CARD": "4111111111111111",
    "IBAN_CODE": "DE89370400440532013000",
    "URL": "example.com",
    "PHONE_NUMBER": "+1 201-555-0123",
}
SPECS = {spec.entity: spec for spec in entity_specs()}


def test_registry_covers_china_and_builtin_entities() -> None:
    assert list(SPECS) == list(EXAMPLES)
    assert [spec.entity for spec in entity_specs()][: len(CHINA_RECOGNIZERS)] == [
        cls.ENTITY for cls in CHINA_RECOGNIZERS
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        SPECS["CN_MOBILE"].base_score = 1.0  # type: ignore[misc]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_recognizers_are_registered_for_the_language(language: str) -> None:
    for spec in entity_specs(language):
        assert spec.recognizer.supported_language == language
        assert spec.entity in spec.recognizer.get_supported_entities()


@pytest.mark.parametrize("entity", list(EXAMPLES))
def test_re2_extracts_a_candidate_that_validates(entity: str) -> None:
    spec, value = SPECS[entity], EXAMPLES[entity]
    array = pa.array([f"说明：{value}，谢谢", "无关内容", None])
    assert pc.match_substring_regex(array, spec.re2).to_pylist() == [True, False, None]
    extracted = pc.extract_regex(array, spec.re2)
    assert extracted.type.names == ["value"]
    assert spec.validate(extracted[0].as_py()["value"])
    assert not spec.validate("无关内容")


@pytest.mark.parametrize("entity", list(EXAMPLES))
def test_base_score_is_the_context_free_presidio_score(entity: str) -> None:
    spec, value = SPECS[entity], EXAMPLES[entity]
    text = f"值 {value} 。"
    scores = [r.score for r in spec.recognizer.analyze(text, [entity], None) if text[r.start : r.end] == value]
    assert max(scores) == pytest.approx(spec.base_score)


def test_find_returns_every_valid_value_in_free_text() -> None:
    text = "手机13800138000,13900139000；旧号12800138000；身份证11010519491231002X"
    mobiles = [text[start:end] for start, end, _ in SPECS["CN_MOBILE"].find(text)]
    assert mobiles == ["13800138000", "13900139000"]
    [(start, end, score)] = SPECS["CN_RESIDENT_ID"].find(text)
    assert text[start:end] == EXAMPLES["CN_RESIDENT_ID"] and score == 1.0
    assert SPECS["EMAIL_ADDRESS"].find(text) == []


@pytest.mark.parametrize("entity", list(EXAMPLES))
def test_re2_is_also_valid_python_re(entity: str) -> None:
    match = re.search(SPECS[entity].re2, f"说明：{EXAMPLES[entity]}，谢谢")
    assert match is not None and SPECS[entity].validate(match.group("value"))


def test_combined_re2_is_one_valid_prefilter() -> None:
    specs = entity_specs()
    cells = [f"x {value} y" for value in EXAMPLES.values()] + ["nothing here"]
    mask = pc.match_substring_regex(pa.array(cells), combined_re2(specs)).to_pylist()
    assert mask == [True] * len(EXAMPLES) + [False]


def test_supersedes_names_entities_that_overlap() -> None:
    assert SPECS["PHONE_NUMBER"].validate(EXAMPLES["CN_MOBILE"])
    assert SPECS["CREDIT_CARD"].validate(UNIONPAY_16)
    assert not SPECS["CREDIT_CARD"].validate(UNIONPAY)  # Presidio's pattern stops at 17 digits
    assert SPECS["URL"].validate("example.com")
    for specific, generic in SUPERSEDES.items():
        assert specific in SPECS and generic <= set(SPECS)


def test_phone_validation_regions() -> None:
    validate = SPECS["PHONE_NUMBER"].validate
    assert validate("010 1234 5678")  # Beijing landline, national form
    assert validate("+44 121 234 5678")
    assert validate("090-1234-5678")  # Japan, national form
    assert not validate("12345")
    assert not validate("+999 1234 5678")


# --- built-in RE2 candidates must find everything the built-in recognizers report -------------


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def assert_builtin_covered(entity: str, text: str) -> int:
    spec = SPECS[entity]
    results = spec.recognizer.analyze(text, [entity], None)
    if results:
        assert pc.match_substring_regex(pa.array([text]), spec.re2)[0].as_py(), text
    for result in results:
        found = text[result.start : result.end]
        window = text[max(0, result.start - 1) : result.end + 1]
        extracted = pc.extract_regex(pa.array([window]), spec.re2)[0].as_py()
        assert extracted is not None, (window, found)
        candidate = extracted["value"]
        assert spec.validate(candidate), candidate
        if entity == "PHONE_NUMBER":
            # phonenumbers' span may start with "( " or end with an extension (" x0"): the number
            # itself must be in the candidate, which must be valid on its own (checked above)
            assert digits(candidate) in digits(found) or digits(found) in digits(candidate), (window, found)
        else:
            assert found in candidate, (window, found)
    return len(results)


def card(prefix: str, tail: str) -> str:
    body = (prefix + tail)[:15]
    return body + luhn.calc_check_digit(body)


def german_iban(bban: str) -> str:
    return "DE" + iban.calc_check_digits("DE00" + bban) + bban


PHONES = [
    phonenumbers.format_number(phonenumbers.example_number_for_type(region, kind), style)
    for region in ("CN", "US", "GB", "DE", "FR", "JP", "HK", "TW", "SG")
    for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
    for style in (phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.E164)
]
BUILTIN_VALUES = {
    "EMAIL_ADDRESS": st.from_regex(  # 4+ letters: "ah.cn" is itself a public suffix, not a domain
        r"[a-z][a-z0-9._]{0,10}[a-z0-9]@[a-z]{4,10}\.(com|cn|org|com\.cn)", fullmatch=True
    ),
    "IP_ADDRESS": st.ip_addresses().map(str),
    "CREDIT_CARD": st.builds(
        card, st.sampled_from(["4", "51", "55", "62", "6011"]), st.from_regex(r"[0-9]{15}", fullmatch=True)
    ),
    "IBAN_CODE": st.from_regex(r"[0-9]{18}", fullmatch=True).map(german_iban),
    "URL": st.from_regex(r"(https?://)?(www\.)?[a-z]{3,10}\.(com|cn|org|net)(/[a-z0-9]{1,8})?", fullmatch=True),
    "PHONE_NUMBER": st.sampled_from(PHONES),
}


PHONE_FILLER = st.text(
    alphabet=st.characters(blacklist_categories=("Nd", "Cs"), blacklist_characters="()+-.xX#*/,;:~"), max_size=20
)


@pytest.mark.parametrize("entity", list(BUILTIN_VALUES))
@settings(deadline=None)  # first example compiles regexes / builds the analyzer
@given(data=st.data())
def test_builtin_re2_finds_what_presidio_finds(kit, entity: str, data) -> None:
    value = data.draw(BUILTIN_VALUES[entity])
    if entity == "PHONE_NUMBER":  # digits or brackets right after a number read as part of it (an extension)
        text = data.draw(st.tuples(PHONE_FILLER, PHONE_FILLER).map(lambda p: f"{p[0]} {value} {p[1]}"))
    else:
        text = data.draw(kit.embedded(value))
    assert_builtin_covered(entity, text)
    assert assert_builtin_covered(entity, f"见 {value} 。") >= 1
