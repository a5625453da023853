"""Presidio's own recognizers (email, IP, credit card, IBAN, URL, phone) as entity specs.

Presidio writes these patterns for the ``regex`` module (look-behind, Unicode ``\\w``/``\\b``), so
each gets an RE2 candidate pattern written here: looser than Presidio's, never stricter for ASCII
input, with the candidate in the named group ``value``. Validation then asks the built-in
recognizer itself (its patterns, ``validate_result`` and ``invalidate_result``) whether the
candidate holds the entity, so the built-in's judgement is kept exactly. PHONE_NUMBER has no
pattern: ``phonenumbers`` decides, over the regions that matter to Chinese data flows.

Two adjustments, both for Chinese text: Chinese context words are added to Presidio's English
ones, and the pattern recognizers run with ``regex.ASCII``. Without it ``\\w``/``\\b`` treat Han
characters as word characters, so ``邮箱zhang@example.com`` became one e-mail including ``邮箱``
and ``IP地址192.168.1.1`` no IP at all. The cost: e-mail addresses with non-ASCII (IDN) local
parts or domain labels are not recognised. Each recognizer gets its own copies of the pattern
objects, because Presidio caches the compiled regex (and its flags) on them.

``configure_offline`` lives here, not in the analyzer, because every user of the e-mail
recognizer needs it: the analyzer, and the scanner calling ``EntitySpec.validate`` directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers
import regex
import tldextract
import tldextract.tldextract as tld_module
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UrlRecognizer,
)

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


@dataclass(frozen=True)
class BuiltinSpec:
    """How to build, find and validate one Presidio built-in entity."""

    entity: str
    factory: Callable[[str], EntityRecognizer]
    re2: str
    base_score: float


def recognizer_validator(recognizer: EntityRecognizer, entity: str) -> Callable[[str], bool]:
    """Validator that asks the built-in pattern recognizer whether ``value`` holds the entity."""

    def validate(value: str) -> bool:
        return bool(recognizer.analyze(value, [entity], None))

    return validate


def is_phone_number(text: str) -> bool:
    """Valid phone number in one of ``PHONE_REGIONS``, or in ``+<country code>`` form."""
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


def configure_offline() -> None:
    """Make ``tldextract.extract`` (used by Presidio's EmailRecognizer) use its bundled snapshot.

    ``tldextract.extract`` delegates to the module global ``tldextract.tldextract.TLD_EXTRACTOR``
    at call time, so replacing that global redirects every caller, including Presidio. The
    replacement has no URLs to fetch and no disk cache, so it can only read the snapshot shipped
    inside the package. Idempotent.
    """
    has_global = hasattr(tld_module, "TLD_EXTRACTOR")
    current = tld_module.TLD_EXTRACTOR if has_global else tldextract.extract
    if getattr(current, "_compliance_offline", False):
        return
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    offline._compliance_offline = True  # type: ignore[attr-defined]
    offline("example.com")  # parse the bundled suffix list now, not during a scan
    if has_global:
        tld_module.TLD_EXTRACTOR = offline
    else:  # a later tldextract without the global: replace the function Presidio calls
        tldextract.extract = offline  # type: ignore[assignment]


def offline_extractor() -> tldextract.TLDExtract:
    """The extractor ``configure_offline`` installed, the one ``tldextract.extract`` delegates to."""
    configure_offline()
    if hasattr(tld_module, "TLD_EXTRACTOR"):
        return tld_module.TLD_EXTRACTOR
    return tldextract.extract  # type: ignore[return-value]


def _own_patterns(cls: type[PatternRecognizer]) -> list[Pattern]:
    return [Pattern(pattern.name, pattern.regex, pattern.score) for pattern in cls.PATTERNS]


def _ascii(recognizer: PatternRecognizer) -> PatternRecognizer:
    recognizer.global_regex_flags = ASCII_FLAGS
    return recognizer


def _email(language: str) -> EntityRecognizer:
    configure_offline()  # EmailRecognizer.validate_result calls tldextract
    context = [*EmailRecognizer.CONTEXT, "e-mail", "mail", "邮箱", "电子邮箱", "电子邮件", "邮件地址"]
    return _ascii(
        EmailRecognizer(patterns=_own_patterns(EmailRecognizer), supported_language=language, context=context)
    )


def _ip(language: str) -> EntityRecognizer:
    context = [*IpRecognizer.CONTEXT, "ip地址", "登录ip"]
    return _ascii(IpRecognizer(patterns=_own_patterns(IpRecognizer), supported_language=language, context=context))


def _credit_card(language: str) -> EntityRecognizer:
    context = [word.strip() for word in CreditCardRecognizer.CONTEXT] + ["信用卡", "卡号", "银行卡"]
    return _ascii(
        CreditCardRecognizer(patterns=_own_patterns(CreditCardRecognizer), supported_language=language, context=context)
    )


def _iban(language: str) -> EntityRecognizer:
    context = [*IbanRecognizer.CONTEXT, "国际银行账号", "银行账号", "账号"]
    return IbanRecognizer(
        patterns=_own_patterns(IbanRecognizer),
        supported_language=language,
        context=context,
        regex_flags=ASCII_FLAGS & ~regex.IGNORECASE,
    )


def _url(language: str) -> EntityRecognizer:
    context = [*UrlRecognizer.CONTEXT, "网址", "链接", "网站", "主页"]
    return _ascii(UrlRecognizer(patterns=_own_patterns(UrlRecognizer), supported_language=language, context=context))


def _phone(language: str) -> EntityRecognizer:
    context = [*PhoneRecognizer.CONTEXT, "电话", "手机", "联系电话", "联系方式", "座机", "电话号码", "tel"]
    return PhoneRecognizer(supported_language=language, context=context, supported_regions=PHONE_REGIONS)


BUILTINS: tuple[BuiltinSpec, ...] = (
    BuiltinSpec("EMAIL_ADDRESS", _email, EMAIL_RE2, 1.0),
    BuiltinSpec("IP_ADDRESS", _ip, IP_RE2, 0.6),
    BuiltinSpec("CREDIT_CARD", _credit_card, CREDIT_CARD_RE2, 1.0),
    BuiltinSpec("IBAN_CODE", _iban, IBAN_RE2, 1.0),
    BuiltinSpec("URL", _url, URL_RE2, 0.5),
    BuiltinSpec("PHONE_NUMBER", _phone, PHONE_RE2, PhoneRecognizer.SCORE),
)
