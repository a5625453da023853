"""Presidio's own recognizers (email, IP, credit card, IBAN, URL, phone) as plain definitions.

The patterns, scores and context words are Presidio's (``_presidio_data``, a checked copy), the
validators are Presidio's checks written over plain functions (the e-mail suffix check through
``public_suffix``, which reads tldextract's snapshot without importing it), so the scan runs them
through ``matcher`` without importing Presidio, and ``presidio_recognizers`` builds the real Presidio
recognizers from the same definitions for the analyzer and the library API.

Presidio writes these patterns for the ``regex`` module (look-behind, Unicode ``\\w``/``\\b``), so
each gets an RE2 candidate pattern written here: looser than Presidio's, never stricter for ASCII
input, with the candidate in the named group ``value``. Validation then asks the definition's matcher
(its patterns, ``validate_result`` and ``invalidate_result``) whether the candidate holds the entity,
so the built-in's judgement is kept exactly. PHONE_NUMBER has no pattern: ``phonenumbers`` decides,
over the regions that matter to Chinese data flows.

Two adjustments, both for Chinese text: Chinese context words are added to Presidio's English
ones, and the pattern recognizers run with ``regex.ASCII``. Without it ``\\w``/``\\b`` treat Han
characters as word characters, so ``邮箱zhang@example.com`` became one e-mail including ``邮箱``
and ``IP地址192.168.1.1`` no IP at all. The cost: e-mail addresses with non-ASCII (IDN) local
parts or domain labels are not recognised.
"""

from __future__ import annotations

import ipaddress
import string
from dataclasses import dataclass

import regex

from . import _presidio_data as presidio
from .matcher import RecognizerDefinition, patterns_of
from .public_suffix import has_fqdn

PHONE_REGIONS = ("CN", "US", "GB", "DE", "FR", "JP", "HK", "TW", "SG")
#: a plain decimal (``0.8734``, ``12,5``): never a phone number, although some numbering plan reads
#: most digit strings as one (``0.8734`` → ``08734``)
PLAIN_DECIMAL = r"^[+-]?[0-9]*[.,][0-9]+$"
_PLAIN_DECIMAL = regex.compile(PLAIN_DECIMAL)
ASCII_FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE | regex.ASCII

_B = r"(?:^|[^0-9A-Za-z_])"  # ASCII word boundary, consuming (RE2 has no look-behind)
_E = r"(?:$|[^0-9A-Za-z_])"
_NOT_EMAIL = r"\s@<>()\[\]\",;:，。；：、（）《》「」"
_HEX = "[0-9A-Fa-f]"
_V4 = r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}"
_V6 = (
    rf"(?:{_HEX}{{1,4}}:){{7}}{_HEX}{{1,4}}"
    rf"|(?:{_HEX}{{1,4}}:){{6}}{_V4}"
    r"|[0-9A-Fa-f:]*::[0-9A-Fa-f:.]*"
)

EMAIL_RE2 = rf"(?P<value>[^{_NOT_EMAIL}]+@[^{_NOT_EMAIL}.]+(?:\.[^{_NOT_EMAIL}.]+)+)"
IP_RE2 = rf"{_B}(?P<value>(?:{_V6})(?:%[0-9A-Za-z]+)?(?:/[0-9]{{1,3}})?|{_V4}(?:/[0-9]{{1,2}})?){_E}"
CREDIT_CARD_RE2 = rf"{_B}(?P<value>[13456][0-9]{{3}}[ -]?[0-9]{{3,4}}[ -]?[0-9]{{3,4}}[ -]?[0-9]{{3,5}}){_E}"
IBAN_RE2 = r"(?:^|[^A-Z0-9])(?P<value>[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?)(?:$|[^A-Z0-9])"
URL_RE2 = r"(?P<value>(?i:(?:https?://)?(?:www[0-9]{0,3}\.)?[a-z0-9.\-]{1,253}\.[a-z]{2,})(?:/[^\s()<>\"']*)?)"
#: phonenumbers also reads full-width punctuation, so the candidate class includes it
PHONE_RE2 = rf"(?:^|[^0-9A-Za-z_+])(?P<value>[(（]?\+?[0-9][0-9 ()./（）－．／　-]{{4,22}}[0-9]){_E}"


IBAN_FLAGS = ASCII_FLAGS & ~regex.IGNORECASE


@dataclass(frozen=True)
class BuiltinSpec:
    """How to find and validate one Presidio built-in entity."""

    entity: str
    definition: RecognizerDefinition
    re2: str
    base_score: float

    def validate(self, value: str) -> bool:
        """Whether the built-in recognizer finds its entity anywhere in ``value``."""
        return bool(self.definition.analyze(value))


def is_phone_number(text: str) -> bool:
    """Valid phone number in one of ``PHONE_REGIONS``, or in ``+<country code>`` form."""
    import phonenumbers  # 0.1 s to import: only once a value may be a phone number

    value = text.strip()
    if _PLAIN_DECIMAL.match(value):
        return False
    regions: tuple[str | None, ...] = (None,) if value.lstrip("(").startswith("+") else PHONE_REGIONS
    for region in regions:
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
    return False


