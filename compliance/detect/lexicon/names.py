"""Is this value a personal name? Dictionary evidence for columns without an NER model.

The scanner has no spaCy model, so it decides whether a column holds names (entity ``PERSON``)
from header keywords plus the share of values these functions accept. Each function looks at one
value and answers from independent, documented name lists (see README.md in this folder): it is
deliberately conservative, because a column is judged by the *ratio* of accepted values.

* Chinese: 2-4 Han characters starting with a surname from《百家姓》/ the 2020 MPS name report
  (single or compound), that are not an ordinary word, a place, or something ending like an
  organisation, place, product or job (``中信银行``, ``和平区``, ``项目经理``). Transliterated
  minority and foreign names joined by a middle dot (``买买提·艾力``) are accepted on their shape.
* Latin script: 2-4 capitalised words (after dropping ``Dr.``/``Jr.``-style affixes) whose first
  word is a US-census given name and whose last is a US-census surname, or ``Surname, Given``;
  company forms, job titles and product words reject the value (``Acme Inc``, ``Sales Manager``).
  Only Latin letters (accented ones included), ASCII punctuation and spaces may occur.

``chinese_name_mask`` and ``latin_name_mask`` (``name_masks.py``) apply exactly these rules to a
whole column at once.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from . import _data, _places, romanised, world
from ._regex import HAN, SPACE

MAX_LEN = 64
_HAN = re.compile(f"{HAN}+")
#: middle dots used between the parts of transliterated names (U+00B7, U+2022, U+30FB, U+2027, U+FF0E, U+2219)
DOTS = "[·•・‧．∙]"
_DOTS = re.compile(f"{SPACE}*{DOTS}{SPACE}*")
#: grammatical characters that do not occur in given names; they mark a phrase (王的, 李了)
FUNCTION_CHARS = "的了们是都吗呢吧啊么呀哦嘛啦这那哪什谁怎没很把被或等"
_FUNCTION_CHARS = frozenset(FUNCTION_CHARS)
#: forms of address after a surname or a full name (张伟先生, 李女士, 王老师); traditional forms are
#: met after the traditional → simplified mapping (陳先生, 黃老師)
HONORIFICS = ("先生", "女士", "小姐", "太太", "夫人", "老师", "同学", "医生", "教授", "博士", "律师", "师傅", "阿姨")
#: last characters of the honorifics in either script: values ending in one take the scalar path
HONORIFIC_ENDINGS = "生士姐太人师師学學授律傅姨"


@cache
def traditional_map() -> dict[int, str]:
    """``str.translate`` table: traditional characters → simplified (OpenCC, ``cn_traditional.txt``)."""
    return {ord(row[0]): row[1] for row in _data.lines("cn_traditional.txt") if len(row) == 2}


def simplified(text: str) -> str:
    """``text`` with traditional characters written in their simplified form (陳大文 → 陈大文)."""
    return text.translate(traditional_map())


@cache
def cn_single() -> frozenset[str]:
    return frozenset(w for w in _data.words("cn_surnames.txt") if len(w) == 1)


@cache
def cn_compound() -> frozenset[str]:
    return frozenset(w for w in _data.words("cn_surnames.txt") if len(w) >= 2)


@cache
def cn_not_names() -> frozenset[str]:
    """Whole values that are words or places, never names (黄金, 武汉, 石家庄, 浙江)."""
    return _data.words("cn_common_words.txt") | _places.all_place_names()


def cn_nonname_endings() -> frozenset[str]:
    """Endings of organisations, places, jobs and products (公司, 区, 经理)."""
    return _data.words("cn_nonname_suffixes.txt")


@cache
def _cn_suffixes() -> tuple[frozenset[str], ...]:
    """Non-name endings grouped by length: index k holds the endings of k characters."""
    endings = cn_nonname_endings()
    longest = max(map(len, endings))
    return tuple(frozenset(e for e in endings if len(e) == k) for k in range(longest + 1))


def _ends_like_non_name(text: str) -> bool:
    groups = _cn_suffixes()
    return any(text[-k:] in groups[k] for k in range(1, min(len(groups) - 1, len(text)) + 1))


def surname_of(text: str) -> str | None:
    """The surname that ``text`` (2-4 Han characters, already checked) starts with, if any.

    A compound surname needs at least one given-name character after it; a four-character value
    with a single-character surname must start with two surnames (both parents' surnames, as in
    ``张杨子涵``), which keeps four-character words such as ``高速公路`` out.
    """
    if len(text) >= 3 and text[:2] in cn_compound():
        return text[:2]
    singles = cn_single()
    if text[0] not in singles or text in cn_compound():
        return None
    if len(text) == 4 and text[1] not in singles:
        return None
    return text[0]


def _is_dotted_name(text: str) -> bool:
    parts = _DOTS.split(text)
    if not 2 <= len(parts) <= 4 or sum(map(len, parts)) > 20:
        return False
    if not all(1 <= len(p) <= 10 and _HAN.fullmatch(p) for p in parts):
        return False
    return not any(p in cn_not_names() or _ends_like_non_name(p) for p in parts[-1:])


def is_chinese_name(value: str) -> bool:
    """True if ``value`` looks like a Chinese personal name (``王伟``, ``欧阳娜娜``, ``买买提·艾力``)."""
    text = value.strip()
    if not text or len(text) > MAX_LEN:
        return False
    text = simplified(text)
    if _DOTS.search(text):
        return _is_dotted_name(text)
    # registers often pad two-character names with one (ideographic) space: "王　芳"
    parts = text.split()
    if len(parts) == 2 and len(parts[0]) <= 2:
        text = parts[0] + parts[1]
    if text[-1] in HONORIFIC_ENDINGS and _HAN.fullmatch(text):
        for title in HONORIFICS:
            head = text[: -len(title)]
            addressed = text.endswith(title) and 1 <= len(head) <= 4
            if addressed and (head in cn_single() or head in cn_compound() or _is_plain_name(head)):
                return True
    return _is_plain_name(text)


def _is_plain_name(text: str) -> bool:
    """2-4 Han characters (already simplified and joined) that pass the list checks."""
    if not 2 <= len(text) <= 4 or not _HAN.fullmatch(text):
        return False
    if text in cn_not_names() or _ends_like_non_name(text):
        return False
    surname = surname_of(text)
    if surname is None:
        return False
    return not any(ch in _FUNCTION_CHARS for ch in text[len(surname) :])


# --- Latin script -------------------------------------------------------------------------------

PREFIXES = frozenset("MR MRS MS MISS MX DR PROF SIR DAME REV".split())
#: titles of old registers and passenger lists, only in ``Surname, Title Given`` order
REGISTER_TITLES = frozenset("MASTER MME MLLE DON DONA REV COL MAJOR CAPT".split())
SUFFIXES = frozenset("JR SR II III IV V MD DDS DMD DVM PHD ESQ CPA RN".split())
#: lower-case particles allowed inside a name (Ludwig van Beethoven, Charles de Gaulle)
PARTICLES = frozenset("van von der den de del della da di du la le bin ibn al ter ten".split())
INITIAL = r"[A-Z]\.?"
_INITIAL = re.compile(INITIAL)
#: anything but ASCII, accented Latin letters (Latin-1, Extended-A/B and Additional), combining
#: accents and the typographic apostrophe: such a value is not a Latin-script name
NOT_LATIN = r"[^\x00-\x7f\u00c0-\u024f\u0300-\u036f\u0400-\u04ff\u1e00-\u1eff\u2019]"
_NOT_LATIN = re.compile(NOT_LATIN)
#: "Kelly Ford" is a name, "Tony Manor" a street: a last word that is also a USPS street type must
#: be among this many most frequent surnames (Ford 102, Wells 124, Meadows 766; Manor 6907)
_COMMON_SURNAME_RANK = 1000


@cache
def en_given() -> frozenset[str]:
    return _data.words("en_given_names.txt", upper=True)


@cache
def en_surnames() -> frozenset[str]:
    return _data.words("en_surnames.txt", upper=True)


@cache
def en_common_surnames() -> frozenset[str]:
    """The most frequent census surnames: enough evidence even when the word is also a street type."""
    return frozenset(row[0].upper() for row in _data.lines("en_surnames.txt")[:_COMMON_SURNAME_RANK])


@cache
def en_street_types() -> frozenset[str]:
    return _data.words("en_street_suffixes.txt", upper=True)


@cache
def en_stop_words() -> frozenset[str]:
    return _data.words("en_nonname_words.txt", upper=True)


def _key(token: str) -> str:
    """Census spelling of a token: no accents, apostrophes or trailing dot, upper case (O'Brien → OBRIEN)."""
    decomposed = unicodedata.normalize("NFKD", token.rstrip(".,"))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "'’").upper()


