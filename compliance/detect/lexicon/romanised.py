"""Chinese personal names written in Latin letters: pinyin, Wade-Giles and Hong Kong spellings.

``Zhang Wei``, ``ZHANG, WEI``, ``WANG Xiaoming``, ``Zhang Xiao-ming``, ``Wei Zhang`` (given name
first), ``Lee Hsiao-ling`` (Taiwan), ``Chan Tai Man`` (Hong Kong). A value is a surname from the
romanised surname lists (``cn_surnames_pinyin.txt``: every surname of ``cn_surnames.txt`` in pinyin
and Wade-Giles; ``cn_surnames_cantonese.txt``: Hong Kong and Macao spellings) and a given name of
one or two syllables of ``cn_syllables.txt`` (one word, joined ``Xiaoming`` or hyphenated
``Xiao-ming``, or two words ``Tai Man``), in either order, with or without a comma after the surname.
Case: every word capitalised, all capitals, all lower case, or the surname in capitals and the
given name capitalised (``WANG Xiaoming``). A value whose letters spell a Chinese place
(``Xi An``, ``Wong Tai Sin``, ``Hong Kong``) is not a name.
"""

from __future__ import annotations

from functools import cache

from . import _data

#: a given name has at most this many syllables; a joined syllable pair at most this many letters
MAX_GIVEN_SYLLABLES = 2


@cache
def surnames() -> frozenset[str]:
    """Romanised surnames, upper case (ZHANG, CHANG, CHEUNG, OUYANG)."""
    pinyin = {row[1].upper() for row in _data.lines("cn_surnames_pinyin.txt") if len(row) >= 2}
    cantonese = {f.upper() for row in _data.lines("cn_surnames_cantonese.txt") for f in row[1:]}
    return frozenset(pinyin | cantonese)


@cache
def syllables() -> frozenset[str]:
    return frozenset(row[0].upper() for row in _data.lines("cn_syllables.txt") if row)


@cache
def places() -> frozenset[str]:
    return frozenset(row[0].upper() for row in _data.lines("cn_places_romanised.txt") if row)


def _syllable_count(word: str) -> int:
    """1 or 2 if ``word`` (upper case, letters only) is one syllable or two joined ones, else 0."""
    known = syllables()
    if word in known:
        return 1
    if any(word[:i] in known and word[i:] in known for i in range(1, len(word))):
        return 2
    return 0


def _given_syllables(token: str) -> int:
    """Syllables of one given-name word: ``Wei`` 1, ``Xiaoming`` 2, ``Xiao-ming`` 2; 0 if not one."""
    parts = token.upper().split("-")
    if len(parts) == 1:
        return _syllable_count(parts[0])
    if len(parts) == 2 and all(p in syllables() for p in parts):
        return 2
    return 0


def _case_ok(token: str) -> str | None:
    """``"title"``, ``"upper"`` or ``"lower"`` for a word (each hyphen part alike), else None."""
    parts = token.split("-")
    if not all(p.isascii() and p.isalpha() for p in parts):
        return None
    if all(p.isupper() for p in parts):
        return "upper"
    if all(p.islower() for p in parts):
        return "lower"
    if parts[0][:1].isupper() and parts[0][1:].islower() and all(p.islower() or p.istitle() for p in parts[1:]):
        return "title"
    return None


def is_romanised_chinese_name(tokens: list[str]) -> bool:
    """True for 2-3 words (commas kept) that spell a surname and a given name of 1-2 syllables."""
    if not 2 <= len(tokens) <= 3:
        return False
    comma = [t.endswith(",") for t in tokens]
    if any(comma[1:]) or any("," in t.rstrip(",") for t in tokens):
        return False
    words = [t.rstrip(",") for t in tokens]
    cases = [_case_ok(w) for w in words]
    if None in cases:
        return False
    if "lower" in cases and set(cases) != {"lower"}:
        return False
    if "".join(words).upper() in places():
        return False
    orders = [(words[0], words[1:])]
    if not comma[0]:
        orders.append((words[-1], words[:-1]))
    for surname, given in orders:
        if surname.upper() not in surnames() or "-" in surname:
            continue
        count = [_given_syllables(g) for g in given]
        if 0 in count or sum(count) > MAX_GIVEN_SYLLABLES or (len(given) == 2 and sum(count) != 2):
            continue
        given_cases = {cases[words.index(g)] for g in given}
        surname_case = cases[words.index(surname)]
        if surname_case == "title" and given_cases != {"title"}:
            continue
        if surname_case == "upper" and not (given_cases <= {"upper", "title"}):
            continue
        return True
    return False
