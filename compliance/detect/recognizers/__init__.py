"""Registry of every value recognizer the scanner and the analyzer use.

Each entity is described once by an ``EntitySpec``: its recognizer definition as plain data
(patterns, context words, scores, validators; run without Presidio by ``matcher`` for free text),
an RE2 candidate pattern (used column-wise through ``pyarrow.compute``; the candidate is its named
group ``value``), a validator of one candidate, the same validator over a whole pyarrow array (numpy
result, for the column-wise scanner) and the score a validated match gets without context.
``spec.recognizer`` is the Presidio recognizer built from the same definition (for the analyzer and
the library API); it is the only part that imports Presidio, on first use. ``CHINA_DEFINITIONS`` is
the one list to extend: adding a recognizer means its module, one line here, and its test.

``CnMobileRecognizer`` and the other Presidio classes (and ``CHINA_RECOGNIZERS``,
``CnPatternRecognizer``) are resolved on first access, so importing this package stays Presidio-free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa

from ..vectorised import scalar_array
from ._builtin import BUILTINS, is_phone_number
from ._builtin_arrays import builtin_array_validator
from ._common import CnDefinition
from .cn_bank_card_recognizer import CnBankCard
from .cn_hmt_permit_recognizer import CnHmtPermit
from .cn_license_plate_recognizer import CnLicensePlate
from .cn_mobile_recognizer import CnMobile
from .cn_passport_recognizer import CnPassport
from .cn_resident_id_recognizer import CnResidentId
from .cn_uscc_recognizer import CnUscc
from .matcher import RecognizerDefinition, Span

__all__ = [
    "CHINA_DEFINITIONS",
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
    "presidio_recognizer",
]

CHINA_DEFINITIONS: tuple[type[CnDefinition], ...] = (
    CnResidentId,
    CnMobile,
    CnBankCard,
    CnPassport,
    CnHmtPermit,
    CnLicensePlate,
    CnUscc,
)
_PRESIDIO_NAMES = {f"{definition.__name__}Recognizer": definition for definition in CHINA_DEFINITIONS}


def __getattr__(name: str) -> Any:
    """The Presidio classes, built on first access (importing Presidio then, not at package import)."""
    if name == "CnPatternRecognizer":
        from .presidio_recognizers import CnPatternRecognizer

        return CnPatternRecognizer
    if name == "CHINA_RECOGNIZERS":
        from .presidio_recognizers import china_recognizer_class

        return tuple(china_recognizer_class(definition) for definition in CHINA_DEFINITIONS)
    if name in _PRESIDIO_NAMES:
        from .presidio_recognizers import china_recognizer_class

        return china_recognizer_class(_PRESIDIO_NAMES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    """One entity: definition, RE2 candidate pattern, validators and context-free score.

    ``validate_array(values)`` takes a pyarrow string array and returns a numpy bool array, ``True``
    where ``validate(value)`` is ``True`` (``False`` for nulls); it agrees with ``validate`` exactly.
    Without one, the spec calls ``validate`` once per distinct value.
    """

    entity: str  # design.md entity name
    definition: RecognizerDefinition  # patterns, context words, scores and checks, as plain data
    re2: str  # RE2 candidate pattern (searches inside text; candidate = group "value")
    validate: Callable[[str], bool]  # full check of one candidate match (the reference)
    base_score: float
    validate_array: Callable[[pa.Array], np.ndarray] = None  # type: ignore[assignment]  # set in __post_init__
    language: str = "zh"  # the language its Presidio recognizer is registered for

    def __post_init__(self) -> None:
        if self.validate_array is None:
            object.__setattr__(self, "validate_array", scalar_array(self.validate))

    @property
    def recognizer(self) -> Any:
        """The Presidio recognizer of this entity (``presidio_analyzer.EntityRecognizer``), built once."""
        return presidio_recognizer(self.entity, self.language)

    def find(self, text: str) -> list[Span]:
        """(start, end, score) of every valid value inside free text, without context boost.

        Runs the definition's own patterns (look-around boundaries) the way the Presidio recognizer
        does, so adjacent values such as ``13800138000,13900139000`` are all found; ``re2`` consumes
        the character around a candidate, so iterating it with Python ``re`` would miss the second one.
        """
        return sorted(self.definition.analyze(text))


def china_definition(definition: type[CnDefinition]) -> RecognizerDefinition:
    """The plain definition the matcher runs for a China recognizer."""
    return RecognizerDefinition(
        definition.ENTITY,
        tuple(definition.PATTERNS),
        tuple(definition.CONTEXT),
        definition.FLAGS,
        validate_result=definition.verdict,
        name=f"{definition.__name__}Recognizer",
    )


def entity_specs(language: str = "zh") -> list[EntitySpec]:
    """All entity specs, China recognizers first, with recognizers registered for ``language``."""
    return list(_entity_specs(language))


@cache
def _entity_specs(language: str) -> tuple[EntitySpec, ...]:
    specs = [
        EntitySpec(
            cls.ENTITY,
            china_definition(cls),
            cls.RE2_PATTERN,
            cls.validate_value,
            cls.BASE_SCORE,
            cls.validate_array,
            language,
        )
        for cls in CHINA_DEFINITIONS
    ]
    for builtin in BUILTINS:
        validate = is_phone_number if builtin.entity == "PHONE_NUMBER" else builtin.validate
        validate_array = builtin_array_validator(builtin.entity, validate)
        specs.append(
            EntitySpec(
                builtin.entity, builtin.definition, builtin.re2, validate, builtin.base_score, validate_array, language
            )
        )
    return tuple(specs)


@cache
def presidio_recognizer(entity: str, language: str = "zh") -> Any:
    """The Presidio recognizer of ``entity`` for ``language``, built from its definition (imports Presidio)."""
    from .presidio_recognizers import builtin_recognizer, china_recognizer_class

    for definition in CHINA_DEFINITIONS:
        if entity == definition.ENTITY:
            return china_recognizer_class(definition)(supported_language=language)
    for builtin in BUILTINS:
        if builtin.entity == entity:
            return builtin_recognizer(builtin.definition, language)
    raise KeyError(entity)


def combined_re2(specs: Iterable[EntitySpec]) -> str:
    """One RE2 alternation of all specs, each candidate group renamed to its entity name.

    Meant as one ``match_substring_regex`` prefilter over a column. With ``extract_regex`` it
    yields one struct field per entity, but RE2 fills only the first alternative matching at the
    leftmost position, so extract each candidate entity with its own ``spec.re2``.
    """
    return "|".join(f"(?:{spec.re2.replace('(?P<value>', f'(?P<{spec.entity}>', 1)})" for spec in specs)
