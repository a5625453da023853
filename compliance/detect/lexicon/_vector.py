"""Small helpers for the column masks: pyarrow in, numpy booleans out, scalar fallback by index.

The masks decide whole columns with ``pyarrow.compute`` kernels (RE2 regexes, ``is_in`` against the
word lists, code-point slices) and keep per-value Python only for the rare values a vectorised rule
cannot settle; ``settle_with`` is that escape hatch, so every mask stays equal to its scalar check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def as_strings(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One contiguous ``string`` array (chunks combined; large/view/dictionary strings cast)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], type=values.type)
    if not isinstance(values, pa.Array):
        raise TypeError(f"expected a pyarrow string array, got {type(values).__name__}")
    return values if values.type == pa.string() else values.cast(pa.string())


def to_numpy(flags: pa.Array) -> np.ndarray:
    """A boolean array as numpy, nulls as False."""
    return pc.fill_null(flags, False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


def matches(strings: pa.Array, pattern: str) -> np.ndarray:
    """RE2 search of ``pattern`` in every string (anchor it with ``^``/``$`` for a full match).

    Skipped for no strings: pyarrow compiles the pattern on every call, which for the big
    alternations costs milliseconds.
    """
    if not len(strings):
        return np.zeros(0, dtype=bool)
    return to_numpy(pc.match_substring_regex(strings, pattern))


def contains(strings: pa.Array, literal: str) -> np.ndarray:
    if not len(strings):
        return np.zeros(0, dtype=bool)
    return to_numpy(pc.match_substring(strings, literal))


def lengths(strings: pa.Array) -> np.ndarray:
    """Code points per string, 0 for nulls."""
    return pc.fill_null(pc.utf8_length(strings), 0).to_numpy(zero_copy_only=False)


def take(strings: pa.Array, index: np.ndarray) -> pa.Array:
    return strings.take(pa.array(index, type=pa.int64()))


def replace_at(strings: pa.Array, index: np.ndarray, new: pa.Array) -> pa.Array:
    """``strings`` with the values at ``index`` (sorted) replaced by ``new``."""
    mask = np.zeros(len(strings), dtype=bool)
    mask[index] = True
    return pc.replace_with_mask(strings, pa.array(mask), new)


@cache
def word_array(words: frozenset[str]) -> pa.Array:
    """A word list as a pyarrow array, for ``is_in`` (built once per list)."""
    return pa.array(sorted(words), type=pa.string())


def member(strings: pa.Array, words: frozenset[str]) -> np.ndarray:
    return to_numpy(pc.is_in(strings, value_set=word_array(words)))


def settle_with(check: Callable[[str], bool], values: pa.Array, index: np.ndarray, out: np.ndarray) -> None:
    """Decide ``values[index]`` with the scalar ``check``, one value at a time."""
    if len(index):
        out[index] = [check(value) for value in take(values, index).to_pylist()]


def row_any(flags: np.ndarray, parent: np.ndarray, rows: int) -> np.ndarray:
    """Per row: is any of its tokens flagged? (``parent`` maps tokens to rows)."""
    return np.bincount(parent[flags], minlength=rows) > 0


@dataclass(frozen=True)
class Tokens:
    """The whitespace-separated tokens of strings (``str.split()``), flattened, with their row.

    ``codes`` number the distinct tokens (``vocabulary``): names repeat their words, so per-token
    tests run once per distinct word and are gathered back with numpy.
    """

    flat: pa.Array
    parent: np.ndarray  # row of each token
    start: np.ndarray  # index of each row's first token in ``flat`` (for a row without tokens: unused)
    count: np.ndarray  # tokens per row (``len(value.split())``)

    @classmethod
    def split(cls, strings: pa.Array) -> Tokens:
        """Split like ``str.split()``; ``utf8_split_whitespace`` uses the same whitespace set."""
        lists = pc.utf8_split_whitespace(pc.utf8_trim_whitespace(strings))
        raw = pc.fill_null(pc.list_value_length(lists), 0).to_numpy(zero_copy_only=False).astype(np.int64)
        start = np.concatenate(([0], np.cumsum(raw)[:-1])).astype(np.int64)
        parent = np.repeat(np.arange(len(strings)), raw)
        flat = pc.list_flatten(lists)
        empty = lengths(flat) == 0  # "" splits into [""]: no token
        count = raw - np.bincount(parent[empty], minlength=len(strings))
        return cls(flat, parent, start, count)

    @property
    def last(self) -> np.ndarray:
        return self.start + np.maximum(self.count, 1) - 1

    def vocabulary(self) -> tuple[np.ndarray, pa.Array]:
        encoded = pc.dictionary_encode(self.flat)
        return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), encoded.dictionary


def join_ranges(flat: pa.Array, first: np.ndarray, last: np.ndarray) -> pa.Array:
    """``" ".join(flat[first[i] : last[i] + 1])`` for every row ``i`` (ranges non-empty)."""
    counts = last - first + 1
    index = np.repeat(first - np.concatenate(([0], np.cumsum(counts)[:-1])), counts) + np.arange(counts.sum())
    offsets = pa.array(np.concatenate(([0], np.cumsum(counts))), type=pa.int32())
    return pc.binary_join(pa.ListArray.from_arrays(offsets, take(flat, index)), " ")