def _is_word(token: str, *, upper_case: bool) -> bool:
    """A capitalised alphabetic word, hyphens and apostrophes allowed (McDonald, O'Brien, Smith-Jones)."""
    for part in token.split("-"):
        core = part.replace("'", "").replace("’", "")
        if not core.isalpha() or not part[0].isupper():
            return False
        if not upper_case and core.isupper() and len(core) > 1:
            return False  # an acronym (IBM, USA) inside mixed-case text
    return True


def _is_surname(token: str) -> bool:
    key = _key(token)
    if key in en_street_types():
        return key in en_common_surnames()
    surnames = en_surnames()
    return key in surnames or any(p in surnames for p in key.split("-") if p)


def _strip_affixes(tokens: list[str]) -> list[str]:
    if len(tokens) > 2 and _key(tokens[0]) in PREFIXES:
        tokens = tokens[1:]
    if len(tokens) > 2 and _key(tokens[-1]) in SUFFIXES:
        tokens = tokens[:-1]
        tokens[-1] = tokens[-1].rstrip(",")
    return tokens


def _given_then_middle_ok(tokens: list[str], upper_case: bool) -> bool:
    """First token a given name, the rest words, initials or particles."""
    first = _key(tokens[0])
    if not _is_word(tokens[0], upper_case=upper_case) or (
        first not in en_given() and first.split("-")[0] not in en_given()  # Mary-Jane, Jean-Luc
    ):
        return False
    for token in tokens[1:]:
        if token in PARTICLES or _INITIAL.fullmatch(token):
            continue
        if not _is_word(token, upper_case=upper_case):
            return False
    return True


