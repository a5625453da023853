"""The shortcuts of normalise.py equal the plain definitions: the values to look at found from their
bytes instead of a regex pass, and the lead bytes of other scripts located instead of counted."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detect import normalise

#: the plain definition: every non-ASCII value, and every value the pattern matches
_ATTENTION = normalise._attention_pattern()
_PIECES = [*normalise.PLACEHOLDERS, "N/A", "NULL", "Null", "nUlL", ".0", "e+", "E+", "[", "{", "1", "a", " "]
_PIECES += ["张", "é", "１"]


def _plain_attention(array: pa.Array) -> np.ndarray:
    not_ascii = pc.invert(pc.string_is_ascii(array))
    marked = pc.match_substring_regex(array, _ATTENTION)
    return pc.fill_null(pc.or_(not_ascii, marked), False).to_numpy(zero_copy_only=False)


@given(
    texts=st.lists(st.one_of(st.none(), st.lists(st.sampled_from(_PIECES), max_size=3).map("".join)), max_size=40),
    start=st.integers(0, 5),
)
@settings(max_examples=500, deadline=None)
def test_attention_is_the_regex_it_replaces(texts, start):
    array = pa.array(texts, pa.string())[start:]  # also on a slice: its buffers hold its neighbours' bytes
    assert normalise._attention(array).tolist() == _plain_attention(array).tolist()


_MIXED = list("ab1 ,\t\u3000张伟陳\u4000\u9fff\uff11\u0301é\x85")


def _plain_han_and_ascii(texts: list[str]) -> list[bool]:
    def ok(text: str) -> bool:
        return (
            bool(text)
            and all(ord(c) < 0x80 or 0x4000 <= ord(c) <= 0x9FFF for c in text)
            and (text[0] > " " and text[-1] > " ")
        )

    return [ok(text) for text in texts]


@given(
    texts=st.lists(st.text(alphabet=st.sampled_from(_MIXED), max_size=6), min_size=1, max_size=30),
    start=st.integers(0, 29),
    stop=st.integers(0, 30),
)
@settings(max_examples=300, deadline=None)
def test_han_and_ascii_on_sliced_arrays(texts, start, stop):
    """A slice's buffers hold its neighbours' bytes: only the slice's own bytes decide."""
    array = pa.array(texts, pa.string())[start:stop]
    assert normalise._han_and_ascii(array).tolist() == _plain_han_and_ascii(array.to_pylist())


@given(
    texts=st.lists(st.one_of(st.none(), st.lists(st.sampled_from(_PIECES), max_size=4).map("".join)), max_size=40),
    start=st.integers(0, 5),
)
@settings(max_examples=300, deadline=None)
def test_marks_from_bytes_are_the_regex(texts, start):
    array = pa.array(texts, pa.string())[start:]
    expected = pc.fill_null(pc.match_substring_regex(array, normalise._MARKS), False).to_pylist()
    assert normalise._marked(array).tolist() == expected
