"""The value detectors the scanner runs column-wise: Presidio recognizers plus name/address lexicons.

Each detector has an RE2 prefilter (run over a whole column at once by ``pyarrow.compute``) and an
exact validator (checksums, dates, dictionaries) run only on the distinct candidate values. *Strong*
detectors are trusted to find single values inside free text (a mobile number in a 备注 column); the
others must match whole values of a column. *Masked* detectors find values masked at the source
(``138****5678``, ``masked_source.py``): they count for the entity they mask, flagged as masked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .headers import EXPLICIT, person_name_header
from .lexicon import (
    address_mask,
    chinese_name_mask,
    given_name_mask,
    is_address,
    is_chinese_name,
    is_given_name,
    is_latin_name,
    latin_name_mask,
)
from .lexicon.lone_names import is_lone_name_word, is_lone_surname
from .masked_source import MASKED_BEFORE_RAW, MASKED_SHAPES, MaskedShape
from .recognizers import EntitySpec, entity_specs
from .recognizers._builtin_arrays import plausible_phone_array
from .recognizers.cn_resident_id_recognizer import compact_array
from .unit_address import UNIT_ADDRESS_HINT, is_unit_address, unit_address_mask
from .vectorised import scalar_array

#: regions whose national phone numbers a phone header vouches for, unless the pack's
#: ``settings.phone_regions`` says otherwise: mainland China, Hong Kong, Macao, Taiwan and the
#: North American plan (cross-border exports). ``+<country code>`` numbers count for any country.
DEFAULT_PHONE_REGIONS = ("CN", "HK", "MO", "TW", "US")

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
#: 2-4 words of letters (any script's letters and accents: José, Łukasz, Иван; any case: zhang wei),
#: commas after a word allowed (ZHANG, WEI), or one capitalised word (a given name: Maria)
_LATIN_NAME_RE2 = r"^\p{L}[\p{L}\p{M}'’\-.]*(?:,?\s+\p{L}[\p{L}\p{M}'’\-.]*){1,3}$|^\p{Lu}[\p{L}\p{M}\-]+$"
_ADDRESS_RE2 = (
    r"(?:[\p{Han}].*[0-9０-９一二三四五六七八九十百]+\s*[号弄栋幢室]"
    r"|[省市区县].*[路街道巷弄村镇乡]"
    r"|^\s*[0-9]+[A-Za-z]?\s+[A-Za-z]"
    rf"|{UNIT_ADDRESS_HINT})"
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
    masked: bool = False  # finds values masked at the source; counted apart, never handed to fact sinks
    #: of the valid values, those a header naming the entity vouches for (PHONE_NUMBER: numbers
    #: plausible for the pack's regions); ``None``: every valid value
    plausible: Callable[[pa.Array], np.ndarray] | None = None
    #: the one spelling fact collectors receive (resident IDs without group separators)
    canonical: Callable[[pa.Array], pa.Array] | None = None

    @property
    def anchored(self) -> str:
        """The prefilter for values that are entirely this entity."""
        return r"^\s*(?:" + self.prefilter + r")\s*$" if self.whole_value else self.prefilter


def _finder(spec: EntitySpec) -> Callable[[str], list[str]]:
    def find(text: str) -> list[str]:
        return [text[start:end] for start, end, _ in spec.find(text)]

    return find


def _from_spec(spec: EntitySpec, phone_regions: tuple[str, ...]) -> ValueDetector:
    strong = spec.entity in STRONG
    plausible = partial(plausible_phone_array, regions=phone_regions) if spec.entity == "PHONE_NUMBER" else None
    return ValueDetector(
        spec.entity,
        spec.re2,
        spec.validate,
        spec.validate_array,
        spec.base_score,
        strong,
        _finder(spec),
        plausible=plausible,
        canonical=compact_array if spec.entity == "CN_RESIDENT_ID" else None,
    )


def _from_masked(shape: MaskedShape, scores: dict[str, float]) -> ValueDetector:
    validate_array = scalar_array(shape.validate)
    score = scores.get(shape.entity, 0.6)
    return ValueDetector(
        shape.entity, shape.re2, shape.validate, validate_array, score, False, whole_value=False, masked=True
    )


def _is_name(value: str) -> bool:
    """A full name in either script, or a single given name (a column of first names is personal)."""
    return is_chinese_name(value) or is_latin_name(value) or is_given_name(value)


_FEW_NAMES = 48


def _name_mask(values: pa.Array) -> np.ndarray:
    """Column-wise ``_is_name`` (the lexicon masks equal the scalar checks; property-tested there).

    Each check only sees what the earlier ones rejected: a column is mostly one script and form.
    A handful of candidates is checked one by one: the masks' fixed cost (RE2 compiles of the word
    alternations) exceeds the scalar checks below ``_FEW_NAMES`` values."""
    if len(values) <= _FEW_NAMES:
        return np.array([v is not None and _is_name(v) for v in values.to_pylist()], dtype=bool)
    found = np.zeros(len(values), dtype=bool)
    han = np.flatnonzero(~pc.fill_null(pc.string_is_ascii(values), True).to_numpy(zero_copy_only=False))
    if len(han):  # a Chinese name has Han characters (or a non-ASCII dot): ASCII values are none
        found[han] = chinese_name_mask(values.take(pa.array(han)) if len(han) < len(values) else values)
    for mask in (latin_name_mask, given_name_mask):
        rest = np.flatnonzero(~found)
        if len(rest):
            found[rest] = mask(values.take(pa.array(rest)))
    return found


#: the prefilter of the widened PERSON detector: a superset of the name pattern and of lone words
#: (one word of letters, ``'``, ``’`` or ``-``; one or two Han characters),
#: written as ONE pattern of 1-8 Han characters or 1-4 words of letters. The plain alternation of the
#: three (Unicode classes, a counted repetition) makes RE2 give up its DFA: 231 ms against 15 ms
#: over 71,000 names. The validators decide; this only chooses the values they see.
_WIDE_NAME_RE2 = r"^(?:[\p{Han}][\p{Han}·•]{0,7}|\p{L}[\p{L}\p{M}'’\-.]*(?:,?\s+\p{L}[\p{L}\p{M}'’\-.]*){0,3})$"


def _lone_check(explicit: bool) -> Callable[[str], bool]:
    return is_lone_name_word if explicit else is_lone_surname


def _is_name_under_header(value: str, *, explicit: bool) -> bool:
    """A name (``_is_name``), or a lone surname; under an explicit header any lone name-shaped word."""
    return _is_name(value) or _lone_check(explicit)(value)


def _name_under_header_mask(values: pa.Array, *, explicit: bool) -> np.ndarray:
    """Column-wise ``_is_name_under_header``: the name mask, then the lone-word check on the rest
    (one scalar call per distinct rejected value, and only in columns under such a header)."""
    found = _name_mask(values)
    rest = np.flatnonzero(~found)
    if len(rest):
        check = _lone_check(explicit)
        found[rest] = [v is not None and check(v) for v in values.take(pa.array(rest)).to_pylist()]
    return found


@cache
def person_detector_for(tier: str) -> ValueDetector:
    """The PERSON detector of a column whose header names a person's name (``headers.person_name_header``):
    a lone surname counts (``name2``, ``IncName``: Yount, Puckett), and under an explicit header
    (``first_name``, ``surname``, 姓名) any lone name-shaped word (gilly). Without such a header
    neither is a name: single surnames are also words and places, and team codes and places would
    pass. The header costs nothing per value elsewhere: other columns keep the plain detector."""
    explicit = tier == EXPLICIT
    prefilter = _WIDE_NAME_RE2
    return ValueDetector(
        "PERSON",
        prefilter,
        partial(_is_name_under_header, explicit=explicit),
        partial(_name_under_header_mask, explicit=explicit),
        0.6,
        False,
        whole_value=False,
    )


def under_header(detectors: list[ValueDetector], header: str, pack) -> list[ValueDetector]:
    """``detectors`` for a column with this header: the PERSON detector widened under a person-name header."""
    tier = person_name_header(header, pack)
    if tier is None:
        return detectors
    wide = person_detector_for(tier)
    return [wide if d.entity == "PERSON" and not d.masked else d for d in detectors]


def _is_location(value: str) -> bool:
    return is_address(value) or is_unit_address(value)


def _location_mask(values: pa.Array) -> np.ndarray:
    """Column-wise ``_is_location``: the lexicon's address mask, then unit addresses among the rest."""
    found = address_mask(values)
    rest = np.flatnonzero(~found)
    if len(rest):
        found[rest] = unit_address_mask(values.take(pa.array(rest)))
    return found


