"""Random access to the lines of a large text file, for sampling CSV, TSV and JSON Lines.

A sampled scan must not read a 2 GB file. Instead it seeks to spread-out byte offsets, moves to the
next line start (the byte after the next newline, aligned to the encoding's code unit) and reads a
few whole lines there. The head of the file (header, encoding, delimiter) is read once up front.

Limitation, for CSV: a newline inside a quoted value looks like a line start. The CSV reader copes
(see csv_reader); JSON Lines cannot contain raw newlines inside values, so every line is a record.
"""

from __future__ import annotations

import codecs
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import InputError
from .encoding import detect_encoding, looks_binary

HEAD_BYTES = 64 * 1024
MAX_RECORD_BYTES = 8 * 1024 * 1024  # one record (line) larger than this is an input error
FULL_READ_BELOW_BYTES = 8 * 1024 * 1024  # smaller files are sampled by reading them whole
MAX_WINDOWS = 1000  # a sample reads at most this many windows of lines
_PROBES = 8
_PROBE_BYTES = 4096


@dataclass(frozen=True)
class Lines:
    """Whole lines read from the file: ``data`` spans bytes ``start``..``end``."""

    start: int
    end: int
    data: bytes
    count: int


def open_binary(source: str) -> BinaryIO:
    try:
        return open(source, "rb")
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source=source) from None


class TextFile:
    """A text file's size, encoding and head, plus aligned line access for sampling."""

    def __init__(self, source: str, label: str, *, encoding: str | None, head_lines: int) -> None:
        self.source, self.label = source, label
        with open_binary(source) as fh:
            try:
                self.size = os.fstat(fh.fileno()).st_size
                if self.size == 0:
                    raise InputError("file is empty", source=source)
                head = fh.read(HEAD_BYTES)
                probes = self._probes(fh)
            except OSError as exc:
                raise InputError(f"cannot read file: {exc.strerror or exc}", source=source) from None
            self.encoding = detect_encoding(head, at_eof=len(head) >= self.size, explicit=encoding, probes=probes)
            if looks_binary(head, self.encoding):
                raise InputError(f"file is binary data, not {label} text", source=source)
            self.head, self.head_eof = self._grow_head(fh, head, head_lines)

    @property
    def unit(self) -> int:
        return self.encoding.unit

    @property
    def data_start(self) -> int:
        return len(self.encoding.bom)

    def open(self) -> BinaryIO:
        return open_binary(self.source)

    @property
    def sample_by_seeking(self) -> bool:
        """Large files are sampled through windows; reading small ones whole is cheaper and exact."""
        return self.size > FULL_READ_BELOW_BYTES

    # --- head -----------------------------------------------------------------------------------
    def _probes(self, fh: BinaryIO) -> list[bytes]:
        """Small blocks spread from the end of the head to the end of the file (the last one included)."""
        if self.size <= HEAD_BYTES:
            return []
        first, last = HEAD_BYTES, max(self.size - _PROBE_BYTES, HEAD_BYTES)
        step = (last - first) / (_PROBES - 1)
        return [os.pread(fh.fileno(), _PROBE_BYTES, first + round(step * i)) for i in range(_PROBES)]

    def _grow_head(self, fh: BinaryIO, head: bytes, lines: int) -> tuple[bytes, bool]:
        """Read until the head holds ``lines`` whole lines (or the whole file); cut at a line end."""
        while True:
            at_eof = len(head) >= self.size
            if at_eof:
                return head, True
            ends = self._newlines(head, self.data_start, 0, len(head))
            if len(ends) >= lines:
                return head[: ends[-1] + self.unit], False
            if len(head) - (ends[-1] if ends else 0) > MAX_RECORD_BYTES:
                raise self.too_long(fh, ends[-1] + self.unit if ends else self.data_start)
            head += fh.read(len(head) * 3)

    def head_text_bytes(self) -> bytes:
        """The head's whole lines without the BOM (still in the file's encoding)."""
        return self.head[self.data_start :]

    # --- lines ----------------------------------------------------------------------------------
    def _newlines(self, buf: bytes, pos: int, base: int, limit: int) -> list[int]:
        """Up to ``limit`` indexes of aligned newlines in ``buf`` (which starts at file offset ``base``)."""
        found: list[int] = []
        newline, unit, origin = self.encoding.newline, self.unit, self.data_start
        i = buf.find(newline, pos)
        while i >= 0 and len(found) < limit:
            if unit == 1 or (base + i - origin) % unit == 0:
                found.append(i)
            i = buf.find(newline, i + 1)
        return found

    def align(self, offset: int) -> int:
        start = self.data_start
        return start + ((max(offset, start) - start) // self.unit) * self.unit

    def window(self, fh: BinaryIO, offset: int, count: int, guess: int) -> Lines | None:
        """Up to ``count`` whole lines starting at the first line start after ``offset``."""
        offset = self.align(offset)
        size = max(guess, 4096)
        while True:
            buf = os.pread(fh.fileno(), size, offset)
            at_eof = offset + len(buf) >= self.size
            first = self._newlines(buf, 0, offset, 1)
            if not first:
                if at_eof:
                    return None
                if len(buf) > MAX_RECORD_BYTES:
                    raise self.too_long(fh, offset)
                size *= 4
                continue
            start = first[0] + self.unit
            ends = self._newlines(buf, start, offset, count)
            if len(ends) == count or at_eof:
                end = ends[-1] + self.unit if len(ends) == count else len(buf)
                if end <= start:
                    return None
                partial = 0 if ends and end == ends[-1] + self.unit else 1
                return Lines(offset + start, offset + end, buf[start:end], len(ends) + partial)
            open_line = ends[-1] + self.unit if ends else start
            if len(buf) - open_line > MAX_RECORD_BYTES:
                raise self.too_long(fh, offset + open_line)
            size *= 4

    def spread_offsets(self, count: int, seed: int, start: int) -> list[int]:
        """One seeded offset inside each of ``count`` equal strata of ``start``..end of file."""
        rng = random.Random(seed)
        width = (self.size - start) / max(count, 1)
        return [start + int((i + rng.random()) * width) for i in range(count)]

    def windows(self, count: int, lines: int, seed: int, start: int, guess: int) -> Iterator[Lines]:
        """Non-overlapping windows at spread offsets, in file order."""
        with self.open() as fh:
            cursor = start
            for offset in self.spread_offsets(count, seed, start):
                window = self.window(fh, max(offset, cursor), lines, guess)
                if window is None:
                    continue
                cursor = window.end
                yield window

    # --- errors ---------------------------------------------------------------------------------
    def line_number_at(self, fh: BinaryIO, offset: int) -> int:
        """1-based number of the line holding byte ``offset`` (error path: reads up to it)."""
        fh.seek(self.data_start)
        remaining, lines = offset - self.data_start, 1
        decoder = codecs.getincrementaldecoder(self.encoding.codec)("replace")
        while remaining > 0:
            chunk = fh.read(min(remaining, 1 << 20))
            if not chunk:
                break
            remaining -= len(chunk)
            lines += chunk.count(b"\n") if self.unit == 1 else decoder.decode(chunk).count("\n")
        return lines

    def too_long(self, fh: BinaryIO, offset: int) -> InputError:
        line = self.line_number_at(fh, offset)
        return record_too_long(self.source, line)


def record_too_long(source: str, line: int | None) -> InputError:
    where = f"line {line}: " if line is not None else ""
    return InputError(
        f"{where}a single record is longer than {MAX_RECORD_BYTES >> 20} MiB, the reader's limit "
        "(is a quote unbalanced, or is this not a table?)",
        source=source,
    )
