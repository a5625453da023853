"""Presidio's pattern matching without Presidio: the scan's fast path over the same definitions.

``PatternRecognizer.analyze`` is small: every pattern's ``regex.finditer`` with the recognizer's
flags, the pattern score, ``validate_result`` (``True`` lifts the score to 1.0, ``False`` drops the
match), ``invalidate_result`` (``True`` drops it), then ``remove_duplicates`` (results contained in
an equal-or-better result of the same entity go). ``PatternMatcher`` does exactly that over a
``RecognizerDefinition`` and returns ``(start, end, score)`` tuples in Presidio's order;
``IbanMatcher`` follows ``IbanRecognizer``'s own loop (shorter group spans tried when the longest
fails) and ``PhoneMatcher`` ``PhoneRecognizer``'s (``phonenumbers.PhoneNumberMatcher`` per region).
``tests/recognizers/test_definitions.py`` holds them equal to the Presidio recognizers built from the
same definitions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import regex

from ._common import PatternDef

Span = tuple[int, int, float]
MIN_SCORE = 0.0
MAX_SCORE = 1.0


def remove_duplicates(spans: list[Span]) -> list[Span]:
    """``EntityRecognizer.remove_duplicates`` for the spans of one entity."""
    ordered = sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]), -s[2]))
    kept: list[Span] = []
    active: list[Span] = []
    for span in ordered:
        if span[2] == 0:
            continue
        active = [other for other in active if other[1] >= span[0]]
        if any(span[0] >= o[0] and span[1] <= o[1] and span[2] <= o[2] for o in active):
            continue
        kept.append(span)
        active.append(span)
    return sorted(kept, key=lambda s: (-s[2], s[0], -(s[1] - s[0])))


@dataclass(frozen=True)
class RecognizerDefinition:
    """One recognizer as plain data: what Presidio's recognizer and the fast path are both built from.

    ``validate_result`` / ``invalidate_result`` are Presidio's hooks as functions of the matched
    text (``None``: the recognizer has none). ``kind`` names the analysis loop: ``pattern`` (any
    ``PatternRecognizer``), ``iban`` or ``phone``.
    """

    entity: str
    patterns: tuple[PatternDef, ...]
    context: tuple[str, ...]
    flags: int
    validate_result: Callable[[str], bool | None] | None = None
    invalidate_result: Callable[[str], bool | None] | None = None
    kind: str = "pattern"
    regions: tuple[str, ...] = ()  # phone: the regions PhoneNumberMatcher runs for
    score: float = 0.0  # phone: the score of every match
    leniency: int = 1  # phone: PhoneNumberMatcher's leniency
    name: str = field(default="", compare=False)  # the Presidio class it mirrors

    @cached_property
    def matcher(self) -> Callable[[str], list[Span]]:
        """The Presidio-free ``analyze`` of this definition."""
        if self.kind == "phone":
            return PhoneMatcher(self)
        if self.kind == "iban":
            return IbanMatcher(self)
        return PatternMatcher(self)

    def analyze(self, text: str) -> list[Span]:
        """``(start, end, score)`` of every result, as the Presidio recognizer returns them."""
        return self.matcher(text)


class PatternMatcher:
    """``PatternRecognizer.analyze`` over a definition (see the module docstring)."""

    def __init__(self, definition: RecognizerDefinition) -> None:
        self.definition = definition
        self.compiled = [(regex.compile(p.regex, flags=definition.flags), p.score) for p in definition.patterns]

    def __call__(self, text: str) -> list[Span]:
        validate = self.definition.validate_result
        invalidate = self.definition.invalidate_result
        spans: list[Span] = []
        for compiled, pattern_score in self.compiled:
            for match in compiled.finditer(text):
                start, end = match.span()
                if start == end:
                    continue
                current = text[start:end]
                score = pattern_score
                verdict = validate(current) if validate else None
                if verdict is not None:
                    score = MAX_SCORE if verdict else MIN_SCORE
                if invalidate and invalidate(current):
                    score = MIN_SCORE
                if score > MIN_SCORE:
                    spans.append((start, end, score))
        return remove_duplicates(spans)


class IbanMatcher(PatternMatcher):
    """``IbanRecognizer.analyze``: per match, group ends from the last group back; no de-duplication."""

    def __call__(self, text: str) -> list[Span]:
        validate = self.definition.validate_result
        spans: list[Span] = []
        for compiled, pattern_score in self.compiled:
            for match in compiled.finditer(text):
                for group in reversed(range(1, len(match.groups()) + 1)):
                    start = match.span(0)[0]
                    end = match.span(group)[1] if match.span(group)[1] > 0 else match.span(0)[1]
                    current = text[start:end]
                    if current == "":
                        continue
                    score = pattern_score
                    verdict = validate(current) if validate else None
                    if verdict is not None:
                        score = MAX_SCORE if verdict else MIN_SCORE
                    if score > MIN_SCORE:
                        spans.append((start, end, score))
                        break
        return spans


class PhoneMatcher:
    """``PhoneRecognizer.analyze``: ``phonenumbers.PhoneNumberMatcher`` over each region."""

    def __init__(self, definition: RecognizerDefinition) -> None:
        self.definition = definition

    def __call__(self, text: str) -> list[Span]:
        import phonenumbers

        spans = [
            (match.start, match.end, self.definition.score)
            for region in self.definition.regions
            for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=self.definition.leniency)
        ]
        return remove_duplicates(spans)


def patterns_of(rows: Sequence[tuple[str, str, float]]) -> tuple[PatternDef, ...]:
    """Pattern rows ``(name, regex, score)`` as ``PatternDef`` tuples."""
    return tuple(PatternDef(*row) for row in rows)
