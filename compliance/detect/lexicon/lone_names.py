"""One word alone that is a name only when the column's header says it holds people's names.

A column of surnames (``Yount``, ``Puckett``, ``MCKEON``) or of invented given names (``gilly``,
``swyft``) has no full name to check, and single surnames are also ordinary words and places, so
these checks are never applied to a column on their own: the scanner uses them only under a header
that names a person's name (``headers.person_name_header``; ``detectors.person_detector_for``).

* ``is_lone_surname``: one capitalised or upper-case word that is a US-census surname (if it is also
  an ordinary English word, one of the most frequent surnames: Miller, Brown, not Hammer), or a
  romanised Chinese surname that is not an English word; or one or two Han characters that are a
  Chinese surname (王, 欧阳). Places and company words are not.
* ``is_lone_name_word`` (explicit person-name headers only: ``first_name``, ``surname``, 姓名): also
  any single word of 2-20 letters in one case shape (``gilly``, ``Gilly``, ``GILLY``) that is not an
  English word, a place or a company word, or any census surname in any case.
"""

from __future__ import annotations

import re

from . import names, romanised, world
from ._regex import HAN

_HAN_WORD = re.compile(f"{HAN}{{1,2}}")
MAX_WORD = 20


def _not_a_name_word(key: str) -> bool:
    """A company word, a country, division or US state, a Chinese place (upper-case key)."""
    return key in names.en_stop_words() or key in world.places() or key in romanised.places()


def _census_surname(key: str) -> bool:
    """A census surname; one that is also an English word must be among the most frequent surnames."""
    if key in world.common_words():
        return key in names.en_common_surnames()
    return key in names.en_surnames()


def is_lone_surname(value: str) -> bool:
    """``Yount``, ``MCKEON``, ``O'Brien``, ``Chan``, ``欧阳``: a surname alone (see the module docstring)."""
    text = value.strip()
    if not text or len(text) > names.MAX_LEN:
        return False
    if _HAN_WORD.fullmatch(text):
        text = names.simplified(text)
        return text in names.cn_single() or text in names.cn_compound()
    if any(c.isspace() for c in text) or not text[0].isalpha() or not names._is_word(text, upper_case=text.isupper()):
        return False
    key = names._key(text)
    if len(key) < 2 or _not_a_name_word(key):
        return False
    return _census_surname(key) or (key in romanised.surnames() and key not in world.common_words())


def _one_case_shape(text: str) -> bool:
    return text.islower() or text.isupper() or (text[0].isupper() and text[1:].islower())


def is_lone_name_word(value: str) -> bool:
    """A lone surname, or one word of 2-20 letters in one case shape that no word list knows as
    anything but a name (``gilly``, ``Swyft``, ``CLEGANE``; not ``river``, ``Paris``, ``NYC``)."""
    if is_lone_surname(value):
        return True
    text = value.strip()
    if not 2 <= len(text) <= MAX_WORD or not text.isalpha() or _HAN_WORD.match(text) or not _one_case_shape(text):
        return False
    key = world.plain_key(text)
    if _not_a_name_word(key):
        return False
    if key in names.en_surnames():
        return True  # any case of a census surname (snow, RIVERS) under a surname header
    if text.isupper() and len(text) <= 3:
        return False  # codes: NYC, LAX, GB
    return key not in world.common_words()
