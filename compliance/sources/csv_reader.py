"""CSV and TSV through pyarrow.csv: every cell as text, read in bounded blocks.

The first line is the header (blank and repeated names are made unique). Empty cells are null;
no other spelling ("NA", "null") is, because those can be real values. A file with a header and no
data rows is an input error ("no data rows"), like an empty file.

Sampling a large file (above ``textfile.FULL_READ_BELOW_BYTES``) never reads it whole: it reads small
windows of lines at seeded, spread-out byte offsets (see textfile). The limitation of byte offsets:
a window can start inside a quoted value that holds a line break, where a "line" is only a fragment.
Each window therefore first works out whether it starts inside quotes, from the first quote that
tells (``starts_inside_quotes``), and parses only whole records from there (``record_span``), with
pyarrow checking every record's field count. A window that still does not parse (a stray quote in an
unquoted value, a ragged row) is retried one line later; one holding no whole record is widened;
one where no quote tells is widened, then skipped (a window without any quote is taken as starting
outside quotes if it parses). A sampled scan thus skips rows it cannot place: it fails only when most
windows hold broken rows, and falls back to a full read when most windows stay undecidable.
Full reads (``batches()``, and ``sample()`` on files up to ``textfile.FULL_READ_BELOW_BYTES``) are strict
and report ragged rows by line number. Line numbers count records: they equal file lines unless
earlier quoted values hold line breaks.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..errors import InputError
from .convert import unique_names
from .encoding import decode_block, first_invalid_offset, invalid_bytes_error
from .header_rows import HEADER_SEARCH_ROWS, filled, names_total
from .magic import LABELS
from .reservoir import Reservoir
from .table import DEFAULT_BATCH_ROWS, Table, rebatch
from .textfile import MAX_RECORD_BYTES, MAX_WINDOWS, Lines, TextFile, record_too_long

WINDOW_RETRIES = 3
#: windows × columns a sample may parse: tables up to 200 columns keep MAX_WINDOWS windows; a table of
#: 10,000 columns gets 20 windows of 50 rows (one parser call costs tens of ms at that width)
WINDOW_CELLS = 200_000
BLOCK_BYTES = 1 << 20  # pyarrow block for full reads: faster and far leaner than larger blocks
DELIMITERS = ",\t;|"
_SNIFF_CHARS = 8192
MAX_TITLE_LINES = 5  # title, export date and notes lines passed over above a CSV header


AMBIGUOUS = (0, (None, 0, 0))  # a window where no quote tells whether it starts inside a value
#: first field of the row that ends each window when the windows are parsed in one call
WINDOW_END = "\x1e\x1fcompliance window end\x1f\x1e"


class _Straddling(Exception):
    """A record is larger than the block size: read again with larger blocks."""


class _RowProblems:
    """pyarrow invalid_row_handler that remembers where rows broke (never their text)."""

    def __init__(self, action: str) -> None:
        self.action = action
        self.rows: list[tuple[int | None, int, int]] = []  # (record number, expected, actual)

    def __call__(self, row: pacsv.InvalidRow) -> str:
        self.rows.append((row.number, row.expected_columns, row.actual_columns))
        return self.action


def _options(
    delimiter: str,
    width: int | None,
    handler: _RowProblems,
    *,
    codec: str = "utf8",
    block_size: int | None = None,
    threads: bool = False,
) -> dict:
    # no header row: with a known width every record must have exactly that many fields
    names = [f"f{i}" for i in range(width)] if width is not None else []
    read = pacsv.ReadOptions(
        use_threads=threads, column_names=names, autogenerate_column_names=not names, encoding=codec
    )
    if block_size:
        read.block_size = block_size
    types = dict.fromkeys(names, pa.string())
    return {
        "read_options": read,
        "parse_options": pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, invalid_row_handler=handler),
        "convert_options": pacsv.ConvertOptions(column_types=types, strings_can_be_null=True, null_values=[""]),
    }


def _parse(data: bytes, delimiter: str, width: int | None, handler: _RowProblems, threads: bool = False) -> pa.Table:
    """Parse a small UTF-8 block with no header row (the header, if present, is row 0), as one
    parser block: pyarrow's cost per block and column dominates on wide tables. ``threads``: the
    columns are converted on pyarrow's threads (row numbers of broken rows may then be unknown)."""
    block = max(BLOCK_BYTES, len(data) + 1)
    options = _options(delimiter, width, handler, block_size=block, threads=threads)
    return pacsv.read_csv(pa.BufferReader(data), **options)