def is_plausible_phone(text: str, regions: tuple[str, ...]) -> bool:
    """A phone number as people in ``regions`` write it. Used where a header lowers the bar: a
    13-digit order number is a valid number somewhere (German numbers take most lengths), but not
    one a ``电话`` column of a Chinese export plausibly holds. So a bare digit string must be a valid
    national number of one of ``regions``; a number written as a phone number (``+<country code>``,
    spaces, hyphens, brackets) is plausible as it is."""
    import phonenumbers

    value = text.strip()
    if not is_phone_number(value):
        return False
    if not (value.isascii() and value.isdigit()):
        return True
    for region in regions:
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number_for_region(number, region):
            return True
    return False


def email_validate_result(text: str) -> bool:
    """``EmailRecognizer.validate_result``: the address's domain is under a public suffix."""
    return has_fqdn(text)


def ip_invalidate_result(text: str) -> bool | None:
    """``IpRecognizer.invalidate_result``: ``True`` when ``ipaddress`` rejects the match."""
    try:
        ipaddress.ip_interface(text)
    except ValueError:
        return True
    return None


def _sanitized(text: str) -> str:
    return text.replace("-", "").replace(" ", "")


def credit_card_validate_result(text: str) -> bool:
    """``CreditCardRecognizer.validate_result``: Luhn over the digits (separators removed)."""
    digits = [int(d) for d in _sanitized(text)]
    total = sum(digits[-1::-2]) + sum(sum(int(x) for x in str(d * 2)) for d in digits[-2::-2])
    return total % 10 == 0


_IBAN_LETTERS = {ord(d): str(i) for i, d in enumerate(string.digits + string.ascii_uppercase)}
_IBAN_FORMAT_FLAGS = regex.DOTALL | regex.MULTILINE


def _iban_format(iban: str) -> bool:
    country = presidio.IBAN_FORMATS.get(iban[:2], "")
    return bool(country) and regex.match(country, iban, flags=_IBAN_FORMAT_FLAGS) is not None


def iban_validate_result(text: str) -> bool | None:
    """``IbanRecognizer.validate_result``: ISO 7064 check digits, then the country's format."""
    value = _sanitized(text)
    try:
        transformed = (value[:2] + "00" + value[4:]).upper()
        check = f"{98 - (int((transformed[4:] + transformed[:4]).translate(_IBAN_LETTERS)) % 97):0>2}"
    except ValueError:
        return False
    if check != value[2:4]:
        return False
    if _iban_format(value):
        return True
    return None if _iban_format(value.upper()) else False


def _definition(entity: str, rows, context: tuple[str, ...], extra: tuple[str, ...], **kwargs) -> RecognizerDefinition:
    return RecognizerDefinition(
        entity, patterns_of(rows), (*context, *extra), kwargs.pop("flags", ASCII_FLAGS), **kwargs
    )


_URL_PATTERNS = tuple(
    (name, head + presidio.URL_BASE_REGEX + tail, score) for name, head, tail, score in presidio.URL_PATTERN_PARTS
)

EMAIL = _definition(
    "EMAIL_ADDRESS",
    presidio.EMAIL_PATTERNS,
    presidio.EMAIL_CONTEXT,
    ("e-mail", "mail", "邮箱", "电子邮箱", "电子邮件", "邮件地址"),
    validate_result=email_validate_result,
    name="EmailRecognizer",
)
IP = _definition(
    "IP_ADDRESS",
    presidio.IP_PATTERNS,
    presidio.IP_CONTEXT,
    ("ip地址", "登录ip"),
    invalidate_result=ip_invalidate_result,
    name="IpRecognizer",
)
CREDIT_CARD = _definition(
    "CREDIT_CARD",
    presidio.CREDIT_CARD_PATTERNS,
    tuple(word.strip() for word in presidio.CREDIT_CARD_CONTEXT),
    ("信用卡", "卡号", "银行卡"),
    validate_result=credit_card_validate_result,
    name="CreditCardRecognizer",
)
IBAN = _definition(
    "IBAN_CODE",
    presidio.IBAN_PATTERNS,
    presidio.IBAN_CONTEXT,
    ("国际银行账号", "银行账号", "账号"),
    flags=IBAN_FLAGS,
    validate_result=iban_validate_result,
    kind="iban",
    name="IbanRecognizer",
)
URL = _definition("URL", _URL_PATTERNS, presidio.URL_CONTEXT, ("网址", "链接", "网站", "主页"), name="UrlRecognizer")
PHONE = RecognizerDefinition(
    "PHONE_NUMBER",
    (),
    (*presidio.PHONE_CONTEXT, "电话", "手机", "联系电话", "联系方式", "座机", "电话号码", "tel"),
    0,
    kind="phone",
    regions=PHONE_REGIONS,
    score=presidio.PHONE_SCORE,
    leniency=presidio.PHONE_LENIENCY,
    name="PhoneRecognizer",
)

BUILTINS: tuple[BuiltinSpec, ...] = (
    BuiltinSpec("EMAIL_ADDRESS", EMAIL, EMAIL_RE2, 1.0),
    BuiltinSpec("IP_ADDRESS", IP, IP_RE2, 0.6),
    BuiltinSpec("CREDIT_CARD", CREDIT_CARD, CREDIT_CARD_RE2, 1.0),
    BuiltinSpec("IBAN_CODE", IBAN, IBAN_RE2, 1.0),
    BuiltinSpec("URL", URL, URL_RE2, 0.5),
    BuiltinSpec("PHONE_NUMBER", PHONE, PHONE_RE2, presidio.PHONE_SCORE),
)
