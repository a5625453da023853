"""Registry of every value recognizer the scanner and the analyzer use.

Each entity is described once by an ``EntitySpec``: the Presidio recognizer (used by the analyzer
and for free text), an RE2 candidate pattern (used column-wise through ``pyarrow.compute``; the
candidate is its named group ``value``), a validator of one candidate, the same validator over a
whole pyarrow array (numpy result, for the column-wise scanner) and the score a validated match
gets without context. ``CHINA_RECOGNIZERS`` is the one list to extend: adding a recognizer
means its module, one line here, and its test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
import pyarrow as pa
from presidio_analyzer import EntityRecognizer

from ..vectorised import scalar_array
from ._builtin import BUILTINS, is_phone_number, recognizer_validator
from ._builtin_arrays import builtin_array_validator
from ._common import CnPatternRecognizer
from .cn_bank_card_recognizer import CnBankCardRecognizer
from .cn_hmt_permit_recognizer import CnHmtPermitRecognizer
from .cn_license_plate_recognizer import CnLicensePlateRecognizer
from .cn_mobile_recognizer import CnMobileRecognizer
from .cn_passport_recognizer import CnPassportRecognizer
from .cn_resident_id_recognizer import CnResidentIdRecognizer
from .cn_uscc_recognizer import CnUsccRecognizer

__all__ = [
    "CHINA_RECOGNIZERS",
    "SUPERSEDES",
    "CnBankCardRecognizer",
    "CnHmtPermitRecognizer",
    "CnLicensePlateRecognizer",
    "CnMobileRecognizer",
    "CnPassportRecognizer",
    "CnPatternRecognizer",
    "CnResidentIdRecognizer",
    "CnUsccRecognizer",
    "EntitySpec",
    "combined_re2",
    "entity_specs",
]

CHINA_RECOGNIZERS: tuple[type[CnPatternRecognizer], ...] = (
    CnResidentIdRecognizer,
    CnMobileRecognizer,
    CnBankCardRecognizer,
    CnPassportRecognizer,
    CnHmtPermitRecognizer,
    CnLicensePlateRecognizer,
    CnUsccRecognizer,
)

#: When one value validates as both, the key is the more specific entity and should be reported
#: instead of the entities it supersedes (a Chinese mobile is also a valid PHONE_NUMBER, a UnionPay
#: card also a CREDIT_CARD, an e-mail's domain also a URL).
SUPERSEDES: Mapping[str, frozenset[str]] = {
    "CN_MOBILE": frozenset({"PHONE_NUMBER"}),
    "CN_BANK_CARD": frozenset({"CREDIT_CARD"}),
    "EMAIL_ADDRESS": frozenset({"URL"}),
}


@dataclass(frozen=True)
class EntitySpec:
    """One entity: recognizer, RE2 candidate pattern, validators and context-free score.

    ``validate_array(values)`` takes a pyarrow string array and returns a numpy bool array, ``True``
    where ``validate(value)`` is ``True`` (``False`` for nulls); it agrees with ``validate`` exactly.
    Without one, the spec calls ``validate`` once per distinct value.
    """

    entity: str  # design.md entity name
    recognizer: EntityRecognizer  # a Presidio recognizer instance (ours, or Presidio's built-in)
    re2: str  # RE2 candidate pattern (searches inside text; candidate = group "value")
    validate: Callable[[str], bool]  # full check of one candidate match (the reference)
    base_score: float
    validate_array: Callable[[pa.Array], np.ndarray] = None  # type: ignore[assignment]  # set in __post_init__

    def __post_init__(self) -> None:
        if self.validate_array is None:
            object.__setattr__(self, "validate_array", scalar_array(self.validate))

    def find(self, text: str) -> list[tuple[int, int, float]]:
        """(start, end, score) of every valid value inside free text, without context boost.

        Uses the recognizer's own Presidio patterns (look-around boundaries), so adjacent values
        such as ``13800138000,13900139000`` are all found; ``re2`` consumes the character around
        a candidate, so iterating it with Python ``re`` would miss the second one.
        """
        results = self.recognizer.analyze(text, [self.entity], None)
        return sorted((r.start, r.end, r.score) for r in results if r.entity_type == self.entity)


def entity_specs(language: str = "zh") -> list[EntitySpec]:
    """All entity specs, China recognizers first, with recognizers registered for ``language``."""
    return list(_entity_specs(language))


@cache
def _entity_specs(language: str) -> tuple[EntitySpec, ...]:
    specs = [
        EntitySpec(
            cls.ENTITY,
            cls(supported_language=language),
            cls.RE2_PATTERN,
            cls.validate_value,
            cls.BASE_SCORE,
            cls.validate_array,
        )
        for cls in CHINA_RECOGNIZERS
    ]
    for builtin in BUILTINS:
        recognizer = builtin.factory(language)
        validate = (
            is_phone_number if builtin.entity == "PHONE_NUMBER" else recognizer_validator(recognizer, builtin.entity)
        )
        validate_array = builtin_array_validator(builtin.entity, validate)
        specs.append(EntitySpec(builtin.entity, recognizer, builtin.re2, validate, builtin.base_score, validate_array))
    return tuple(specs)


def combined_re2(specs: Iterable[EntitySpec]) -> str:
    """One RE2 alternation of all specs, each candidate group renamed to its entity name.

    Meant as one ``match_substring_regex`` prefilter over a column. With ``extract_regex`` it
    yields one struct field per entity, but RE2 fills only the first alternative matching at the
    leftmost position, so extract each candidate entity with its own ``spec.re2``.
    """
    return "|".join(f"(?:{spec.re2.replace('(?P<value>', f'(?P<{spec.entity}>', 1)})" for spec in specs)
