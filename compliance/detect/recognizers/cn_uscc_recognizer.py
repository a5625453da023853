"""CN_USCC: unified social credit code of an organisation (GB 32100-2015). Not personal data.

18 characters from ``0-9A-HJ-NPQRTUWXY`` (no I, O, S, V, Z): registration authority (1), entity
type (1), region code (6 digits), organisation code (9), check character (mod 31, weights 3^i).

Why not ``stdnum.cn.uscc.is_valid``: it requires the first 8 characters to be digits, but the
authority and type codes may be letters (e.g. ``N`` agriculture, ``A``, ``Y`` other), so it
rejects real codes. Its ``calc_check_digit`` is the GB 32100 algorithm and is used here.
An all-digit code is not conclusive (one 18-digit number in 31 passes the check); one with a
letter is. ``validate_array`` computes the check character of all codes at once with a lookup table.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from stdnum.cn import uscc

from ..vectorised import byte_lengths, right_aligned, rows_all, rows_where, string_array, strip, weighted_sum
from ._common import CnDefinition, PatternDef, bounded, presidio_class_getattr, re2_candidate

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CHARS = "[0-9A-HJ-NPQRTUWXY]"
USCC_CORE = rf"[1-9A-HJ-NPQRTUWXY]{_CHARS}[0-9]{{6}}{_CHARS}{{10}}"
_ALLOWED = frozenset(_ALPHABET)
_LENGTH = 18
#: byte -> position in the alphabet, -1 for every other byte
_INDEX = np.full(256, -1, dtype=np.int8)
_INDEX[np.frombuffer(_ALPHABET.encode(), dtype=np.uint8)] = np.arange(len(_ALPHABET))
#: GB 32100 weights 3^i mod 31 (the same as stdnum's ``calc_check_digit``)
_WEIGHTS = np.array([pow(3, i, 31) for i in range(_LENGTH - 1)], dtype=np.int64)


class CnUscc(CnDefinition):
    """Recognize unified social credit codes by structure and GB 32100 check character."""

    ENTITY = "CN_USCC"
    BASE_SCORE = 1.0
    PATTERNS = [PatternDef("CN USCC", bounded(USCC_CORE), 0.5)]
    RE2_PATTERN = re2_candidate(USCC_CORE)
    CONTEXT = [
        "统一社会信用代码",
        "社会信用代码",
        "信用代码",
        "营业执照",
        "纳税人识别号",
        "税号",
        "企业代码",
        "uscc",
        "unified social credit code",
        "credit code",
        "business license",
        "tax id",
    ]

    @staticmethod
    def validate_value(text: str) -> bool:
        """Alphabet, digits in the region field, first char not 0, mod-31 check character."""
        value = text.strip()
        if len(value) != _LENGTH or not _ALLOWED.issuperset(value) or value[0] == "0":
            return False
        if not value[2:8].isdigit():
            return False
        return uscc.calc_check_digit(value[:17]) == value[17]

    @staticmethod
    def validate_array(values: pa.Array) -> np.ndarray:
        """``validate_value`` over an array: alphabet lookup, structure and mod-31 check in numpy."""
        values = strip(string_array(values))
        out = np.zeros(len(values), dtype=bool)
        index, subset = rows_where(values, byte_lengths(values) == _LENGTH)
        if not len(index):
            return out
        codes = _INDEX[right_aligned(subset, _LENGTH)]
        shape = rows_all(codes >= 0) & (codes[:, 0] != 0) & rows_all(codes[:, 2:8] < 10)
        check = (-weighted_sum(codes[:, :-1], _WEIGHTS)) % len(_ALPHABET)
        out[index] = shape & (check == codes[:, -1])
        return out

    @staticmethod
    def is_conclusive(text: str) -> bool:
        """A valid code containing a letter is conclusive; an all-digit one needs context."""
        return not text.strip().isdigit()


#: ``CnUsccRecognizer``: the Presidio recognizer, built from ``CnUscc`` on first use
__getattr__ = presidio_class_getattr(CnUscc)
