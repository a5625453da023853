"""Is this value a postal address (entity ``LOCATION``)? Shape plus word-list evidence, no NER.

An address is more than a place name: ``北京`` or ``浙江省杭州市西湖区`` name an area, not where a person
lives, and a sentence that mentions a road is not an address either. So a value is accepted only
when it has the *structure* of an address:

* Chinese: a known division at the start (GB/T 2260 names, ``浙江省杭州市``) followed by a road,
  estate or house/building number (``文三路``, ``阳光小区``, ``88号``, ``3单元``), or, without the
  division, a road or estate together with a number (``建国路88号``). Whatever follows the last
  address part must look like more address (a postcode, a room number, ``附近``), which keeps out
  sentences such as ``北京市朝阳区建国路发生交通事故``. Numbers are ASCII digits (after NFKC, so
  full-width ``８８号`` counts), Chinese numerals or a letter (``B座``).
* English (US style, USPS Publication 28): house number, a capitalised street name (or a value
  entirely in lower case), a USPS street type (``Ave``, ``Street``...), optionally a direction, a
  unit (``Apt 4B``, ``Suite 100``) and ``City, ST 12345``; also PO boxes and military APO/FPO/DPO
  addresses.

``address_mask`` (``address_masks.py``) applies exactly these rules to a whole column at once.

All regular expressions are linear in practice (bounded repetitions, anchored) and values longer
than ``MAX_LEN`` are rejected outright, so no input can make a check slow.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from . import _data, _places
from ._regex import HAN, SPACE, alternation, py_class

MAX_LEN = 200
_HAN_CHAR = re.compile(HAN)
#: sentence punctuation and pronouns/particles: the value is a sentence, not an address
SENTENCE_CHARS = '。！？!?；;“”"我你您他她它吗呢吧啊呀请'
_SENTENCE = re.compile(f"[{re.escape(SENTENCE_CHARS)}]")
#: a house, building or unit number (ASCII digits: the value is NFKC-normalised first)
CN_NUMERALS = "零〇一二三四五六七八九十百两"
CN_NUMBER_TAIL = r"(?:[-－—~][0-9]{1,6})*"
CN_NUMBER = rf"(?:[0-9]{{1,6}}|[A-Za-z]|[{CN_NUMERALS}]{{1,4}}){CN_NUMBER_TAIL}"
#: the character before a road or estate word (``路`` alone is not a road)
CN_PART_AFTER_RANGES = ((0x3400, 0x9FFF), (0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A))
CN_PART_AFTER = py_class(CN_PART_AFTER_RANGES)
TAIL_CHARS = r"[0-9A-Za-z#()（）、,，.\-－—]"
_TAIL_OK = re.compile(f"{TAIL_CHARS}*")
TAIL_WORDS = ("附近", "旁", "旁边", "对面", "东侧", "西侧", "南侧", "北侧", "门口", "收", "转")


def cn_words(kind: str) -> frozenset[str]:
    """Words of one kind of ``cn_address_words.txt``: admin, road, detail or estate."""
    return _data.by_kind("cn_address_words.txt", kind)


@cache
def _cn_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Road, detail and estate parts (as look-aheads: one match per start position, group 1) and admin."""
    after_char = f"(?<={CN_PART_AFTER})"
    road = re.compile(f"(?=({after_char}(?:{alternation(cn_words('road'))})))")
    detail = re.compile(f"(?=({CN_NUMBER}(?:{alternation(cn_words('detail'))})))")
    estate = re.compile(f"(?=({after_char}(?:{alternation(cn_words('estate'))})))")
    admin = re.compile(f"[\u3400-\u9fff]{{1,8}}?(?:{alternation(cn_words('admin'))})")
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
    """Does ``tail`` (what follows the last address part) look like more address?

    Closed under taking suffixes (every ending of an accepted tail is accepted), which is what lets
    the column mask test "some part is followed by an accepted tail" instead of finding the last part.
    """
    return not tail or len(tail) <= 2 or bool(_TAIL_OK.fullmatch(tail)) or tail.endswith(TAIL_WORDS)


def _is_chinese_address(text: str) -> bool:
    if _SENTENCE.search(text):
        return False
    for lead in ("中华人民共和国", "中国"):
        if text.startswith(lead):
            text = text[len(lead) :]
            break
    road, detail, estate, _ = _cn_patterns()
    prefix_end = _division_prefix_end(text)
    # every road, estate and number part starting after the divisions (overlapping ones included)
    roads, details, estates = ([m.end(1) for m in p.finditer(text, prefix_end)] for p in (road, detail, estate))
    place = bool(roads or estates)
    # after a known division one more part is enough; without one, a place needs its number
    ok = (place or bool(details)) if prefix_end else (place and bool(details))
    return ok and _tail_ok(text[max(prefix_end, *roads, *details, *estates) :])


