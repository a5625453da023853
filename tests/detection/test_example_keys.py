"""``example_keys`` (the order candidate examples are offered in) equals its byte-by-byte definition."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detect.tally import EXAMPLE_KEY_BYTES, EntityTally, example_keys

_MASK = (1 << 64) - 1


def _mixed(h: int) -> int:
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & _MASK
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & _MASK
    return h ^ (h >> 33)


def _reference(text: str | None) -> int:
    raw = (text or "").encode("utf-8")
    head = raw[:EXAMPLE_KEY_BYTES].ljust(EXAMPLE_KEY_BYTES, b"\0")
    first, second = int.from_bytes(head[:8], "little"), int.from_bytes(head[8:16], "little")
    h = _mixed(first ^ ((len(raw) + 0xCBF29CE484222325) & _MASK))
    return _mixed((h * 0xC4CEB9FE1A85EC53 + second) & _MASK)


@given(
    texts=st.lists(st.one_of(st.none(), st.text(alphabet="0123456789abX张·@ ", max_size=30)), min_size=1, max_size=40),
    cut=st.integers(0, 5),
)
@settings(max_examples=200, deadline=None)
def test_example_keys_equal_their_definition(texts, cut):
    array = pa.array(texts, pa.string())
    array = array.slice(min(cut, len(array) - 1))  # a slice has an offset into its buffers
    assert example_keys(array).tolist() == [_reference(t) for t in array.to_pylist()]


def test_examples_do_not_depend_on_the_order_values_are_offered_in():
    values = [f"张{chr(0x4E00 + i)}{i}" for i in range(200)]
    one, other = EntityTally(), EntityTally()
    one.add_examples(pa.array(values), "PERSON")
    for start in range(0, 200, 7):  # in small batches, last first
        other.add_examples(pa.array(values[::-1][start : start + 7]), "PERSON")
    assert one.examples == other.examples and len(one.examples) == 3


def test_values_sharing_their_first_bytes_differ_by_length():
    keys = example_keys(pa.array(["北京市朝阳区建国路", "北京市朝阳区建国路8号", "北京市朝阳区建国路88号"]))
    assert len(set(keys.tolist())) == 3
