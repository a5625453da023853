"""The masking gate for data-derived *names*: headers, JSON keys, sheets, tables, fields, files, asset ids.

A column can be named ``11010519491231002X`` and a file ``13812345678.csv``: names come from the data,
so every name passes ``safe_name`` before it reaches a report, a baseline, a waiver listing, an error
line or the progress bar. ``safe_name`` masks every personal entity it detects inside the name with
that entity's rule (``compliance.detect.masking.mask``) and returns the name unchanged otherwise.

What is detected inside a name (the project's own validators, not a second copy of them):

* *strong* entities anywhere inside the name, letters around them allowed (``u13812345678``,
  ``身份证11010519491231002X``): ``CN_RESIDENT_ID`` (checksum, birth date), ``CN_MOBILE``
  (``+86`` / ``0086`` / ``86`` prefixes, spaces and hyphens), ``EMAIL_ADDRESS`` (any ``local@domain.tld``);
* *whole tokens* that validate as ``CN_BANK_CARD`` (Luhn, 16-19 digits), ``CN_PASSPORT`` (E and G
  series), ``CN_HMT_PERMIT`` (C, H, M, L series), ``CN_USCC`` (check character), ``CN_LICENSE_PLATE``
  or an IPv4 address. Tokens are the pieces of the name between ``/ \\ _ . , ; : # ( ) [ ] = & ? |``,
  whitespace and non-ASCII characters, their letter-digit runs and digit runs (``card6222…``), and
  every span of whole digit groups (``6222 0202 0011 2233 445``).

A database URL's ``scheme://user@host:port`` is kept readable (``postgresql://etl@10.0.0.5:5432/crm``
would read as an e-mail address and an IPv4 address): the database user and host are the operator's,
not a data subject's, and the URL's public spelling never holds a password (``sources/db_url.py``).
Its database, schema and table names after the host are masked like any name, and so is a mobile or
ID number written into the user or host part.

Not detected in names: person names and addresses (most Chinese header words start with a common
surname: 金额, 高度), generic phone numbers, weak formats that need context (8-digit Taiwan permits,
D/S/P official passports).

A name is searched in its NFKC form (full-width ``１３８…`` are digits); a masked name is returned in
that form. Violation fingerprints stay hashes of the raw names (``evaluate/fingerprint.py``): two
names that mask alike keep apart, and no name can be read back from a hash.

Cost: names are few, so results are cached. A name without an ``@``, six digits in a row, a plate
head or an IPv4 shape is returned after one regular-expression search; only the others load the
validators (whose modules import Presidio, already loaded by any scan).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

from .detect.masking import mask

_CACHE_SIZE = 8192
#: characters that cannot be part of an identifier: where a name splits into tokens
_DELIMITERS = r"[/\\_.,;:#()\[\]{}=&?|<>\"'`!@*~^%$\s]"
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+", re.ASCII)
_IPV4 = re.compile(r"(?<![0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9.])")
_TOKEN = re.compile(rf"[^{_DELIMITERS[1:-1]}\u0080-\U0010ffff]+")
_ALNUM_RUN = re.compile(r"[0-9A-Za-z]+")
_DIGIT_RUN = re.compile(r"[0-9]+(?:[ \-][0-9]+)+[Xx]?")
_GROUP = re.compile(r"[0-9]+[Xx]?")
_MAX_GROUPS = 8
#: ``scheme://authority`` of a URL; kept unmasked when the scheme is a database's (:func:`_kept_spans`)
_URL_AUTHORITY = re.compile(r"(?<![A-Za-z0-9+.\-])([A-Za-z][A-Za-z0-9+.\-]*)://[^/\s?#]*")
_PLATE_CHARS = re.compile(r"[\u4e00-\u9fff][A-Z][·・• ]?[0-9A-Z]{4,5}[0-9A-Z警学挂港澳]")

Validator = Callable[[str], bool]


@cache
def _strong() -> tuple[tuple[str, re.Pattern[str], Validator], ...]:
    """Strong entities: (entity, finder with digit boundaries, validator)."""
    from .detect.recognizers.cn_mobile_recognizer import MOBILE_CORE, CnMobile
    from .detect.recognizers.cn_resident_id_recognizer import ID15_CORE, ID18_CORE, CnResidentId

    def bounded(core: str) -> re.Pattern[str]:
        return re.compile(rf"(?<![0-9+])(?:{core})(?![0-9Xx])")

    return (
        ("CN_RESIDENT_ID", bounded(ID18_CORE), CnResidentId.validate_value),
        ("CN_MOBILE", bounded(MOBILE_CORE), CnMobile.validate_value),
        ("CN_RESIDENT_ID", bounded(ID15_CORE), CnResidentId.validate_value),
    )


@cache
def _whole() -> tuple[tuple[str, Validator], ...]:
    """Whole-token entities: (entity, validator), most specific first."""
    from .detect.recognizers.cn_bank_card_recognizer import CnBankCard
    from .detect.recognizers.cn_hmt_permit_recognizer import CnHmtPermit
    from .detect.recognizers.cn_license_plate_recognizer import CnLicensePlate
    from .detect.recognizers.cn_passport_recognizer import CnPassport
    from .detect.recognizers.cn_uscc_recognizer import CnUscc

    def passport(value: str) -> bool:
        return value[:1] in ("E", "G") and CnPassport.validate_value(value)

    def permit(value: str) -> bool:
        return value[:1] in ("C", "H", "M", "L") and CnHmtPermit.validate_value(value)

    return (
        ("CN_RESIDENT_ID", _resident_id_validator()),
        ("CN_USCC", CnUscc.validate_value),
        ("CN_MOBILE", _mobile_validator()),
        ("CN_BANK_CARD", CnBankCard.validate_value),
        ("CN_PASSPORT", passport),
        ("CN_HMT_PERMIT", permit),
        ("CN_LICENSE_PLATE", CnLicensePlate.validate_value),
    )


def _resident_id_validator() -> Validator:
    from .detect.recognizers.cn_resident_id_recognizer import CnResidentId

    def validate(value: str) -> bool:  # separators allowed in a whole token (``110105 19491231 002X``)
        return CnResidentId.validate_value(re.sub(r"[ \-]", "", value))

    return validate


def _mobile_validator() -> Validator:
    from .detect.recognizers.cn_mobile_recognizer import CnMobile

    return CnMobile.validate_value


def _is_ipv4(value: str) -> bool:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


#: every entity detected in names has an ``@``, six digits in a row (separators allowed: mobiles,
#: IDs, cards, passports, permits, the USCC's region field), a plate's head or an IPv4 address
_MAYBE = re.compile(r"@|[0-9](?:[ \-]?[0-9]){5}|[\u4e00-\u9fff][A-Z]|[0-9]\.[0-9]{1,3}\.[0-9]")


def _could_hold_entity(name: str) -> bool:
    """Cheap test before any validator runs; names like ``2024/export.csv`` stop here."""
    return _MAYBE.search(name) is not None


def _spans(name: str) -> list[tuple[int, int, str]]:
    """(start, end, entity) of every detected entity, possibly overlapping."""
    found: list[tuple[int, int, str]] = []
    found += [(m.start(), m.end(), "EMAIL_ADDRESS") for m in _EMAIL.finditer(name)]
    found += [(m.start(), m.end(), "IP_ADDRESS") for m in _IPV4.finditer(name) if _is_ipv4(m.group())]
    for entity, finder, validate in _strong():
        found += [(m.start(), m.end(), entity) for m in finder.finditer(name) if validate(m.group())]
    candidates: list[tuple[int, int]] = []
    for token in _TOKEN.finditer(name):
        text = token.group()
        stripped = text.strip(" -")
        if stripped:
            start = token.start() + text.index(stripped)
            candidates.append((start, start + len(stripped)))
        for run in (_ALNUM_RUN, _GROUP):  # ``card6222…`` and ``E12345678x``: letters end a digit token
            candidates += [(token.start() + m.start(), token.start() + m.end()) for m in run.finditer(text)]
    candidates += [(m.start(), m.end()) for m in _PLATE_CHARS.finditer(name)]
    for run in _DIGIT_RUN.finditer(name):  # ``6222 0202 0011 2233 445``: every span of whole digit groups
        groups = [(run.start() + g.start(), run.start() + g.end()) for g in _GROUP.finditer(run.group())]
        if 1 < len(groups) <= _MAX_GROUPS:
            candidates += [(groups[i][0], groups[j][1]) for i in range(len(groups)) for j in range(i + 1, len(groups))]
    for start, end in dict.fromkeys(candidates):
        value = name[start:end]
        for entity, validate in _whole():
            if validate(value):
                found.append((start, end, entity))
                break
    return found


def _kept_spans(name: str) -> list[tuple[int, int]]:
    """Where ``name`` holds a database URL's ``scheme://user@host:port``: shown as it is."""
    if "://" not in name:
        return []
    from .sources.db_url import dialect_of  # imports nothing heavy

    return [(m.start(), m.end()) for m in _URL_AUTHORITY.finditer(name) if dialect_of(m.group(1) + "://")]


