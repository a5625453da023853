"""``hash64`` reads values of one length as a byte matrix: the same hashes as byte by byte (FNV-1a)."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.classify.individuals import hash64

_MASK = (1 << 64) - 1


def _reference(text: str, max_bytes: int) -> int:
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8")[:max_bytes]:
        h = ((h ^ byte) * 0x100000001B3) & _MASK
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & _MASK
    return h ^ (h >> 33)


@given(
    length=st.integers(0, 24),
    texts=st.lists(st.text(alphabet="0123456789abX张", min_size=0, max_size=24), min_size=1, max_size=40),
    same=st.booleans(),
    cut=st.integers(0, 5),
    max_bytes=st.sampled_from([20, 64]),
)
@settings(max_examples=200, deadline=None)
def test_hash64_equals_byte_by_byte_fnv(length, texts, same, cut, max_bytes):
    if same:  # values of one UTF-8 length, as mobile or ID columns hold
        texts = [(t + "0" * length)[:length] for t in texts if t.isascii()] or ["0" * length]
    array = pa.array(texts, pa.string())
    array = array.slice(min(cut, len(array) - 1))  # a slice has an offset into its buffers
    assert hash64(array, max_bytes).tolist() == [_reference(t, max_bytes) for t in array.to_pylist()]
