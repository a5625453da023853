"""Mask evidence so that no output, log or ledger ever holds a raw personal value.

Why normalise first: the same value written two ways (``138 1234 5678`` and ``0086 138 1234 5678``)
must never show different characters, or two masked strings together would give the value away. So
``mask`` first brings a value to its normal form (NFKC; spaces, hyphens and dots of a number
removed; ``+86`` / ``0086`` / ``86`` removed from a Chinese mobile; e-mail lower-cased) and then
applies one fixed rule per entity:

==================================  ==========================================  =======================
entity                              visible                                     example
==================================  ==========================================  =======================
``CN_MOBILE``, ``PHONE_NUMBER``     first 3 and last 2 digits                   ``138******78``
``EMAIL_ADDRESS``                   first character of the local part and the   ``z***@***.cn``
                                    domain's last label; fixed-width stars
``CN_RESIDENT_ID``                  first 4 and last 4 (15-digit form: 3 and 3) ``1101**********002X``
``CN_BANK_CARD``, ``CREDIT_CARD``   first 4 and last 4 digits                   ``6222***********3445``
``PERSON``                          first character (Han: of the name; Latin:   ``张**``, ``M****** M*****``
                                    of each word, upper-cased)
``LOCATION``                        Han: first 1-3 characters; Latin: first     ``北京市*******``
                                    letter of each word
every other entity                  at most 4/9 of the normal form, at most 4   ``E1*****78``
                                    leading and 4 trailing characters
==================================  ==========================================  =======================

Only the normal form is shown, so ``mask`` gives the same string for every way of writing one
value, and a masked value can no longer pass the validator it came from.
"""

from __future__ import annotations

import re
import unicodedata

MASK = "*"
_STARS = MASK * 3
#: separators people put inside numbers and codes (``138-1234-5678``, ``6222 0202``, ``京A·12345``)
_SEPARATORS = re.compile(r"[\s\-.·・•/()（）]")
_NON_DIGITS = re.compile(r"[^0-9]")
_CN_PREFIXES = ("0086", "86")
_MOBILE_DIGITS = 11
_PHONE_KEEP = (3, 2)
_CARD_KEEP = (4, 4)
_ID_KEEP = {18: (4, 4), 15: (3, 3)}
_UPPER_ENTITIES = frozenset(
    {"CN_RESIDENT_ID", "CN_PASSPORT", "CN_HMT_PERMIT", "CN_USCC", "CN_LICENSE_PLATE", "IBAN_CODE"}
)
_COMPACT_ENTITIES = _UPPER_ENTITIES | {"CN_BANK_CARD", "CREDIT_CARD"}


def _keep(length: int) -> tuple[int, int]:
    """How many leading and trailing characters stay visible (generic rule)."""
    if length <= 2:
        return (1 if length == 2 else 0), 0
    if length <= 6:
        return 1, 1 if length >= 5 else 0
    visible = min(8, length * 4 // 9)
    head = min(4, (visible + 1) // 2)
    return head, min(4, visible - head)


def _show(value: str, head: int, tail: int) -> str:
    if head + tail >= len(value):
        head, tail = _keep(len(value))
    return value[:head] + MASK * (len(value) - head - tail) + (value[len(value) - tail :] if tail else "")


def normalise(value: str, entity: str | None = None) -> str:
    """The normal form ``mask`` works on (see the module docstring)."""
    value = unicodedata.normalize("NFKC", value).strip()
    if entity in ("CN_MOBILE", "PHONE_NUMBER"):
        digits = _NON_DIGITS.sub("", value)
        for prefix in _CN_PREFIXES:
            rest = digits[len(prefix) :]
            if digits.startswith(prefix) and len(rest) == _MOBILE_DIGITS and rest.startswith("1"):
                return rest
        return digits or value
    if entity == "EMAIL_ADDRESS":
        return value.lower()
    if entity in _COMPACT_ENTITIES:
        value = _SEPARATORS.sub("", value)
        return value.upper() if entity in _UPPER_ENTITIES else value
    return " ".join(value.split())


def mask(value: str, entity: str | None = None) -> str:
    """Mask one value by its entity's fixed rule, on its normal form (``138******78``)."""
    value = normalise(value, entity)
    if entity in ("CN_MOBILE", "PHONE_NUMBER"):
        return _show(value, *_PHONE_KEEP)
    if entity == "EMAIL_ADDRESS" and "@" in value:
        local, _, domain = value.rpartition("@")
        labels = [label for label in domain.split(".") if label]
        masked_domain = _STARS + "." + labels[-1] if len(labels) >= 2 else _STARS
        return (local[:1] + _STARS if local else _STARS) + "@" + masked_domain
    if entity in ("CN_BANK_CARD", "CREDIT_CARD"):
        return _show(value, *_CARD_KEEP)
    if entity == "CN_RESIDENT_ID" and len(value) in _ID_KEEP:
        return _show(value, *_ID_KEEP[len(value)])
    if entity in ("PERSON", "LOCATION"):
        return _mask_words(value, capitalise=entity == "PERSON")
    return _show(value, *_keep(len(value)))


def _mask_words(value: str, capitalise: bool) -> str:
    """Names and addresses: keep the first character of each word (one Han character per value)."""
    if any("\u3400" <= ch <= "\u9fff" for ch in value):
        keep = 1 if len(value) <= 4 else min(3, len(value) // 4)
        return value[:keep] + MASK * (len(value) - keep)
    first = str.upper if capitalise else str
    return " ".join(first(word[:1]) + MASK * (len(word) - 1) for word in value.split())
