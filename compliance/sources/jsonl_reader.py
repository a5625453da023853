"""JSON Lines (``.jsonl``, ``.ndjson``): one JSON object per line, nested objects as dotted columns.

JSON strings cannot hold raw newlines, so every line is exactly one record and a sampled scan can
seek to spread-out byte offsets and read whole lines there (see textfile) without the CSV caveats.
Blank lines are ignored. A line that is not a JSON object is an input error naming the line.
Columns are the keys met so far: the head fixes the first ones, later records may add more
(``Table.columns`` grows; earlier batches simply lack the new columns).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pyarrow as pa

from ..errors import InputError
from .convert import NestedTooDeep, batch_from_dicts, extend_unique, flatten_record, nesting_error
from .encoding import decode_block, first_invalid_offset, invalid_bytes_error
from .reservoir import Reservoir
from .table import DEFAULT_BATCH_ROWS, Table
from .textfile import MAX_RECORD_BYTES, MAX_WINDOWS, TextFile, record_too_long

_KINDS = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}


def json_kind(value: Any) -> str:
    return _KINDS.get(type(value), "a number")


def parse_object(source: str, line: str, number: int) -> dict:
    """One line → its object; the message names the line and JSON's complaint, never the content."""
    try:
        value = json.loads(line, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {number}: invalid JSON ({exc.msg} at column {exc.colno})", source=source) from None
    except RecursionError:
        raise InputError(nesting_error(f"line {number}"), source=source) from None
    if not isinstance(value, dict):
        raise InputError(f"line {number}: expected a JSON object, found {json_kind(value)}", source=source)
    return value


def flat_object(source: str, record: dict, where: str) -> dict:
    try:
        return flatten_record(record)
    except NestedTooDeep:
        raise InputError(nesting_error(where), source=source) from None


@dataclass(eq=False)
class JsonlTable(Table):
    _file: TextFile | None = field(default=None, repr=False)
    _line_bytes: float = 128.0

    def _flat_rows(self, records: Iterator[dict]) -> Iterator[dict]:
        for record in records:
            flat = flat_object(self.source, record, "a record")
            extend_unique(self.columns, flat)
            yield flat

    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        yield from self._batched(self._flat_rows(self._records()), batch_from_dicts, batch_rows)

    def _records(self) -> Iterator[dict]:
        tf = self._file
        with tf.open() as raw:
            raw.seek(tf.data_start)
            text = io.TextIOWrapper(raw, encoding=tf.encoding.codec, errors="strict", newline="\n")
            number = 0
            try:
                while line := text.readline(MAX_RECORD_BYTES + 1):
                    number += 1
                    if len(line) > MAX_RECORD_BYTES:
                        raise record_too_long(self.source, number)
                    if line.strip():
                        yield parse_object(self.source, line, number)
            except UnicodeDecodeError:
                with tf.open() as fh:
                    offset = first_invalid_offset(fh, tf.encoding)
                raise invalid_bytes_error(self.source, tf.encoding, offset) from None

    def sample(self, n: int, seed: int) -> pa.Table:
        if n <= 0:
            return self._empty()
        if not self._file.sample_by_seeking:
            reservoir = Reservoir(n, seed)
            reservoir.extend(self.batches())
            return reservoir.result(self.columns)
        return self._sample_windows(n, seed)

    def _sample_windows(self, n: int, seed: int) -> pa.Table:
        tf = self._file
        count = min(n, MAX_WINDOWS)
        per_window = -(-n // count)
        guess = int(self._line_bytes * (per_window + 1) * 2)
        rows: list[dict] = []
        window_bytes = window_lines = 0
        walk = tf.windows(count, per_window, seed, tf.data_start, guess)
        try:
            for window in walk:
                lines = decode_block(window.data, tf.encoding, window.start, self.source).split("\n")
                window_bytes += window.end - window.start
                window_lines += window.count
                for index, line in enumerate(lines):
                    if line.strip() and len(rows) < n:
                        rows.append(self._parse_at(window.start, index, line))
                if len(rows) >= n:
                    break
        finally:
            walk.close()
        if window_lines:
            self._estimate(round((tf.size - tf.data_start) * window_lines / window_bytes))
        table = pa.Table.from_batches([batch_from_dicts(list(self._flat_rows(iter(rows))), self.columns)])
        return self._conform(table)

    def _parse_at(self, start: int, index: int, line: str) -> dict:
        try:
            return parse_object(self.source, line, 0)
        except InputError:
            with self._file.open() as fh:
                number = self._file.line_number_at(fh, start) + index
            return parse_object(self.source, line, number)  # raises again, now with the line number


def open_jsonl(source: str, fmt: str, encoding: str | None) -> list[Table]:
    tf = TextFile(source, "JSON Lines", encoding=encoding, head_lines=1)
    text = decode_block(tf.head_text_bytes(), tf.encoding, tf.data_start, source)
    lines = text.split("\n")
    if not tf.head_eof:
        lines = lines[:-1]  # the head ends with a newline: drop the empty tail
    columns: list[str] = []
    records = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            extend_unique(columns, flat_object(source, parse_object(source, line, number), f"line {number}"))
            records += 1
    if not records and tf.head_eof:
        raise InputError("no data rows (no JSON objects)", source=source)
    table = JsonlTable(source=source, table=None, format=fmt, columns=columns, encoding=tf.encoding.name, _file=tf)
    if tf.head_eof:
        table._count_exact(records)
    else:
        table._line_bytes = len(tf.head_text_bytes()) / max(len(lines), 1)
        table._estimate(round((tf.size - tf.data_start) / table._line_bytes))
    return [table]
