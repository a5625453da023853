"""``EntitySpec.validate_array`` agrees exactly with the scalar ``validate`` and takes its fast paths.

The scalar validators are the reference (they also serve Presidio); the array forms exist for speed
only. Property tests feed every spec the same pool: valid values of every entity, mutations of them
(one digit changed, wrong check character, impossible dates, lengths +-1, separators, full-width
digits, Han characters, whitespace, repetition) and random text.
"""

from __future__ import annotations

import datetime
import ipaddress
import string

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.cn import uscc
from stdnum.iso7064 import mod_11_2

from compliance.detect.recognizers import CHINA_RECOGNIZERS, entity_specs
from compliance.detect.recognizers._builtin_arrays import (
    _normalised_phone,
    _surely_valid,
    credit_card_array,
    email_array,
    ip_array,
    phone_array,
    url_array,
    url_re2,
)
from compliance.detect.recognizers.cn_license_plate_recognizer import PROVINCES
from compliance.detect.vectorised import right_aligned, strip

SPECS = {spec.entity: spec for spec in entity_specs()}
DIGITS = st.sampled_from(string.digits)
NO_IO = "ABCDEFGHJKLMNPQRSTUVWXYZ"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def digits(count: int) -> st.SearchStrategy[str]:
    return st.text(string.digits, min_size=count, max_size=count)


def grouped(value: str, separator: str) -> str:
    return separator.join(value[i : i + 4] for i in range(0, len(value), 4))


DAYS_40 = datetime.timedelta(days=40)


# --- valid values of every entity ---------------------------------------------------------------------
@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    """18-digit IDs with any YYYYMMDD (real dates mostly, impossible ones too) and a correct check."""
    region = draw(st.sampled_from("12345678")) + draw(digits(5))
    today = datetime.date.today()
    branch = draw(st.integers(0, 3))
    if branch < 3:
        low, high = (datetime.date(1890, 1, 1), today) if branch < 2 else (today - DAYS_40, today + DAYS_40)
        date = draw(st.dates(low, high)).strftime("%Y%m%d").zfill(8)
    else:
        year = draw(st.sampled_from(["1900", "2000", "2023", "2024", "1899", "0000", "2100", "9999"]))
        date = year + draw(st.sampled_from(["0229", "0230", "0431", "1231", "1301", "0001", "0100"]))
    body = region + date + draw(digits(3))
    if draw(st.integers(0, 5)) == 0:  # the legacy 15-digit form: YYMMDD
        return region + date[2:] + body[14:17]
    check = mod_11_2.calc_check_digit(body)
    return body + (check.lower() if check == "X" and draw(st.booleans()) else check)


def luhn_number(prefix: st.SearchStrategy[str], lengths: tuple[int, int]) -> st.SearchStrategy[str]:
    def complete(parts: tuple[str, str, int]) -> str:
        head, tail, length = parts
        body = (head + tail)[: length - 1]
        return body + luhn.calc_check_digit(body)

    return st.tuples(prefix, digits(20), st.integers(*lengths)).map(complete)


bank_cards = luhn_number(st.sampled_from(["62", "4", "5", "1", "9", "0", "6"]), (15, 20))
credit_cards = luhn_number(st.sampled_from(["4", "51", "55", "56", "6", "1", "3", "2", "7", "35"]), (12, 20))


filler_cards = st.tuples(DIGITS, st.integers(12, 20)).map(lambda p: p[0] * p[1])


@st.composite
def cards(draw: st.DrawFn) -> str:
    value = draw(st.one_of(bank_cards, credit_cards, filler_cards))
    style = draw(st.integers(0, 3))
    if style == 1:
        return grouped(value, draw(st.sampled_from([" ", "-"])))
    if style == 2:  # partial or mixed separators
        cut = draw(st.integers(1, len(value) - 1))
        return value[:cut] + draw(st.sampled_from([" ", "-", "  ", " - "])) + value[cut:]
    return value


