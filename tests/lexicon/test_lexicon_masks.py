"""The column masks give exactly the scalar checks' answers, and stay vectorised on ordinary columns.

Property tests draw mixtures of Faker values (zh_CN, en_US and accented European names), the
hand-written examples of the scalar tests, values assembled from the lexicon's own word lists
(so that the rarer rules fire: dotted names, affixes, inverted names, division runs, odd
whitespace) and random text, then compare ``mask(pyarrow.array(values))`` with the scalar check
value by value. Faker is used only here, to produce test values.
"""

from __future__ import annotations

import importlib.util
import random
import re
import unicodedata
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.detect.lexicon import (
    _data,
    _places,
    address_mask,
    addresses,
    chinese_name_mask,
    is_address,
    is_chinese_name,
    is_latin_name,
    latin_name_mask,
    names,
)
from compliance.detect.lexicon import address_masks as address_masks_module
from compliance.detect.lexicon._regex import HAN, SPACE

faker = pytest.importorskip("faker")

PAIRS = [
    pytest.param(chinese_name_mask, is_chinese_name, id="chinese_name"),
    pytest.param(latin_name_mask, is_latin_name, id="latin_name"),
    pytest.param(address_mask, is_address, id="address"),
]
HERE = Path(__file__).resolve().parent


def _expected(check, values) -> list[bool]:
    return [value is not None and check(value) for value in values]


def _assert_same(mask, check, values) -> None:
    got = mask(pa.array(values, type=pa.string()))
    assert isinstance(got, np.ndarray) and got.dtype == bool and got.shape == (len(values),)
    expected = _expected(check, values)
    differ = [(v, e) for v, g, e in zip(values, got.tolist(), expected, strict=True) if g != e]
    assert not differ, differ[:10]


# --- value pools ----------------------------------------------------------------------------------


def _faker_values() -> list[str]:
    out = []
    for locale, seed in (("zh_CN", 11), ("en_US", 12), ("de_DE", 13), ("fr_FR", 14), ("es_ES", 15)):
        fake = faker.Faker(locale)
        fake.seed_instance(seed)
        for _ in range(60):
            out += [fake.name(), fake.address(), fake.company(), fake.city(), fake.street_name(), fake.job()]
            out += [fake.street_address(), f"{fake.last_name()}, {fake.first_name()}", fake.name().upper()]
        if locale == "zh_CN":
            out += [f"{fake.province()}{fake.city()}{fake.district()}区{fake.street_name()}" for _ in range(40)]
    return out


def _examples() -> list[str]:
    """The hand-written positives and negatives of the scalar tests."""
    out = []
    for name in ("test_lexicon_names.py", "test_lexicon_addresses.py"):
        spec = importlib.util.spec_from_file_location(f"_lexicon_examples_{name[:-3]}", HERE / name)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out += [v for k, v in vars(module).items() if k.isupper() and isinstance(v, list) for v in v]
    return out


