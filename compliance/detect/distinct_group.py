"""Distinct normalised values of many small columns at once (``tally.distinct_values`` for each).

Per column, finding the distinct values costs a dozen ``pyarrow.compute`` calls and one RE2 compile
(``normalise.prepare``'s pattern), about a millisecond before any value is looked at: most of a
10,000-column sampled scan. Here the cells of many columns are concatenated, each distinct
(column, value) pair is counted in one hash pass (``dictionary_encode`` of the values, then
``value_counts`` of ``column * size + code``), and the pairs go through ``prepare`` together.

Every step of ``prepare`` judges values one by one and keeps their order within the parts it splits
and joins, so a stable sort by column afterwards gives each column exactly the values, counts and
order that the per-column call gives (property-tested in tests/hardening/test_crash_wide_tables.py).
"""

from __future__ import annotations

import itertools

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .normalise import prepare
from .tally import MAX_TEXT_CHARS, ColumnTally

Distinct = tuple[pa.Array, np.ndarray]


def _text(array: pa.Array) -> pa.Array:
    return array if array.type == pa.string() else array.cast(pa.string())


def distinct_many(arrays: list[pa.Array], tallies: list[ColumnTally]) -> list[Distinct]:
    """``tally.distinct_values(array, tally)`` for every pair: the same values, counts and order per
    column, and the same placeholder counts added to each tally."""
    if not arrays:
        return []
    texts = [_text(array) for array in arrays]
    column = np.repeat(np.arange(len(texts), dtype=np.int64), [len(t) for t in texts])
    cells = pa.concat_arrays(texts)
    longest = pc.max(pc.binary_length(cells)).as_py() or 0
    if longest > MAX_TEXT_CHARS:  # a no-op on shorter values, so one call serves every column
        cells = pc.utf8_slice_codeunits(cells, 0, MAX_TEXT_CHARS)
    encoded = pc.dictionary_encode(pc.utf8_trim_whitespace(cells))
    words = encoded.dictionary
    size = len(words) + 1  # code len(words): a null cell
    codes = pc.fill_null(encoded.indices, len(words)).to_numpy(zero_copy_only=False).astype(np.int64)
    counted = pc.value_counts(pa.array(column * size + codes))  # pairs in order of first appearance
    pairs = counted.field("values").to_numpy(zero_copy_only=False)
    counts = counted.field("counts").to_numpy(zero_copy_only=False)
    owner, code = pairs // size, pairs % size
    filled = np.append(pc.greater(pc.binary_length(words), 0).to_numpy(zero_copy_only=False), False)
    keep = filled[code]
    owner, code, counts = owner[keep], code[keep], counts[keep]
    positions = np.arange(len(code), dtype=np.int64)  # carried through prepare in place of the counts
    values, positions, placeholder = prepare(words.take(pa.array(code)), positions)
    owner, counts = owner[positions], counts[positions]
    if len(owner) > 1 and (np.diff(owner) < 0).any():
        order = np.argsort(owner, kind="stable")
        values, placeholder = values.take(pa.array(order)), placeholder[order]
        owner, counts = owner[order], counts[order]
    if placeholder.any():
        spent = np.bincount(owner[placeholder], weights=counts[placeholder], minlength=len(texts))
        for tally, number in zip(tallies, spent.tolist(), strict=True):
            if number:
                tally.placeholders += int(number)
        kept = ~placeholder
        values, owner, counts = values.filter(pa.array(kept)), owner[kept], counts[kept]
    bounds = np.searchsorted(owner, np.arange(len(texts) + 1)).tolist()
    return [(values.slice(start, end - start), counts[start:end]) for start, end in itertools.pairwise(bounds)]


__all__ = ["Distinct", "distinct_many"]
