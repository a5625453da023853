"""Header signals: what a column's name says it holds, from the pack's ``column_signals``.

Chinese keywords match as substrings of the header (``客户手机号`` contains ``手机号``); English
keywords match as whole tokens after splitting on separators and camelCase (``customerPhoneNo`` has
the token ``phone``, ``telephone_book`` does not have ``phone``). A header is only a hint: the
scanner still needs value evidence for entities that have a value pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..policy.model import Pack

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SPLIT = re.compile(r"[^0-9a-z]+")
_HAN = re.compile(r"[\u3400-\u9fff]")

#: words that make an English "name"/"address"-like header about something other than a person
NON_PERSONAL_QUALIFIERS = frozenset(
    """product item goods sku file folder path company corp org organisation organization business shop store
    brand merchant vendor supplier bank branch project host hostname domain server service app application
    device model table column field sheet schema database db event task job course school hospital department
    dept category class type status tag label warehouse city country province region district street state
    team group role plan campaign channel platform package module key metric feature attribute mac
    web website url link ip station place clinic airport airline carrier venue hotel restaurant town village
    county park building species breed drug disease song album track movie film book game league club
    university college stadium river lake mountain""".split()
)
#: Chinese header words that mark the named thing as not a person
_ZH_NON_PERSONAL = (
    "产品",
    "商品",
    "公司",
    "企业",
    "文件",
    "银行名",
    "品牌",
    "店铺",
    "项目",
    "部门",
    "机构",
    "单位",
)


#: things conventionally given people's names (storms, animals, vessels): a column of given names under
#: such a header names the thing, not a person (``storm``, ``pet_name``, ``台风名称``)
NAMED_NON_PERSONS = frozenset(
    """storm storms hurricane hurricanes typhoon typhoons cyclone cyclones tropical pet pets dog dogs cat cats
    puppy kitten horse horses racehorse animal animals ship ships vessel vessels boat boats yacht""".split()
)
_ZH_NAMED_NON_PERSONS = ("台风", "飓风", "风暴", "气旋", "宠物", "犬", "狗", "猫", "马匹", "船名", "船舶", "船只")
#: ... unless the header is about the person attached to the thing (``pet_owner``, ``船长姓名``)
_PERSON_NOUNS = frozenset(
    """owner owners keeper breeder vet veterinarian trainer rider jockey captain skipper crew sailor passenger
    master handler adopter walker groomer forecaster person people customer client user member contact
    guardian""".split()
)
_ZH_PERSON_NOUNS = ("主人", "饲养", "领养", "船长", "船员", "乘客", "联系人", "监护", "客户", "用户")


def names_a_non_person(header: str) -> bool:
    """The header says its names belong to a storm, an animal or a vessel, not to a person."""
    words = set(tokens(header))
    if words & _PERSON_NOUNS or any(w in header for w in _ZH_PERSON_NOUNS):
        return False
    return bool(words & NAMED_NON_PERSONS) or any(w in header for w in _ZH_NAMED_NON_PERSONS)


#: header words of a birth date (the pack's ``personal`` category signal lists them among age, gender
#: ...): under them a column of dates or plain numbers holds dates of birth, a DATE_TIME of a person
_BIRTH_WORDS = frozenset({"birth", "birthdate", "birthday", "birthdays", "dob", "born"})
_ZH_BIRTH_WORDS = ("出生", "生日", "生辰")
#: last header words of a record's key (``id``, ``order_id``, ``uuid``): a key column is not phone numbers
_KEY_WORDS = frozenset({"id", "ids", "uuid", "guid", "key", "pk", "sku"})
_ZH_KEY_ENDINGS = ("编号", "编码", "代码", "序号", "流水号", "ID", "id")


def names_a_birth_date(header: str) -> bool:
    """``birth_date``, ``dob``, ``DateOfBirth``, ``出生日期``, ``生日`` (not ``birth_place``, ``出生地``)."""
    words = tokens(header)
    if any(w in header for w in _ZH_BIRTH_WORDS):
        return "地" not in header  # 出生地: a place
    return bool(set(words) & _BIRTH_WORDS) and not set(words) & {"place", "city", "country", "pl", "weight"}


def names_a_key(header: str) -> bool:
    """The header names a record key: its last English word is ``id``/``uuid``/``key``, or it ends in 编号."""
    words = tokens(header)
    if words and words[-1] in _KEY_WORDS:
        return True
    return header.strip().endswith(_ZH_KEY_ENDINGS) and bool(_HAN.search(header))


#: a header token that names a name (``name``, ``names``; ``name2``, ``IncName`` after digits and camelCase)
_NAME_WORDS = frozenset({"name", "names"})
#: person-name headers beside the pack's PERSON keywords: ``forename``; the surname alone in Chinese
_FORENAME_WORDS = frozenset({"forename", "forenames"})
_ZH_SURNAME_HEADERS = ("姓", "姓氏")
EXPLICIT, GENERIC = "explicit", "generic"


def _bare(token: str) -> str:
    return token.rstrip("0123456789") or token


@cache
def _person_keywords(pack: Pack) -> tuple[frozenset[str], tuple[str, ...]]:
    """First tokens and joined forms of the pack's English PERSON keywords, and its Chinese ones: a
    header with none of them is not a PERSON header (no ``header_signals`` call: wide tables)."""
    english: set[str] = set()
    chinese: list[str] = []
    for base, zh_words, en_words in _compiled(pack):
        if base.entity == "PERSON":
            english |= {kw[0] for kw, _ in en_words if kw} | {joined for _, joined in en_words}
            chinese.extend(zh_words)
    return frozenset(english), tuple(chinese)


@lru_cache(maxsize=1 << 16)
def person_name_header(header: str, pack: Pack) -> str | None:
    """``EXPLICIT`` when the header names a person's name (the pack's PERSON keywords: ``last_name``,
    ``surname``, 姓名; ``forename``, 姓, 姓氏), ``GENERIC`` for a ``name`` alone or beside a digit or a
    word that is no thing (``name2``, ``IncName``; not ``team_name``, ``city_name``, ``pet_name``,
    ``产品名称``), else ``None``. Under such a header a lone surname (and under an explicit one any
    name-shaped word) is a name: ``detectors.person_detector_for``. One call per header (cached)."""
    words = tokens(header)
    bare = {_bare(t) for t in words}
    has_han = bool(_HAN.search(header))
    if has_han and any(word in header for word in _ZH_NON_PERSONAL):
        return None
    if (bare & NAMED_NON_PERSONS or (has_han and any(w in header for w in _ZH_NAMED_NON_PERSONS))) and not (
        bare & _PERSON_NOUNS or (has_han and any(w in header for w in _ZH_PERSON_NOUNS))
    ):
        return None  # names_a_non_person: Katrina the hurricane, Bella the dog
    stripped = header.strip()
    if bare & _FORENAME_WORDS or (has_han and (stripped in _ZH_SURNAME_HEADERS or stripped.endswith("姓氏"))):
        return EXPLICIT
    english, chinese = _person_keywords(pack)
    maybe = english & {*words, "".join(words)} or (has_han and any(w in header for w in chinese))
    if maybe and any(s.entity == "PERSON" for s in header_signals(header, pack)):
        return EXPLICIT
    if has_han or not bare & _NAME_WORDS or bare & (NON_PERSONAL_QUALIFIERS | NAMED_NON_PERSONS):
        return None
    return GENERIC


@dataclass(frozen=True)
class HeaderSignal:
    entity: str | None
    category: str | None
    exact: bool  # the whole header is the keyword

    @property
    def target(self) -> str:
        return self.entity or f"category:{self.category}"


def tokens(header: str) -> tuple[str, ...]:
    """Lower-case word tokens of an English header (Chinese characters are dropped)."""
    spaced = _CAMEL.sub(" ", header)
    return tuple(t for t in _SPLIT.split(spaced.lower()) if t)


def _contains_run(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


@cache
def _compiled(pack: Pack) -> tuple[tuple[HeaderSignal, tuple[str, ...], tuple[tuple[str, ...], ...]], ...]:
    out = []
    for signal in pack.column_signals:
        base = HeaderSignal(signal.entity, signal.category, exact=False)
        en = tuple((t, "".join(t)) for t in (tokens(k) for k in signal.en))
        out.append((base, tuple(k.lower() for k in signal.zh), en))
    return tuple(out)


def _qualified_away(header_tokens: tuple[str, ...], keyword: tuple[str, ...]) -> bool:
    """``product_name`` or ``file_path``: the keyword is qualified by a non-personal word."""
    return any(t in NON_PERSONAL_QUALIFIERS for t in header_tokens if t not in keyword)


def header_signals(header: str, pack: Pack) -> list[HeaderSignal]:
    """Every entity or category the header hints at, exact matches first, without repeats."""
    lowered = header.strip().lower()
    compact = re.sub(r"[\s_\-./]+", "", lowered)
    header_tokens = tokens(header)
    token_set = set(header_tokens)
    joined = "".join(header_tokens)
    has_han = bool(_HAN.search(header))
    zh_blocked = any(word in header for word in _ZH_NON_PERSONAL)
    found: dict[str, HeaderSignal] = {}
    for base, zh_words, en_words in _compiled(pack):
        exact = hit = False
        if has_han and not zh_blocked:
            for word in zh_words:
                if word and word in compact:
                    hit = True
                    exact = exact or word == compact
        for keyword, kw_joined in en_words:
            if not keyword:
                continue
            if keyword[0] not in token_set and kw_joined != joined:
                continue  # cannot match: a run starts with the keyword's first token (wide tables: 10,000 headers)
            if joined == kw_joined:
                hit = exact = True
            elif _contains_run(header_tokens, keyword) and not _qualified_away(header_tokens, keyword):
                hit = True
        if hit:
            signal = HeaderSignal(base.entity, base.category, exact)
            previous = found.get(signal.target)
            if previous is None or (exact and not previous.exact):
                found[signal.target] = signal
    return sorted(found.values(), key=lambda s: (not s.exact, s.target))
