"""False positives under a phone header: correlation values and 13-digit order numbers are not phone numbers.

Some numbering plan validates most 8-13 digit strings (German numbers take almost any length), so a
phone header lowers the bar only for numbers plausible in the pack's ``settings.phone_regions``, and
plain decimals are never phone numbers. Issue 10 "False positives under a phone header".
"""

from __future__ import annotations

import datetime
import random

import numpy as np
import phonenumbers
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from compliance.detect.detectors import DEFAULT_PHONE_REGIONS, pack_phone_regions
from compliance.detect.recognizers import entity_specs
from compliance.detect.recognizers._builtin import is_phone_number, is_plausible_phone
from compliance.detect.recognizers._builtin_arrays import plausible_phone_array
from compliance.policy import load_pack

PHONE = next(spec for spec in entity_specs() if spec.entity == "PHONE_NUMBER")


def correlations(count: int, seed: int = 5) -> list[str]:
    """Correlation coefficients numpy computes over seeded random series, as analysts export them."""
    rng = np.random.default_rng(seed)
    data = rng.normal(size=(count + 1, 30))
    matrix = np.corrcoef(data)
    return [f"{abs(v):.4f}" for v in matrix[0, 1 : count + 1]]


def order_numbers(count: int, seed: int = 9) -> list[str]:
    rng = random.Random(seed)
    day = datetime.date(2024, 1, 1)
    return [
        (day + datetime.timedelta(days=rng.randrange(700))).strftime("%Y%m%d") + f"{rng.randrange(10**5):05d}"
        for _ in range(count)
    ]


def test_plain_decimals_are_never_phone_numbers():
    values = [*correlations(200), "0.8734", "12,5", "-0.25", "+3.5", ".5"]
    assert not any(is_phone_number(v) for v in values)
    assert not PHONE.validate_array(pa.array(values)).any()


def test_correlations_under_a_phone_header_are_nothing(scan):
    for header in ("电话", "phone_corr", "联系电话"):
        found = scan({header: correlations(100)})[header]
        assert found.entities == [], (header, found.entities)


def test_order_numbers_under_a_phone_header_are_nothing(scan):
    orders = order_numbers(120)
    valid_somewhere = sum(is_phone_number(v) for v in orders)
    assert valid_somewhere > 60  # why the bug existed: most of them are valid numbers of some plan
    assert not any(is_plausible_phone(v, DEFAULT_PHONE_REGIONS) for v in orders)
    for full in (False, True):
        for header in ("联系电话", "phone", "tel"):
            assert scan({header: orders}, full=full)[header].entities == [], header


def test_real_numbers_under_a_phone_header_still_count(scan, kit):
    """Example numbers of the default regions, national format, under a phone header."""
    values = []
    for region in ("CN", "HK", "MO", "TW", "US"):
        number = phonenumbers.example_number_for_type(region, PhoneNumberType.FIXED_LINE)
        values.append(phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
        values.append(str(number.national_number) if region != "CN" else "0" + str(number.national_number))
    values = values * 4 + ["N/A"] * 10 + ["备注"] * 30  # header bar: 0.3 of the values
    assert kit.primary(scan({"电话": values})["电话"]) == ("PHONE_NUMBER", False)


def test_phone_regions_setting_changes_what_a_header_vouches_for(tmp_path, scan, kit):
    pack_file = tmp_path / "de.yaml"
    default = load_pack()
    pack_file.write_text(
        f"id: de-phones\nversion: '1.0.0'\ntitle: {{zh: 德国号码, en: German numbers}}\nextends: {default.id}\n"
        "settings:\n  phone_regions: [DE]\n",
        encoding="utf-8",
    )
    german = load_pack(pack_file)
    assert pack_phone_regions(german.settings) == ("DE",)
    assert pack_phone_regions(default.settings) == DEFAULT_PHONE_REGIONS
    example = phonenumbers.example_number_for_type("DE", PhoneNumberType.FIXED_LINE)  # 30123456 (Berlin)
    candidates = ["0" + str(example.national_number)[:-2] + f"{i:02d}" for i in range(100)]
    de_numbers = [
        v for v in candidates if is_plausible_phone(v, ("DE",)) and not is_plausible_phone(v, DEFAULT_PHONE_REGIONS)
    ]
    assert len(de_numbers) >= 40
    values = de_numbers[:40] + ["x"] * 60
    assert kit.primary(scan({"电话": values}, pack=german)["电话"]) == ("PHONE_NUMBER", False)
    assert scan({"电话": values})["电话"].entities == []


def test_the_pack_schema_documents_phone_regions():
    import json
    from pathlib import Path

    schema = json.loads((Path(__file__).resolve().parents[2] / "schemas" / "policy-pack.schema.json").read_text())
    assert "phone_regions" in schema["$defs"]["settings"]["properties"]


NUMBERISH = st.text(st.sampled_from(list("0123456789+-. ()")), min_size=1, max_size=16)


@given(
    st.lists(NUMBERISH, min_size=1, max_size=8),
    st.sampled_from([("CN",), ("CN", "HK", "MO", "TW", "US"), ("DE", "GB"), ("US",)]),
)
@settings(max_examples=150, deadline=None)
def test_plausible_array_equals_the_scalar(values, regions):
    valid = [v for v in values if is_phone_number(v)]
    expected = [is_plausible_phone(v, regions) for v in valid]
    assert plausible_phone_array(pa.array(valid, pa.string()), regions).tolist() == expected


@given(st.lists(NUMBERISH, min_size=1, max_size=8))
@settings(max_examples=200, deadline=None)
def test_phone_array_equals_the_scalar_with_decimals(values):
    assert PHONE.validate_array(pa.array(values)).tolist() == [PHONE.validate(v) for v in values]
