"""Is this value a postal address (entity ``LOCATION``)? Shape plus word-list evidence, no NER.

An address is more than a place name: ``北京`` or ``浙江省杭州市西湖区`` name an area, not where a person
lives, and a sentence that mentions a road is not an address either. So a value is accepted only
when it has the *structure* of an address:

* Chinese: a known division at the start (GB/T 2260 names, ``浙江省杭州市``) followed by a road,
  estate or house/building number (``文三路``, ``阳光小区``, ``88号``, ``3单元``), or, without the
  division, a road or estate together with a number (``建国路88号``). Whatever follows the last
  address part must look like more address (a postcode, a room number, ``附近``), which keeps out
  sentences such as ``北京市朝阳区建国路发生交通事故``.
* English (US style, USPS Publication 28): house number, street name, a USPS street type (``Ave``,
  ``Street``...), optionally a direction, a unit (``Apt 4B``, ``Suite 100``) and ``City, ST 12345``;
  also PO boxes and military APO/FPO/DPO addresses.

All regular expressions are linear in practice (bounded repetitions, anchored) and values longer
than ``_MAX_LEN`` are rejected outright, so no input can make a check slow.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from . import _data, _places

_MAX_LEN = 200
_HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SENTENCE = re.compile(r"[。！？!?；;“”\"]|[我你您他她它吗呢吧啊呀请]")
_CN_NUMBER = r"(?:\d{1,6}|[A-Za-z]|[零〇一二三四五六七八九十百两]{1,4})(?:[-－—~]\d{1,6})*"
_TAIL_OK = re.compile(r"[0-9A-Za-z#()（）、,，.\-－—]*")
_TAIL_WORDS = ("附近", "旁", "旁边", "对面", "东侧", "西侧", "南侧", "北侧", "门口", "收", "转")


def _alternation(words: frozenset[str] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@cache
def _cn_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    kinds = {k: _data.by_kind("cn_address_words.txt", k) for k in ("admin", "road", "detail", "estate")}
    after_char = r"(?<=[\u3400-\u9fffA-Za-z0-9])"
    road = re.compile(f"{after_char}(?:{_alternation(kinds['road'])})")
    detail = re.compile(f"{_CN_NUMBER}(?:{_alternation(kinds['detail'])})")
    estate = re.compile(f"{after_char}(?:{_alternation(kinds['estate'])})")
    admin = re.compile(f"[\u3400-\u9fff]{{1,8}}?(?:{_alternation(kinds['admin'])})")
    return road, detail, estate, admin


def _division_prefix_end(text: str) -> int:
    """End of the leading run of divisions (``浙江省杭州市西湖区``), 0 if the value does not start with one.

    The first division must be a known name (province or GB/T 2260 division); later ones may be any
    ``…县``/``…区``-shaped word, since registers hold divisions renamed or made since the list. Two
    unknown division-shaped words in a row (``某某县某某镇``) also count.
    """
    known_names = _places.divisions()
    admin = _cn_patterns()[3]
    pos = known = generic = 0
    while pos < len(text):
        step = next((k for k in range(10, 1, -1) if text[pos : pos + k] in known_names), 0)
        if step:
            known += 1
            pos += step
            continue
        match = admin.match(text, pos)
        if not match or _has_place_part(match.group()):
            break  # "中山路幸福小区" ends in 区 but is a road and an estate, not a division
        generic += 1
        pos = match.end()
    return pos if known or generic >= 2 else 0


def _has_place_part(text: str) -> bool:
    road, _, estate, _ = _cn_patterns()
    return bool(road.search(text) or estate.search(text))


def _tail_ok(tail: str) -> bool:
    return not tail or len(tail) <= 2 or bool(_TAIL_OK.fullmatch(tail)) or tail.endswith(_TAIL_WORDS)


def _is_chinese_address(text: str) -> bool:
    if _SENTENCE.search(text):
        return False
    for lead in ("中华人民共和国", "中国"):
        if text.startswith(lead):
            text = text[len(lead) :]
            break
    road, detail, estate, _ = _cn_patterns()
    prefix_end = _division_prefix_end(text)
    ends = [prefix_end]
    found = {}
    for name, pattern in (("road", road), ("detail", detail), ("estate", estate)):
        spans = [m.end() for m in pattern.finditer(text, prefix_end)]
        found[name] = bool(spans)
        ends.extend(spans)
    place = found["road"] or found["estate"]
    # after a known division one more part is enough; without one, a place needs its number
    ok = (place or found["detail"]) if prefix_end else (place and found["detail"])
    return ok and _tail_ok(text[max(ends) :])


# --- English (US) -------------------------------------------------------------------------------

_DIRECTION = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|Northeast|Northwest|Southeast|Southwest)\.?"
_HOUSE_NUMBER = r"\d{1,6}[A-Za-z]?(?:[-/]\d{1,6}[A-Za-z]?)?"
_WORD = r"[A-Za-z0-9][A-Za-z0-9'’.\-]*"
_CITY = r"[A-Za-z][A-Za-z.'’\-]*(?:\s[A-Za-z][A-Za-z.'’\-]*){0,3}"
_ZIP = r"\d{5}(?:-\d{4})?"
_COUNTRY = r"(?:\s*,?\s*(?:USA|U\.S\.A\.|US|United\sStates))?"


@cache
def _us_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    types = _alternation(_data.words("en_street_suffixes.txt"))
    units = _alternation(_data.words("en_unit_designators.txt"))
    codes = {row[0] for row in _data.lines("us_states.txt")}
    states = _alternation(codes | _data.phrases("us_states.txt", skip_first=True)).replace(r"\ ", r"\s")
    unit = rf"(?:\s*,?\s*(?:(?:{units})\.?\s*#?\s*|#\s*)[A-Za-z0-9\-]{{1,8}})"
    place = (
        rf"(?:\s*,\s*|\s+)(?:(?:{_CITY})(?:\s*,\s*|\s+))?(?:{states})(?:\s+{_ZIP})?{_COUNTRY}"
        # "…, London" or an address abroad in English: "…, Chaoyang District, Beijing 100020"
        rf"|(?:\s*,\s*{_CITY}){{1,3}}(?:\s*,?\s*\d{{5,6}})?"
        rf"|\s+{_ZIP}"
    )
    street = re.compile(
        rf"(?:No\.?\s*)?(?P<number>{_HOUSE_NUMBER})\s+(?:{_DIRECTION}\s+)?(?P<name>(?:{_WORD}\s+){{1,5}}?)"
        rf"(?:{types})\.?(?:\s+{_DIRECTION})?{unit}?(?:{place})?\s*",
        re.IGNORECASE,
    )
    po_box = re.compile(
        rf"(?:P\.?\s?O\.?\s?Box|Post\sOffice\sBox)\s+\d{{1,8}}(?:{place})?\s*",
        re.IGNORECASE,
    )
    military = re.compile(
        r"(?:(?:PSC|CMR|Unit)\s+\d{1,6},?\s+Box\s+\d{1,6}|(?:USNS|USS|USNV|USCGC)\s+[A-Za-z]+(?:\s[A-Za-z]+)?)"
        rf"\s*,?\s*(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+{_ZIP}\s*",
        re.IGNORECASE,
    )
    return street, po_box, military


def _is_us_address(text: str) -> bool:
    street, po_box, military = _us_patterns()
    if po_box.fullmatch(text) or military.fullmatch(text):
        return True
    match = street.fullmatch(text)
    if not match:
        return False
    if text.islower():
        return True
    # a street name is capitalised ("Pennsylvania", "5th"); "3 people went to Main Street" is not an address
    return all(w[0].isupper() or w[0].isdigit() for w in match.group("name").split())


def is_address(value: str) -> bool:
    """True if ``value`` is a street-level postal address in Chinese or US-English form."""
    if not value or len(value) > _MAX_LEN:
        return False
    text = unicodedata.normalize("NFKC", value).strip()
    if len(_HAN_CHAR.findall(text)) >= 2:
        return len(text) >= 5 and _is_chinese_address("".join(text.split()))
    text = re.sub(r"\s*[\r\n]+\s*", ", ", text)
    text = " ".join(text.split())
    return bool(text) and text[0].isalnum() and _is_us_address(text)
