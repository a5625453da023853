"""The shipped word lists: documented provenance, expected coverage, packaging, independence from Faker."""

from __future__ import annotations

import configparser
import fnmatch
import re
import time
from importlib import resources
from pathlib import Path

import pytest

from compliance.detect.lexicon import _data, _places, is_address, is_chinese_name, is_latin_name

PACKAGE = resources.files("compliance.detect.lexicon")
DATA_FILES = sorted(p.name for p in PACKAGE.iterdir() if p.name.endswith(".txt"))
ROOT = Path(__file__).resolve().parents[2]


def _header(name: str) -> str:
    lines = (PACKAGE / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line.startswith("#"))


def test_the_expected_files_are_shipped():
    assert set(DATA_FILES) >= {
        "cn_surnames.txt",
        "cn_provinces.txt",
        "cn_divisions.txt",
        "cn_common_words.txt",
        "cn_address_words.txt",
        "cn_nonname_suffixes.txt",
        "en_given_names.txt",
        "en_surnames.txt",
        "en_nonname_words.txt",
        "en_street_suffixes.txt",
        "en_unit_designators.txt",
        "us_states.txt",
    }


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_file_documents_its_source_and_licence(name):
    header = _header(name)
    for field in ("# Source", "# Licence:", "# Produced:"):
        assert field in header, (name, field)


@pytest.mark.parametrize("name", DATA_FILES)
def test_entries_are_clean_utf8_lines(name):
    for row in _data.lines(name):
        for field in row:
            assert field == field.strip() and "\ufeff" not in field, (name, field)


def test_package_data_glob_covers_the_files():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    globs = [g.strip() for g in config["options.package_data"]["compliance.detect.lexicon"].split(",")]
    for name in [*DATA_FILES, "README.md"]:
        assert any(fnmatch.fnmatch(name, g) for g in globs), name


def test_chinese_surname_coverage():
    surnames = _data.words("cn_surnames.txt")
    singles = {s for s in surnames if len(s) == 1}
    compounds = {s for s in surnames if len(s) == 2}
    assert len(singles) >= 400
    assert compounds >= set(
        "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 "
        "南宫 西门 百里 呼延".split()
    )
    assert set("王李张刘陈杨黄赵吴周肖付覃闫") <= singles


def test_provinces_are_the_34_provincial_level_divisions():
    rows = _data.lines("cn_provinces.txt")
    assert len(rows) == 34
    assert {"北京市", "新疆维吾尔自治区", "香港特别行政区", "台湾省"} <= {r[0] for r in rows}
    assert {"北京", "新疆", "香港"} <= _places.provinces()


def test_divisions_include_prefecture_and_county_levels_with_short_forms():
    full = _places.divisions()
    assert {"杭州市", "西湖区", "石家庄市", "三江侗族自治县"} <= full
    assert {"杭州", "西湖", "石家庄", "三江"} <= _places.all_place_names()


def test_census_lists_are_large_and_ordered_by_frequency():
    given = [r[0] for r in _data.lines("en_given_names.txt")]
    last = [r[0] for r in _data.lines("en_surnames.txt")]
    assert len(given) >= 3000 and len(last) >= 5000
    assert given[:2] == ["James", "John"] and last[:3] == ["Smith", "Johnson", "Williams"]


def test_usps_lists():
    suffixes = _data.words("en_street_suffixes.txt", upper=True)
    assert {"STREET", "ST", "AVENUE", "AVE", "ROAD", "RD", "LANE", "LN", "DRIVE", "DR", "COURT", "CT"} <= suffixes
    assert {"BOULEVARD", "BLVD"} <= suffixes
    assert {"SUITE", "STE", "APARTMENT", "APT", "UNIT"} <= _data.words("en_unit_designators.txt", upper=True)
    assert len(_data.lines("us_states.txt")) == 62  # 50 states, DC, 8 territories/freely associated, 3 military


def test_lexicon_code_does_not_use_faker():
    """Faker makes the test data; a lexicon built from it would measure nothing."""
    for path in Path(str(PACKAGE)).glob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+faker", path.read_text(encoding="utf-8"), re.M), path.name


def test_checks_are_fast_on_many_distinct_values():
    values = [f"值{i}" for i in range(5000)] + [f"{i} Main Street" for i in range(5000)]
    values += [f"Name{i} Smith" for i in range(5000)] + [f"王{chr(0x4E00 + i)}" for i in range(5000)]
    for check in (is_chinese_name, is_latin_name, is_address):
        check("warm up")  # loads the lists
        start = time.perf_counter()
        for v in values:
            check(v)
        assert time.perf_counter() - start < 5.0, check.__name__
