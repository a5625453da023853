"""Names from outside the US census lists: a known given name of any country and a surname-shaped word.

* Latin script: the first word is a given name of ``en_given_names.txt`` (US census) or of
  ``world_given_names.txt`` (Joerg Michael's multi-country dictionary; a word that is also an
  ordinary English word, such as ``Sky``, only counts from the census list), the last word is a
  capitalised word that is not an ordinary English word (``en_common_words.txt``) nor a company,
  title or product word: ``Łukasz Wiśniewski``, ``Mehmet Yılmaz``, ``Hiroshi Tanaka``,
  ``Øyvind Johansen``. ``Surname, Given`` likewise, the surname part in capitals allowed
  (``KOWALSKI, Jan``); a title and a surname (``Mr. Zhang``, ``Dr. Smith``).
* Cyrillic: 2-3 capitalised words, one a given name (transliterated, looked up in the same
  dictionaries: ``Сергей`` → Sergej / Sergey / Sergei) and every other a patronymic (``-ович``,
  ``-овна``) or surname-shaped (``-ов``, ``-ева``, ``-ский``, ``-енко``, ``-ук`` ...):
  ``Иванов Иван Иванович``, ``Ольга Петренко``.
* A single given name (``is_given_name``): a column of first names is personal too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import product

from . import _data

CYRILLIC = "[\u0400-\u04ff]"
_CYRILLIC = re.compile(CYRILLIC)
_CYRILLIC_WORD = re.compile("[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)?")
PATRONYMIC = ("ович", "евич", "ьич", "ич", "овна", "евна", "ична", "инична")
SURNAME_ENDINGS = (
    "ов",
    "ова",
    "ев",
    "ева",
    "ёв",
    "ёва",
    "ин",
    "ина",
    "ын",
    "ына",
    "ский",
    "ская",
    "цкий",
    "цкая",
    "ской",
    "енко",
    "ко",
    "ук",
    "юк",
    "чук",
    "ич",
    "швили",
    "дзе",
    "ян",
    "ин",
    "их",
    "ых",
    "ай",
    "ец",
)
#: Cyrillic letters → their Latin spellings in the transliterations the dictionaries use (German-style
#: j, English-style y, and i); letters with one spelling are in ``_PLAIN``
_VARIANTS = {
    "й": ("j", "y", "i"),
    "я": ("ja", "ya", "ia"),
    "ю": ("ju", "yu", "iu"),
    "ё": ("e", "jo", "yo"),
    "х": ("kh", "ch", "h"),
    "ц": ("ts", "c", "z"),
    "ї": ("ji", "yi", "i"),
    "є": ("je", "ye", "e"),
    "ж": ("zh", "sh", "j"),
}
_PLAIN = dict(
    zip(
        "абвгдезиклмнопрстуфыэіґчшщ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "z",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "y",
            "e",
            "i",
            "g",
            "ch",
            "sh",
            "shch",
        ],
        strict=True,
    )
)
_SILENT = "ьъ"
#: first words of place names that some dictionary also lists as given names (San Jose, Sri Lanka,
#: El Salvador, Santa Clara): a value starting with one is a name only by the census rules
PLACE_PREFIXES = frozenset(
    """SAN SANTA SANTO SAO EL LA LE LOS LAS RIO SRI COSTA SIERRA PUERTO PORTO PORT FORT MOUNT MONTE
    CAPE CIUDAD NUEVA NUEVO VILLA SAINT ST STE BAD BANDAR KOTA TEL""".split()
)
_MAX_VARIANTS = 27
#: a place that is also one of this many most used census given names is read as a name after a comma
COMMON_GIVEN_RANK = 1500


def key(token: str) -> str:
    """Dictionary spelling of a word: upper case, no trailing dot or comma, apostrophes dropped."""
    return token.rstrip(".,").replace("'", "").replace("’", "").upper()


def plain_key(token: str) -> str:
    """``key`` without accents (José → JOSE; Ł and Ø have no decomposition and stay)."""
    decomposed = unicodedata.normalize("NFKD", key(token))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def world_given() -> frozenset[str]:
    """Given names of the multi-country dictionary, with and without accents, upper case."""
    names = {n for row in _data.lines("world_given_names.txt") for n in row}
    return frozenset({key(n) for n in names} | {plain_key(n) for n in names})


@cache
def places() -> frozenset[str]:
    """Countries and first-level divisions (ISO 3166) and US states, upper case, except given names."""
    places = _data.phrases("world_places.txt", upper=True) | _data.phrases("us_states.txt", skip_first=True, upper=True)
    common = {row[0].upper() for row in _data.lines("en_given_names.txt")[:COMMON_GIVEN_RANK]}
    return places - common  # "Smith, Virginia" is a name, "Paris, France" is not


@cache
def common_words() -> frozenset[str]:
    return _data.words("en_common_words.txt", upper=True)


@cache
def census_given() -> frozenset[str]:
    return _data.words("en_given_names.txt", upper=True)


def is_known_given(token: str) -> bool:
    """A census given name, or a dictionary given name that is not an ordinary English word."""
    k, p = key(token), plain_key(token)
    if p in PLACE_PREFIXES:
        return False
    if k in census_given() or p in census_given():
        return True
    return (k in world_given() or p in world_given()) and p not in common_words()


def is_name_word(token: str, *, upper_ok: bool) -> bool:
    """A capitalised alphabetic word (hyphens, apostrophes allowed) that is not an English word."""
    word = token.rstrip(",")
    for part in word.split("-"):
        core = part.replace("'", "").replace("’", "")
        if not core.isalpha() or not core[0].isupper():
            return False
        if core.isupper() and len(core) > 1 and not upper_ok:
            return False
    return plain_key(word) not in common_words()


# --- Cyrillic ----------------------------------------------------------------------------------


def transliterations(word: str) -> set[str]:
    """Latin spellings of a Cyrillic word, upper case (Сергей → SERGEJ, SERGEY, SERGEI)."""
    options: list[tuple[str, ...]] = []
    lower = word.lower()
    for i, ch in enumerate(lower):
        if ch in _SILENT:
            continue
        if ch == "и" and lower[i + 1 : i + 2] == "й" and i + 2 == len(lower):
            options.append(("i", "y"))  # -ий: Dmitrij / Dmitriy / Dmitry
            continue
        if ch in _VARIANTS:
            options.append(_VARIANTS[ch])
        elif ch in _PLAIN:
            options.append((_PLAIN[ch],))
        else:
            return set()
    out = set()
    for combo in product(*options):
        out.add("".join(combo).upper())
        if len(out) >= _MAX_VARIANTS:
            break
    return out


def _cyrillic_given(word: str) -> bool:
    return any(t in world_given() or t in census_given() for t in transliterations(word))


def _cyrillic_family(word: str) -> bool:
    lower = word.lower()
    return lower.endswith(PATRONYMIC) or lower.endswith(SURNAME_ENDINGS)


def _cyrillic_case(word: str, upper: bool) -> bool:
    parts = word.split("-")
    if upper:
        return all(p.isupper() for p in parts)
    return all(p[:1].isupper() and (p[1:].islower() or not p[1:]) for p in parts)


def is_cyrillic_name(text: str) -> bool:
    """``Иванов Иван Иванович``, ``Ольга Петренко``, ``ПЕТРОВ Пётр`` (text already space-normalised)."""
    words = text.replace(",", " ").split()
    if not 2 <= len(words) <= 3 or not all(_CYRILLIC_WORD.fullmatch(w) for w in words):
        return False
    upper = text.isupper()
    if not all(_cyrillic_case(w, upper) or (_cyrillic_case(w, True) and i == 0) for i, w in enumerate(words)):
        return False
    given = [i for i, w in enumerate(words) if _cyrillic_given(w)]
    if not given:
        return False
    return any(all(_cyrillic_family(w) or i == g for i, w in enumerate(words)) for g in given)


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))