@st.composite
def usccs(draw: st.DrawFn) -> str:
    alphabet = st.sampled_from(USCC_ALPHABET)
    region = draw(st.one_of(digits(6), digits(6), st.text(USCC_ALPHABET, min_size=6, max_size=6)))
    body = draw(st.sampled_from(USCC_ALPHABET)) + draw(alphabet) + region
    body += "".join(draw(alphabet) for _ in range(9))
    return body + uscc.calc_check_digit(body)


@st.composite
def mobiles(draw: st.DrawFn) -> str:
    number = "1" + draw(st.sampled_from("3456789")) + draw(digits(9))
    if draw(st.booleans()):
        separator = draw(st.sampled_from([" ", "-", ""]))
        number = separator.join([number[:3], number[3:7], number[7:]])
    prefixes = ["", "+86", "+86 ", "0086", "86", "86-", "+ 86", "6", "+87", "086", "00 86", "1", "+"]
    return draw(st.sampled_from(prefixes)) + number


passports = st.one_of(
    st.tuples(st.just("E"), digits(8)),
    st.tuples(st.just("E"), st.sampled_from(NO_IO + "IO").map(lambda c: c + "1234567")),
    st.tuples(st.sampled_from("GDSP"), st.sampled_from([7, 8]).flatmap(digits)),
).map("".join)
permits = st.one_of(
    st.tuples(st.just("C"), st.sampled_from(string.digits + NO_IO + "IO"), digits(7)),
    st.tuples(st.sampled_from("HML"), st.sampled_from([8, 10]).flatmap(digits)),
    st.tuples(st.sampled_from(["1988", "2024", "2099", "2100", "1899"]), st.sampled_from(["0229", "1231", "1301"])),
    st.tuples(digits(8)),
).map("".join)
ALNUM = st.sampled_from(string.digits * 3 + NO_IO)
plates = st.tuples(
    st.sampled_from(PROVINCES * 3 + "港"),
    st.sampled_from(NO_IO * 3 + "IO"),
    st.sampled_from(["", "", "·", " ", "•", "・", "-"]),
    st.one_of(
        st.lists(ALNUM, min_size=5, max_size=5).map("".join),  # ordinary
        st.tuples(st.lists(ALNUM, min_size=4, max_size=4).map("".join), st.sampled_from("警学挂港澳领")).map("".join),
        st.tuples(st.sampled_from("ABCDEFGHJKLM"), ALNUM, digits(4)).map("".join),  # new energy, small
        st.tuples(digits(5), st.sampled_from("ABCDFKZ")).map("".join),  # new energy, large
        st.text(string.digits + NO_IO + "IO", min_size=4, max_size=7),
    ),
).map("".join)


@st.composite
def emails(draw: st.DrawFn) -> str:
    local = draw(st.from_regex(r"[a-zA-Z0-9_][a-zA-Z0-9_.+\-]{0,6}", fullmatch=True))
    label = st.from_regex(r"[a-z0-9](?:[a-z0-9\-]{0,5}[a-z0-9])?", fullmatch=True)
    labels = draw(st.lists(label, min_size=0, max_size=2))
    suffix = draw(
        st.sampled_from(
            [
                *("com", "cn", "com.cn", "co.uk", "uk", "ck", "www.ck", "x.ck", "kawasaki.jp", "city.kawasaki.jp"),
                *("notatld", "COM", "Org", "xn--fiqs8s", "io", "local", "1", "gov.cn", "github.io", "公司.cn"),
            ]
        )
    )
    return local + "@" + ".".join([*labels, suffix])


@st.composite
def ips(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 4)) == 0:
        address = ipaddress.IPv6Address(draw(st.integers(0, 2**128 - 1)))
        text = address.compressed if draw(st.booleans()) else address.exploded
        return text + draw(st.sampled_from(["", "/64", "%eth0", "/129"]))
    octets = [draw(st.integers(0, 300)) for _ in range(4)]
    text = ".".join(draw(st.sampled_from(["{}", "{}", "{}", "0{}", "{:03d}"])).format(o) for o in octets)
    return text + draw(st.sampled_from(["", "", "/24", "/0", "/32", "/33", "/05", "/99", "/128", "/"]))


