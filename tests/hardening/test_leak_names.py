"""Personal values that are names, not cells (issue 8, "Leaks", first point): ``redact.safe_name``.

A header, a JSON key or dotted path, a sheet, a SQLite table or column, a Parquet field, a file name
or path, an asset id: each passes ``safe_name``, which masks every entity it detects with that
entity's rule and leaves other names alone. Values come from python-stdnum check digits.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.iso7064 import mod_11_2

from compliance.detect.masking import mask
from compliance.redact import name_was_masked, printable, safe_name, shown


def resident_id(i: int) -> str:
    body = f"{('110105', '310104', '440305')[i % 3]}{1950 + i % 60}{1 + i % 12:02d}{1 + i % 28:02d}{(7 * i) % 1000:03d}"
    return body + mod_11_2.calc_check_digit(body)


def bank_card(i: int) -> str:
    body = f"622202{(1_000_000_000 + 7919 * i) % 10**12:012d}"
    return body + luhn.calc_check_digit(body)


def mobile(i: int) -> str:
    return f"1{'3578'[i % 4]}{(123456789 + 104729 * i) % 10**9:09d}"


IDS = [resident_id(i) for i in range(5)]
CARDS = [bank_card(i) for i in range(5)]
MOBILES = [mobile(i) for i in range(5)]


@pytest.mark.parametrize("number", IDS)
@pytest.mark.parametrize(
    "template",
    ["{}", "身份证{}", "id_{}", "data/{}/export.csv", "{}.csv", "users.{}.phone", "u{}", "orders#{}", "{} (copy)"],
)
def test_resident_id_inside_any_name_is_masked(number, template):
    name = template.format(number)
    masked = safe_name(name)
    assert number not in masked
    assert masked == template.format(mask(number, "CN_RESIDENT_ID"))
    assert name_was_masked(name)


@pytest.mark.parametrize("i", range(5))
@pytest.mark.parametrize(
    "form", ["{}", "+86 {}", "0086{}", "86-{}", "{s3} {s4} {s5}", "0086 {s3} {s4} {s5}", "+86-{s3}-{s4}-{s5}"]
)
@pytest.mark.parametrize("template", ["{}", "手机{}", "{}.xlsx", "contacts/{}/a.json", "sheet_{}", "c{}"])
def test_mobile_in_any_format_inside_a_name_is_masked(i, form, template):
    number = MOBILES[i]
    value = form.format(number, s3=number[:3], s4=number[3:7], s5=number[7:])
    name = template.format(value)
    masked = safe_name(name)
    assert number not in masked.replace(" ", "").replace("-", "")
    assert masked == template.format(f"{number[:3]}******{number[-2:]}")


@pytest.mark.parametrize("number", CARDS)
@pytest.mark.parametrize("template", ["{}", "card_{}.csv", "cards/{}/x.parquet", "{}#Sheet1"])
def test_bank_card_token_in_a_name_is_masked(number, template):
    masked = safe_name(template.format(number))
    assert number not in masked and masked == template.format(mask(number, "CN_BANK_CARD"))
    grouped = " ".join(number[k : k + 4] for k in range(0, len(number), 4))
    assert safe_name(grouped) == mask(number, "CN_BANK_CARD")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zhangwei@mail.zhangwei-family.cn", "z***@***.cn"),
        ("contact zhang.wei@example.com", "contact z***@***.com"),
        ("E12345678", "E1*****78"),
        ("passport_G12345678", "passport_G1*****78"),
        ("uscc 91110000600037341L", "uscc " + mask("91110000600037341L", "CN_USCC")),
        ("车辆 京A12345", "车辆 " + mask("京A12345", "CN_LICENSE_PLATE")),
        ("host 192.168.10.23", "host " + mask("192.168.10.23", "IP_ADDRESS")),
    ],
)
def test_other_entities_in_names(name, expected):
    assert safe_name(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "证件号码",
        "phone",
        "user.phone",
        "2024/export.csv",
        "orders_2024-01-31.csv",
        "shop/orders#2025/export.csv",
        "Sheet1",
        "amount_cny",
        "金额",
        "高度",
        "order_no",
        "v1.2.3",
        "20240131",
        "",
    ],
)
def test_names_without_personal_data_are_unchanged(name):
    assert safe_name(name) == name
    assert not name_was_masked(name)


@given(st.text(st.characters(blacklist_categories=("Nd",), blacklist_characters="@"), max_size=40))
def test_names_without_digits_or_at_are_never_changed(name):
    assert safe_name(name) == name


@given(st.sampled_from(IDS + MOBILES + CARDS), st.text("abc_/.#中文 ", max_size=6), st.text("abc_/.#中文 ", max_size=6))
def test_masking_is_idempotent_and_removes_the_value(value, before, after):
    name = f"{before}{value}{after}"
    once = safe_name(name)
    assert value not in once
    assert safe_name(once) == once


@pytest.mark.parametrize(
    "name",
    [
        "a.csv\x1b[2K\rSummary: 1 assets, 0 errors, violations: 0 — PASS",
        "x\nSummary: PASS",
        "\x1b]8;;http://x\x07link\x1b]8;;\x07",
        "bell\x07",
        "evil\u202egnp.csv",
        "c1\x9b31m",
        "iso\u2066late\u2069",
    ],
)
def test_control_characters_become_visible_escapes(name):
    out = printable(name)
    assert out.isprintable() and "\n" not in out and "\r" not in out and "\x1b" not in out
    assert all(ch not in out for ch in "\u202e\u2066\u2069\x9b\x07")
    assert shown(name) == printable(safe_name(name))


def test_ordinary_names_do_not_load_presidio():
    """Start-up stays fast: names without an identifier shape never import the recognizers."""
    code = (
        "import sys\n"
        "from compliance.redact import safe_name\n"
        "names = ['证件号码', 'user.phone', '2024/export.csv', 'orders#Sheet1', 'amount']\n"
        "assert [safe_name(n) for n in names] == names\n"
        "print(any(m.startswith('presidio') for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "False"
