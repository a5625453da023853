"""CN_RESIDENT_ID: citizen identity number (GB 11643-1999), also the social-security number.

18 characters: 6-digit region, birth date YYYYMMDD, 3-digit sequence (odd = male), check character
(ISO 7064 MOD 11-2, ``X`` for 10, lower-case ``x`` tolerated). The legacy 15-digit form
(region, YYMMDD in the 1900s, sequence) has no check digit. Forms printed in groups are accepted:
region, birth date and the rest separated by one space or hyphen each (``110102 19910101 0078``,
``110102-19910101-0078``; legacy ``110102 910101 007``); ``compact`` removes the separators.

Why not ``stdnum.cn.ric``: python-stdnum 2.2 raises ``KeyError`` on region codes missing from its
table, and region codes change over time, so unknown regions must not be rejected. Only the first
digit is checked (1-8; 7x and 81/82/83 are Taiwan / Hong Kong / Macau residence permits).

``validate_array`` runs the same checks over a byte matrix of all 18- (or 15-) byte values at once.
"""

from __future__ import annotations

import datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import regex
from stdnum.iso7064 import mod_11_2

from ..vectorised import (
    ZERO,
    _offsets_and_data,
    byte_lengths,
    date_ordinal,
    digit_matrix,
    number,
    rows_all,
    rows_where,
    string_array,
    strip,
    today_ordinal,
    valid_dates,
    weighted_sum,
)
from ._common import CnDefinition, PatternDef, bounded, presidio_class_getattr, re2_candidate

_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12][0-9]|3[01])"
_SEP = "[ -]?"
ID18_CORE = rf"[1-8][0-9]{{5}}{_SEP}(?:19|20)[0-9]{{2}}{_MONTH}{_DAY}{_SEP}[0-9]{{3}}[0-9Xx]"
ID15_CORE = rf"[1-8][0-9]{{5}}{_SEP}[0-9]{{2}}{_MONTH}{_DAY}{_SEP}[0-9]{{3}}"
#: the grouped forms, whose separators ``compact`` removes (20 and 17 characters)
GROUPED_RE2 = r"^[0-9]{6}[ -](?:[0-9]{8}[ -][0-9]{3}[0-9Xx]|[0-9]{6}[ -][0-9]{3})$"
_GROUPED = regex.compile(GROUPED_RE2)
_FIRST_YEAR = 1900
#: MOD 11-2 weights 2^(17-i) mod 11 of the first 17 digits (the check character has weight 1)
_WEIGHTS17 = np.array([pow(2, 17 - i, 11) for i in range(17)], dtype=np.int64)


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        return None
    if born.year < _FIRST_YEAR or born > datetime.date.today():
        return None
    return born


def compact(text: str) -> str:
    """The ID without the separators of a grouped form (``110102 19910101 0078`` → 18 digits)."""
    value = text.strip()
    return value.replace(" ", "").replace("-", "") if _GROUPED.match(value) else value


def _has_separator(values: pa.Array) -> bool:
    """Does any value hold a space or a hyphen (from the UTF-8 bytes: one pass, no regex)?"""
    offsets, data = _offsets_and_data(values)
    held = data[int(offsets[0]) : int(offsets[-1])] if len(offsets) else data[:0]
    return bool(((held == 0x20) | (held == 0x2D)).any())


def compact_array(values: pa.Array) -> pa.Array:
    """``compact`` of every value."""
    values = strip(string_array(values))
    if not _has_separator(values):  # a grouped form has separators: most columns hold none
        return values
    grouped = pc.match_substring_regex(values, GROUPED_RE2)
    if not pc.any(grouped).as_py():  # most columns: no grouped form, nothing to rewrite
        return values
    return pc.if_else(grouped, pc.replace_substring_regex(values, "[ -]", ""), values)


def _birth_date(text: str) -> datetime.date | None:
    """Birth date of a well-formed ID (18 or 15 characters) or ``None``; no checksum test."""
    value = compact(text)
    if len(value) == 18:
        if not (value[:17].isascii() and value[:17].isdigit() and value[17] in "0123456789Xx"):
            return None
        if value[0] not in "12345678":
            return None
        return _date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    if len(value) == 15:
        if not (value.isascii() and value.isdigit()) or value[0] not in "12345678":
            return None
        return _date(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]))
    return None