def is_latin_name(value: str) -> bool:
    """True if ``value`` looks like a personal name in Latin or Cyrillic letters (``Michael Miller``,
    ``Miller, Michael``, ``Zhang Wei``, ``Łukasz Wiśniewski``, ``Иван Петров``)."""
    text = " ".join(value.split())
    if not text or len(text) > MAX_LEN or not text[0].isalpha() or _NOT_LATIN.search(text):
        return False
    if world.is_cyrillic(text):
        return world.is_cyrillic_name(text)
    upper_case = text.isupper()
    words = text.split(" ")
    tokens = _strip_affixes(words)
    if any(_key(t) in en_stop_words() for t in tokens):
        return False
    return _is_census_name(tokens, upper_case) or _is_other_name(words, tokens, upper_case)


def _is_census_name(tokens: list[str], upper_case: bool) -> bool:
    """US census given name and surname, or ``Surname, Given``."""
    if "," in " ".join(tokens):
        return _is_inverted_name(" ".join(tokens), upper_case)
    if not 2 <= len(tokens) <= 4:
        return False
    last = tokens[-1]
    if last in PARTICLES or _INITIAL.fullmatch(last):
        return False
    return _given_then_middle_ok(tokens, upper_case) and _is_surname(last)


#: every dictionary word the rules beyond the census lists look up: a value none of whose words
#: (split at commas and hyphens) is one of these is decided by the census rules alone
def extension_keys() -> frozenset[str]:
    return _extension_keys()


@cache
def _extension_keys() -> frozenset[str]:
    return romanised.surnames() | world.world_given() | world.census_given() | PREFIXES | REGISTER_TITLES


def _is_other_name(words: list[str], tokens: list[str], upper_case: bool) -> bool:
    """Romanised Chinese names, names of other countries, a title and a surname (``Mr. Zhang``)."""
    if "".join(_key(w) for w in words).replace("-", "") in romanised.places():
        return False  # Hong Kong, Wong Tai Sin
    if len(words) == 2 and _key(words[0]) in PREFIXES:
        surname = words[1]
        return _is_word(surname, upper_case=upper_case) and (
            _is_surname(surname) or _key(surname) in romanised.surnames()
        )
    if romanised.is_romanised_chinese_name(tokens):
        return True
    if "," in " ".join(tokens):
        return _is_other_inverted(" ".join(tokens), upper_case)
    tokens = [t for t in tokens if not _BRACKETED.fullmatch(t)]  # Marc Dequènes (Duck)
    if not 2 <= len(tokens) <= 4:
        return False
    if len(tokens) == 2 and _is_family_first(tokens, upper_case):
        return True
    last = tokens[-1]
    if last in PARTICLES or _INITIAL.fullmatch(last) or not _is_given_word(tokens[0], upper_case):
        return False
    for token in tokens[1:-1]:
        if not (token in PARTICLES or _INITIAL.fullmatch(token) or _is_word(token, upper_case=upper_case)):
            return False
    return world.is_name_word(last, upper_ok=upper_case)


