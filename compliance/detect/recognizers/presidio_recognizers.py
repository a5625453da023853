"""The Presidio recognizers of the library API, built from the plain definitions.

Only the analyzer (``--nlp-model``, ``build_analyzer``), ``EntitySpec.recognizer`` and the
``Cn*Recognizer`` names import this module: it imports Presidio (and, for the e-mail recognizer,
tldextract), which a plain scan never needs. Every recognizer here is made from the same data the
scan's ``matcher`` runs: a China ``CnDefinition`` becomes a ``PatternRecognizer`` subclass, a
built-in ``RecognizerDefinition`` becomes Presidio's own class with our patterns, context and flags.

``configure_offline`` points tldextract at its bundled snapshot: Presidio's ``EmailRecognizer`` calls
``tldextract.extract``, whose default extractor fetches the Public Suffix List over HTTP on first use.
"""

from __future__ import annotations

from functools import cache

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

from ._common import REGEX_FLAGS, CnDefinition
from .matcher import RecognizerDefinition

_PATTERN_CLASSES: dict[str, type[PatternRecognizer]] = {
    "EmailRecognizer": EmailRecognizer,
    "IpRecognizer": IpRecognizer,
    "CreditCardRecognizer": CreditCardRecognizer,
    "UrlRecognizer": UrlRecognizer,
}


def presidio_patterns(patterns) -> list[Pattern]:
    """Fresh Presidio ``Pattern`` objects (Presidio caches each one's compiled regex and flags)."""
    return [Pattern(p.name, p.regex, p.score) for p in patterns]


class CnPatternRecognizer(PatternRecognizer):
    """The Presidio form of a ``CnDefinition``: its patterns, context and tri-state validation."""

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "zh",
        supported_entity: str | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            patterns=presidio_patterns(patterns or self.PATTERNS),
            context=list(context or self.CONTEXT),
            supported_language=supported_language,
            name=name,
            global_regex_flags=REGEX_FLAGS,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Presidio hook: ``False`` rejects, ``True`` is conclusive, ``None`` keeps the pattern score."""
        return self.verdict(pattern_text)


@cache
def china_recognizer_class(definition: type[CnDefinition]) -> type[CnPatternRecognizer]:
    """``<Definition>Recognizer``: a Presidio recognizer class that is also the definition."""
    name = f"{definition.__name__}Recognizer"
    namespace = {"__module__": definition.__module__, "__doc__": definition.__doc__, "__qualname__": name}
    return type(name, (definition, CnPatternRecognizer), namespace)


def builtin_recognizer(definition: RecognizerDefinition, language: str) -> EntityRecognizer:
    """Presidio's own recognizer class for a built-in definition, with its patterns, context and flags."""
    context = list(definition.context)
    if definition.kind == "phone":
        return PhoneRecognizer(
            supported_language=language,
            context=context,
            supported_regions=definition.regions,
            leniency=definition.leniency,
        )
    patterns = presidio_patterns(definition.patterns)
    if definition.kind == "iban":
        return IbanRecognizer(
            patterns=patterns, context=context, supported_language=language, regex_flags=definition.flags
        )
    if definition.name == "EmailRecognizer":
        configure_offline()  # EmailRecognizer.validate_result calls tldextract
    recognizer = _PATTERN_CLASSES[definition.name](patterns=patterns, context=context, supported_language=language)
    recognizer.global_regex_flags = definition.flags
    return recognizer


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
