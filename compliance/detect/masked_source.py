"""Values masked at the source (``138****5678``, ``4102**********7828``, ``张*``, ``z***@example.com``).

A masked value is still personal information: at most de-identified (PIPL Art 73(3)), since the
visible part plus other data can often single a person out again. So a column of them is reported
as the entity it masks, with ``masked: true``, not as nothing.

Each shape checks that the visible parts are consistent with the entity, so a column of arbitrary
starred text is not taken for one:

* CN_MOBILE: 11 characters after removing spaces/hyphens and an optional ``+86``/``86`` prefix,
  visible head ``1[3-9]``, one run of 3-8 mask characters, digits elsewhere;
* CN_RESIDENT_ID: 18 characters, first digit 1-8, a visible head of 1-14 digits whose province
  code (first two digits, GB/T 2260) is a real one and whose visible year (if any) is 19xx/20xx, one
  run of at least 3 mask characters, a visible tail of digits (the last may be the check ``X``);
* CN_BANK_CARD: 15-19 characters without separators, a visible head of at least 4 digits starting
  3-6 or 9 (card scheme prefixes), one run of at least 4 mask characters, a tail of 0-4 digits;
* EMAIL_ADDRESS: a local part holding a mask run, ``@`` and a domain the e-mail validator accepts;
* PERSON: a Han surname from the project's surname list followed by 1-3 mask characters (and at
  most one visible Han character after them: ``张*伟``).

Mask characters: ``*`` (also full-width ``＊`` after NFKC), ``•``, ``●``; for mobiles and cards also
``x``/``X`` runs (``138xxxx5678``). The RE2 prefilter is necessary for every shape (tested).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .lexicon.names import cn_compound, cn_single

MASK_CHARS = "*•●"
_M = "[*•●]"
_MX = "[*•●xX]"

#: GB/T 2260 province-level codes (first two digits of a resident ID)
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)

#: digits, mask characters, spaces and hyphens (mobiles and cards: the check removes the separators)
DIGITS_AND_MASK_RE2 = r"^[0-9 +\-]*[*•●xX][0-9 *•●xX+\-]*$"
MOBILE_RE2 = DIGITS_AND_MASK_RE2
ID_RE2 = rf"^[1-8][0-9]{{0,13}}{_M}{{3,17}}[0-9]{{0,4}}[0-9Xx]?$"
CARD_RE2 = DIGITS_AND_MASK_RE2
EMAIL_RE2 = rf"^[A-Za-z0-9._%+\-]*{_M}+[A-Za-z0-9._%+\-*•●]*@[A-Za-z0-9.\-]+\.[A-Za-z]{{2,}}$"
PERSON_RE2 = rf"^\p{{Han}}{{1,2}}{_M}{{1,3}}\p{{Han}}?$"

_MOBILE = re.compile(rf"1[3-9][0-9]{{0,3}}{_MX}{{3,8}}[0-9]{{0,6}}")
_ID = re.compile(rf"([1-8][0-9]{{0,13}})({_M}{{3,17}})([0-9]{{0,3}}[0-9Xx]?)")
_CARD = re.compile(rf"([3-69][0-9]{{3,}}?)({_MX}{{4,}})([0-9]{{0,4}})")
_EMAIL = re.compile(rf"([A-Za-z0-9._%+\-]*{_M}+[A-Za-z0-9._%+\-*•●]*)@([A-Za-z0-9.\-]+\.[A-Za-z]{{2,}})")
_PERSON = re.compile(rf"([\u3400-\u9fff]{{1,2}})({_M}{{1,3}})([\u3400-\u9fff]?)")


def _compact(text: str) -> str:
    return text.strip().replace(" ", "").replace("-", "")


def is_masked_mobile(text: str) -> bool:
    value = _compact(text)
    for prefix in ("+86", "86"):
        if value.startswith(prefix) and len(value) == len(prefix) + 11:
            value = value[len(prefix) :]
            break
    return len(value) == 11 and _MOBILE.fullmatch(value) is not None


def is_masked_resident_id(text: str) -> bool:
    value = text.strip()
    found = _ID.fullmatch(value) if len(value) == 18 else None
    if found is None:
        return False
    head = found.group(1)
    if len(head) >= 2 and head[:2] not in PROVINCE_CODES:
        return False
    if len(head) >= 8 and head[6:8] not in ("19", "20"):
        return False
    return not (len(head) >= 12 and not ("01" <= head[10:12] <= "12"))


def is_masked_bank_card(text: str) -> bool:
    value = _compact(text)
    return 15 <= len(value) <= 19 and _CARD.fullmatch(value) is not None


def is_masked_email(text: str) -> bool:
    from .recognizers import entity_specs

    found = _EMAIL.fullmatch(text.strip())
    if found is None:
        return False
    email = next(spec for spec in entity_specs() if spec.entity == "EMAIL_ADDRESS")
    return email.validate("a@" + found.group(2))


@cache
def _surnames() -> frozenset[str]:
    return cn_single() | cn_compound()


def is_masked_person(text: str) -> bool:
    found = _PERSON.fullmatch(text.strip())
    return found is not None and found.group(1) in _surnames()


@dataclass(frozen=True)
class MaskedShape:
    entity: str
    re2: str  # anchored RE2 prefilter: every value ``validate`` accepts matches it
    validate: Callable[[str], bool]


#: entities whose raw validator also accepts some masked values (``*`` is legal in an e-mail local part)
MASKED_BEFORE_RAW = frozenset({"EMAIL_ADDRESS"})

MASKED_SHAPES: tuple[MaskedShape, ...] = (
    MaskedShape("CN_RESIDENT_ID", ID_RE2, is_masked_resident_id),
    MaskedShape("CN_MOBILE", MOBILE_RE2, is_masked_mobile),
    MaskedShape("CN_BANK_CARD", CARD_RE2, is_masked_bank_card),
    MaskedShape("EMAIL_ADDRESS", EMAIL_RE2, is_masked_email),
    MaskedShape("PERSON", PERSON_RE2, is_masked_person),
)
