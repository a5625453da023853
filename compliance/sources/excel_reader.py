"""Excel ``.xlsx`` through openpyxl's read-only mode: each worksheet is a table.

The header is detected (``header_rows.py``: a merged title, an export date or a note above it is
passed over; ``--header-row N`` names it), and total rows (合计, 总计, Total ...) are left out of the
table; fully empty rows are skipped. A sheet with no cells
at all is a table without columns (reported as empty) beside sheets with data; a workbook whose sheets
are all empty is an input error. Cells are read as
their cached values (``data_only``: the result of a formula, not its text). Dates become ISO
strings (a date without time as ``2024-01-31``), integral numbers lose ``.0`` (phone numbers typed
as numbers stay digits), empty strings are null. Non-empty cells right of the header become
columns named ``column_<n>``. Read-only mode streams rows, but openpyxl still loads the shared-string
table whole, so memory grows with the number of distinct strings, not with the row count. A sheet
cannot be entered in the middle: ``sample()`` streams it once through a seeded reservoir.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from ..errors import InputError
from .convert import batch_from_rows, py_text, unique_names
from .header_rows import HEADER_SEARCH_ROWS, header_index, is_total_row
from .table import DEFAULT_BATCH_ROWS, Table
from .xlsx_limits import check_workbook

_CORRUPT = "corrupt .xlsx workbook: {} (is it damaged, encrypted or not really .xlsx?)"


def _load(source: str) -> Any:
    import openpyxl  # imported here: it is slow to import and only xlsx needs it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style" and similar noise
            return openpyxl.load_workbook(source, read_only=True, data_only=True)
    except OSError as exc:
        if exc.errno is not None:
            raise InputError(f"cannot read file: {exc.strerror or exc}", source=source) from None
        raise InputError(_CORRUPT.format("the archive cannot be opened"), source=source) from None
    except Exception:  # zipfile, XML and openpyxl errors of many kinds all mean the same to a user
        raise InputError(_CORRUPT.format("the archive cannot be opened"), source=source) from None


def _cells(values: tuple) -> list[str | None]:
    cells = [None if v == "" else py_text(v) for v in values]
    while cells and cells[-1] is None:
        cells.pop()
    return cells


@dataclass(eq=False)
class XlsxTable(Table):
    _header_row: int = 1  # 1-based row number of the header in the sheet

    def _rows(self) -> Iterator[list[str | None]]:
        workbook = _load(self.source)
        try:
            rows = workbook[self.table].iter_rows(min_row=self._header_row + 1, values_only=True)
            while True:
                try:
                    values = next(rows)
                except StopIteration:
                    return
                except Exception:
                    message = _CORRUPT.format(f"sheet {self.table!r} cannot be read")
                    raise InputError(message, source=self.source) from None
                cells = _cells(values)
                if not cells or is_total_row(cells):
                    continue
                if len(cells) > len(self.columns):
                    self.columns[:] = unique_names(self.columns + [None] * (len(cells) - len(self.columns)))
                yield cells
        finally:
            workbook.close()

    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        yield from self._batched(self._rows(), batch_from_rows, batch_rows)

    def sample(self, n: int, seed: int) -> pa.Table:
        return self._reservoir_sample(n, seed)


def _header(sheet: Any, header_row: int | None = None) -> tuple[int, list[str | None]] | None:
    """(row number, cells) of the sheet's header: ``header_row`` when given, else detected among the
    first non-empty rows (``header_rows.header_index``); None for a sheet without cells."""
    candidates: list[tuple[int, list[str | None]]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's cell warnings come once, from the pass over the data
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = _cells(values)
            if header_row is not None:
                if number == header_row:
                    return (number, cells) if cells else None
                continue
            if cells:
                candidates.append((number, cells))
                if len(candidates) >= HEADER_SEARCH_ROWS:
                    break
    if not candidates:
        return None
    return candidates[header_index([cells for _, cells in candidates])]


def open_xlsx(source: str, fmt: str, encoding: str | None, header_row: int | None = None) -> list[Table]:
    check_workbook(source)  # sizes from the zip directory first: no decompression bomb reaches openpyxl
    workbook = _load(source)
    tables: list[Table] = []
    try:
        for sheet in workbook.worksheets:
            try:
                found = _header(sheet, header_row)
            except Exception:
                raise InputError(_CORRUPT.format(f"sheet {sheet.title!r} cannot be read"), source=source) from None
            if found is None:  # kept, so the report shows it as empty (all sheets empty: error below)
                tables.append(XlsxTable(source=source, table=sheet.title, format=fmt, columns=[]))
                continue
            number, header = found
            table = XlsxTable(
                source=source, table=sheet.title, format=fmt, columns=unique_names(header), _header_row=number
            )
            if sheet.max_row:  # from the sheet's <dimension>, which writers may leave out or get wrong
                table._estimate(max(sheet.max_row - number, 0))
            tables.append(table)
    finally:
        workbook.close()
    if all(not table.columns for table in tables):
        raise InputError("no data rows (every sheet is empty)", source=source)
    return tables