# --- English (US) -------------------------------------------------------------------------------

# Written without \s and \d (Unicode in Python, ASCII in RE2), so the column mask runs the same patterns.
_S = SPACE
_DIRECTION = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|Northeast|Northwest|Southeast|Southwest)\.?"
_HOUSE_NUMBER = r"[0-9]{1,6}[A-Za-z]?(?:[-/][0-9]{1,6}[A-Za-z]?)?"
_CITY = rf"[A-Za-z][A-Za-z.'’\-]*(?:{_S}[A-Za-z][A-Za-z.'’\-]*){{0,3}}"
_ZIP = r"[0-9]{5}(?:-[0-9]{4})?"
_COUNTRY = rf"(?:{_S}*,?{_S}*(?:USA|U\.S\.A\.|US|United{_S}States))?"


def _street_word(capitalised: bool) -> str:
    # a street name is capitalised ("Pennsylvania", "5th"); "3 people went to Main Street" is not an address
    first = "(?-i:[A-Z0-9])" if capitalised else "[A-Za-z0-9]"
    return first + r"[A-Za-z0-9'’.\-]*"


@cache
def us_pattern_sources() -> dict[str, str]:
    """Whole-value patterns for the four US address shapes: case-insensitive, to be matched in full.

    ``street_any`` admits lower-case street names and is only used when the whole value is in lower
    case (``123 main st``); otherwise the street name must be capitalised (``street``).
    """
    types = alternation(_data.words("en_street_suffixes.txt"))
    units = alternation(_data.words("en_unit_designators.txt"))
    codes = {row[0] for row in _data.lines("us_states.txt")}
    states = alternation(codes | _data.phrases("us_states.txt", skip_first=True)).replace(r"\ ", _S)
    unit = rf"(?:{_S}*,?{_S}*(?:(?:{units})\.?{_S}*#?{_S}*|#{_S}*)[A-Za-z0-9\-]{{1,8}})"
    place = (
        rf"(?:{_S}*,{_S}*|{_S}+)(?:(?:{_CITY})(?:{_S}*,{_S}*|{_S}+))?(?:{states})(?:{_S}+{_ZIP})?{_COUNTRY}"
        # "…, London" or an address abroad in English: "…, Chaoyang District, Beijing 100020"
        rf"|(?:{_S}*,{_S}*{_CITY}){{1,3}}(?:{_S}*,?{_S}*[0-9]{{5,6}})?"
        rf"|{_S}+{_ZIP}"
    )

    def street(capitalised: bool) -> str:
        return (
            rf"(?:No\.?{_S}*)?{_HOUSE_NUMBER}{_S}+(?:{_DIRECTION}{_S}+)?(?:{_street_word(capitalised)}{_S}+){{1,5}}?"
            rf"(?:{types})\.?(?:{_S}+{_DIRECTION})?{unit}?(?:{place})?{_S}*"
        )

    return {
        "street": street(True),
        "street_any": street(False),
        "po_box": rf"(?:P\.?{_S}?O\.?{_S}?Box|Post{_S}Office{_S}Box){_S}+[0-9]{{1,8}}(?:{place})?{_S}*",
        "military": (
            rf"(?:(?:PSC|CMR|Unit){_S}+[0-9]{{1,6}},?{_S}+Box{_S}+[0-9]{{1,6}}"
            rf"|(?:USNS|USS|USNV|USCGC){_S}+[A-Za-z]+(?:{_S}[A-Za-z]+)?)"
            rf"{_S}*,?{_S}*(?:APO|FPO|DPO){_S}+(?:AA|AE|AP){_S}+{_ZIP}{_S}*"
        ),
    }


@cache
def _us_patterns() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(source, re.IGNORECASE) for name, source in us_pattern_sources().items()}


def _is_us_address(text: str) -> bool:
    patterns = _us_patterns()
    if any(patterns[name].fullmatch(text) for name in ("po_box", "military", "street")):
        return True
    return text.islower() and bool(patterns["street_any"].fullmatch(text))


def is_address(value: str) -> bool:
    """True if ``value`` is a street-level postal address in Chinese or US-English form."""
    if not value or len(value) > MAX_LEN:
        return False
    text = unicodedata.normalize("NFKC", value).strip()
    if len(_HAN_CHAR.findall(text)) >= 2:
        return len(text) >= 5 and _is_chinese_address("".join(text.split()))
    text = re.sub(f"{SPACE}*[\r\n]+{SPACE}*", ", ", text)
    text = " ".join(text.split())
    return bool(text) and text[0].isalnum() and _is_us_address(text)
