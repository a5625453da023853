"""The value detectors the scanner runs column-wise: Presidio recognizers plus name/address lexicons.

Each detector has an RE2 prefilter (run over a whole column at once by ``pyarrow.compute``) and an
exact validator (checksums, dates, dictionaries) run only on the distinct candidate values. *Strong*
detectors are trusted to find single values inside free text (a mobile number in a 备注 column); the
others must match whole values of a column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import pyarrow as pa

from .lexicon import address_mask, chinese_name_mask, is_address, is_chinese_name, is_latin_name, latin_name_mask
from .recognizers import EntitySpec, entity_specs

#: entities specific enough to be reported when found once inside free text (a bank card is not:
#: one random long number in ten passes Luhn)
STRONG = frozenset({"CN_RESIDENT_ID", "CN_MOBILE", "EMAIL_ADDRESS"})

#: when two entities match the same values, the earlier (more specific) one wins
SPECIFICITY = (
    "CN_RESIDENT_ID",
    "CN_USCC",
    "CN_MOBILE",
    "CN_BANK_CARD",
    "CN_PASSPORT",
    "CN_HMT_PERMIT",
    "CN_LICENSE_PLATE",
    "EMAIL_ADDRESS",
    "IBAN_CODE",
    "CREDIT_CARD",
    "IP_ADDRESS",
    "URL",
    "PHONE_NUMBER",
    "PERSON",
    "LOCATION",
)

_HAN_NAME_RE2 = r"^[\p{Han}][\p{Han}·•]{1,7}$"
_LATIN_NAME_RE2 = r"^[A-Z][A-Za-z'\-.]+(?:,? [A-Z][A-Za-z'\-.]*){1,3}$"
_ADDRESS_RE2 = (
    r"(?:[\p{Han}].*[0-9０-９一二三四五六七八九十百]+\s*[号弄栋幢室]"
    r"|[省市区县].*[路街道巷弄村镇乡]"
    r"|^\s*[0-9]+[A-Za-z]?\s+[A-Za-z])"
)


@dataclass(frozen=True)
class ValueDetector:
    entity: str
    prefilter: str  # RE2, searched inside each value
    validate: Callable[[str], bool]  # the reference check of one value
    validate_array: Callable[[pa.Array], np.ndarray]  # the same check over an array of candidates
    score: float
    strong: bool
    find: Callable[[str], list[str]] = lambda text: []  # valid values inside free text (strong detectors)
    whole_value: bool = True  # False: the prefilter only hints and the validator judges the whole value

    @property
    def anchored(self) -> str:
        """The prefilter for values that are entirely this entity."""
        return r"^\s*(?:" + self.prefilter + r")\s*$" if self.whole_value else self.prefilter


def _finder(spec: EntitySpec) -> Callable[[str], list[str]]:
    def find(text: str) -> list[str]:
        return [text[start:end] for start, end, _ in spec.find(text)]

    return find


def _from_spec(spec: EntitySpec) -> ValueDetector:
    strong = spec.entity in STRONG
    return ValueDetector(
        spec.entity, spec.re2, spec.validate, spec.validate_array, spec.base_score, strong, _finder(spec)
    )


def _is_name(value: str) -> bool:
    return is_chinese_name(value) or is_latin_name(value)


def _name_mask(values: pa.Array) -> np.ndarray:
    """Column-wise ``_is_name`` (the lexicon masks equal the scalar checks; property-tested there).

    The Latin check only sees what the Chinese one rejected: a column is mostly one script."""
    found = chinese_name_mask(values)
    rest = np.flatnonzero(~found)
    if len(rest):
        found[rest] = latin_name_mask(values.take(pa.array(rest)))
    return found


@cache
def value_detectors() -> tuple[ValueDetector, ...]:
    """All detectors, most specific first (see ``SPECIFICITY``)."""
    found = [_from_spec(spec) for spec in entity_specs()]
    person = f"(?:{_HAN_NAME_RE2})|(?:{_LATIN_NAME_RE2})"
    found.append(ValueDetector("PERSON", person, _is_name, _name_mask, 0.6, False, whole_value=False))
    found.append(ValueDetector("LOCATION", _ADDRESS_RE2, is_address, address_mask, 0.6, False, whole_value=False))
    order = {name: i for i, name in enumerate(SPECIFICITY)}
    return tuple(sorted(found, key=lambda d: order.get(d.entity, len(order))))
