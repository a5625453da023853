"""CN_PASSPORT: passport of the People's Republic of China.

Ordinary e-passports: ``E`` + 8 digits, or ``E`` + a letter (not I/O) + 7 digits once the numeric
series ran out; older ordinary passports: ``G`` + 8 digits. Diplomatic, service and public-affairs
passports: ``D`` / ``S`` / ``P`` + 7 digits, which look like any product code, so they start with
a very low score and rely on context. No checksum exists: scores never reach 1.0 without context.
``validate_array`` is two anchored RE2 matches (the format, and the filler digits it rejects).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..vectorised import ALL_SAME_DIGITS, matches, string_array, strip
from ._common import LETTERS_NO_IO, CnDefinition, PatternDef, all_same, bounded, presidio_class_getattr, re2_candidate

E_CORE = rf"E(?:[0-9]{{8}}|[{LETTERS_NO_IO}][0-9]{{7}})"
G_CORE = r"G[0-9]{8}"
OFFICIAL_CORE = r"[DSP][0-9]{7}"
_LETTERS = frozenset("ABCDEFGHJKLMNPQRSTUVWXYZ")
FORMAT_RE2 = rf"^(?:{E_CORE}|{G_CORE}|{OFFICIAL_CORE})$"
FILLER_RE2 = rf"^[EGDSP][{LETTERS_NO_IO}]?{ALL_SAME_DIGITS}$"


class CnPassport(CnDefinition):
    """Recognize Chinese passport numbers (format only; context-dependent)."""

    ENTITY = "CN_PASSPORT"
    BASE_SCORE = 0.4
    PATTERNS = [
        PatternDef("CN passport (E series)", bounded(E_CORE), 0.4),
        PatternDef("CN passport (G series)", bounded(G_CORE), 0.3),
        PatternDef("CN passport (D/S/P official)", bounded(OFFICIAL_CORE), 0.05),
    ]
    RE2_PATTERN = re2_candidate(E_CORE, G_CORE, OFFICIAL_CORE)
    CONTEXT = [
        "护照",
        "护照号",
        "护照号码",
        "外交护照",
        "公务护照",
        "因公护照",
        "passport",
        "passport no",
        "passport number",
    ]

    @staticmethod
    def validate_value(text: str) -> bool:
        """Exact series format; rejects filler digits such as ``E00000000``."""
        value = text.strip()
        if not value.isascii():
            return False
        head, tail = value[:1], value[1:]
        if head == "E" and len(tail) == 8:
            if tail[0] in _LETTERS:
                digits = tail[1:]
            elif tail[0].isdigit():
                digits = tail
            else:
                return False
        elif (head == "G" and len(tail) == 8) or (head in ("D", "S", "P") and len(tail) == 7):
            digits = tail
        else:
            return False
        return digits.isdigit() and not all_same(digits)

    @staticmethod
    def validate_array(values: pa.Array) -> np.ndarray:
        """``validate_value`` over an array: the exact format and not filler digits (RE2)."""
        values = strip(string_array(values))
        return matches(values, FORMAT_RE2) & ~matches(values, FILLER_RE2)


#: ``CnPassportRecognizer``: the Presidio recognizer, built from ``CnPassport`` on first use
__getattr__ = presidio_class_getattr(CnPassport)
