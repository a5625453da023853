"""Shared helpers for the recognizer tests (the ``kit`` fixture): filler text, the RE2 agreement check.

The agreement check is the contract the column-wise scanner relies on: every substring Presidio's
pattern (``regex`` module) reports must also be found by the recognizer's RE2 twin when RE2 runs
through ``pyarrow.compute``, and RE2's ``value`` group must extract exactly that substring.
"""

from __future__ import annotations

from types import SimpleNamespace

import pyarrow as pa
import pyarrow.compute as pc
import pytest
import regex
from hypothesis import strategies as st
from presidio_analyzer import PatternRecognizer

from compliance.detect.analyzer import build_analyzer

#: Han characters, ASCII letters, digits, punctuation and spaces: the texture of real cells.
FILLER_CHARS = st.sampled_from(
    list("的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会")
    + list("abcXYZ0123456789 ,.:;-_/()，。：；、号码")
)
filler = st.text(FILLER_CHARS, max_size=12)
SEPARATORS = st.sampled_from([" ", "，", "：", ":", "\t", "\n", "(", "）", "、", "|"])


def embedded(value: str) -> st.SearchStrategy[str]:
    """``value`` inside random text, separated from it so both engines can see its boundaries."""
    return st.tuples(filler, SEPARATORS, SEPARATORS, filler).map(lambda p: p[0] + p[1] + value + p[2] + p[3])


def presidio_matches(recognizer: PatternRecognizer, text: str) -> list[regex.Match[str]]:
    """Raw matches of the recognizer's Presidio patterns, with the recognizer's own flags."""
    found = []
    for pattern in recognizer.patterns:
        found.extend(regex.finditer(pattern.regex, text, flags=recognizer.global_regex_flags))
    return found


def re2_extract(re2: str, text: str) -> str | None:
    """The ``value`` group of RE2's first match in ``text`` (via pyarrow), or ``None``."""
    array = pa.array([text])
    if not pc.match_substring_regex(array, re2)[0].as_py():
        return None
    return pc.extract_regex(array, re2)[0].as_py()["value"]


def assert_re2_covers(recognizer: PatternRecognizer, re2: str, text: str) -> int:
    """Every Presidio match is found by RE2 in the full text and extracted exactly from its window."""
    matches = presidio_matches(recognizer, text)
    if matches:
        assert pc.match_substring_regex(pa.array([text]), re2)[0].as_py(), text
    for match in matches:
        start, end = match.span()
        window = text[max(0, start - 1) : end + 1]
        assert re2_extract(re2, window) == match.group(), (window, match.group())
    return len(matches)


def analyze(text: str, language: str, entity: str, context: list[str] | None = None) -> list[tuple[str, float]]:
    """(matched text, score rounded to 4 places) of ``entity`` results of the offline analyzer."""
    results = build_analyzer().analyze(text=text, language=language, entities=[entity], context=context)
    return sorted((text[r.start : r.end], round(r.score, 4)) for r in results)


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    """The helpers above, for test modules (a fixture, so no test-package import is needed)."""
    return SimpleNamespace(
        embedded=embedded,
        presidio_matches=presidio_matches,
        re2_extract=re2_extract,
        assert_re2_covers=assert_re2_covers,
        analyze=analyze,
    )
