"""Tables read from an inflated copy (``compressed.py``) but named after what the user gave.

A reader opens the plain temporary copy; the report, asset ids and error lines name the original:
``data.csv.gz``, ``export.zip#orders.csv``, ``<stdin>``. :class:`UnpackedTable` wraps the reader's
table: the same columns, counts, samples and batches, with every error's temporary path replaced by
that name. The temporary folder lives as long as any of its tables.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pyarrow as pa

from ..errors import InputError
from .compressed import (
    ARCHIVE,
    LABELS,
    MAGIC,
    Workspace,
    compression_of,
    inflate,
    inner_name,
    sniff_codec,
    spool_stdin,
    zip_members,
)
from .table import DEFAULT_BATCH_ROWS, Table

STDIN_NAME = "<stdin>"
#: (path, format, encoding) → tables: the plain-file reader (``sources.open_plain``)
Opener = Callable[[str, str, str | None], list]


class UnpackedTable:
    """A reader's table over an inflated copy, shown as ``source`` / ``table``."""

    def __init__(self, inner: Table, source: str, table: str | None, label: str, workspace: Workspace) -> None:
        self.inner, self.source, self.table, self.label = inner, source, table, label
        self.read_path = inner.source  # the inflated copy (its size decides how --full holds the input)
        self._workspace = workspace  # kept alive with the table

    columns = property(lambda self: self.inner.columns)
    format = property(lambda self: self.inner.format)
    encoding = property(lambda self: self.inner.encoding)
    rows_total = property(lambda self: self.inner.rows_total)
    rows_total_exact = property(lambda self: self.inner.rows_total_exact)

    def _renamed(self, err: InputError) -> InputError:
        return renamed(err, self.read_path, self.label)

    def sample(self, n: int, seed: int) -> pa.Table:
        try:
            return self.inner.sample(n, seed)
        except InputError as err:
            raise self._renamed(err) from None

    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        try:
            yield from self.inner.batches(batch_rows)
        except InputError as err:
            raise self._renamed(err) from None


class UnreadableMember:
    """A zip member that cannot be read: an error asset of its own (``export.zip#member``), while the
    archive's other members are still scanned. Reading it raises the member's one-line error."""

    def __init__(self, source: str, member: str, fmt: str | None, error: InputError) -> None:
        self.source, self.table, self.format, self.error = source, member, fmt, error
        self.columns: list[str] = []
        self.rows_total, self.rows_total_exact, self.encoding = None, False, None

    def sample(self, n: int, seed: int) -> pa.Table:
        raise self.error

    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        raise self.error


def renamed(err: InputError, read_path: str, label: str) -> InputError:
    """The same problem, naming ``label`` instead of the temporary copy."""
    message = err.message.replace(read_path, label)
    return InputError(message, source=label)


def _wrap(tables: list, source: str, member: str | None, label: str, workspace: Workspace) -> list:
    wrapped = []
    for t in tables:
        name = t.table if member is None else (member if t.table is None else f"{member}/{t.table}")
        wrapped.append(UnpackedTable(t, source, name, label, workspace))
    return wrapped


def _open_copy(opener: Opener, copy: str, fmt: str, encoding: str | None, label: str) -> list:
    try:
        return opener(copy, fmt, encoding)
    except InputError as err:
        raise renamed(err, copy, label) from None


def open_compressed(path: str, fmt: str, encoding: str | None, opener: Opener) -> list:
    """The tables of ``data.csv.gz`` (any of COMPRESSIONS): inflated, then read as ``fmt``."""
    codec = compression_of(path)
    workspace = Workspace()
    copy = workspace.new_file(os.path.splitext(inner_name(path))[1].lower())
    inflate(path, codec, copy, source=path)
    return _wrap(_open_copy(opener, copy, fmt, encoding, path), path, None, path, workspace)


def open_zip(path: str, encoding: str | None, opener: Opener, format_of: Callable, skipped: list | None) -> list:
    """Every supported member of a ``.zip`` as tables (``export.zip#member``); the rest skipped."""
    from .paths import Skip, unsupported_reason

    workspace = Workspace()
    tables: list = []
    for member, copy, why in zip_members(path, workspace, format_of):
        shown = f"{path}#{member}"
        if copy is None:
            if skipped is not None:
                kind, reason = why
                reason = unsupported_reason(member) if reason == "unsupported file type" else reason
                skipped.append(Skip(shown, kind, reason))
            continue
        try:
            opened = _open_copy(opener, copy, format_of(member), encoding, shown)
        except InputError as err:  # this member only: the others are still scanned
            tables.append(UnreadableMember(path, member, format_of(member), err))
            continue
        tables += _wrap(opened, path, member, shown, workspace)
    if not tables:
        raise InputError("the archive holds no file to scan", source=path)
    return tables


def open_stdin(fmt: str, encoding: str | None, opener: Opener, stream=None) -> list:
    """Standard input, as ``fmt`` (``--stdin-format``, default csv); gzip/bzip2/xz/zstd is detected."""
    workspace = Workspace()
    spooled = workspace.new_file(".stdin")
    if spool_stdin(spooled, stream) == 0:
        raise InputError("standard input is empty", source=STDIN_NAME)
    with open(spooled, "rb") as fh:
        head = fh.read(max(len(m) for m in MAGIC))
    codec = sniff_codec(head)
    copy = workspace.new_file(f".{fmt}")
    if codec is None:
        os.replace(spooled, copy)
    else:
        inflate(spooled, codec, copy, source=f"{STDIN_NAME} ({LABELS[codec]})")
    try:
        tables = _open_copy(opener, copy, fmt, encoding, STDIN_NAME)
    except InputError as err:
        if err.message.startswith("file is"):  # another format than --stdin-format says (csv by default)
            hint = f"{err.message} (--stdin-format says what standard input holds)"
            raise InputError(hint, source=STDIN_NAME) from None
        raise
    return _wrap(tables, STDIN_NAME, None, STDIN_NAME, workspace)


__all__ = ["ARCHIVE", "STDIN_NAME", "UnpackedTable", "open_compressed", "open_stdin", "open_zip"]