@st.composite
def ibans(draw: st.DrawFn) -> str:
    country, bban = draw(st.sampled_from([("DE", None), ("GB", "NWBK"), ("FR", None), ("XX", None), ("de", None)]))
    bban = (bban or "") + draw(digits(18 if bban is None else 14))
    numeric = "".join(str(int(c, 36)) for c in (bban + country.upper() + "00"))
    check = f"{98 - int(numeric) % 97:02d}"
    value = country + check + bban
    return grouped(value, " ") if draw(st.booleans()) else value


urls = st.tuples(
    st.sampled_from(["", "http://", "https://", "ftp://"]),
    st.sampled_from(["", "www.", "www2."]),
    st.from_regex(r"[a-zA-Z0-9\-]{1,8}", fullmatch=True),
    st.sampled_from([".com", ".cn", ".COM", ".xyz", ".notatld", ".sh", ".ſh", ".\u212are", "com", ".io", ".c"]),
    st.sampled_from(["", "/", "/path?q=1", "/中文"]),
).map("".join)


@st.composite
def phones(draw: st.DrawFn) -> str:
    area, exchange, line = draw(st.integers(100, 999)), draw(st.integers(100, 999)), draw(digits(4))
    formats = [
        f"+1 {area}-{exchange}-{line}",
        f"({area}) {exchange}-{line}",
        f"{area}.{exchange}.{line}",
        f"{area}{exchange}{line}",
        f"+44 20 {exchange}{line[:1]} {line[1:]}",
        f"010-{exchange}{line[:1]} {line}",
        f"(+86) {area} {exchange}{line}",
        f"0{area}{exchange}",
        f"+{area}{exchange}{line}",
        f"1{area}{exchange}{line}",
        f"1-{area}-{exchange}-{line}",
        f"17{area % 10}{exchange}{line}",
        f"+86 1{area}{exchange}{line[:2]}",
        f"1{area % 100:02d}{exchange}{line}",
    ]
    return draw(st.sampled_from(formats))


VALID = st.one_of(
    resident_ids(), cards(), usccs(), mobiles(), passports, permits, plates, emails(), ips(), ibans(), urls, phones()
)


# --- mutations and noise -------------------------------------------------------------------------------
FULL_WIDTH = str.maketrans(string.digits, "０１２３４５６７８９")
EXOTIC = [*"\u212a\u017f\u0130\u0131\uff0b٣\u3000\xa0\t\n·・•-+.@:/()（）#xX,;", "张", "号", "码"]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    value = draw(VALID)
    kind = draw(st.integers(0, 11))
    at = draw(st.integers(0, max(len(value) - 1, 0)))
    if kind == 0 and value:  # change one character to a digit
        return value[:at] + draw(DIGITS) + value[at + 1 :]
    if kind == 1 and value:  # wrong or lower-case check character
        return value[:-1] + draw(st.sampled_from("0123456789Xxa"))
    if kind == 2:  # one character longer
        return value[:at] + draw(st.sampled_from(string.digits + "AX")) + value[at:]
    if kind == 3:  # one character shorter
        return value[:at] + value[at + 1 :]
    if kind == 4:  # a separator inside
        return value[:at] + draw(st.sampled_from([" ", "-", ".", "·", "\u3000", "  "])) + value[at:]
    if kind == 5:  # full-width digits
        return value.translate(FULL_WIDTH)
    if kind == 6:  # a Han character or exotic character inside
        return value[:at] + draw(st.sampled_from(EXOTIC)) + value[at:]
    if kind == 7:  # surrounding whitespace (what Python strips and Arrow trims)
        pad = st.sampled_from(["", " ", "\t", "\u3000", "\xa0", "\u2028", "\x1c", "\n "])
        return draw(pad) + value + draw(pad)
    if kind == 8:  # very long
        return value * draw(st.integers(2, 40))
    if kind == 9:
        return value.lower() if draw(st.booleans()) else value.upper()
    if kind == 10:  # embedded in text
        return (
            draw(st.sampled_from(["号码", "id:", "a", "1", "", "x "])) + value + draw(st.sampled_from(["", "号", "1"]))
        )
    return value


