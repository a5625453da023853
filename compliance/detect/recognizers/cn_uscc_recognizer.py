"""CN_USCC: unified social credit code of an organisation (GB 32100-2015). Not personal data.

18 characters from ``0-9A-HJ-NPQRTUWXY`` (no I, O, S, V, Z): registration authority (1), entity
type (1), region code (6 digits), organisation code (9), check character (mod 31, weights 3^i).

Why not ``stdnum.cn.uscc.is_valid``: it requires the first 8 characters to be digits, but the
authority and type codes may be letters (e.g. ``N`` agriculture, ``A``, ``Y`` other), so it
rejects real codes. Its ``calc_check_digit`` is the GB 32100 algorithm and is used here.
An all-digit code is not conclusive (one 18-digit number in 31 passes the check); one with a
letter is.
"""

from __future__ import annotations

from presidio_analyzer import Pattern
from stdnum.cn import uscc

from ._common import CnPatternRecognizer, bounded, re2_candidate

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CHARS = "[0-9A-HJ-NPQRTUWXY]"
USCC_CORE = rf"[1-9A-HJ-NPQRTUWXY]{_CHARS}[0-9]{{6}}{_CHARS}{{10}}"
_ALLOWED = frozenset(_ALPHABET)


class CnUsccRecognizer(CnPatternRecognizer):
    """Recognize unified social credit codes by structure and GB 32100 check character."""

    ENTITY = "CN_USCC"
    BASE_SCORE = 1.0
    PATTERNS = [Pattern("CN USCC", bounded(USCC_CORE), 0.5)]
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
        if len(value) != 18 or not _ALLOWED.issuperset(value) or value[0] == "0":
            return False
        if not value[2:8].isdigit():
            return False
        return uscc.calc_check_digit(value[:17]) == value[17]

    def is_conclusive(self, text: str) -> bool:
        """A valid code containing a letter is conclusive; an all-digit one needs context."""
        return not text.strip().isdigit()
