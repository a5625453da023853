"""Chinese and Latin-script personal-name checks: positives, look-alike negatives, properties."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.detect.lexicon import _data, _places, is_chinese_name, is_latin_name
from compliance.detect.lexicon.names import surname_of

CHINESE_NAMES = [
    "王伟",
    "李娜",
    "张三",
    "刘德华",
    "周杰伦",
    "马化腾",
    "毛泽东",
    "欧阳娜娜",  # compound surname, 4 characters
    "司马光",
    "诸葛亮",
    "上官婉儿",
    "东方不败",
    "皇甫嵩",
    "尉迟恭",
    "公孙胜",
    "慕容复",
    "令狐冲",
    "长孙无忌",
    "宇文泰",
    "司徒雷登",
    "夏侯惇",
    "轩辕敬",
    "端木蕻良",
    "独孤信",
    "南宫婉",
    "西门庆",
    "百里奚",
    "呼延灼",
    "张杨子涵",  # both parents' surnames
    "买买提·艾力",  # minority name with middle dot
    "阿依古丽·买买提",
    "迈克尔·乔丹",
    "王　芳",  # two-character name padded with an ideographic space
    " 李雷 ",
]


@pytest.mark.parametrize("value", CHINESE_NAMES)
def test_chinese_names(value):
    assert is_chinese_name(value) is True


CHINESE_NON_NAMES = [
    "北京市",
    "北京",
    "浙江",
    "成都",
    "武汉",
    "石家庄",
    "和平区",
    "有限公司",
    "中信银行",
    "华为技术有限公司",
    "手机号码",
    "张江高科技园区",
    "项目经理",
    "李宁店",
    "王者荣耀",
    "黄金",
    "安全",
    "方法",
    "高级",
    "金额",
    "马上",
    "王的",
    "欧阳",  # a compound surname alone is not a full name
    "高速公路",
    "阿里巴巴",
    "销售代表",
    "张",
    "王伟伟伟伟",
    "Wang Wei",
    "王伟123",
    "王伟。",
    "",
    "   ",
    "·",
    "哈利·波特系列",
]


@pytest.mark.parametrize("value", CHINESE_NON_NAMES)
def test_chinese_non_names(value):
    assert is_chinese_name(value) is False


def test_surname_split_prefers_compound_surnames():
    assert surname_of("欧阳修") == "欧阳"
    assert surname_of("司马迁") == "司马"
    assert surname_of("王小明") == "王"
    assert surname_of("某人") is None


def _section(name: str, title: str) -> list[str]:
    """Entries under the ``# --- ... ---`` comment containing ``title``, up to the next section."""
    text = (resources.files("compliance.detect.lexicon") / name).read_text(encoding="utf-8")
    out: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("# ---"):
            if out is not None:
                break
            if title in line:
                out = []
        elif out is not None and line and not line.startswith("#"):
            out.append(line.strip())
    assert out, f"no section {title!r} in {name}"
    return out


# 2020 MPS name report: the ten most used given names of newborn boys and girls
_REPORT_GIVEN_NAMES = (
    "奕辰 宇轩 浩宇 亦辰 宇辰 子墨 宇航 浩然 梓豪 亦宸 一诺 依诺 欣怡 梓涵 语桐 欣妍 可欣 语汐 雨桐 梦瑶".split()
)
_SURNAMES = sorted(_data.words("cn_surnames.txt"))


@given(surname=st.sampled_from(_SURNAMES), given_name=st.sampled_from(_REPORT_GIVEN_NAMES))
def test_any_surname_with_a_popular_two_character_given_name_is_a_name(surname, given_name):
    assert is_chinese_name(surname + given_name)


def test_single_character_given_names_are_names_unless_the_pair_is_a_word_or_place():
    """Top-100 surname + common one-character given name: a rejection must be explained by a list."""
    top100 = _section("cn_surnames.txt", "100 most common surnames")
    assert len(set(top100)) == 100 and top100[:5] == ["王", "李", "张", "刘", "陈"]
    words = _data.words("cn_common_words.txt") | _places.all_place_names()
    pairs = [s + g for s in top100 for g in "伟芳娜敏静丽强磊军洋勇杰娟涛明超霞"]
    rejected = [p for p in pairs if not is_chinese_name(p)]
    assert all(p in words for p in rejected), [p for p in rejected if p not in words]
    assert len(rejected) / len(pairs) < 0.1


@given(st.text(max_size=80))
def test_chinese_name_check_never_raises(value):
    assert isinstance(is_chinese_name(value), bool)


LATIN_NAMES = [
    "Michael Miller",
    "Mary Johnson",
    "John F. Kennedy",
    "Martin Luther King Jr.",
    "Robert Downey Jr.",
    "Dr. Jane Smith",
    "Mrs. Linda Garcia",
    "Patrick O'Brien",
    "Mary McDonald",
    "Mary-Jane Watson",
    "Anne-Marie Smith-Jones",
    "José García",
    "JOHN SMITH",
    "Smith, John",
    "Miller, Michael A.",
    "Kelly Ford",  # Ford is a street type but also a top-200 surname
    "William Henry Harrison",
    "  Susan   Clark ",
]


@pytest.mark.parametrize("value", LATIN_NAMES)
def test_latin_names(value):
    assert is_latin_name(value) is True


LATIN_NON_NAMES = [
    "New York",
    "Product Manager",
    "Sales Manager",
    "Acme Inc",
    "Johnson Group",
    "Mary Kay Inc.",
    "Blue Widget",
    "Grace Pro",
    "Johnson & Johnson",
    "Smith, Johnson and Brown",
    "Tony Manor",  # a street name: Manor is a street type and a rare surname
    "Jordan Street",
    "Michael",
    "john smith",
    "Michael MILLER",
    "IBM Corp",
    "Washington, DC",
    "123 Main Street",
    "Michael Miller 123",
    "",
    "A B C D E F",
]


@pytest.mark.parametrize("value", LATIN_NON_NAMES)
def test_latin_non_names(value):
    assert is_latin_name(value) is False


@given(st.text(max_size=80))
def test_latin_name_check_never_raises(value):
    assert isinstance(is_latin_name(value), bool)


_GIVEN = [row[0] for row in _data.lines("en_given_names.txt")[:200]]
_LAST = [row[0] for row in _data.lines("en_surnames.txt")[:200]]


@given(first=st.sampled_from(_GIVEN), last=st.sampled_from(_LAST))
def test_common_given_name_and_surname_make_a_name(first, last):
    assert is_latin_name(f"{first} {last}")
    assert is_latin_name(f"{last}, {first}")
