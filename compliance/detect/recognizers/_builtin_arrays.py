"""Array forms of the Presidio built-in validators: e-mail, IP, credit card, IBAN, URL, phone.

The scalar validator of a built-in asks the Presidio recognizer whether it finds the entity anywhere in
the value (``recognizer_validator``), so an array form must reproduce a regex search plus the
recognizer's own checks. Each one splits the values three ways:

* a *fast shape*: a strict anchored RE2 for the common form (``user@example.com``, ``1.2.3.4``,
  ``4111 1111 1111 1111``) for which Presidio's first match is provably the whole value, so the
  recognizer's check (public suffix, octets, Luhn) is computed over the array;
* a *necessary* RE2 that every value the recognizer can match contains: values without it are ``False``;
* the rest, rare in practice, go to the scalar once per distinct value (``scalar_where``).

URL needs no fallback (Presidio's URL patterns have no boundaries or checks, so one RE2 search is
exact); IBAN uses only the necessary filter; PHONE_NUMBER decides common US and CN numbers with the
regions' own phonenumbers patterns and calls ``phonenumbers`` once per other normalised number.
``tests/recognizers/test_validate_array.py`` holds the agreement with the scalars.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..vectorised import (
    ArrayValidator,
    byte_lengths,
    digit_matrix,
    luhn_valid,
    matches,
    rows_where,
    scalar_array,
    scalar_where,
    string_array,
    strip,
)
from . import _presidio_data as presidio
from ._builtin import IP, PLAIN_DECIMAL, is_phone_number, is_plausible_phone
from .public_suffix import public_suffix_trie

Scalar = Callable[[str], bool]
_W = "0-9A-Za-z_"  # \w under Presidio's regex.ASCII flag

# --- EMAIL_ADDRESS -------------------------------------------------------------------------------------
#: local part of word characters, dots, plus and hyphen, starting with a word character: Presidio's
#: pattern (``\b`` + local + ``@`` + domain + ``\b``) then matches the whole value, nothing else
EMAIL_SHAPE = rf"^[{_W}](?:[{_W}.+\-]*[{_W}+\-])?@[{_W}]+(?:-+[{_W}]+)*(?:\.[{_W}]+(?:-+[{_W}]+)*)+$"
EMAIL_NECESSARY = rf"[!#$%&'*+\-/=?^_`{{|}}~0-9A-Za-z]@[{_W}]+(?:-+[{_W}]+)*\.[{_W}]"


@dataclass(frozen=True)
class _SuffixTables:
    """The public-suffix trie (tldextract's snapshot) as sets of dotted names (``co.uk``), for ``pc.is_in``."""

    nodes: pa.Array  # every trie node (a rule or a right part of one)
    ends: pa.Array  # rules
    wildcards: pa.Array  # nodes with a ``*`` child (``ck`` for ``*.ck``)
    exceptions: pa.Array  # ``www.ck`` for ``!www.ck``
    depth: int


@cache
def _suffix_tables() -> _SuffixTables | None:
    """The suffix sets of the same snapshot Presidio's e-mail check uses (public rules only)."""
    trie = public_suffix_trie()
    nodes: list[str] = []
    ends: list[str] = []
    wildcards: list[str] = []
    exceptions: list[str] = []
    stack = [(trie, "")]
    depth = 0
    while stack:
        node, name = stack.pop()
        for label, child in node.matches.items():
            if label == "*" or label.startswith("!"):
                if child.matches or not name:  # a wildcard or exception in an unusual place
                    return None
                (wildcards if label == "*" else exceptions).append(name if label == "*" else f"{label[1:]}.{name}")
                continue
            dotted = f"{label}.{name}" if name else label
            nodes.append(dotted)
            if child.end:
                ends.append(dotted)
            depth = max(depth, dotted.count(".") + 1)
            stack.append((child, dotted))
    return _SuffixTables(pa.array(nodes), pa.array(ends), pa.array(wildcards), pa.array(exceptions), depth)


def _last_labels(domains: pa.Array, count: int) -> pa.Array:
    """The last ``count`` dot-separated labels of each domain (null when it has fewer)."""
    pattern = rf"(?P<s>(?:[^.]*\.){{{count - 1}}}[^.]*)$"
    return pc.struct_field(pc.extract_regex(domains, pattern), [0])


def _in(values: pa.Array, value_set: pa.Array) -> np.ndarray:
    found = pc.is_in(values, value_set=value_set)
    return pc.fill_null(found, False).to_numpy(zero_copy_only=False)


def _has_fqdn(domains: pa.Array, tables: _SuffixTables) -> np.ndarray:
    """``tldextract.extract(domain).fqdn != ""`` for lower-case ASCII domains of non-empty labels.

    tldextract walks the trie from the last label while labels are nodes (``m`` labels); a node with
    a ``*`` child then takes one more label unless an exception names it; otherwise the suffix is the
    longest rule among the walked nodes. An FQDN needs a suffix and a label before it.
    """
    labels = pc.count_substring(domains, ".").to_numpy(zero_copy_only=False).astype(np.int64) + 1
    walked = np.zeros(len(domains), dtype=np.int64)
    rule = np.zeros(len(domains), dtype=np.int64)
    tails = [pa.nulls(len(domains), pa.string())]
    for count in range(1, tables.depth + 2):
        tail = _last_labels(domains, count)
        tails.append(tail)
        if count > tables.depth:
            break
        is_node = _in(tail, tables.nodes) & (walked == count - 1)
        walked += is_node
        rule = np.where(is_node & _in(tail, tables.ends), count, rule)
    suffix = rule
    for count in range(1, tables.depth + 1):
        here = (walked == count) & (labels > count)
        wild = here & _in(tails[count], tables.wildcards)
        if wild.any():
            excepted = _in(tails[count + 1], tables.exceptions)
            suffix = np.where(wild, np.where(excepted, count, count + 1), suffix)
    return (suffix >= 1) & (suffix <= labels - 1)


def email_array(scalar: Scalar) -> ArrayValidator:
    """EMAIL_ADDRESS: public-suffix check of the domain of ``user@domain`` values, vectorised.

    The suffix tables are built on the first call (not when the detectors are made): a scan without
    e-mail-shaped values never reads the suffix list."""

    def validate_array(values: pa.Array) -> np.ndarray:
        tables = _suffix_tables()
        if tables is None:
            return scalar_array(scalar)(values)
        values = string_array(values)
        out = np.zeros(len(values), dtype=bool)
        index, subset = rows_where(values, matches(values, EMAIL_SHAPE))
        rest = np.ones(len(values), dtype=bool)
        if len(index):
            domains = pc.ascii_lower(pc.list_element(pc.split_pattern(subset, "@", max_splits=1), 1))
            puny = matches(domains, r"(?:^|\.)xn--")  # tldextract decodes these labels: leave to the scalar
            distinct = pc.unique(domains)
            positions = pc.index_in(domains, value_set=distinct).to_numpy(zero_copy_only=False)
            out[index] = _has_fqdn(distinct, tables)[positions] & ~puny
            rest[index[~puny]] = False
        return _fallback(values, rest, EMAIL_NECESSARY, scalar, out)

    return validate_array


def _fallback(values: pa.Array, rest: np.ndarray, necessary: str, scalar: Scalar, out: np.ndarray) -> np.ndarray:
    """Rows in ``rest``: ``False`` unless they contain ``necessary``, then the scalar decides."""
    index, subset = rows_where(values, rest)
    if len(index):
        todo = np.zeros(len(values), dtype=bool)
        todo[index] = matches(subset, necessary)
        scalar_where(values, todo, scalar, out)
    return out


# --- URL -----------------------------------------------------------------------------------------------
_URL_HEAD = r"((www\d{0,3}[.])?[a-z0-9.\-]{1,253}[.](?:"
_URL_TAIL = r")(?:/[^\s()<>\"']*)?)"


def url_re2() -> str | None:
    """RE2 equivalent of Presidio's URL patterns, applied to ASCII-lower-cased values.

    Every URL pattern contains ``BASE_URL_REGEX`` = ``(www…)?[a-z0-9.\\-]{1,253}[.](?:tld|…)(/…)?``
    with no boundary, validation or invalidation, so a value holds a URL exactly when it contains
    one character of ``[a-z0-9.-]``, a dot and one of the TLDs (case-insensitive over ASCII only:
    ``regex.ASCII``). ``None`` if Presidio's pattern no longer has that form.
    """
    base = presidio.URL_BASE_REGEX
    if not base.startswith(_URL_HEAD):
        return None
    tail = base[len(_URL_HEAD) :]
    if not tail.endswith(_URL_TAIL):
        return None
    alternatives = tail[: -len(_URL_TAIL)]
    if re.fullmatch(r"\(\?:[a-z]+\)(?:\|\(\?:[a-z]+\))*", alternatives) is None:
        return None
    names = sorted(set(re.findall(r"[a-z]+", alternatives)))
    return r"[a-z0-9.\-]\.(?:" + "|".join(names) + ")"


def url_array(scalar: Scalar) -> ArrayValidator:
    """URL: one RE2 search per value (see ``url_re2``)."""
    pattern = url_re2()
    if pattern is None:
        return scalar_array(scalar)

    def validate_array(values: pa.Array) -> np.ndarray:
        return matches(pc.ascii_lower(string_array(values)), pattern)

    return validate_array


# --- IP_ADDRESS ----------------------------------------------------------------------------------------
_OCTET = "[0-9]{1,3}"
_VALID_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])"  # what ipaddress accepts
#: dotted quad with an optional 1-2 digit prefix length: Presidio's IPv4 pattern matches the address
#: (with the prefix when it is 0-32, else without it) and ``ipaddress`` accepts it exactly when every
#: octet is 0-255 without a leading zero
IPV4_SHAPE = rf"^{_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}(?:/[0-9]{{1,2}})?$"
IPV4_VALID = rf"^{_VALID_OCTET}\.{_VALID_OCTET}\.{_VALID_OCTET}\.{_VALID_OCTET}(?:/[0-9]{{1,2}})?$"
IP_NECESSARY = r":|[0-9]\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]"  # every non-IPv4 pattern needs a colon
#: hex digits and colons only: no IPv4 pattern applies, Presidio's IPv6 pattern can only match at the
#: start (its look-behind) and only the whole value (its look-ahead rejects a following hex digit or
#: colon), and every address its alternatives spell is one ``ipaddress`` accepts; ``::`` alone is
#: found by the IPv6_unspecified pattern
HEX_COLON = r"^[0-9A-Fa-f]*:[0-9A-Fa-f:]*$"
_IPV6_HEAD = r"(?<![\w:])(?:"
_IPV6_TAIL = r")(?:%[0-9a-zA-Z]+)?(?:/(?:12[0-8]|1[01]\d|[1-9]?\d))?(?![\w:]|\.\d)"