#: what a database URL's ``user@host`` looks like without being one: kept readable there; a mobile or an
#: ID number written into the user or host part is still masked
_AUTHORITY_SHAPES = frozenset({"EMAIL_ADDRESS", "IP_ADDRESS"})


def _outside(span: tuple[int, int, str], kept: list[tuple[int, int]]) -> bool:
    return all(span[1] <= start or span[0] >= end for start, end in kept)


def _choose(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans, longest first (an e-mail holding a mobile is masked as the e-mail)."""
    chosen: list[tuple[int, int, str]] = []
    for start, end, entity in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, entity))
    return sorted(chosen)


@lru_cache(maxsize=_CACHE_SIZE)
def _masked(name: str) -> tuple[str, bool]:
    text = unicodedata.normalize("NFKC", name)
    if not _could_hold_entity(text):
        return name, False
    kept = _kept_spans(text)
    spans = _choose([s for s in _spans(text) if s[2] not in _AUTHORITY_SHAPES or _outside(s, kept)])
    if not spans:
        return name, False
    parts: list[str] = []
    last = 0
    for start, end, entity in spans:
        parts += [text[last:start], mask(text[start:end], entity)]
        last = end
    parts.append(text[last:])
    return "".join(parts), True


def safe_name(name: str) -> str:
    """``name`` with every detected personal entity masked; ``name`` itself when none is detected."""
    if not name:
        return name
    return _masked(str(name))[0]


def name_was_masked(name: str) -> bool:
    """Whether ``safe_name(name)`` differs from ``name`` because an entity was masked."""
    return bool(name) and _masked(str(name))[1]


def safe_optional(name: str | None) -> str | None:
    """``safe_name`` that passes ``None`` through (optional table and column names)."""
    return None if name is None else safe_name(name)


#: C0 and C1 controls (ESC, BEL, CR, LF, OSC's ESC ] and ST ...), DEL, line and paragraph separators and
#: the Unicode bidirectional controls (U+202A-U+202E overrides, U+2066-U+2069 isolates, marks)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``): one line, no terminal codes.

    Text and Markdown reports and error lines print names from the data; a file name holding
    ``\\r`` or ESC sequences must not overwrite or forge a line (``Summary: ... PASS``).
    """
    return _CONTROL.sub(_escaped, text)


def shown(text: str) -> str:
    """A data-derived string as a terminal or Markdown may show it: masked, then made printable."""
    return printable(safe_name(text))