noise = st.text(st.one_of(st.sampled_from(EXOTIC + list(string.printable)), st.characters(codec="utf-8")), max_size=30)
POOL = st.one_of(VALID, mutated(), mutated(), noise, st.just(""))


def assert_agrees(entity: str, values: list[str | None]) -> None:
    spec = SPECS[entity]
    got = spec.validate_array(pa.array(values, pa.string()))
    assert isinstance(got, np.ndarray) and got.dtype == bool and got.shape == (len(values),)
    expected = [value is not None and bool(spec.validate(value)) for value in values]
    wrong = [(v, bool(g), e) for v, g, e in zip(values, got, expected, strict=True) if bool(g) != e]
    assert not wrong, wrong


@pytest.mark.parametrize("entity", list(SPECS))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(POOL, max_size=40))
def test_validate_array_agrees_with_validate(entity: str, values: list[str]) -> None:
    assert_agrees(entity, values)


@pytest.mark.parametrize(
    ("entity", "strategy"),
    [
        ("CN_RESIDENT_ID", resident_ids()),
        ("CN_BANK_CARD", cards()),
        ("CREDIT_CARD", cards()),
        ("CN_USCC", usccs()),
        ("CN_MOBILE", mobiles()),
        ("CN_PASSPORT", passports),
        ("CN_HMT_PERMIT", permits),
        ("CN_LICENSE_PLATE", plates),
        ("EMAIL_ADDRESS", emails()),
        ("IP_ADDRESS", ips()),
        ("IBAN_CODE", ibans()),
        ("URL", urls),
        ("PHONE_NUMBER", phones()),
    ],
)
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_validate_array_agrees_on_the_entity_own_values(entity: str, strategy, data: st.DataObject) -> None:
    """Dense in the entity's own shapes: valid values and their mutations, so both verdicts occur."""
    own = st.one_of(strategy, strategy.flatmap(lambda v: st.sampled_from(_neighbours(v))))
    assert_agrees(entity, data.draw(st.lists(own, max_size=30)))


def _neighbours(value: str) -> list[str]:
    """Every single-digit change of the value (each position, +1 mod 10), and lengths -1."""
    out = [value[:-1], value[1:]]
    for i, char in enumerate(value):
        if char.isascii() and char.isdigit():
            out.append(value[:i] + str((int(char) + 1) % 10) + value[i + 1 :])
    return out


# --- explicit edge cases -------------------------------------------------------------------------------
_TOMORROW = (datetime.date.today() + datetime.timedelta(days=1)).strftime("%Y%m%d")


def _with_check(body: str) -> str:
    return body + mod_11_2.calc_check_digit(body)


EDGE_CASES = [
    "11010519491231002X",
    "11010519491231002x",
    *[_with_check(f"110105{date}001") for date in ("19000229", "20000229", "20230229", "20240229", "18991231")],
    *[_with_check(f"110105{date}001") for date in ("00000101", "19491231", "20991231", _TOMORROW)],
    "11010519491231002Ｘ",
    "110105491231002",
    "110105000229002",
    "6222021234567890128",
    "6222 0212 3456 7890 128",
    *[digit * length for digit in "0123456789" for length in (16, 17, 18, 19)],
    "0222021234567890128",
    "4111111111111111",
    "4111 1111 1111 1111",
    "4111-1111-1111-1111",
    "1234567890128",
    "2111 4111 1111 1111",
    "5611111111111111",
    "91110000600037341L",
    "91110000600037341l",
    "91A10000600037341X",
    "京A12345",
    "京AAB12C",
    "京ABC12D",
    "粤Z1234港",
    "E00000000",
    "C11111111",
    "20240229",
    "20230229",
    "a@www.ck",
    "a@x.ck",
    "a@co.uk",
    "a@1.2.3.4",
    "a@b.xn--fiqs8s",
    "a..b@example.com",
    "a@b.c@d.com",
    "a.KR",
    "a.ſh",
    "x.com.",
    "..com",
    "a..cn",
    "-.com",
    "_.com",
    "a.-com",
    "1.2.3.4/33",
    "01.2.3.4",
    "::",
    "::ffff:1.2.3.4",
    "fe80::1%eth0",
    "DE89370400440532013000",
    "DE89 3704 0044 0532 0130 00",
    "+1 201-555-0123",
    "(+86) 138 0013 8000",
    "12",
    "1 2",
    "",
    " ",
    "\u3000",
]