def _is_given_word(token: str, upper_case: bool) -> bool:
    """A capitalised known given name; of a hyphenated one the first part (Pierre-Elliott)."""
    if not _is_word(token, upper_case=upper_case):
        return False
    return world.is_known_given(token) or ("-" in token and world.is_known_given(token.split("-")[0]))


def _is_family_first(tokens: list[str], upper_case: bool) -> bool:
    """``Surname Given`` of two words, as Hungarian and East Asian registers write it (Gál Ferenc)."""
    family, given = tokens
    return (
        _is_given_word(given, upper_case)
        and world.plain_key(family) not in world.census_given()
        and world.is_name_word(family, upper_ok=True)
        and world.plain_key(family) not in world.PLACE_PREFIXES  # Santa Ana, San Jose
    )


#: a nickname or maiden name in brackets after the given names: "Cohen, Mr Gurshon (Gus)"
#: (only whole words in brackets are dropped, so the words that remain are words of the value)
_BRACKETED = re.compile(r"\([^()\s]*\)")
_BRACKETED_WORDS = re.compile(r"(?:^|\s)\([^()]*\)(?=\s|$)")


def _is_other_inverted(text: str, upper_case: bool) -> bool:
    """``Surname, Given``: the surname any name-shaped word (capitals allowed: ``KOWALSKI, Jan``);
    registers put the title after the comma (``Allen, Miss Elisabeth Walton``, ``Baxter, Mr Quigg``)."""
    left, sep, right = _BRACKETED_WORDS.sub("", text).partition(",")
    if not sep or "," in right or " ".join(right.split()).upper() in world.places():
        return False  # Paris, France
    family, given = left.split(), right.split()
    if not family or not all(t in PARTICLES or _is_family_word(t) for t in family):
        return False
    if len(given) >= 2 and _key(given[0]) in PREFIXES | REGISTER_TITLES:
        rest = given[1:]
        return (
            len(family) <= 3
            and len(rest) <= 3
            and all(t in PARTICLES or _INITIAL.fullmatch(t) or _is_word(t, upper_case=upper_case) for t in rest)
        )
    if not (len(family) <= 2 and 1 <= len(given) <= 2):
        return False
    if not (world.is_known_given(given[0]) and _is_word(given[0], upper_case=upper_case)):
        return False
    return all(t in PARTICLES or _INITIAL.fullmatch(t) or _is_word(t, upper_case=upper_case) for t in given[1:])


def _is_family_word(token: str) -> bool:
    """A surname before the comma: a census surname (SMITH) or any name-shaped word (KOWALSKI)."""
    return world.is_name_word(token, upper_ok=True) or (_is_word(token, upper_case=True) and _is_surname(token))


def is_given_name(value: str) -> bool:
    """True for a single given name (``Maria``, ``Łukasz``, ``Сергей``): a column of first names."""
    text = value.strip()
    if not text or len(text) > MAX_LEN or " " in text or not text[0].isalpha() or _NOT_LATIN.search(text):
        return False
    if world.is_cyrillic(text):
        return (
            bool(world._CYRILLIC_WORD.fullmatch(text))
            and world._cyrillic_case(text, text.isupper())
            and (world._cyrillic_given(text))
        )
    if not _is_word(text, upper_case=text.isupper()) or "'" in text:
        return False
    key = _key(text)
    return world.is_known_given(text) and key not in en_stop_words() and key not in romanised.places()  # Nanjing


def _is_inverted_name(text: str, upper_case: bool) -> bool:
    """``Surname, Given [Middle]``: the comma order of registers and bibliographies."""
    left, sep, right = text.partition(",")
    if not sep or "," in right or " ".join(right.split()).upper() in world.places():
        return False  # Paris, France
    family, given = left.split(), right.split()
    if not (1 <= len(family) <= 2 and 1 <= len(given) <= 2):
        return False
    if not all(_is_word(t, upper_case=upper_case) or t in PARTICLES for t in family):
        return False
    if len(family) == 1 and len(given) == 1 and _INITIAL.fullmatch(given[0]):
        return _is_surname(family[0])  # Allard, K: the roster and bibliography form
    return _is_surname(family[-1]) and _given_then_middle_ok(given, upper_case)
