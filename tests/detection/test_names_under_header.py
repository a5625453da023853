"""A column of lone surnames, or of invented given names, under a header that names a person's name.

Found on the holdout (benchmarks/README.md, "Holdout"), tested here on values of our own making or
from documented sources other than the holdout: surnames from the project's US-census list
(``compliance/detect/lexicon/en_surnames.txt``), figures of Norse and Greek mythology and invented
words for the name-shaped words, hand-written headers.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detect.headers import EXPLICIT, GENERIC, person_name_header
from compliance.detect.lexicon._data import lines
from compliance.detect.lexicon.lone_names import is_lone_name_word, is_lone_surname

from .conftest import default_pack


def _census_surnames(start: int, count: int) -> list[str]:
    """Census surnames by rank (the 2,000th onwards: Gaines, Mcclain ..., capitalised as a register writes them)."""
    rows = [row[0] for row in lines("en_surnames.txt")[start : start + count]]
    return [name.capitalize() for name in rows]


#: gods and heroes of Norse and Greek myth, lower-cased as the covid_testing authors wrote theirs
MYTH = "odin freyja baldur heimdall tyr loki skadi njord idunn bragi frigg sif ullr vidar forseti".split()
MYTH += "achilles hector priam andromache penelope telemachus odysseus agamemnon cassandra patroclus".split()
#: invented given-name-shaped words (no dictionary knows them)
INVENTED = "brevin taloria quenby morwick zandrel ophira kestril yavanel drosk imrie".split()


@pytest.mark.parametrize(
    ("header", "tier"),
    [
        ("name2", GENERIC),
        ("IncName", GENERIC),
        ("name", GENERIC),
        ("player_name", GENERIC),
        ("surname", EXPLICIT),
        ("last_name", EXPLICIT),
        ("family_name", EXPLICIT),
        ("fake_first_name", EXPLICIT),
        ("forename", EXPLICIT),
        ("姓", EXPLICIT),
        ("姓氏", EXPLICIT),
        ("姓名", EXPLICIT),
        ("team_name", None),
        ("city_name", None),
        ("product_name", None),
        ("clinic_name", None),
        ("station_name", None),
        ("file_name", None),
        ("pet_name", None),
        ("storm_name", None),
        ("产品名称", None),
        ("team86", None),
        ("username", None),
        ("c3", None),
    ],
)
def test_which_headers_name_a_persons_name(header, tier):
    assert person_name_header(header, default_pack()) == tier


@pytest.mark.parametrize("value", ["Yount", "MCKEON", "Mcclain", "O'Brien", "Miller", "Chan", "王", "欧阳"])
def test_lone_surnames(value):
    assert is_lone_surname(value)


@pytest.mark.parametrize("value", ["Hammer", "Ohio", "Texas", "Nanjing", "river", "Inc", "NY", "Yount Smith", "123"])
def test_not_lone_surnames(value):
    assert not is_lone_surname(value)


@pytest.mark.parametrize("value", [*MYTH[:5], *INVENTED[:5], "Brevin", "TALORIA", "snow"])
def test_lone_name_words(value):
    assert is_lone_name_word(value)


@pytest.mark.parametrize("value", ["window", "table", "Ohio", "NYC", "x", "brEvin", "odin2", "a" * 21, "hello world"])
def test_not_lone_name_words(value):
    assert not is_lone_name_word(value)


def test_masks_equal_the_scalar_checks():
    import pyarrow as pa

    from compliance.detect.detectors import EXPLICIT as TIER_EXPLICIT
    from compliance.detect.detectors import person_detector_for

    values = [*_census_surnames(2000, 60), *MYTH, *INVENTED, "Hammer", "river", "Paris", "王", "Mary Smith", None, ""]
    for tier in (TIER_EXPLICIT, GENERIC):
        detector = person_detector_for(tier)
        expected = [v is not None and detector.validate(v) for v in values]
        assert detector.validate_array(pa.array(values, pa.string())).tolist() == expected


@pytest.mark.parametrize("full", [False, True], ids=["sample", "full"])
def test_lone_surnames_under_a_name_header_are_people(scan, kit, full):
    surnames = _census_surnames(2000, 150)
    found = scan({"name2": surnames, "IncName": surnames, "surname": surnames, "姓氏": surnames}, full=full)
    for header in ("name2", "IncName", "surname", "姓氏"):
        assert kit.primary(found[header])[0] == "PERSON", header


def test_chinese_surnames_alone_under_a_surname_header(scan, kit):
    surnames = [row[0] for row in lines("cn_surnames.txt") if len(row[0]) == 1][:120]
    found = scan({"姓": surnames, "code": surnames})
    assert kit.primary(found["姓"])[0] == "PERSON"
    assert found["code"].entities == []


@pytest.mark.parametrize("full", [False, True], ids=["sample", "full"])
def test_invented_names_under_explicit_headers_are_people(scan, kit, full):
    words = (MYTH + INVENTED) * 4
    found = scan({"first_name": words, "given_name": words, "fake_last_name": words, "label": words}, full=full)
    for header in ("first_name", "given_name", "fake_last_name"):
        assert kit.primary(found[header])[0] == "PERSON", header
    assert found["label"].entities == []


def test_invented_words_under_a_generic_name_header_are_not_people(scan):
    """``name`` alone vouches for surnames, not for any word: package names, pizzas, codes stay things."""
    words = (MYTH + INVENTED) * 4
    found = scan({"name": words, "name2": words})
    assert found["name"].entities == [] and found["name2"].entities == []


def test_surnames_without_a_name_header_are_nothing(scan):
    surnames = _census_surnames(2000, 150)
    found = scan({"c3": surnames, "team86": surnames, "value": surnames})
    assert all(found[h].entities == [] for h in ("c3", "team86", "value"))


@pytest.mark.parametrize("header", ["team_name", "city_name", "product_name", "clinic_name", "station_name"])
def test_surname_like_words_under_a_thing_header_stay_things(scan, header):
    surnames = _census_surnames(2000, 150)
    found = scan({header: surnames})
    assert found[header].entities == []


def test_name_over_product_words_stays_not_personal(scan):
    products = "Hammer Anvil Lantern Kettle Bucket Widget Sprocket Ladder Shovel Wrench Chisel Funnel".split() * 12
    found = scan({"name": products, "name2": products})
    assert found["name"].entities == [] and found["name2"].entities == []


def test_places_under_a_name_header_stay_not_personal(scan):
    places = "Texas Ohio Peru Chile Kenya Nepal Oregon Utah Iowa Maine Nevada Vermont".split() * 12
    found = scan({"name": places})
    assert found["name"].entities == []


_LONE_WORD = r"^\p{L}[\p{L}\p{M}'’\-]{0,39}$|^\p{Han}{1,2}$"
_NAME_PIECES = ["Zhang", "wei", "O'Neil", "Łukasz", "José", "-", ".", ",", " ", "张", "伟", "·", "1", "x", "é"]


@given(texts=st.lists(st.lists(st.sampled_from(_NAME_PIECES), max_size=6).map("".join), max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_wide_prefilter_passes_every_name_and_lone_word(texts):
    """The widened detector's one pattern lets through all the plain name pattern and a lone word do."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from compliance.detect import detectors

    array = pa.array(texts, pa.string())

    def matches(pattern):
        return pc.fill_null(pc.match_substring_regex(array, pattern), False).to_pylist()

    wide = matches(detectors._WIDE_NAME_RE2)
    for pattern in (detectors._HAN_NAME_RE2, detectors._LATIN_NAME_RE2, _LONE_WORD):
        assert all(w or not m for w, m in zip(wide, matches(pattern), strict=True))
