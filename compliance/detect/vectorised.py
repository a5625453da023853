"""Numpy helpers that let entity validators judge a whole pyarrow string array at once.

Why: the scanner's ``--full`` mode validates every distinct candidate value of a column, and one
Python call per value (checksum, date, Presidio) costs 5-40 µs, so a 100k-row column took seconds.
Here a string array becomes a byte matrix (one row per value, right-aligned, zero-padded), so a
checksum or a date check is a few numpy operations over all rows.

Every array validator has a scalar twin that stays the reference; the array form must return exactly
what the scalar returns for every value. Values a fast path cannot decide go to the scalar, once per
distinct value (``scalar_where``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ArrayValidator = Callable[[pa.Array], np.ndarray]

ZERO = ord("0")
#: Luhn: the value of a doubled digit after adding its two digits (0→0, 5→1, 9→9); 0 for non-digits
_LUHN_DOUBLE = np.zeros(256, dtype=np.uint8)
_LUHN_DOUBLE[:10] = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9]
#: more distinct lengths than this: gather bytes by index instead of taking one group per length
_MAX_LENGTH_GROUPS = 8
_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def string_array(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One contiguous ``string`` / ``large_string`` array (chunks combined, other types cast)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        values = values.cast(pa.string())
    return values


def strip(values: pa.Array) -> pa.Array:
    """``str.strip()`` of every value (Arrow trims exactly the characters Python's ``isspace`` lists)."""
    return pc.utf8_trim_whitespace(values)


def matches(values: pa.Array, pattern: str) -> np.ndarray:
    """RE2 ``search`` of ``pattern`` in each value; nulls are ``False``."""
    if len(values) == 0:
        return np.zeros(0, dtype=bool)
    found = pc.match_substring_regex(values, pattern)
    return _bools(found)


def _bools(array: pa.Array) -> np.ndarray:
    if array.null_count:
        array = pc.fill_null(array, False)
    return array.to_numpy(zero_copy_only=False).astype(bool, copy=False)


def byte_lengths(values: pa.Array) -> np.ndarray:
    """UTF-8 length in bytes of every value (0 for nulls)."""
    lengths = pc.binary_length(values)
    if lengths.null_count:
        lengths = pc.fill_null(lengths, 0)
    return lengths.to_numpy(zero_copy_only=False).astype(np.int64, copy=False)


def _offsets_and_data(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    offset_type = np.int64 if pa.types.is_large_string(values.type) else np.int32
    _, offsets_buffer, data_buffer = values.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=offset_type)[values.offset : values.offset + len(values) + 1]
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(0, np.uint8)
    return offsets.astype(np.int64, copy=False), data


def right_aligned(values: pa.Array, width: int) -> np.ndarray:
    """``(len(values), width)`` uint8 matrix of each value's last ``width`` bytes, left-padded with 0.

    Values of exactly ``width`` bytes are returned as a zero-copy view of the data buffer; otherwise
    each length group is taken (contiguous, so a reshaped view) and copied into place.
    """
    values = string_array(values)
    count = len(values)
    out = np.zeros((count, width), dtype=np.uint8)
    if count == 0:
        return out
    lengths = byte_lengths(values)
    if values.null_count == 0 and bool(np.all(lengths == width)):
        offsets, data = _offsets_and_data(values)
        return data[offsets[0] : offsets[0] + count * width].reshape(count, width)
    present = np.unique(lengths)
    if len(present) > _MAX_LENGTH_GROUPS:
        return _gathered(values, lengths, width)
    for length in present[present > 0]:
        rows = np.flatnonzero(lengths == length)
        offsets, data = _offsets_and_data(values.take(pa.array(rows)))
        block = data[offsets[0] : offsets[0] + len(rows) * length].reshape(len(rows), length)
        keep = min(int(length), width)
        out[rows, width - keep :] = block[:, length - keep :]
    return out


def _gathered(values: pa.Array, lengths: np.ndarray, width: int) -> np.ndarray:
    """``right_aligned`` by one fancy-index gather (for arrays of many different lengths)."""
    offsets, data = _offsets_and_data(values)
    ends = offsets[1:]
    columns = np.arange(width, dtype=np.int64)
    inside = columns[None, :] >= (width - np.minimum(lengths, width))[:, None]
    if data.size == 0:
        return np.zeros((len(values), width), dtype=np.uint8)
    index = np.where(inside, ends[:, None] - width + columns[None, :], 0)
    return np.where(inside, data[index], 0).astype(np.uint8, copy=False)


def digit_matrix(values: pa.Array, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(digits, all_digits, lengths)`` of right-aligned values.

    ``digits`` is uint8 with 0 in the padding (garbage where a byte is not a digit), ``all_digits``
    tells the rows whose every byte is an ASCII digit and that fit in ``width``, ``lengths`` are
    byte lengths. Padding is told by length, not by a 0 byte (a value may hold NUL).
    """
    lengths = byte_lengths(values)
    digits = right_aligned(values, width) - np.uint8(ZERO)
    if bool(np.all(lengths == width)):
        return digits, rows_all(digits <= 9), lengths
    inside = np.arange(width)[None, :] >= (width - np.minimum(lengths, width))[:, None]
    all_digits = rows_all((digits <= 9) | ~inside) & (lengths <= width)
    digits *= inside
    return digits, all_digits, lengths


def rows_all(mask: np.ndarray) -> np.ndarray:
    """``mask.all(axis=1)`` for narrow matrices, column by column (numpy reduces short rows slowly)."""
    out = np.ones(mask.shape[0], dtype=bool)
    for column in range(mask.shape[1]):
        out &= mask[:, column]
    return out


def weighted_sum(digits: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``digits @ weights`` (int64) column by column, faster than a matmul with a short inner side."""
    total = np.zeros(digits.shape[0], dtype=np.int64)
    for column, weight in enumerate(weights.tolist()):
        if weight:
            total += digits[:, column].astype(np.int64) * weight
    return total


def number(digits: np.ndarray) -> np.ndarray:
    """Columns of digit values read as one decimal number per row (int64)."""
    total = np.zeros(digits.shape[0], dtype=np.int64)
    for column in range(digits.shape[1]):
        total = total * 10 + digits[:, column]
    return total


def luhn_valid(digits: np.ndarray) -> np.ndarray:
    """Luhn check over right-aligned digit rows (left zero padding does not change the sum)."""
    width = digits.shape[1]
    plain = digits[:, width - 1 :: -2].sum(axis=1, dtype=np.int64)
    doubled = _LUHN_DOUBLE[digits[:, width - 2 :: -2]].sum(axis=1, dtype=np.int64)
    return (plain + doubled) % 10 == 0


def valid_dates(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Whether (year, month, day) is a real Gregorian date (years 1-9999, as ``datetime.date``)."""
    month_ok = (month >= 1) & (month <= 12)
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    days = _DAYS_IN_MONTH[np.where(month_ok, month, 0)] + ((month == 2) & leap)
    return (year >= 1) & (year <= 9999) & month_ok & (day >= 1) & (day <= days)


def date_ordinal(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """A number that orders dates like ``datetime.date`` does (``yyyymmdd``)."""
    return year * 10000 + month * 100 + day


def today_ordinal() -> int:
    today = datetime.date.today()
    return today.year * 10000 + today.month * 100 + today.day


def scalar_where(values: pa.Array, todo: np.ndarray, validate: Callable[[str], bool], out: np.ndarray) -> np.ndarray:
    """Fill ``out`` where ``todo`` with the scalar ``validate``, called once per distinct value.

    Null rows are never validated (``False``).
    """
    todo = todo & ~values.is_null().to_numpy(zero_copy_only=False)
    index = np.flatnonzero(todo)
    if not len(index):
        return out
    subset = values.take(pa.array(index))
    distinct = pc.unique(subset)
    verdicts = np.fromiter((bool(validate(v)) for v in distinct.to_pylist()), dtype=bool, count=len(distinct))
    positions = pc.index_in(subset, value_set=distinct).to_numpy(zero_copy_only=False)
    out[index] = verdicts[positions.astype(np.int64)]
    return out


def scalar_array(validate: Callable[[str], bool]) -> ArrayValidator:
    """The generic array form of a scalar validator: one call per distinct non-null value."""

    def validate_array(values: pa.Array) -> np.ndarray:
        values = string_array(values)
        out = np.zeros(len(values), dtype=bool)
        return scalar_where(values, np.ones(len(values), dtype=bool), validate, out)

    return validate_array


def rows_where(values: pa.Array, mask: np.ndarray) -> tuple[np.ndarray, pa.Array]:
    """Indices where ``mask`` holds and those values (the array itself, uncopied, when all hold)."""
    index = np.flatnonzero(mask)
    if len(index) == len(values):
        return index, values
    return index, values.take(pa.array(index))


ALL_SAME_DIGITS = "(?:" + "|".join(f"{digit}+" for digit in "0123456789") + ")"