def _born_ok(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Array form of ``_date(...) is not None``."""
    ordinal = date_ordinal(year, month, day)
    return valid_dates(year, month, day) & (year >= _FIRST_YEAR) & (ordinal <= today_ordinal())


def _valid18(values: pa.Array) -> np.ndarray:
    """18-byte values: 17 digits starting 1-8, a check character, a real birth date, MOD 11-2."""
    digits, _, _ = digit_matrix(values, 18)
    last = digits[:, 17]
    upper_x = (last == ord("X") - ZERO) | (last == ord("x") - ZERO)
    shape = rows_all(digits[:, :17] <= 9) & ((last <= 9) | upper_x)
    shape &= (digits[:, 0] >= 1) & (digits[:, 0] <= 8)
    check = np.where(upper_x, 10, last).astype(np.int64)
    born = _born_ok(number(digits[:, 6:10]), number(digits[:, 10:12]), number(digits[:, 12:14]))
    return shape & born & ((weighted_sum(digits[:, :17], _WEIGHTS17) + check) % 11 == 1)


def _valid15(values: pa.Array) -> np.ndarray:
    """15-byte values: digits starting 1-8 with a real 19yy birth date."""
    digits, all_digits, _ = digit_matrix(values, 15)
    shape = all_digits & (digits[:, 0] >= 1) & (digits[:, 0] <= 8)
    return shape & _born_ok(1900 + number(digits[:, 6:8]), number(digits[:, 8:10]), number(digits[:, 10:12]))


class CnResidentId(CnDefinition):
    """Recognize Chinese resident identity numbers by pattern, birth date and MOD 11-2 checksum."""

    ENTITY = "CN_RESIDENT_ID"
    BASE_SCORE = 1.0
    PATTERNS = [
        PatternDef("CN resident ID (18, checksum)", bounded(ID18_CORE), 0.5),
        PatternDef("CN resident ID (15, legacy)", bounded(ID15_CORE), 0.3),
    ]
    RE2_PATTERN = re2_candidate(ID18_CORE, ID15_CORE)
    CONTEXT = [
        "身份证",
        "身份证号",
        "身份证号码",
        "居民身份证",
        "公民身份号码",
        "身份号码",
        "证件号",
        "证件号码",
        "社保号",
        "社会保障号",
        "社会保障号码",
        "id card",
        "id number",
        "id no",
        "identity card",
        "identity number",
        "resident id",
        "national id",
        "citizen id",
        "sfz",
    ]

    @staticmethod
    def birth_date(text: str) -> datetime.date | None:
        """Birth date of a valid ID (checksum included), else ``None``; used to count minors."""
        if not CnResidentId.validate_value(text):
            return None
        return _birth_date(text)

    @staticmethod
    def validate_value(text: str) -> bool:
        """18 chars: date + MOD 11-2; 15 chars: date only (1900-1999)."""
        value = compact(text)
        if _birth_date(value) is None:
            return False
        if len(value) == 15:
            return True
        return mod_11_2.checksum(value.upper()) == 1

    @staticmethod
    def validate_array(values: pa.Array) -> np.ndarray:
        """``validate_value`` over an array: rows of 18 / 15 bytes checked as digit matrices.

        A value of 18 characters that is not 18 bytes holds a non-ASCII character, which the scalar
        rejects too; an 18-byte value with multi-byte characters fails the digit test.
        """
        values = strip(string_array(values))
        if _has_separator(values):
            values = compact_array(values)
        lengths = byte_lengths(values)
        out = np.zeros(len(values), dtype=bool)
        for width, check in ((18, _valid18), (15, _valid15)):
            index, subset = rows_where(values, lengths == width)
            if len(index):
                out[index] = check(subset)
        return out

    @staticmethod
    def is_conclusive(text: str) -> bool:
        """Only the 18-character form has a checksum; the legacy form needs context."""
        return len(compact(text)) == 18


#: ``CnResidentIdRecognizer``: the Presidio recognizer, built from ``CnResidentId`` on first use
__getattr__ = presidio_class_getattr(CnResidentId)
