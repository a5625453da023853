"""sources: turn a path into tables of text columns, read in bounded batches.

Entry points: :func:`expand_paths` (PATH arguments → files, plus what will not be scanned and why;
database URLs pass through in their public spelling, without password: ``db_url.py``)
and :func:`open_tables` (one file or database URL → its tables). Each format lives in its own module
and registers here in ``_READERS``; every failure a user can cause is an :class:`~compliance.errors.InputError`
naming the file and the problem in one line, never a cell value.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..errors import InputError
from ..filekind import not_regular
from . import paths as _paths
from . import unpacked
from .compressed import compression_of
from .db_url import expose, is_database_url, is_postgres_url
from .magic import check_content
from .paths import SUPPORTED_EXTENSIONS, Expansion, Skip, format_of, unsupported_reason
from .table import Table
from .textfile import open_binary

__all__ = ["SUPPORTED_EXTENSIONS", "Expansion", "Skip", "Table", "expand_inputs", "expand_paths", "open_tables"]

# format → "module:function" taking (path, format, encoding) and returning its tables
_READERS: dict[str, str] = {
    "csv": "csv_reader:open_csv",
    "tsv": "csv_reader:open_csv",
    "json": "json_reader:open_json",
    "jsonl": "jsonl_reader:open_jsonl",
    "parquet": "parquet_reader:open_parquet",
    "xlsx": "excel_reader:open_xlsx",
    "sqlite": "sqlite_reader:open_sqlite",
    "postgresql": "postgres_reader:open_postgres",
    "sql": "sql_reader:open_sql",  # any other SQLAlchemy dialect (db_url.SQL_DIALECTS)
}


def _reader(fmt: str) -> Callable[[str, str, str | None], list[Table]]:
    module, function = _READERS[fmt].split(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


def expand_paths(paths) -> tuple[list[str], list[tuple[str, str]]]:
    """:func:`compliance.sources.paths.expand_paths`, with the database URLs after the files, in
    their public spelling (:func:`~compliance.sources.db_url.expose`: the password stays in memory)."""
    paths = list(paths)
    files, rejected = _paths.expand_paths([p for p in paths if not is_database_url(p)])
    urls = [expose(p) for p in paths if is_database_url(p)]
    return files + list(dict.fromkeys(urls)), rejected


def expand_inputs(paths, exclude=()) -> Expansion:
    """:func:`compliance.sources.paths.expand_inputs` (files, errors, what walks skipped), with the
    database URLs after the files in their public spelling, as :func:`expand_paths`."""
    paths = list(paths)
    out = _paths.expand_inputs([p for p in paths if not is_database_url(p)], exclude)
    out.files += list(dict.fromkeys(expose(p) for p in paths if is_database_url(p)))
    return out


#: formats whose readers take ``header_row`` (``--header-row N``)
HEADER_ROW_FORMATS = frozenset({"csv", "tsv", "xlsx"})


def open_tables(
    path: str,
    *,
    encoding: str | None = None,
    header_row: int | None = None,
    stdin_format: str | None = None,
    skipped: list | None = None,
) -> list[Table]:
    """The tables of one file or database URL; ``encoding`` overrides detection for text formats,
    ``header_row`` (1-based) the header detection of CSV and xlsx. ``-`` is standard input
    (``stdin_format``, default csv); ``.gz``/``.bz2``/``.xz``/``.zst`` files are inflated and read as
    the format of their inner name, each supported member of a ``.zip`` is a table (the others are
    appended to ``skipped``): ``unpacked.py``."""
    if is_postgres_url(path):
        return _reader("postgresql")(path, "postgresql", encoding)
    if is_database_url(path):
        return _reader("sql")(path, "sql", encoding)

    def plain(file: str, fmt: str, text_encoding: str | None) -> list[Table]:
        return _open_plain(file, fmt, text_encoding, header_row)

    if path == _paths.STDIN:
        return unpacked.open_stdin(stdin_format or "csv", encoding, plain)
    fmt = format_of(path)
    if fmt is None:
        raise InputError(unsupported_reason(path), source=path)
    problem = not_regular(path)  # a FIFO would block the open below forever
    if problem:
        raise InputError(problem, source=path)
    if fmt == "zip":
        return unpacked.open_zip(path, encoding, plain, format_of, skipped)
    if compression_of(path):
        return unpacked.open_compressed(path, fmt, encoding, plain)
    return _open_plain(path, fmt, encoding, header_row)


def _open_plain(path: str, fmt: str, encoding: str | None, header_row: int | None = None) -> list[Table]:
    """A plain (not compressed) file of format ``fmt``."""
    with open_binary(path) as fh:
        try:
            head = fh.read(64)
        except OSError as exc:  # e.g. a directory named data.csv
            raise InputError(f"cannot read file: {exc.strerror or exc}", source=path) from None
    if not head:
        raise InputError("file is empty", source=path)
    check_content(path, head, fmt)
    if header_row is not None and fmt in HEADER_ROW_FORMATS:
        return _reader(fmt)(path, fmt, encoding, header_row=header_row)
    return _reader(fmt)(path, fmt, encoding)