def ipv6_re2() -> str | None:
    """Presidio's IPv6 alternatives as an anchored RE2, or ``None`` if the pattern changed form."""
    found = [p.regex for p in IP.patterns if p.name == "IPv6"]
    if len(found) != 1 or not (found[0].startswith(_IPV6_HEAD) and found[0].endswith(_IPV6_TAIL)):
        return None
    alternatives = found[0][len(_IPV6_HEAD) : -len(_IPV6_TAIL)]
    if not re.fullmatch(r"[0-9A-Fa-f:{}(?),|\[\]-]+", alternatives):
        return None
    return f"^(?:{alternatives})$"


def ip_array(scalar: Scalar) -> ArrayValidator:
    """IP_ADDRESS: IPv4 octets and plain IPv6 checked over the array; odd forms go to the scalar."""
    ipv6 = ipv6_re2()

    def validate_array(values: pa.Array) -> np.ndarray:
        values = string_array(values)
        ok = matches(values, IPV4_VALID)
        index, subset = rows_where(values, ~ok)
        shape = ok.copy()
        shape[index] = matches(subset, IPV4_SHAPE)
        rest = ~shape
        if ipv6 is not None:
            index, subset = rows_where(values, rest)
            hex_colon = matches(subset, HEX_COLON)
            index, subset = index[hex_colon], subset.filter(pa.array(hex_colon))
            if len(index):
                ok[index] = matches(subset, ipv6) | pc.equal(subset, "::").to_numpy(zero_copy_only=False)
                rest[index] = False
        return _fallback(values, rest, IP_NECESSARY, scalar, ok)

    return validate_array


