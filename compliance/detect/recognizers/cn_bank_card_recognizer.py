"""CN_BANK_CARD: bank card (debit or credit) number as issued in China.

16-19 digits with a Luhn check digit, optionally written in groups of four separated by spaces
or hyphens. UnionPay cards start with 62, which earns a higher score. Luhn is passed by one random
number in ten, so a valid checksum alone is not conclusive: 18-digit order numbers pass it too.
The score therefore stays at the pattern level and context (``银行卡号`` / ``card no``) lifts it.
``validate_array`` runs Luhn over a right-aligned digit matrix of the whole array.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from stdnum import luhn

from ..vectorised import digit_matrix, luhn_valid, rows_all, string_array, strip
from ._common import CnDefinition, PatternDef, all_same, bounded, presidio_class_getattr, re2_candidate

_GROUPS = r"(?:[ -]?[0-9]{4}){3}(?:[ -]?[0-9]{1,3})?"
UNIONPAY_CORE = rf"62[0-9]{{2}}{_GROUPS}"
CARD_CORE = rf"[1-9][0-9]{{3}}{_GROUPS}"
_MIN, _MAX = 16, 19


class CnBankCard(CnDefinition):
    """Recognize bank card numbers by length and Luhn checksum."""

    ENTITY = "CN_BANK_CARD"
    BASE_SCORE = 0.5
    PATTERNS = [
        PatternDef("CN bank card (UnionPay 62)", bounded(UNIONPAY_CORE), 0.5),
        PatternDef("CN bank card (other)", bounded(CARD_CORE), 0.3),
    ]
    # UNIONPAY_CORE is a subset of CARD_CORE, so the RE2 twin needs only the latter.
    RE2_PATTERN = re2_candidate(CARD_CORE)
    CONTEXT = [
        "银行卡",
        "银行卡号",
        "卡号",
        "借记卡",
        "储蓄卡",
        "信用卡",
        "银联",
        "银行账号",
        "银行账户",
        "账号",
        "开户行",
        "bank card",
        "card number",
        "card no",
        "debit card",
        "unionpay",
        "account number",
        "bank account",
    ]

    @staticmethod
    def validate_value(text: str) -> bool:
        """16-19 ASCII digits after removing spaces/hyphens, no leading 0, Luhn-valid."""
        value = text.strip().replace(" ", "").replace("-", "")
        if not (_MIN <= len(value) <= _MAX and value.isascii() and value.isdigit()):
            return False
        if value[0] == "0" or all_same(value):
            return False
        return luhn.checksum(value) == 0

    @staticmethod
    def validate_array(values: pa.Array) -> np.ndarray:
        """``validate_value`` over an array: separators removed, then Luhn on a digit matrix."""
        values = strip(string_array(values))
        values = pc.replace_substring(pc.replace_substring(values, " ", ""), "-", "")
        digits, all_digits, lengths = digit_matrix(values, _MAX)
        rows = np.arange(len(values))
        first = digits[rows, _MAX - np.clip(lengths, 1, _MAX)]
        inside = np.arange(_MAX)[None, :] >= (_MAX - np.minimum(lengths, _MAX))[:, None]
        same = rows_all((digits == digits[:, -1:]) | ~inside)
        return (lengths >= _MIN) & all_digits & (first != 0) & ~same & luhn_valid(digits)


#: ``CnBankCardRecognizer``: the Presidio recognizer, built from ``CnBankCard`` on first use
__getattr__ = presidio_class_getattr(CnBankCard)
