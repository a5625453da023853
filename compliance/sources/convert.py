"""Turn whatever a format holds into text columns, the only thing the detectors look at.

Rules (the same for every reader; compliance/sources/README.md is the user-facing summary):
- nulls stay null; empty CSV cells are null;
- numbers become their text: JSON numbers keep their original spelling (``1.50`` stays ``1.50``),
  integral floats from Excel/SQLite/Parquet below 2**53 become their integer digits (a phone number
  stored as ``1.3812345678e+10`` stays ``13812345678``; larger floats have lost digits and keep
  their float spelling; compliance/detect/normalise.py does the same for numbers spelled as text);
- booleans become ``true`` / ``false``;
- dates and times become ISO 8601 (a datetime at exactly midnight becomes just the date, because
  Excel stores plain dates as midnight datetimes);
- nested objects/structs become dotted column names (``user.phone``); arrays, lists and maps become
  their JSON text;
- bytes that are valid UTF-8 become that text (many writers store strings as untyped binary);
  other bytes become null: their hex or base64 spelling would only produce false matches.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

MAX_EXACT_FLOAT = 2**53
#: objects and arrays nested deeper than this are an input error: real records nest a few levels,
#: and an unbounded depth would exhaust the stack (JSON nested 100,000 levels is a few hundred KB)
MAX_NESTING = 64


def unique_names(raw: Sequence[Any]) -> list[str]:
    """Header cells → unique column names: blanks become ``column_<n>``, repeats get ``_2``, ``_3``."""
    seen: set[str] = set()
    names: list[str] = []
    for position, cell in enumerate(raw, start=1):
        text = "" if cell is None else str(cell)
        base = text if text.strip() else f"column_{position}"
        name, k = base, 2
        while name in seen:
            name, k = f"{base}_{k}", k + 1
        seen.add(name)
        names.append(name)
    return names


def extend_unique(names: list[str], new: Iterable[str]) -> None:
    """Append names not yet present (in place), keeping first-seen order."""
    known = set(names)
    for name in new:
        if name not in known:
            known.add(name)
            names.append(name)


def py_text(value: Any) -> str | None:
    """One Python value (from JSON, openpyxl or sqlite3) → its text, or None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < MAX_EXACT_FLOAT:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return None
    if isinstance(value, Mapping | list | tuple):
        return json_text(value)
    return str(value)


class NestedTooDeep(ValueError):
    """A value nests objects or arrays deeper than :data:`MAX_NESTING` (readers turn it into an InputError)."""


def nesting_error(where: str) -> str:
    return f"{where}: JSON nested deeper than {MAX_NESTING} levels (the reader's limit)"


def json_text(value: Any, depth: int = 0) -> str:
    """Compact JSON text of a nested value, numbers spelled as parsed (Decimal keeps ``1.50``)."""
    if depth > MAX_NESTING:
        raise NestedTooDeep
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, Mapping):
        items = (f"{json.dumps(str(k), ensure_ascii=False)}:{json_text(v, depth + 1)}" for k, v in value.items())
        return "{" + ",".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(json_text(v, depth + 1) for v in value) + "]"
    if isinstance(value, dt.date | dt.time):
        return json.dumps(value.isoformat())
    if isinstance(value, bytes | bytearray):
        return json.dumps(py_text(value), ensure_ascii=False)
    return json.dumps(str(value), ensure_ascii=False)


def flatten_record(
    record: Mapping[str, Any], prefix: str = "", out: dict | None = None, depth: int = 1
) -> dict[str, str | None]:
    """A JSON object → ``{dotted.name: text}``; empty nested objects add no column.

    Raises :class:`NestedTooDeep` beyond ``MAX_NESTING`` levels instead of recursing without bound."""
    if depth > MAX_NESTING:
        raise NestedTooDeep
    out = {} if out is None else out
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flatten_record(value, name + ".", out, depth + 1)
        elif isinstance(value, list | tuple):
            out[name] = json_text(value, depth)
        else:
            out[name] = py_text(value)
    return out


def batch_from_dicts(rows: Sequence[Mapping[str, str | None]], names: Sequence[str]) -> pa.RecordBatch:
    arrays = [pa.array([row.get(name) for row in rows], pa.string()) for name in names]
    return pa.RecordBatch.from_arrays(arrays, names=list(names))