# --- CREDIT_CARD ---------------------------------------------------------------------------------------
#: 13-19 digits in Presidio's groups. Presidio's first match is then the whole value (``\b`` sits only
#: at separators and the end, and the greedy path reaches the end), so the value is a card exactly when
#: its first group is an accepted prefix, it is not ``1`` + 12 digits alone, and Luhn holds.
CARD_SHAPE = r"^[0-9]{4}[- ]?[0-9]{3,4}[- ]?[0-9]{3,4}[- ]?[0-9]{3,5}$"
CARD_NECESSARY = r"(?:4[0-9]{3}|5[0-5][0-9]{2}|[136][0-9]{3})[- ]?[0-9]{3,4}[- ]?[0-9]{3,4}[- ]?[0-9]{3,5}"
_CARD_WIDTH = 17
_EXCLUDED_LENGTH = 13  # Presidio's look-ahead (?!1\d{12}(?!\d)) rejects 13 digits starting with 1


def credit_card_array(scalar: Scalar) -> ArrayValidator:
    """CREDIT_CARD: prefix and Luhn over a digit matrix of the grouped values."""

    def validate_array(values: pa.Array) -> np.ndarray:
        values = string_array(values)
        out = np.zeros(len(values), dtype=bool)
        shape = matches(values, CARD_SHAPE)
        index, subset = rows_where(values, shape)
        if len(index):
            compact = pc.replace_substring(pc.replace_substring(subset, " ", ""), "-", "")
            digits, _, lengths = digit_matrix(compact, _CARD_WIDTH)
            rows = np.arange(len(index))
            first = digits[rows, _CARD_WIDTH - lengths]
            second = digits[rows, _CARD_WIDTH - lengths + 1]
            prefix = np.isin(first, (1, 3, 4, 6)) | ((first == 5) & (second <= 5))
            excluded = (first == 1) & (byte_lengths(subset) == _EXCLUDED_LENGTH)
            out[index] = prefix & ~excluded & luhn_valid(digits)
            undecided = np.zeros(len(values), dtype=bool)
            undecided[index] = ~prefix  # another match may start after a separator
            _fallback(values, undecided, CARD_NECESSARY, scalar, out)
        return _fallback(values, ~shape, CARD_NECESSARY, scalar, out)

    return validate_array


