"""Shared base of the China recognizers.

Why a base class: every China recognizer must work in two engines at once. Presidio runs
``PATTERNS`` with the ``regex`` module (look-around allowed); the column-wise scanner runs
``RE2_PATTERN`` through ``pyarrow.compute`` (RE2: no look-around). Both are built here from the
same *core* expressions so they cannot drift apart:

* Presidio pattern: ``(?<![0-9A-Za-z])(?:core)(?![0-9A-Za-z])``
* RE2 candidate:    ``(?:^|[^0-9A-Za-z])(?P<value>core1|core2…)(?:$|[^0-9A-Za-z])``

The boundaries are ASCII on purpose. ``\\b`` in the ``regex`` module treats Han characters as word
characters, so ``身份证号11010519491231002X`` would never match; RE2's ``\\b`` is ASCII-only, so the
two engines would disagree. Cores use ``[0-9]`` rather than ``\\d`` (Unicode digits in ``regex``)
and patterns are case-sensitive (``IGNORECASE`` makes ``[A-Z]`` match the Kelvin sign).

``validate_result`` is tri-state, as Presidio allows: ``False`` drops the match; ``True`` lifts it
to score 1.0 and is reserved for conclusive checks (a checksum that random digits rarely pass);
``None`` keeps the pattern's own score so that weak formats still need context to score high.

``validate_array`` is ``validate_value`` over a whole pyarrow string array (numpy bool result), for
the column-wise scanner; it must agree with ``validate_value`` on every value.

Everything here is plain data and Presidio-free (importing Presidio costs a second and a half of
every scan's start-up): a ``CnDefinition`` holds the patterns, context words, scores and validators;
``presidio_recognizers.china_recognizer_class`` turns it into the Presidio ``PatternRecognizer`` of
the library API, and ``matcher.PatternMatcher`` runs the same patterns without Presidio.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, NamedTuple

import numpy as np
import pyarrow as pa
import regex

from ..vectorised import scalar_array

LEFT = r"(?<![0-9A-Za-z])"
RIGHT = r"(?![0-9A-Za-z])"
RE2_LEFT = r"(?:^|[^0-9A-Za-z])"
RE2_RIGHT = r"(?:$|[^0-9A-Za-z])"
#: Presidio's default adds IGNORECASE; ours are case-sensitive (explicit ``[Xx]`` where needed).
REGEX_FLAGS = regex.DOTALL | regex.MULTILINE

#: Letters allowed in Chinese document numbers and plates: A-Z without I and O.
LETTERS_NO_IO = "A-HJ-NP-Z"


def bounded(core: str) -> str:
    """Presidio form of a core: whole token, not inside a longer ASCII alphanumeric run."""
    return f"{LEFT}(?:{core}){RIGHT}"


def re2_candidate(*cores: str) -> str:
    """RE2 form of the cores, with the candidate in the named group ``value``."""
    return f"{RE2_LEFT}(?P<value>{'|'.join(cores)}){RE2_RIGHT}"


def all_same(digits: str) -> bool:
    """True for filler values such as ``00000000`` (placeholders, not identifiers)."""
    return len(set(digits)) <= 1


class PatternDef(NamedTuple):
    """One Presidio pattern as plain data: ``presidio_analyzer.Pattern(name, regex, score)``."""

    name: str
    regex: str
    score: float


class CnDefinition:
    """A China recognizer as plain data: patterns, context words, scores and validators.

    Subclasses set ``ENTITY``, ``PATTERNS``, ``CONTEXT``, ``RE2_PATTERN``, ``BASE_SCORE`` and
    implement ``validate_value`` (a staticmethod) and, if their check is conclusive,
    ``is_conclusive`` (a staticmethod). The Presidio recognizer of the same name plus
    ``Recognizer`` (``CnMobile`` -> ``CnMobileRecognizer``) is built from it on first use.
    """

    COUNTRY_CODE = "cn"
    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[tuple[PatternDef, ...]]
    CONTEXT: ClassVar[tuple[str, ...]]
    RE2_PATTERN: ClassVar[str]
    #: Presidio score of a validated match of the main pattern, before any context boost.
    BASE_SCORE: ClassVar[float]
    FLAGS: ClassVar[int] = REGEX_FLAGS

    @staticmethod
    def validate_value(text: str) -> bool:
        """Full check of one candidate string (separators allowed, checksums, dates)."""
        raise NotImplementedError

    @classmethod
    def validate_array(cls, values: pa.Array) -> np.ndarray:
        """``validate_value`` of every value of a string array (nulls are ``False``).

        This default calls the scalar once per distinct value; recognizers override it with a
        vectorised equivalent (RE2 through ``pyarrow.compute``, numpy checksums).
        """
        return scalar_array(cls.validate_value)(values)

    @staticmethod
    def is_conclusive(text: str) -> bool:
        """Whether a value that passed ``validate_value`` deserves score 1.0 without context."""
        return False

    @classmethod
    def verdict(cls, pattern_text: str) -> bool | None:
        """Presidio's ``validate_result``: ``False`` rejects, ``True`` is conclusive, ``None`` keeps the score."""
        if not cls.validate_value(pattern_text):
            return False
        return True if cls.is_conclusive(pattern_text) else None


def presidio_class_getattr(definition: type[CnDefinition]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that builds ``<Definition>Recognizer``, the Presidio class, on first use."""
    wanted = f"{definition.__name__}Recognizer"

    def __getattr__(name: str) -> Any:
        if name != wanted:
            raise AttributeError(f"module {definition.__module__!r} has no attribute {name!r}")
        from .presidio_recognizers import china_recognizer_class

        return china_recognizer_class(definition)

    return __getattr__
