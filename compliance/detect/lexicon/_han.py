"""Short Han strings as code-point rows, for word-list look-ups in numpy instead of per value.

A candidate Chinese name is 2-4 characters of ``_regex.HAN`` (U+3400-U+9FFF), each three bytes in
UTF-8, so its code points can be read straight from the Arrow data buffer. Four code points of 16
bits pack into one ``uint64`` (zeros fill the unused slots; Han code points are never 0), and a word
list becomes an array of such keys: a list look-up is one hash look-up of integers.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ._regex import HAN_RANGES

WIDTH = 4  # characters per row


def _is_han(word: str) -> bool:
    return all(any(a <= ord(c) <= b for a, b in HAN_RANGES) for c in word)


def code_points(text: pa.Array) -> np.ndarray:
    """``(len(text), 4)`` code points of strings of 2-4 Han characters (checked by the caller)."""
    if not len(text):
        return np.zeros((0, WIDTH), dtype=np.uint64)
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int32)[text.offset : text.offset + len(text) + 1]
    data = np.frombuffer(text.buffers()[2], dtype=np.uint8)
    size = (offsets[1:] - offsets[:-1]) // 3
    out = np.zeros((len(text), WIDTH), dtype=np.uint64)
    for j in range(WIDTH):
        rows = np.flatnonzero(size > j)
        at = offsets[rows] + 3 * j
        b0, b1, b2 = (data[at + k].astype(np.uint64) for k in range(3))
        out[rows, j] = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F)
    return out


def pack(points: np.ndarray) -> np.ndarray:
    """One key per row of up to four code points (left-aligned, zero-filled)."""
    keys = np.zeros(len(points), dtype=np.uint64)
    for j in range(points.shape[1]):
        keys |= points[:, j] << np.uint64(16 * (WIDTH - 1 - j))
    return keys


@cache
def char_table(chars: frozenset[str]) -> np.ndarray:
    """Boolean table indexed by code point: is the character in ``chars``?"""
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(c) for c in chars if len(c) == 1 and ord(c) < 0x10000]] = True
    return table


@cache
def key_set(words: frozenset[str]) -> pa.Array:
    """Keys of the words of 1-4 Han characters (no other word can equal such a string)."""
    keep = [w for w in words if 1 <= len(w) <= WIDTH and _is_han(w)]
    points = np.array([[ord(c) for c in w] + [0] * (WIDTH - len(w)) for w in keep], dtype=np.uint64)
    return pa.array(np.unique(pack(points.reshape(-1, WIDTH))), type=pa.uint64())


def contained(keys: np.ndarray, words: frozenset[str]) -> np.ndarray:
    """Is each key one of ``words``? (a hash look-up: ``pyarrow.compute.is_in``)"""
    found = pc.is_in(pa.array(keys, type=pa.uint64()), value_set=key_set(words))
    return found.to_numpy(zero_copy_only=False)


def suffix(points: np.ndarray, size: np.ndarray, k: int) -> np.ndarray:
    """The last ``k`` code points of every row (rows shorter than ``k``: all zero)."""
    out = np.zeros((len(points), k), dtype=np.uint64)
    rows = np.flatnonzero(size >= k)
    for j in range(k):
        out[rows, j] = points[rows, size[rows] - k + j]
    return out