# --- IBAN_CODE -----------------------------------------------------------------------------------------
IBAN_NECESSARY = r"[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]{4}){2}"  # case-sensitive, as the recognizer runs


def iban_array(scalar: Scalar) -> ArrayValidator:
    """IBAN_CODE: values without an IBAN-like run are ``False``; the rest go to the scalar."""

    def validate_array(values: pa.Array) -> np.ndarray:
        values = string_array(values)
        return _fallback(values, np.ones(len(values), dtype=bool), IBAN_NECESSARY, scalar, np.zeros(len(values), bool))

    return validate_array


# --- PHONE_NUMBER --------------------------------------------------------------------------------------
#: ``phonenumbers`` needs a plus sign or a (Unicode) digit; non-ASCII values go to the scalar as they are
PHONE_NECESSARY = r"[0-9+＋]|[^\x00-\x7f]"
#: digits with ASCII separators phonenumbers ignores: the verdict depends only on the digits and
#: whether a ``+`` leads, so equal normalised forms share one ``phonenumbers`` call
PHONE_SHAPE = r"^\(?\+?[0-9][0-9 ().\-]*[0-9]$"
_MIN_PHONE_DIGITS = 3
#: normalised forms whose national number phonenumbers takes as it is (no national prefix, IDD or
#: carrier code to strip: US numbers start with 2-9, CN mobiles other than 179…): valid for that
#: region means valid, so ``True`` is decided by the region's own number patterns through RE2
_SURE_FORMS = (
    ("US", r"^(?:\+1)?[2-9][0-9]{9}$", 10),
    ("CN", r"^(?:\+86)?1(?:[3-689][0-9]|7[0-8])[0-9]{8}$", 11),
)
_NUMBER_KINDS = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "fixed_line",
)


