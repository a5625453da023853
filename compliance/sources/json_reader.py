"""JSON files: a top-level array of objects, streamed with ijson so memory stays bounded.

A file whose top level is an object is read as a stream of objects (one object is a one-row table;
JSON Lines content in a ``.json`` file also works); one object over ``MAX_RECORD_BYTES`` is an input
error, as ijson would have to hold it whole. Anything else at the top level, or an array item
that is not an object, is an input error. Nested objects become dotted columns; numbers keep their
spelling (ijson yields Decimals). An array cannot be entered in the middle, so ``sample()`` streams
the whole file once through a seeded reservoir and then knows the exact row count.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import ijson
import pyarrow as pa

from ..errors import InputError
from .convert import MAX_NESTING, NestedTooDeep, batch_from_dicts, extend_unique, flatten_record, nesting_error
from .encoding import TextEncoding, detect_encoding, first_invalid_offset, invalid_bytes_error, looks_binary
from .json_depth import DepthGuard, TooDeep
from .jsonl_reader import json_kind
from .table import DEFAULT_BATCH_ROWS, Table
from .textfile import HEAD_BYTES, MAX_RECORD_BYTES, open_binary

HEAD_ITEMS = 1000  # items read at open time to learn the columns
HEAD_ITEM_BYTES = 1 << 20
_SAFE_DETAIL = ("premature EOF", "invalid char", "invalid bytes", "after key and value", "after array element")


class _TooLarge(Exception):
    pass


class _Utf8Reader:
    """What ijson reads: UTF-8 bytes, transcoded from the file's encoding when needed.

    It counts the bytes handed over and refuses to hand over more than ``MAX_RECORD_BYTES`` since the
    last complete item (``mark``): ijson builds each item in memory, so one huge object (say a
    ``{"data": [...]}`` wrapper around the whole file) must stop with an error, not fill the memory.
    """

    def __init__(self, raw: BinaryIO, encoding: TextEncoding) -> None:
        self.consumed = self.mark = 0
        self._raw = raw
        self._text = None if encoding.codec == "utf-8" else io.TextIOWrapper(raw, encoding=encoding.codec)
        # the top-level array is one more level; flatten_record then applies the exact limit
        self._depth = DepthGuard(MAX_NESTING + 2)

    def read(self, size: int = -1) -> bytes:
        if self.consumed - self.mark > MAX_RECORD_BYTES:
            raise _TooLarge
        data = self._raw.read(size) if self._text is None else self._text.read(size).encode("utf-8")
        self._depth.feed(data)  # before ijson builds (and names) anything nested that deep
        self.consumed += len(data)
        return data


def _detail(exc: Exception) -> str:
    """yajl's first line is a fixed phrase; keep it only if it is one we know holds no data."""
    message = exc.args[0] if exc.args else ""
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    first = str(message).split("\n", 1)[0].strip()
    return f" ({first})" if any(safe in first for safe in _SAFE_DETAIL) else ""


@dataclass(eq=False)
class JsonTable(Table):
    _encoding: TextEncoding | None = None
    _prefix: str = "item"  # ijson prefix: "item" for an array, "" for a stream of objects

    def _records(self, counter: list[int] | None = None) -> Iterator[dict]:
        """Every object in the file; ``counter[0]`` tracks the bytes handed to the parser."""
        encoding = self._encoding
        index = 0
        with open_binary(self.source) as raw:
            raw.seek(len(encoding.bom))
            reader = _Utf8Reader(raw, encoding)
            try:
                for index, item in enumerate(
                    ijson.items(reader, self._prefix, multiple_values=True, use_float=False, buf_size=16384),
                    start=1,
                ):
                    if not isinstance(item, dict):
                        raise InputError(
                            f"item {index}: expected a JSON object, found {json_kind(item)}", source=self.source
                        )
                    reader.mark = reader.consumed
                    if counter is not None:
                        counter[0] = reader.consumed
                    yield item
            except TooDeep:
                raise InputError(nesting_error(f"item {index + 1}"), source=self.source) from None
            except _TooLarge:
                raise InputError(
                    f"item {index + 1}: a single JSON object is larger than {MAX_RECORD_BYTES >> 20} MiB, the "
                    "reader's limit (the file should be an array of objects, or one object per line)",
                    source=self.source,
                ) from None
            except UnicodeDecodeError:
                raise self._invalid_bytes() from None
            except ijson.JSONError as exc:
                if encoding.codec == "utf-8" and "UTF8" in _detail(exc):
                    raise self._invalid_bytes() from None
                where = f"after item {index}" if index else "before the first item"
                raise InputError(f"invalid JSON {where}{_detail(exc)}", source=self.source) from None

    def _invalid_bytes(self) -> InputError:
        with open_binary(self.source) as fh:
            offset = first_invalid_offset(fh, self._encoding)
        return invalid_bytes_error(self.source, self._encoding, offset)

    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        yield from self._batched(self._flat_records(), batch_from_dicts, batch_rows)

    def _flat_records(self) -> Iterator[dict]:
        for number, record in enumerate(self._records(), start=1):
            flat = _flat(self.source, record, number)
            extend_unique(self.columns, flat)
            yield flat

    def sample(self, n: int, seed: int) -> pa.Table:
        return self._reservoir_sample(n, seed)


def _flat(source: str, record: dict, number: int) -> dict:
    try:
        return flatten_record(record)
    except NestedTooDeep:
        raise InputError(nesting_error(f"item {number}"), source=source) from None


def _top_level(source: str, head: bytes, encoding: TextEncoding) -> str:
    text = head[len(encoding.bom) :].decode(encoding.codec, errors="ignore").lstrip()
    if text[:1] == "[":
        return "item"
    if text[:1] == "{":
        return ""
    raise InputError("expected a JSON array of objects (the file does not start with '[' or '{')", source=source)


def open_json(source: str, fmt: str, encoding: str | None) -> list[Table]:
    with open_binary(source) as fh:
        head = fh.read(HEAD_BYTES)
        size = fh.seek(0, io.SEEK_END)
    enc = detect_encoding(head, at_eof=len(head) >= size, explicit=encoding)
    if looks_binary(head, enc):
        raise InputError("file is binary data, not JSON text", source=source)
    table = JsonTable(
        source=source,
        table=None,
        format=fmt,
        columns=[],
        encoding=enc.name,
        _encoding=enc,
        _prefix=_top_level(source, head, enc),
    )
    counter = [0]
    records = table._records(counter)
    items = 0
    try:
        for record in records:
            items += 1
            extend_unique(table.columns, _flat(source, record, items))
            if items >= HEAD_ITEMS or counter[0] >= HEAD_ITEM_BYTES:
                break
        else:
            if not items:
                raise InputError("no data rows (no JSON objects)", source=source)
            table._count_exact(items)
            return [table]
    finally:
        records.close()
    table._estimate(round(size * items / max(counter[0], 1)))
    return [table]