def batch_from_rows(rows: Sequence[Sequence[str | None]], names: Sequence[str]) -> pa.RecordBatch:
    """Positional rows (possibly shorter than ``names``) → a batch of text columns."""
    width = len(names)
    arrays = [pa.array([row[i] if i < len(row) else None for row in rows], pa.string()) for i in range(width)]
    return pa.RecordBatch.from_arrays(arrays, names=list(names))


def conform(data: pa.Table | pa.RecordBatch, names: Sequence[str]) -> pa.Table:
    """Exactly ``names`` in order, all ``pa.string()``; columns the data lacks are all-null."""
    if isinstance(data, pa.RecordBatch):
        data = pa.Table.from_batches([data])
    present = set(data.column_names)
    arrays = [
        data.column(name).cast(pa.string()) if name in present else pa.nulls(data.num_rows, pa.string())
        for name in names
    ]
    return pa.Table.from_arrays(arrays, names=list(names))


# --- Arrow values (Parquet) -------------------------------------------------------------------
def flat_columns(schema: pa.Schema) -> list[str]:
    """Column names after struct flattening, in schema order (``user.phone``)."""
    names: list[str] = []

    def walk(field: pa.Field, prefix: str) -> None:
        if pa.types.is_struct(field.type) and field.type.num_fields:
            for child in field.type:
                walk(child, f"{prefix}{field.name}.")
        else:
            names.append(f"{prefix}{field.name}")

    for field in schema:
        walk(field, "")
    return names


def text_batch(batch: pa.RecordBatch, names: Sequence[str]) -> pa.RecordBatch:
    """A batch with nested structs → flat text columns named ``names`` (from :func:`flat_columns`)."""
    arrays: list[pa.Array] = []

    def walk(array: pa.Array) -> None:
        if pa.types.is_struct(array.type) and array.type.num_fields:
            for child in array.flatten():  # flatten() applies the parent's nulls to the children
                walk(child)
        else:
            arrays.append(text_array(array))

    for column in batch.columns:
        walk(column)
    return pa.RecordBatch.from_arrays(arrays, names=list(names))


def text_array(array: pa.Array) -> pa.Array:
    """One Arrow array of any type → ``pa.string()`` following the module rules."""
    t = array.type
    if pa.types.is_dictionary(t):
        return text_array(array.dictionary_decode())
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return array.cast(pa.string())
    if pa.types.is_null(t):
        return pa.nulls(len(array), pa.string())
    if pa.types.is_timestamp(t):
        iso = pc.replace_substring(array.cast(pa.string()), " ", "T", max_replacements=1)
        iso = pc.replace_substring_regex(iso, r"\.0+((?:Z|[+-]\d{4})?)$", r"\1")  # no all-zero fraction
        return pc.replace_substring_regex(iso, r"([+-]\d\d)(\d\d)$", r"\1:\2")  # +0800 -> +08:00
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        try:
            return array.cast(pa.string())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # not all UTF-8: decode value by value
            return pa.array([py_text(v) for v in array.to_pylist()], pa.string())
    if pa.types.is_floating(t):
        return _float_text(array)
    if (
        pa.types.is_integer(t)
        or pa.types.is_decimal(t)
        or pa.types.is_boolean(t)
        or pa.types.is_date(t)
        or pa.types.is_time(t)
    ):
        return array.cast(pa.string())
    # lists, maps, nested structs inside lists, durations, intervals...: the Python route (lists and
    # maps become JSON text, whose elements the tally takes as values of the column)
    return pa.array([py_text(v) for v in array.to_pylist(maps_as_pydicts="lossy")], pa.string())


def _float_text(array: pa.Array) -> pa.Array:
    """Floats → text; integral ones below 2**53 as their integer digits (``13812345678``, not ``1.38e+10``)."""
    text = array.cast(pa.string())
    exact = pc.and_(pc.equal(pc.floor(array), array), pc.less(pc.abs(array), float(MAX_EXACT_FLOAT)))
    exact = pc.fill_null(exact, False)
    if not pc.any(exact).as_py():
        return text
    digits = pc.if_else(exact, array, 0).cast(pa.int64()).cast(pa.string())
    return pc.if_else(exact, digits, text)
