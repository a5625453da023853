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
from .db_url import expose, is_database_url
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


def open_tables(path: str, *, encoding: str | None = None) -> list[Table]:
    """The tables of one file or database URL; ``encoding`` overrides detection for text formats."""
    if is_database_url(path):
        return _reader("postgresql")(path, "postgresql", encoding)
    fmt = format_of(path)
    if fmt is None:
        raise InputError(unsupported_reason(path), source=path)
    problem = not_regular(path)  # a FIFO would block the open below forever
    if problem:
        raise InputError(problem, source=path)
    with open_binary(path) as fh:
        try:
            head = fh.read(64)
        except OSError as exc:  # e.g. a directory named data.csv
            raise InputError(f"cannot read file: {exc.strerror or exc}", source=path) from None
    if not head:
        raise InputError("file is empty", source=path)
    check_content(path, head, fmt)
    return _reader(fmt)(path, fmt, encoding)