def _native_file(source: str) -> pa.NativeFile:
    try:
        return pa.OSFile(source, "r")
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source=source) from None


def sniff_delimiter(text: str, fmt: str) -> str:
    """csv.Sniffer over the first lines, kept only if the header line holds that delimiter."""
    sample = text[:_SNIFF_CHARS]
    if "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]
    first_line = sample.split("\n", 1)[0]
    if fmt == "tsv" and "\t" in first_line:
        return "\t"
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed and sniffed in first_line:
        return sniffed
    counts = {c: first_line.count(c) for c in DELIMITERS}
    best = max(counts, key=lambda c: counts[c])
    if counts[best]:
        return best
    return "\t" if fmt == "tsv" else ","


def ragged_error(source: str, line: int | None, expected: int, actual: int) -> InputError:
    where = f"line {line}" if line is not None else "a row"
    return InputError(
        f"{where}: {actual} fields where the header has {expected} (ragged row; is a quote unbalanced?)",
        source=source,
    )


@dataclass(eq=False)
class CsvTable(Table):
    _file: TextFile | None = field(default=None, repr=False)
    _delimiter: str = ","
    _data_start: int = 0  # byte offset of the first data line
    _header_start: int | None = None  # byte offset of the header line when title lines come first
    _lines_before: int = 0  # those title lines: error line numbers count them, as the file does
    _row_bytes: float = 64.0  # mean bytes per record, measured on the head

    @property
    def _label(self) -> str:
        return LABELS[self.format]

    # --- full reads -------------------------------------------------------------------------------
    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        yield from rebatch(self._records(), batch_rows)

    def _records(self) -> Iterator[pa.RecordBatch]:
        """Every data row but total rows (合计, Total: ``header_rows.py``), which are not records."""
        totals = 0
        for batch in self._stream():
            kept = without_totals(batch)
            totals += batch.num_rows - kept.num_rows
            if kept.num_rows:
                yield kept
        self._count_exact(self.rows_total - totals)

    def _stream(self) -> Iterator[pa.RecordBatch]:
        """Every data row; blocks of ``BLOCK_BYTES``, once more with larger blocks if a record needs it."""
        rows = 0
        try:
            for batch in self._read_blocks(BLOCK_BYTES, 0):
                rows += batch.num_rows
                yield batch
        except _Straddling:
            for batch in self._read_blocks(MAX_RECORD_BYTES, rows):  # a rare, huge record: re-read, skip
                rows += batch.num_rows
                yield batch
        self._count_exact(rows)

    def _read_blocks(self, block_size: int, skip: int) -> Iterator[pa.RecordBatch]:
        tf = self._file
        problems = _RowProblems("error")
        options = _options(
            self._delimiter, len(self.columns), problems, codec=tf.encoding.arrow_codec, block_size=block_size
        )
        rows, to_skip = 0, skip + 1  # the header is the first record
        with _native_file(self.source) as fh:  # native: pyarrow's read-ahead thread never calls Python
            fh.seek(tf.data_start if self._header_start is None else self._header_start)
            try:
                for batch in pacsv.open_csv(fh, **options):
                    if to_skip:
                        dropped = min(to_skip, batch.num_rows)
                        batch, to_skip = batch.slice(dropped), to_skip - dropped
                    rows += batch.num_rows
                    if batch.num_rows:
                        yield batch.rename_columns(self.columns)
            except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
                if "straddling" in str(exc) and block_size < MAX_RECORD_BYTES:
                    raise _Straddling from None
                raise self._full_read_error(exc, problems, skip + rows) from None

    def _full_read_error(self, exc: Exception, problems: _RowProblems, rows: int) -> InputError:
        text = str(exc) if isinstance(exc, pa.ArrowInvalid) else ""
        if isinstance(exc, UnicodeDecodeError) or "invalid UTF8" in text:
            with self._file.open() as fh:
                offset = first_invalid_offset(fh, self._file.encoding)
            return invalid_bytes_error(self.source, self._file.encoding, offset)
        if problems.rows:
            number, expected, actual = problems.rows[0]
            line = None if number is None else number + self._lines_before
            return ragged_error(self.source, line, expected, actual)
        if "straddling" in text:
            return record_too_long(self.source, rows + 2 + self._lines_before)  # header, then the next record
        return InputError(f"cannot parse as {self._label} after data row {rows}", source=self.source)

    # --- sampling ---------------------------------------------------------------------------------
    def sample(self, n: int, seed: int) -> pa.Table:
        if n <= 0:
            return self._empty()
        if not self._file.sample_by_seeking:
            return self._reservoir_sample(n, seed)
        return without_totals(self._sample_windows(n, seed))

    def _reservoir_sample(self, n: int, seed: int) -> pa.Table:
        reservoir = Reservoir(n, seed)
        reservoir.extend(self._records())
        return reservoir.result(self.columns)

    def _sample_windows(self, n: int, seed: int) -> pa.Table:
        tf = self._file
        # each window is one parser call whose cost grows with the width: wide tables get fewer, longer windows
        count = min(n, MAX_WINDOWS, max(1, WINDOW_CELLS // max(len(self.columns), 1)))
        per_window = -(-n // count)
        lines = per_window + WINDOW_RETRIES + 1
        guess = int(self._row_bytes * (lines + 1) * 2)
        joined = self._sample_in_one_parse(n, seed, count, per_window, lines, guess)
        if joined is not None:
            return joined
        parts: list[pa.Table] = []
        taken = window_bytes = window_records = windows = ambiguous = 0
        failures: list[tuple[Lines, int, tuple]] = []
        with tf.open() as fh:
            cursor = self._data_start  # windows never overlap: no row is sampled twice
            for offset in tf.spread_offsets(count, seed, self._data_start):
                window = tf.window(fh, max(offset, cursor), lines, guess)
                if window is None:
                    continue
                table, records, failure, window = self._read_window(fh, window, lines, guess)
                windows += 1
                cursor = window.end
                window_bytes += window.end - window.start
                window_records += records
                if failure is AMBIGUOUS:
                    ambiguous += 1
                elif failure is not None:
                    failures.append((window, *failure))
                if table is not None:
                    table = table.slice(0, min(per_window, n - taken))
                    parts.append(table)
                    taken += table.num_rows
                    if taken >= n:
                        break
        if failures and len(failures) * 2 > windows:
            raise self._window_failure(*failures[0])
        if ambiguous * 2 > windows:  # e.g. one column of quoted line breaks: only a full read can tell
            return self._reservoir_sample(n, seed)
        if window_records:
            self._estimate(round((tf.size - self._data_start) * window_records / window_bytes))
        return self._conform(pa.concat_tables(parts)) if parts else self._empty()

    def _sample_in_one_parse(self, n: int, seed: int, count: int, per_window: int, lines: int, guess: int):
        """What the window loop of :meth:`_sample_windows` returns, from one parser call, when every
        window parses at its first try (one call costs ~0.1 s on a 10,000-column table, whatever its
        rows). Each window's whole records are followed by a ``WINDOW_END`` row; all of them must come
        back as rows, so every window was parsed from outside quotes exactly as alone. ``None``: some
        window needs the retries or widening of :meth:`_read_window` (or holds undecodable bytes)."""
        tf = self._file
        marker = (WINDOW_END + self._delimiter * (len(self.columns) - 1) + "\n").encode("utf-8")
        pieces: list[bytes] = []
        sizes: list[int] = []
        try:
            with tf.open() as fh:
                cursor = self._data_start
                for offset in tf.spread_offsets(count, seed, self._data_start):
                    window = tf.window(fh, max(offset, cursor), lines, guess)
                    if window is None:
                        continue
                    cursor = window.end
                    text = decode_block(window.data, tf.encoding, window.start, self.source)
                    data = window.data if tf.encoding.codec == "utf-8" else text.encode("utf-8")
                    inside = starts_inside_quotes(data, 0, self._delimiter)
                    if inside is None and b'"' in data:
                        return None
                    start, end = record_span(data, 0, window.end >= tf.size, inside=bool(inside))
                    if end <= start:
                        return None
                    piece = data[start:end]
                    pieces += [piece if piece.endswith(b"\n") else piece + b"\n", marker]
                    sizes.append(window.end - window.start)
        except InputError:
            return None  # the window loop reports it (or never reads that window)
        if not pieces:
            return None
        problems = _RowProblems("skip")
        # threads: only whether a row broke matters here, not where (the window loop finds that)
        table = _parse(b"".join(pieces), self._delimiter, len(self.columns), problems, threads=True)
        ends = np.flatnonzero(pc.fill_null(pc.equal(table.column(0), WINDOW_END), False).to_numpy(zero_copy_only=False))
        if problems.rows or len(ends) != len(sizes):
            return None
        keep: list[np.ndarray] = []
        taken = window_bytes = window_records = 0
        first = 0
        for end, size in zip(ends.tolist(), sizes, strict=True):
            records = end - first
            window_bytes += size
            window_records += records
            rows = min(records, per_window, n - taken)
            keep.append(np.arange(first, first + rows))
            taken += rows
            first = end + 1
            if taken >= n:
                break
        if window_records:
            self._estimate(round((tf.size - self._data_start) * window_records / window_bytes))
        return self._conform(table.take(pa.array(np.concatenate(keep))).rename_columns(self.columns))

    def _read_window(self, fh: BinaryIO, window: Lines, lines: int, guess: int) -> tuple:
        """Parse a window, widening it (up to 64x) while it holds no whole record or no telling quote:
        values with many line breaks need more lines than the rows per window."""
        for grow in (4, 16, 64):
            table, records, failure = self._parse_window(window)
            if table is not None or failure not in (None, AMBIGUOUS) or window.end >= self._file.size:
                return table, records, failure, window
            window = self._file.window(fh, window.start - self._file.unit, lines * grow, guess * grow) or window
        return (*self._parse_window(window), window)

    def _parse_window(self, window: Lines) -> tuple[pa.Table | None, int, tuple | None]:
        """Rows of one window and the records parsed; when it yields none, why: (lines skipped,
        problem), or ``AMBIGUOUS`` when no quote tells whether the window starts inside a value."""
        tf = self._file
        text = decode_block(window.data, tf.encoding, window.start, self.source)
        data = window.data if tf.encoding.codec == "utf-8" else text.encode("utf-8")
        at_eof = window.end >= tf.size
        first_problem: tuple | None = None
        records = position = 0
        for _ in range(WINDOW_RETRIES + 1):
            inside = starts_inside_quotes(data, position, self._delimiter)
            quote_free = data.find(b'"', position) < 0
            if inside is None and not quote_free:
                return None, records, AMBIGUOUS
            start, end = record_span(data, position, at_eof, inside=bool(inside))
            if end > start:
                problems = _RowProblems("skip")
                table = _parse(data[start:end], self._delimiter, len(self.columns), problems)
                records = table.num_rows + len(problems.rows)
                if not problems.rows:
                    return table.rename_columns(self.columns), records, None
                if quote_free:  # perhaps all inside one long quoted value: a wider window will tell
                    return None, records, AMBIGUOUS
                first_problem = first_problem or (data.count(b"\n", 0, start), problems.rows[0])
            position = data.find(b"\n", position) + 1  # e.g. a stray quote in an unquoted value: move on
            if not position:
                break
        return None, records, first_problem  # None: the window held no whole record

    def _window_failure(self, window: Lines, lines_before: int, problem: tuple) -> InputError:
        number, expected, actual = problem
        with self._file.open() as fh:
            line = self._file.line_number_at(fh, window.start) + lines_before + (number or 1) - 1
        return ragged_error(self.source, line, expected, actual)


_QUOTE_OR_NEWLINE = re.compile(rb'["\n]')


def starts_inside_quotes(data: bytes, position: int, delimiter: str) -> bool | None:
    """Whether ``data[position:]`` (a line start) begins inside a quoted value, or None if unknown.

    The first quote that tells decides. In
    well-formed CSV a value's opening quote follows a delimiter or line break, and inside a value a
    quote is either the closing one or the first of a doubled pair. So a quote preceded by an
    ordinary character means "inside before it"; a quote followed by an ordinary character and not
    preceded by a quote opens a value: "outside before it". The parity of the quotes before that one
    gives the state at ``position``. Quotes touching only delimiters, line breaks and quotes tell
    nothing (None).
    """
    special = {ord('"'), ord(delimiter), ord("\n"), ord("\r")}
    count = 0
    index = data.find(b'"', position)
    while index >= 0:
        before = data[index - 1] if index > position else ord("\n")
        after = data[index + 1] if index + 1 < len(data) else ord("\n")
        if before not in special:
            return count % 2 == 0
        if after not in special and before != ord('"'):
            return count % 2 == 1
        count += 1
        index = data.find(b'"', index + 1)
    return None


def record_span(data: bytes, position: int, at_eof: bool, *, inside: bool) -> tuple[int, int]:
    """(start, end): the bytes of ``data`` from ``position`` (a line start) that hold whole records,
    given whether ``position`` is inside a quoted value. A newline inside quotes ends no record."""
    if not inside and data.find(b'"', position) < 0:  # no quote: every newline ends a record
        end = len(data) if at_eof else max(data.rfind(b"\n") + 1, position)
        return position, end
    quoted = inside
    start = None if quoted else position
    end = position
    for match in _QUOTE_OR_NEWLINE.finditer(data, position):
        if data[match.start()] == ord('"'):
            quoted = not quoted
        elif not quoted:
            if start is None:
                start = match.end()
            end = match.end()
    if start is None:
        return 0, 0
    if at_eof and not quoted:
        end = len(data)
    return start, max(end, start)


def title_lines(text: str, fmt: str, header_row: int | None = None) -> int:
    """Lines before the header: ``header_row - 1`` when given, else the leading lines of at most one
    filled field (a title, an export date) above a line of several (``header_rows.py``)."""
    if header_row is not None:
        lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        if header_row > lines:
            raise InputError(f"--header-row {header_row}: the file has fewer lines", source=None)
        return header_row - 1
    lines = text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    for skip in range(min(MAX_TITLE_LINES, len(lines) - 1) + 1):
        delimiter = sniff_delimiter("\n".join(lines[skip:]), fmt)
        if filled(next(csv.reader([lines[skip]], delimiter=delimiter), [])) >= 2:
            return skip  # the first line of several fields; those above hold one at most
        if '"' in lines[skip] or delimiter in lines[skip]:
            return 0  # a quoted value (it may hold line breaks) or a row with empty fields: not a title
    return 0  # one column throughout: the first line is the header


#: the longest first cell a total row may have (合 计：, "Grand Total" with spaces around it), in UTF-8 bytes
_TOTAL_CELL_BYTES = 64


def _total_hint(column: pa.Array) -> np.ndarray:
    """Cells holding a ``t``/``T`` byte or a character of U+8A00-U+8A3F / U+8B80-U+8BBF (UTF-8 lead
    E8, then A8 or AE: 計 and 计 among them). Every total word holds one of these, so cells without
    any are no total row; found from the UTF-8 bytes (ASCII bytes never occur inside another
    character's encoding), as a regex pass per block cost more than the rest of this check."""
    hint = np.zeros(len(column), dtype=bool)
    _, offsets_buffer, data_buffer = column.buffers()
    if data_buffer is None:
        return hint
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[column.offset : column.offset + len(column) + 1]
    low, high = int(offsets[0]), int(offsets[-1])
    held = np.frombuffer(data_buffer, dtype=np.uint8)[low:high]
    if not len(held):
        return hint
    letter = (held | 0x20) == 0x74
    letter[:-1] |= (held[:-1] == 0xE8) & ((held[1:] == 0xA8) | (held[1:] == 0xAE))
    hint[np.searchsorted(offsets[1:], np.flatnonzero(letter) + low, side="right")] = True
    return hint


def without_totals(data):
    """``data`` without its total rows (first column 合计, 总计, Total ...: ``header_rows.py``)."""
    if not data.num_columns or not data.num_rows:
        return data
    column = data.column(0)
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return data  # numbers, dates: no total word
    # a total row's first cell is short and holds a total word's letters: only those are rewritten and looked up
    if not pa.types.is_string(column.type):
        column = column.cast(pa.string())  # a large_string column (offsets of 64 bits)
    short = pc.fill_null(pc.less_equal(pc.binary_length(column), _TOTAL_CELL_BYTES), False)
    short = short.to_numpy(zero_copy_only=False) & _total_hint(column)
    index = pa.array(np.flatnonzero(short))
    if not len(index):
        return data
    found = [names_total(cell) for cell in column.take(index).to_pylist()]  # a few cells per block
    if not any(found):
        return data
    totals = np.zeros(len(column), dtype=bool)
    totals[index.to_numpy()[np.array(found)]] = True
    return data.filter(pa.array(~totals))


def _head(text: str, fmt: str, source: str, strict: bool, lines_before: int = 0) -> tuple[str, int, pa.Table]:
    """(delimiter, width, parsed head with the header as row 0); a ragged row is an InputError naming
    its line (``lines_before``: title lines above ``text``)."""
    delimiter = sniff_delimiter(text, fmt)
    data = text.encode("utf-8")
    probe = _RowProblems("skip")
    try:
        width = _parse(data, delimiter, None, probe).num_columns
        problems = _RowProblems("skip")
        head = _parse(data, delimiter, width, problems)
    except pa.ArrowInvalid:
        raise InputError(f"cannot parse the first lines as {LABELS[fmt]}", source=source) from None
    records = head.num_rows + len(problems.rows)
    for number, expected, actual in problems.rows:
        if strict or number != records:
            raise ragged_error(source, None if number is None else number + lines_before, expected, actual)
    return delimiter, width, head


def open_csv(source: str, fmt: str, encoding: str | None, header_row: int | None = None) -> list[Table]:
    tf = TextFile(source, LABELS[fmt], encoding=encoding, head_lines=1 + (header_row or 1))
    whole = decode_block(tf.head_text_bytes(), tf.encoding, tf.data_start, source)
    if not whole.strip():
        raise InputError("file is empty", source=source)
    strict = tf.head_eof  # a head cut mid-file may end inside a multi-line record
    try:
        skip = title_lines(whole, fmt, header_row)
    except InputError as err:
        raise InputError(err.message, source=source) from None
    if header_row is None:
        skip = 0  # title lines are passed over only when the first line as header does not parse
        try:
            delimiter, width, head = _head(whole, fmt, source, strict)
        except InputError:
            skip = title_lines(whole, fmt)
            if not skip:
                raise
    prefix = "".join(line + "\n" for line in whole.split("\n", skip)[:skip])
    text = whole[len(prefix) :]
    prefix_bytes = len(prefix.encode(tf.encoding.codec))
    if not text.strip():
        raise InputError(f"no header line after line {skip}", source=source)
    if skip or header_row is not None:
        delimiter, width, head = _head(text, fmt, source, strict, skip)
    header = head.slice(0, 1).to_pylist()[0] if head.num_rows else {}
    columns = unique_names([header.get(f"f{i}") for i in range(width)])
    data_rows = head.num_rows - 1
    totals = data_rows - without_totals(head.slice(1)).num_rows if strict and data_rows > 0 else 0
    if data_rows < 1 and strict:
        raise InputError("no data rows (the file has only a header line)", source=source)
    newline = text.find("\n")
    header_bytes = len(text[: newline + 1].encode(tf.encoding.codec)) if newline >= 0 else len(text)
    table = CsvTable(
        source=source,
        table=None,
        format=fmt,
        columns=columns,
        encoding=tf.encoding.name,
        _file=tf,
        _delimiter=delimiter,
        _data_start=tf.data_start + prefix_bytes + header_bytes,
        _header_start=tf.data_start + prefix_bytes if skip else None,
        _lines_before=skip,
    )
    body = len(tf.head_text_bytes()) - prefix_bytes - header_bytes
    if strict:
        table._count_exact(data_rows - totals)  # total rows (合计) are not records
    elif data_rows > 0:
        table._row_bytes = body / data_rows
        table._estimate(round((tf.size - table._data_start) / table._row_bytes))
    return [table]
