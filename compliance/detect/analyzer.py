"""The Presidio analyzer, built offline.

Why this module exists: Presidio's defaults reach for the network twice. ``AnalyzerEngine()``
wants a spaCy model (and downloads one if missing), and the e-mail recognizer calls
``tldextract``, whose module-level extractor fetches the Public Suffix List over HTTP on first use.
Here the default engine is Presidio's ``NoOpNlpEngine`` (pattern recognizers need no NLP), and
``configure_offline`` points ``tldextract`` at the snapshot bundled with it.

Without tokens, Presidio's ``LemmaContextAwareEnhancer`` cannot see context words in the text,
and Chinese has no spaces to make tokens from anyway. ``WindowContextEnhancer`` therefore looks
for each recognizer's context words in a character window around the match (Chinese words as
substrings, ASCII words as whole words) and in the explicit ``context`` passed to ``analyze``
(e.g. a column header).
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import regex
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine, NoOpNlpEngine, SpacyNlpEngine

from compliance.errors import UsageError

from .recognizers import entity_specs
from .recognizers.presidio_recognizers import configure_offline

__all__ = ["LANGUAGES", "WindowContextEnhancer", "build_analyzer", "clear_analyzer_cache", "configure_offline"]

LANGUAGES = ("zh", "en")


@functools.lru_cache(maxsize=256)
def _word_matcher(word: str) -> regex.Pattern[str] | None:
    """ASCII context words must match as whole words (``id`` must not match ``paid``)."""
    if not word.isascii():
        return None
    return regex.compile(rf"(?<![a-z0-9]){regex.escape(word)}(?![a-z0-9])")


def find_context_word(haystack: str, words: list[str]) -> str:
    """First context word found in the lower-cased ``haystack``; ``""`` if none."""
    for word in words:
        needle = word.strip().lower()
        if not needle:
            continue
        matcher = _word_matcher(needle)
        found = matcher.search(haystack) if matcher else needle in haystack
        if found:
            return word
    return ""


class WindowContextEnhancer(ContextAwareEnhancer):
    """Context enhancement over a character window, independent of any NLP tokenizer."""

    def __init__(
        self,
        context_similarity_factor: float = 0.35,
        min_score_with_context_similarity: float = 0.4,
        context_prefix_count: int = 30,
        context_suffix_count: int = 10,
    ) -> None:
        super().__init__(
            context_similarity_factor=context_similarity_factor,
            min_score_with_context_similarity=min_score_with_context_similarity,
            context_prefix_count=context_prefix_count,
            context_suffix_count=context_suffix_count,
        )

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Raise the score of results whose recognizer's context words appear near them."""
        results = copy.deepcopy(raw_results)
        by_id = {recognizer.id: recognizer for recognizer in recognizers}
        explicit = "\n".join(context or []).lower()
        for result in results:
            metadata = result.recognition_metadata or {}
            recognizer = by_id.get(metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if recognizer is None or not recognizer.context:
                continue
            if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            before = text[max(0, result.start - self.context_prefix_count) : result.start]
            after = text[result.end : result.end + self.context_suffix_count]
            haystack = f"{before}\n{after}\n{explicit}".lower()
            word = find_context_word(haystack, recognizer.context)
            if not word:
                continue
            result.score = min(
                max(result.score + self.context_similarity_factor, self.min_score_with_context_similarity),
                ContextAwareEnhancer.MAX_SCORE,
            )
            if result.analysis_explanation is not None:
                result.analysis_explanation.set_supportive_context_word(word)
                result.analysis_explanation.set_improved_score(result.score)
        return results


def _spacy_engine(nlp_model: str) -> tuple[NlpEngine, str]:
    """A SpacyNlpEngine around an installed model (package name or directory); never downloads."""
    import spacy

    if not (spacy.util.is_package(nlp_model) or Path(nlp_model).is_dir()):
        raise UsageError(
            f"spaCy model '{nlp_model}' is not installed; install it with pip "
            "or run without an NLP model (pattern recognizers only)"
        )
    try:
        nlp = spacy.load(nlp_model)
    except (OSError, ValueError) as exc:
        reason = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise UsageError(f"spaCy model '{nlp_model}' cannot be loaded: {reason}") from exc
    if nlp.lang not in LANGUAGES:
        raise UsageError(f"spaCy model '{nlp_model}' is for language '{nlp.lang}'; supported: zh, en")
    engine = SpacyNlpEngine(models=[{"lang_code": nlp.lang, "model_name": nlp_model}])
    # Set the pipelines directly: SpacyNlpEngine.load() would download a missing model.
    engine.nlp = {lang: nlp if lang == nlp.lang else spacy.blank(lang) for lang in LANGUAGES}
    return engine, nlp.lang


def build_analyzer(nlp_model: str | None = None) -> AnalyzerEngine:
    """Analyzer for ``zh`` and ``en`` with the China and built-in pattern recognizers, offline.

    ``nlp_model`` names an installed spaCy package (or a pipeline directory) whose NER then adds
    PERSON / LOCATION etc. for its language; ``None`` needs no model at all. Cached per model:
    building takes about a second.
    """
    return _build_analyzer(nlp_model or None)


def clear_analyzer_cache() -> None:
    """Forget built analyzers (tests; or after installing a spaCy model in the same process)."""
    _build_analyzer.cache_clear()


@functools.cache
def _build_analyzer(nlp_model: str | None) -> AnalyzerEngine:
    configure_offline()
    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    for language in LANGUAGES:
        for spec in entity_specs(language):
            registry.add_recognizer(spec.recognizer)
    if nlp_model is None:
        nlp_engine: NlpEngine = NoOpNlpEngine(models=[{"lang_code": lang, "model_name": "no-op"} for lang in LANGUAGES])
        nlp_engine.load()
    else:
        nlp_engine, model_language = _spacy_engine(nlp_model)
        registry.recognizers.append(
            RecognizerRegistry.get_nlp_recognizer(nlp_engine)(
                supported_language=model_language,
                supported_entities=nlp_engine.get_supported_entities(),
            )
        )
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=list(LANGUAGES),
        context_aware_enhancer=WindowContextEnhancer(),
    )