@pytest.mark.parametrize("entity", list(SPECS))
def test_validate_array_agrees_on_edge_cases(entity: str) -> None:
    assert_agrees(entity, [*EDGE_CASES, None])


def test_ip_prefix_lengths_and_octets_exhaustively() -> None:
    octets = ["0", "00", "1", "01", "9", "10", "99", "100", "199", "249", "250", "255", "256", "299", "300", "999"]
    values = [f"{o}.1.2.{p}" for o in octets for p in octets]
    values += [f"1.2.3.4/{mask}" for mask in [*range(100), "00", "000", "128"]]
    values += [f"{o}.1.2.3/{mask}" for o in ("256", "01") for mask in (8, 33)]
    assert_agrees("IP_ADDRESS", values)


def test_ipv6_every_arrangement_of_groups_and_colons() -> None:
    values = set()
    for groups in range(10):
        for width in ("1", "abcd", "12345"):
            base = [width] * groups
            values.add(":".join(base))
            for at in range(groups + 1):
                for gap in ("::", ":::", ":"):
                    values.add(":".join(base[:at]) + gap + ":".join(base[at:]))
    values |= {"::", ":", ":::", "::1::", "1::2::3", "::ffff", "ffff::", "G::1", "::1%lo", "::1/64", "::1/129"}
    assert_agrees("IP_ADDRESS", sorted(values))


def test_credit_card_every_grouping_of_a_valid_number() -> None:
    number = "4111111111111111"
    values = []
    for cuts in range(1 << 15):
        text = "".join(c + (" " if cuts >> i & 1 else "") for i, c in enumerate(number[:-1])) + number[-1]
        if cuts % 7 == 0 or text.count(" ") <= 3:
            values.append(text)
    assert_agrees("CREDIT_CARD", values)


@pytest.mark.parametrize("entity", list(SPECS))
def test_array_plumbing(entity: str) -> None:
    """Nulls, empty arrays, slices (non-zero offset), chunked and large_string arrays."""
    spec = SPECS[entity]
    values = [*EDGE_CASES[:20], None, *EDGE_CASES[20:]]
    expected = np.array([v is not None and bool(spec.validate(v)) for v in values])
    array = pa.array(values, pa.string())
    assert spec.validate_array(pa.array([], pa.string())).shape == (0,)
    assert spec.validate_array(array.slice(3, 25)).tolist() == expected[3:28].tolist()
    chunked = pa.chunked_array([array.slice(0, 10), array.slice(10)])
    assert spec.validate_array(chunked).tolist() == expected.tolist()
    assert spec.validate_array(array.cast(pa.large_string())).tolist() == expected.tolist()
    assert spec.validate_array(pa.array([None, None], pa.string())).tolist() == [False, False]


# --- fast paths are taken ------------------------------------------------------------------------------
def _refuse(value: str) -> bool:
    raise AssertionError(f"scalar called on a fast-path value ({len(value)} chars)")


COMMON = {
    "EMAIL_ADDRESS": (email_array, ["zhang.san@example.com", "12345678@qq.com", "a-b_c+d@mail.example.co.uk", "x@y"]),
    "IP_ADDRESS": (ip_array, ["192.168.1.20", "10.0.0.0/8", "256.1.1.1", "01.2.3.4", "abc", "2400:cb00::1", "::"]),
    "CREDIT_CARD": (credit_card_array, ["4111111111111111", "4111 1111 1111 1112", "5555-5555-5555-4444", "abc"]),
    "URL": (url_array, ["example.com", "https://www.example.org/a?b=1", "nothing here"]),
}