FAKER_VALUES = _faker_values()
#: values at the edges of single rules, where a vectorised rule could drift from the scalar one
TRICKY = [
    # dotted names: more than 20 Han characters, parts of 10, spaces around the dot, a place at the end
    "阿不都热合曼买买提江·艾力阿不都热合曼买买提",
    "阿不都热合曼买买提江·艾力阿不都热合",
    "买买提 · 艾力",
    "买买提·北京",
    "阿不都热合曼买买·艾力阿不都热合曼·买买提江阿不都热",
    "阿不都热合曼·艾力阿不都热合曼·买买提江阿不都热",
    "王·",
    "王　芳",
    "欧阳 娜娜",
    "欧 阳娜娜",
    "张杨子涵",
    "张某子涵",
    # Latin: affixes with commas, three words before a suffix, initials and particles last
    "John Paul Smith, Jr.",
    "John Paul Smith,, Jr.",
    "Dr. John Paul Smith, PhD",
    "Smith, John, Jr.",
    "Smith , John",
    "Smith,John",
    "van Beethoven, Ludwig",
    "Ludwig van",
    "Michael J.",
    "Michael J. Miller",
    "MICHAEL J. MILLER",
    "Michael MILLER",
    "john Smith",
    "JOHN Smith",
    "John' Smith",
    "Christopher Bartholomew Maximilian Smith-Featherstonehaughingtons",
    "Christopher Bartholomew Maximilian Smith-Featherstonehaughingto",
    "Christopher Bartholomew Maximilian Smith-Featherstonehaughington",
    "Mary-Jane Smith-Jones",
    "Jean-Luc Picard-",
    "Kelly Ford",
    "Tony Manor",
    "O'Brien, Patrick",
    "Patrick O'Brien.",
    "Mr. Smith",
    "Mr. John Smith Jr.",
    # US: whitespace the scalar check normalises, a comma that a line break stands for
    "PO  Box 123",
    "P.O.\tBox 42",
    "221B Baker Street\r\nLondon",
    "221B Baker Street \n London",
    "221B Baker Street\n\nLondon",
    "123  Main St",
    "123 Main St\x1cApt 4B",
    "12 N Ave x Ct",
    "123 O’Connor St",
    "123 İstiklal St",
    "12 Mühlenweg Street",
    "1 Main ſt",
    "Mühlenweg 12, 10115 Berlin",
    "123 main st",
    "123 MAIN ST",
    # Chinese addresses: undecided prefixes, leads, sentences, tails
    "四川省成都市武侯区人民南路四段",
    "中国北京市海淀区中关村大街27号",
    "中华人民共和国北京市海淀区中关村大街",
    "北京市朝阳区建国路88号我家",
    "幸福花园区3号东门",
    "某某县某某镇某某村3组",
    "某某县某某镇",
    "道县道县路",
    "湖南省永州市道县",
    "〇一号",
    "建国路〇一号",
    "北京市 朝阳区\t建国路\u300088号",
    "北京市朝阳区建国路８８号",
]
EXAMPLES = _examples() + TRICKY
_rng = random.Random(3)
_SURNAMES = sorted(_data.words("cn_surnames.txt"))
_NOT_NAMES = _rng.sample(sorted(names.cn_not_names()), 300)
_DIVISIONS = _rng.sample(sorted(_places.divisions()), 300)
_GIVEN = [row[0] for row in _data.lines("en_given_names.txt")[:300]]
_LAST = [row[0] for row in _data.lines("en_surnames.txt")[:300]] + ["Ford", "Manor", "Wells", "Smith-Jones"]
_SPACES = [" ", "  ", "\t", "\n", "\r\n", "\u3000", "\xa0", "\x1c", "\u2028", ""]

CN_NAME_PARTS = [
    *_SURNAMES,
    *_NOT_NAMES,
    *"伟芳娜敏静丽强磊军洋勇杰娟涛明超霞子涵",
    *names.FUNCTION_CHARS,
    *names.cn_nonname_endings(),
    *"·•・‧．∙",
    *_SPACES,
    "a",
    "3",
    "买买提",
    "艾力",
    "㐀",
    "\u4dc0",
]
LATIN_PARTS = [
    *_GIVEN,
    *_LAST,
    *(p.capitalize() + dot for p in names.PREFIXES for dot in ("", ".")),
    *(s.capitalize() + dot for s in names.SUFFIXES for dot in ("", ".", ",")),
    *names.PARTICLES,
    *"ABJKZ",
    "J.",
    "Inc",
    "Manager",
    "Street",
    "O'Brien",
    "D'Angelo",
    "Mary-Jane",
    "McDonald",
    "IBM",
    "José",
    "Zoë",
    "Łukasz",
    "ß",
    "王",
    "1",
    "-",
    "'",
    ",",
    ", ",
    ".",
    "",
]
ADDRESS_PARTS = [
    *_DIVISIONS,
    *(w for kind in ("admin", "road", "detail", "estate") for w in addresses.cn_words(kind)),
    *addresses.TAIL_WORDS,
    *addresses.SENTENCE_CHARS,
    *"某幸福中山人民南东西文三新",
    "中国",
    "中华人民共和国",
    "88",
    "３",
    "１６",
    "十二",
    "〇一",
    "B",
    "12-3",
    "100007",
    "，",
    "（",
    "）",
    "#",
    "㎡",
    "①",
    "１２３ Ｍａｉｎ Ｓｔ",
    *_SPACES,
    "123",
    "1600",
    "221B",
    "No. 88",
    "Main",
    "main",
    "Pennsylvania",
    "St",
    "st",
    "Street",
    "Ave.",
    "Avenue",
    "NW",
    "North",
    "Apt 4B",
    "Suite 100",
    "#5",
    ", Springfield, IL 62704",
    ", New York, NY 10118",
    "CA 95014",
    "New York",
    "PO Box 42",
    "P.O. Box",
    "PSC 1234, Box 5678",
    "APO AE 12345",
    "USNS Smith",
    "FPO AA 12345",
    "USA",
    "London",
    "Ct",
    "x",
    "O’Connor",
    "İstiklal",
    "Mühlenweg",
    "ſt",
]


def _assembled(parts: list[str], case: bool) -> st.SearchStrategy[str]:
    joiners = st.sampled_from(["", " ", "", ", ", "\n", "  ", "\u3000"])
    pieces = st.lists(st.tuples(st.sampled_from(parts), joiners), min_size=1, max_size=7)
    text = pieces.map(lambda items: "".join(p + j for p, j in items).strip(" ") if items else "")
    if case:
        text = st.tuples(text, st.sampled_from([str, str.upper, str.lower])).map(lambda t: t[1](t[0]))
    return text


