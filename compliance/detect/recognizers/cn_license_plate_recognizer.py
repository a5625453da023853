"""CN_LICENSE_PLATE: motor-vehicle number plate (GA 36).

Province abbreviation (one of 31 characters) + issuing-office letter (A-Z without I/O) + an
optional ``·`` or space + serial:

* ordinary plates: 5 letters/digits (no I/O, at most 2 letters);
* special plates: 4 letters/digits + 警 (police), 学 (driving school), 挂 (trailer),
  港 / 澳 (Guangdong cross-border);
* new-energy plates (6 characters): small cars ``D``/``F`` (since 2022 also A B C E / G H J K)
  + a letter or digit + 4 digits; large vehicles 5 digits + that letter.

A plate is personal information once linked to an owner; alone it is a weak identifier, so no
match is conclusive. ``validate_array``: the same pattern through RE2, letters counted by
``pyarrow.compute``.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..vectorised import matches, rows_where, string_array, strip
from ._common import LETTERS_NO_IO, CnDefinition, PatternDef, bounded, presidio_class_getattr, re2_candidate

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_SEPARATORS = "·・• "
_HEAD = rf"[{PROVINCES}][{LETTERS_NO_IO}][{_SEPARATORS}]?"
_ALNUM = f"[0-9{LETTERS_NO_IO}]"
_NEV_LETTER = "[ABCDEFGHJK]"
NEV_CORE = rf"{_HEAD}(?:{_NEV_LETTER}{_ALNUM}[0-9]{{4}}|[0-9]{{5}}{_NEV_LETTER})"
SPECIAL_CORE = rf"{_HEAD}{_ALNUM}{{4}}[警学挂港澳]"
REGULAR_CORE = rf"{_HEAD}{_ALNUM}{{5}}"
_FULL = re.compile(f"(?:{NEV_CORE})|(?:{SPECIAL_CORE})|(?:{REGULAR_CORE})")
_MAX_SERIAL_LETTERS = 2
FULL_RE2 = f"^(?:{NEV_CORE}|{SPECIAL_CORE}|{REGULAR_CORE})$"
NEV_RE2 = f"^(?:{NEV_CORE})$"


class CnLicensePlate(CnDefinition):
    """Recognize Chinese vehicle plates (format only)."""

    ENTITY = "CN_LICENSE_PLATE"
    BASE_SCORE = 0.5
    PATTERNS = [
        PatternDef("CN plate", bounded(REGULAR_CORE), 0.5),
        PatternDef("CN plate (new energy)", bounded(NEV_CORE), 0.5),
        PatternDef("CN plate (special)", bounded(SPECIAL_CORE), 0.5),
    ]
    RE2_PATTERN = re2_candidate(NEV_CORE, SPECIAL_CORE, REGULAR_CORE)
    CONTEXT = [
        "车牌",
        "车牌号",
        "车牌号码",
        "号牌",
        "号牌号码",
        "车辆号码",
        "机动车",
        "车辆",
        "plate",
        "license plate",
        "licence plate",
        "plate number",
        "plate no",
        "car plate",
        "vehicle registration",
    ]

    @staticmethod
    def validate_value(text: str) -> bool:
        """Exact plate format; ordinary and special serials may hold at most 2 letters."""
        value = text.strip()
        if not _FULL.fullmatch(value):
            return False
        serial = value[2:].lstrip(_SEPARATORS)
        if len(serial) == 6:  # new-energy plate: its letter rules are already in the pattern
            return True
        return sum(ch.isalpha() and ch.isascii() for ch in serial) <= _MAX_SERIAL_LETTERS

    @staticmethod
    def validate_array(values: pa.Array) -> np.ndarray:
        """``validate_value`` over an array: RE2 full match; serial letters counted (office letter + 2)."""
        values = strip(string_array(values))
        out = matches(values, FULL_RE2)
        index, subset = rows_where(values, out)
        if len(index):
            letters = pc.count_substring_regex(subset, "[A-Za-z]").to_numpy(zero_copy_only=False)
            out[index] = matches(subset, NEV_RE2) | (letters <= 1 + _MAX_SERIAL_LETTERS)
        return out


#: ``CnLicensePlateRecognizer``: the Presidio recognizer, built from ``CnLicensePlate`` on first use
__getattr__ = presidio_class_getattr(CnLicensePlate)
