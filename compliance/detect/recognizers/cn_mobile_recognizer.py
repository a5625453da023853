"""CN_MOBILE: mainland China mobile number.

11 digits ``1[3-9]xxxxxxxxx``, optionally prefixed with ``+86`` / ``0086`` / ``86`` and written in
3-4-4 groups separated by spaces or hyphens (``+86 138-0013-8000``). There is no checksum, so the
score stays at the pattern's level unless context (a ``手机`` / ``mobile`` header) supports it.
It is more specific than Presidio's PHONE_NUMBER, which also matches these numbers.

``validate_array`` is one anchored RE2 match: the scalar's result after removing spaces and hyphens,
written as a pattern that allows ``[ -]*`` between any two characters.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..vectorised import matches, string_array, strip
from ._common import CnDefinition, PatternDef, bounded, presidio_class_getattr, re2_candidate

MOBILE_CORE = r"(?:(?:\+|00)?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}"
_PREFIXES = ("+86", "0086", "86")
_S = "[ -]*"  # the separators validate_value removes
#: ``(?:\+86|0086|86)?1[3-9][0-9]{9}`` after separator removal, as a pattern on the raw value
VALID_RE2 = rf"^{_S}(?:\+{_S}8{_S}6{_S}|0{_S}0{_S}8{_S}6{_S}|8{_S}6{_S})?1{_S}[3-9](?:{_S}[0-9]){{9}}{_S}$"


class CnMobile(CnDefinition):
    """Recognize mainland Chinese mobile numbers (format only)."""

    ENTITY = "CN_MOBILE"
    BASE_SCORE = 0.5
    PATTERNS = [PatternDef("CN mobile", bounded(MOBILE_CORE), 0.5)]
    RE2_PATTERN = re2_candidate(MOBILE_CORE)
    CONTEXT = [
        "手机",
        "手机号",
        "手机号码",
        "移动电话",
        "电话",
        "联系电话",
        "联系方式",
        "电话号码",
        "mobile",
        "cell",
        "cellphone",
        "phone",
        "tel",
        "telephone",
    ]

    @staticmethod
    def validate_value(text: str) -> bool:
        """Strip separators and country prefix; 11 ASCII digits ``1[3-9]…`` remain."""
        value = text.strip().replace(" ", "").replace("-", "")
        if len(value) > 11:
            for prefix in _PREFIXES:
                if value.startswith(prefix) and len(value) == len(prefix) + 11:
                    value = value[len(prefix) :]
                    break
            else:
                return False
        return len(value) == 11 and value.isascii() and value.isdigit() and value[0] == "1" and value[1] >= "3"

    @staticmethod
    def validate_array(values: pa.Array) -> np.ndarray:
        """``validate_value`` over an array: one anchored RE2 match per value."""
        return matches(strip(string_array(values)), VALID_RE2)


#: ``CnMobileRecognizer``: the Presidio recognizer, built from ``CnMobile`` on first use
__getattr__ = presidio_class_getattr(CnMobile)