@cache
def value_detectors(phone_regions: tuple[str, ...] = DEFAULT_PHONE_REGIONS) -> tuple[ValueDetector, ...]:
    """All detectors, most specific first (see ``SPECIFICITY``), the masked-at-source ones last."""
    found = [_from_spec(spec, tuple(phone_regions)) for spec in entity_specs()]
    person = f"(?:{_HAN_NAME_RE2})|(?:{_LATIN_NAME_RE2})"
    found.append(ValueDetector("PERSON", person, _is_name, _name_mask, 0.6, False, whole_value=False))
    found.append(ValueDetector("LOCATION", _ADDRESS_RE2, _is_location, _location_mask, 0.6, False, whole_value=False))
    scores = {d.entity: d.score for d in found}
    found.extend(_from_masked(shape, scores) for shape in MASKED_SHAPES)
    order = {name: i for i, name in enumerate(SPECIFICITY)}

    def rank(detector: ValueDetector) -> tuple[int, int]:
        # masked shapes run on what the others left, except those the raw check also accepts
        # (``z***@example.com`` is a syntactically valid e-mail address): those run just before it
        position = order.get(detector.entity, len(order))
        if detector.masked and detector.entity not in MASKED_BEFORE_RAW:
            return len(order) + 1, position
        return position, 0 if detector.masked else 1

    return tuple(sorted(found, key=rank))


def pack_phone_regions(settings: dict) -> tuple[str, ...]:
    """``settings.phone_regions`` of a pack (upper-cased), or ``DEFAULT_PHONE_REGIONS``."""
    regions = settings.get("phone_regions") if isinstance(settings, dict) else None
    return tuple(str(r).upper() for r in regions) if regions else DEFAULT_PHONE_REGIONS
