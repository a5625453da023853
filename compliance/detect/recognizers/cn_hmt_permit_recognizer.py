"""CN_HMT_PERMIT: travel permits between the mainland and Hong Kong, Macau and Taiwan.

Formats (partly unverified, see regulation.md section 6, hence low base scores and context):

* Exit-Entry Permit for Travelling to and from HK and Macau (往来港澳通行证):
  ``C`` + a letter or digit + 7 digits.
* Mainland Travel Permit for HK / Macau residents (回乡证): ``H`` (Hong Kong) or ``M`` (Macau)
  + 8 digits, older cards + 10 digits.
* Mainland Travel Permit for Taiwan residents (台胞证): 8 digits, which alone are far too common
  to mean anything, so they start with a near-zero score; mainland residents' permit to Taiwan
  (往来台湾通行证): ``L`` + 8 digits.

An 8-digit value that reads as a calendar date (``20240101``) is rejected: date columns would
otherwise all look like Taiwan permits. ``validate_array``: anchored RE2 for the formats and the
filler digits, the date test in numpy.
"""

from __future__ import annotations

import datetime

import numpy as np
import pyarrow as pa

from ..vectorised import (
    ALL_SAME_DIGITS,
    byte_lengths,
    digit_matrix,
    matches,
    number,
    rows_where,
    string_array,
    strip,
    valid_dates,
)
from ._common import LETTERS_NO_IO, CnDefinition, PatternDef, all_same, bounded, presidio_class_getattr, re2_candidate

HK_MACAU_CORE = rf"C[0-9{LETTERS_NO_IO}][0-9]{{7}}"
HOME_RETURN_CORE = r"[HM][0-9]{8}(?:[0-9]{2})?"
TO_TAIWAN_CORE = r"L[0-9]{8}"
TAIWAN_CORE = r"[0-9]{8}"
_SECOND = frozenset("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
FORMAT_RE2 = rf"^(?:{HK_MACAU_CORE}|{HOME_RETURN_CORE}|{TO_TAIWAN_CORE}|{TAIWAN_CORE})$"
FILLER_RE2 = rf"^(?:C[0-9{LETTERS_NO_IO}]|[HML])?{ALL_SAME_DIGITS}$"
_FIRST_YEAR, _LAST_YEAR = 1900, 2099
_TAIWAN_LENGTH = 8


def _looks_like_date(digits: str) -> bool:
    """``YYYYMMDD`` between 1900 and 2099 (a date, far likelier than a permit number)."""
    year = int(digits[:4])
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        return False
    try:
        datetime.date(year, int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return True


class CnHmtPermit(CnDefinition):
    """Recognize Hong Kong / Macau / Taiwan travel permit numbers (format only)."""

    ENTITY = "CN_HMT_PERMIT"
    BASE_SCORE = 0.3
    PATTERNS = [
        PatternDef("CN HK/Macau exit-entry permit", bounded(HK_MACAU_CORE), 0.3),
        PatternDef("CN home-return permit", bounded(HOME_RETURN_CORE), 0.3),
        PatternDef("CN permit to Taiwan", bounded(TO_TAIWAN_CORE), 0.3),
        PatternDef("CN Taiwan compatriot permit (weak)", bounded(TAIWAN_CORE), 0.01),
    ]
    RE2_PATTERN = re2_candidate(HK_MACAU_CORE, HOME_RETURN_CORE, TO_TAIWAN_CORE, TAIWAN_CORE)
    CONTEXT = [
        "通行证",
        "港澳通行证",
        "往来港澳通行证",
        "回乡证",
        "港澳居民来往内地通行证",
        "台胞证",
        "台湾居民来往大陆通行证",
        "往来台湾通行证",
        "入台证",
        "home return permit",
        "home-return permit",
        "exit-entry permit",
        "travel permit",
        "mainland travel permit",
        "taiwan compatriot",
    ]

    @staticmethod
    def validate_value(text: str) -> bool:
        """Exact format of one of the permit series; filler digits and dates are rejected."""
        value = text.strip()
        if not value.isascii():
            return False
        head = value[:1]
        if head == "C" and len(value) == 9:
            second, digits = value[1], value[2:]
            if second not in _SECOND:
                return False
        elif (head in ("H", "M") and len(value) in (9, 11)) or (head == "L" and len(value) == 9):
            digits = value[1:]
        elif len(value) == 8 and value.isdigit():
            return not all_same(value) and not _looks_like_date(value)
        else:
            return False
        return digits.isdigit() and not all_same(digits)

    @staticmethod
    def validate_array(values: pa.Array) -> np.ndarray:
        """``validate_value`` over an array: RE2 format and filler tests, 8-digit dates in numpy."""
        values = strip(string_array(values))
        out = matches(values, FORMAT_RE2) & ~matches(values, FILLER_RE2)
        index, subset = rows_where(values, out & (byte_lengths(values) == _TAIWAN_LENGTH))
        if len(index):
            digits, _, _ = digit_matrix(subset, _TAIWAN_LENGTH)
            year = number(digits[:, :4])
            date = valid_dates(year, number(digits[:, 4:6]), number(digits[:, 6:8]))
            out[index] = ~(date & (year >= _FIRST_YEAR) & (year <= _LAST_YEAR))
        return out


#: ``CnHmtPermitRecognizer``: the Presidio recognizer, built from ``CnHmtPermit`` on first use
__getattr__ = presidio_class_getattr(CnHmtPermit)