_ALPHABET = st.sampled_from(list("王李张欧阳伟芳路号座区省市县村·AaZz'.,-#0123456789!?。；我 \t\n\u3000\xa0Ｍé\u0301"))
RANDOM_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=_ALPHABET, max_size=30),
    st.text(alphabet=_ALPHABET, min_size=180, max_size=260),  # around the length limits
    st.just(""),
)
ANYTHING = st.one_of(
    st.sampled_from(FAKER_VALUES),
    st.sampled_from(EXAMPLES),
    _assembled(CN_NAME_PARTS, case=False),
    _assembled(LATIN_PARTS, case=True),
    _assembled(ADDRESS_PARTS, case=True),
    RANDOM_TEXT,
    st.none(),
)
_PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- equality with the scalar checks -------------------------------------------------------------


@_PROPERTY
@given(values=st.lists(ANYTHING, max_size=30))
def test_chinese_name_mask_equals_the_scalar_check(values):
    _assert_same(chinese_name_mask, is_chinese_name, values)


@_PROPERTY
@given(values=st.lists(ANYTHING, max_size=30))
def test_latin_name_mask_equals_the_scalar_check(values):
    _assert_same(latin_name_mask, is_latin_name, values)


@_PROPERTY
@given(values=st.lists(ANYTHING, max_size=30))
def test_address_mask_equals_the_scalar_check(values):
    _assert_same(address_mask, is_address, values)


@pytest.mark.parametrize(("mask", "check"), PAIRS)
def test_masks_agree_on_every_faker_value_and_example(mask, check):
    _assert_same(mask, check, FAKER_VALUES + EXAMPLES)


@pytest.mark.parametrize(("mask", "check"), PAIRS)
def test_masks_agree_on_assembled_values(mask, check):
    """A fixed large sample of the assembled strategies, beyond what the property tests draw."""
    rng = random.Random(7)
    values = []
    for parts in (CN_NAME_PARTS, LATIN_PARTS, ADDRESS_PARTS):
        for _ in range(1500):
            picked = rng.choices(parts, k=rng.randint(1, 6))
            joined = "".join(p + rng.choice(["", " ", "", ", ", "\n"]) for p in picked).strip(" ")
            values.append(rng.choice([str, str.upper, str.lower])(joined))
    _assert_same(mask, check, values)


# --- input forms ---------------------------------------------------------------------------------

_SAMPLE = ["王伟", None, "Michael Miller", "北京市朝阳区建国路88号", "", "123 Main St", "欧阳娜娜", "Smith, John"]


@pytest.mark.parametrize(("mask", "check"), PAIRS)
def test_masks_accept_the_usual_arrow_forms(mask, check):
    expected = _expected(check, _SAMPLE)
    plain = pa.array(_SAMPLE, type=pa.string())
    assert mask(plain).tolist() == expected
    assert mask(plain.cast(pa.large_string())).tolist() == expected
    assert mask(pa.chunked_array([plain[:3], plain[3:]])).tolist() == expected
    assert mask(plain.dictionary_encode()).tolist() == expected
    assert mask(plain.slice(2)).tolist() == expected[2:]  # an array with a non-zero offset
    assert mask(pa.array([], type=pa.string())).tolist() == []
    assert mask(pa.array([None, None], type=pa.string())).tolist() == [False, False]
    assert mask(pa.chunked_array([], type=pa.string())).tolist() == []


def test_masks_reject_non_string_input():
    with pytest.raises(TypeError):
        chinese_name_mask(["王伟"])


# --- they stay vectorised on ordinary columns ---------------------------------------------------


@pytest.fixture
def scalar_calls(monkeypatch):
    """Count the calls the masks make to the scalar checks (their per-value fallback)."""
    calls = []
    for module, name in ((names, "is_latin_name"), (names, "is_chinese_name"), (addresses, "is_address")):
        original = getattr(module, name)

        def counting(value, _original=original):
            calls.append(value)
            return _original(value)

        monkeypatch.setattr(module, name, counting)
    return calls


@pytest.mark.parametrize(
    ("mask", "locale", "kind"),
    [
        (chinese_name_mask, "zh_CN", "name"),
        (latin_name_mask, "en_US", "name"),
        (address_mask, "zh_CN", "address"),
        (address_mask, "en_US", "address"),
        (latin_name_mask, "zh_CN", "name"),  # a Chinese column under the Latin check
        (latin_name_mask, "zh_CN", "address"),
    ],
)
def test_ordinary_columns_need_no_scalar_call(mask, locale, kind, scalar_calls):
    fake = faker.Faker(locale)
    fake.seed_instance(21)
    values = [getattr(fake, kind)() for _ in range(2000)]
    accepted = mask(pa.array(values)).mean()
    # the rules beyond the census lists run per value, on the few values the census rules reject
    # that hold a word of another name dictionary (Mikayla Henry: Mikayla is not in the 1990 census)
    assert len(scalar_calls) <= len(values) // 200, scalar_calls[:10]
    assert accepted > 0.9 or (mask is latin_name_mask and locale == "zh_CN")