@cache
def _region_patterns(region: str, length: int) -> tuple[str, str] | None:
    """RE2 twins of phonenumbers' ``_number_type_helper(n, region) != UNKNOWN`` for ``length`` digits.

    That is: the general description matches, and so does one of the number kinds (each with its
    possible lengths; mobile only when its pattern differs from the fixed-line one).
    """
    import phonenumbers  # 0.1 s to import: only once a value may be a phone number

    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)

    def fits(desc: phonenumbers.PhoneNumberDesc | None) -> bool:
        if desc is None or not desc.national_number_pattern:
            return False
        return not desc.possible_length or length in desc.possible_length

    if metadata is None or not fits(metadata.general_desc):
        return None
    kinds = [getattr(metadata, kind) for kind in _NUMBER_KINDS]
    if not metadata.same_mobile_and_fixed_line_pattern:
        kinds.append(metadata.mobile)
    patterns = [f"(?:{desc.national_number_pattern})" for desc in kinds if fits(desc)]
    if not patterns:
        return None
    return f"^(?:{metadata.general_desc.national_number_pattern})$", "^(?:" + "|".join(patterns) + ")$"


def _surely_valid(keys: pa.Array) -> np.ndarray:
    """Normalised numbers that are valid in one of ``_SURE_FORMS`` (a ``False`` here decides nothing)."""
    sure = np.zeros(len(keys), dtype=bool)
    for region, form, length in _SURE_FORMS:
        patterns = _region_patterns(region, length)
        if patterns is None:
            continue
        index, subset = rows_where(keys, matches(keys, form))
        if len(index):
            national = pc.utf8_slice_codeunits(subset, -length)
            sure[index] = matches(national, patterns[0]) & matches(national, patterns[1])
    return sure


@lru_cache(maxsize=1 << 16)
def _normalised_phone(key: str) -> bool:
    return is_phone_number(key)


def phone_array(scalar: Scalar) -> ArrayValidator:
    """PHONE_NUMBER: US / CN numbers by their regions' patterns, others once per normalised form."""

    def validate_array(values: pa.Array) -> np.ndarray:
        values = string_array(values)
        out = np.zeros(len(values), dtype=bool)
        stripped = strip(values)
        decimal = matches(stripped, PLAIN_DECIMAL)  # never a phone number
        index, subset = rows_where(stripped, matches(stripped, PHONE_SHAPE) & ~decimal)
        rest = ~decimal
        if len(index):
            keys = pc.replace_substring_regex(subset, "[^0-9+]", "")
            enough = byte_lengths(pc.replace_substring(keys, "+", "")) >= _MIN_PHONE_DIGITS
            keyed = _surely_valid(keys)
            scalar_where(keys, enough & ~keyed, _normalised_phone, keyed)
            out[index] = keyed
            rest[index[enough]] = False
        return _fallback(values, rest, PHONE_NECESSARY, scalar, out)

    return validate_array


@lru_cache(maxsize=1 << 16)
def _plausible_key(key: str, regions: tuple[str, ...]) -> bool:
    return is_plausible_phone(key, regions)


def plausible_phone_array(values: pa.Array, regions: tuple[str, ...]) -> np.ndarray:
    """``is_plausible_phone`` over an array of values that are valid phone numbers.

    Only bare digit strings need a region: US or CN national numbers (``_SURE_FORMS``) are decided
    by their region's patterns when the region is one of ``regions``, the rest once per value.
    """
    values = strip(string_array(values))
    bare = matches(values, "^[0-9]+$")
    out = ~bare
    if not bare.any():
        return out
    for region, form, length in _SURE_FORMS:
        if region not in regions or (patterns := _region_patterns(region, length)) is None:
            continue
        index, subset = rows_where(values, bare & ~out & matches(values, form))
        if len(index):
            national = pc.utf8_slice_codeunits(subset, -length)
            out[index] = matches(national, patterns[0]) & matches(national, patterns[1])
    return scalar_where(values, bare & ~out, lambda value: _plausible_key(value, regions), out)


ARRAY_VALIDATORS: dict[str, Callable[[Scalar], ArrayValidator]] = {
    "EMAIL_ADDRESS": email_array,
    "IP_ADDRESS": ip_array,
    "CREDIT_CARD": credit_card_array,
    "IBAN_CODE": iban_array,
    "URL": url_array,
    "PHONE_NUMBER": phone_array,
}


def builtin_array_validator(entity: str, scalar: Scalar) -> ArrayValidator:
    """The array validator of a built-in entity, falling back to ``scalar`` for what it cannot decide."""
    factory = ARRAY_VALIDATORS.get(entity)
    return factory(scalar) if factory else scalar_array(scalar)