@pytest.mark.parametrize("entity", list(COMMON))
def test_common_values_never_reach_the_scalar(entity: str) -> None:
    factory, values = COMMON[entity]
    fast = factory(_refuse)(pa.array(values))
    assert fast.tolist() == [bool(SPECS[entity].validate(v)) for v in values]


@pytest.mark.parametrize("recognizer", CHINA_RECOGNIZERS, ids=lambda cls: cls.ENTITY)
def test_china_validate_array_never_calls_the_scalar(recognizer, monkeypatch: pytest.MonkeyPatch) -> None:
    values = [*EDGE_CASES, "13800138000", "E12345678", "C12345678", "京A·D12345"]
    expected = [bool(recognizer.validate_value(v)) for v in values]
    monkeypatch.setattr(recognizer, "validate_value", staticmethod(_refuse))
    assert recognizer.validate_array(pa.array(values)).tolist() == expected


def test_phone_numbers_share_one_check_per_normalised_number() -> None:
    calls: list[str] = []
    _normalised_phone.cache_clear()

    def counting(value: str) -> bool:
        calls.append(value)
        return SPECS["PHONE_NUMBER"].validate(value)

    values = ["+44 20 7946 0958", "+44 (20) 7946-0958", "+44.20.7946.0958", "no digits", "+44 20 7946 0958"]
    values += ["+1 201-555-0123", "(201) 555-0123", "13800138000", "+86 138 0013 8000", "+1 101-555-0123"]
    got = phone_array(counting)(pa.array(values)).tolist()
    assert got == [bool(SPECS["PHONE_NUMBER"].validate(v)) for v in values]
    assert calls == []  # shaped values go to the cached check of "+442079460958", "no digits" is rejected
    # one call for the UK number, one for the invalid US-looking one; valid US / CN numbers need none
    assert _normalised_phone.cache_info().misses == 2


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "+1", "+86", "1", "+"]), digits(11)), min_size=50, max_size=50))
def test_phone_numbers_decided_without_phonenumbers_are_valid(parts: list[tuple[str, str]]) -> None:
    """Soundness of the US / CN fast decision over dense random keys of (almost) its forms."""
    keys = [prefix + number[: 10 if prefix in ("+1", "") and number[0] != "1" else 11] for prefix, number in parts]
    sure = _surely_valid(pa.array(keys))
    assert all(SPECS["PHONE_NUMBER"].validate(key) for key, s in zip(keys, sure, strict=True) if s)


def test_url_pattern_is_derived_from_presidio() -> None:
    pattern = url_re2()
    assert pattern is not None and "|com|" in pattern and "|cn|" in pattern


# --- helpers -------------------------------------------------------------------------------------------
def test_strip_trims_exactly_what_python_strips() -> None:
    chars = [chr(c) for c in range(0x3100) if not 0xD800 <= c <= 0xDFFF]
    values = [f"{c}a{c}" for c in chars]
    assert strip(pa.array(values)).to_pylist() == [v.strip() for v in values]


def test_right_aligned_pads_on_the_left_and_respects_offsets() -> None:
    array = pa.array(["xx", "123", "4", "", None, "56789"]).slice(1)
    matrix = right_aligned(array, 4)
    assert [bytes(row).lstrip(b"\0").decode() for row in matrix] == ["123", "4", "", "", "6789"]
    same = pa.array(["ab", "cd", "ef"]).slice(1)
    assert right_aligned(same, 2).tobytes() == b"cdef"
    many = [str(10**n) for n in range(30)]  # more lengths than length groups: the gather path
    assert [bytes(row).lstrip(b"\0").decode() for row in right_aligned(pa.array(many), 12)] == [m[-12:] for m in many]