def test_undecided_addresses_go_to_the_scalar_check(scalar_calls):
    """No number after a division run: whether P > 0 decides, and only the scalar loop knows P."""
    values = ["四川省成都市武侯区人民南路四段", "江苏省南京市中山路幸福小区", "北京市朝阳区建国路88号"]
    assert address_mask(pa.array(values)).tolist() == [True, True, True]
    assert scalar_calls == values[:2]


def test_accented_latin_names_go_to_the_scalar_check(scalar_calls):
    values = ["José García", "Michael Miller", "王 伟", "Zoë Smith", "Wang 伟", "Apple 苹果"]
    assert latin_name_mask(pa.array(values)).tolist() == _expected(is_latin_name, values)
    assert scalar_calls == ["José García", "Zoë Smith"]


# --- premises the vectorised rules rely on -------------------------------------------------------

_BMP = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]


def test_space_class_is_str_isspace_and_arrow_whitespace():
    space = re.compile(SPACE)
    python = {c for c in _BMP if c.isspace()}
    assert {c for c in _BMP if space.fullmatch(c)} == python
    trimmed = pc.utf8_trim_whitespace(pa.array(_BMP)).to_pylist()
    assert {c for c, t in zip(_BMP, trimmed, strict=True) if t == ""} == python
    split = pc.utf8_split_whitespace(pa.array([f"a{c}b" for c in _BMP])).to_pylist()
    assert {c for c, parts in zip(_BMP, split, strict=True) if parts == ["a", "b"]} == python


def test_nfkc_safe_ranges_are_assigned_and_normalised_alike():
    chars = [chr(c) for a, b in address_masks_module._NFKC_SAFE_RANGES for c in range(a, b + 1)]
    chars += [chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000))]
    assert all(unicodedata.category(c) != "Cn" for c in chars)
    normalised = pc.utf8_normalize(pa.array(chars), "NFKC").to_pylist()
    assert [c for c, n in zip(chars, normalised, strict=True) if n != unicodedata.normalize("NFKC", c)] == []
    assert pc.all(pc.match_substring_regex(pa.array(chars), address_masks_module._NFKC_SAFE)).as_py()
    unassigned = [c for c in _BMP if unicodedata.category(c) == "Cn"]
    assert not pc.any(pc.match_substring_regex(pa.array(unassigned), address_masks_module._NFKC_SAFE)).as_py()


def test_character_sets_behind_the_chinese_address_bounds():
    han = re.compile(HAN)
    words = [w for kind in ("admin", "road", "detail", "estate") for w in addresses.cn_words(kind)]
    # division, road and estate words are Han, so the division run (and a place part) stays in ``HAN``
    assert all(han.fullmatch(c) for w in [*words, *_places.divisions()] for c in w)
    # the tail rule is closed under suffixes only because every tail word is at most two characters
    assert max(map(len, addresses.TAIL_WORDS)) <= 2
    # nothing the "clean" pattern allows marks a sentence
    parts = "".join(words) + "".join(addresses.TAIL_WORDS) + addresses.CN_NUMERALS
    assert not set(parts) & set(addresses.SENTENCE_CHARS)
    after = re.compile(addresses.CN_PART_AFTER)
    not_han = {c for c in _BMP if after.fullmatch(c) and not han.fullmatch(c)}
    ranges = address_masks_module._AFTER_NOT_HAN
    assert not_han == {chr(c) for a, b in ranges for c in range(a, b + 1)}


def test_code_points_read_sliced_arrays():
    from compliance.detect.lexicon import _han

    text = pa.array(["王伟", "欧阳娜娜", "李"]).slice(1)
    assert _han.code_points(text).tolist() == [[ord(c) for c in "欧阳娜娜"], [ord("李"), 0, 0, 0]]


def test_only_four_non_ascii_letters_match_python_case_insensitive_ascii():
    """Why ``address_masks._NOT_US`` may reject other non-ASCII values without the scalar check."""
    letters = {c for c in _BMP if ord(c) > 0x7F and re.fullmatch("(?i)[a-z]", c)}
    assert letters == {"\u0130", "\u0131", "\u017f", "\u212a"}
    sources = "".join(addresses.us_pattern_sources().values()).replace(SPACE, "")
    assert {c for c in sources if ord(c) > 0x7F} == {"’"}
