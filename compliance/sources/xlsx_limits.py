"""Limits an .xlsx workbook must meet before openpyxl parses it: no decompression bombs.

An .xlsx is a zip of XML parts. A few megabytes can inflate to gigabytes (a sheet of repeated cells
compresses a thousandfold), and openpyxl loads the whole shared-string table into Python objects:
a 3 MB file declaring 78 million shared strings would need tens of gigabytes. Everything checked
here comes from the zip's central directory (each part's declared sizes; zipfile never inflates a
part past its declared size) and from the first bytes of two kinds of part (the shared-string
count, the sheet's ``<dimension>``), so a refusal takes milliseconds and almost no memory.

The limits are far above what real workbooks need (Excel itself stops at 1,048,576 rows × 16,384
columns); a workbook beyond them is refused with one line naming the limit. They are module
constants, documented in compliance/sources/README.md.
"""

from __future__ import annotations

import re
import zipfile

from ..errors import InputError

#: uncompressed size of one part (a sheet's XML, the shared strings)
MAX_PART_BYTES = 1 << 30
#: uncompressed size of all parts together
MAX_TOTAL_BYTES = 2 << 30
#: parts in the archive (a workbook has a few dozen)
MAX_PARTS = 10_000
#: inflation of one part larger than RATIO_CHECK_BYTES: real sheets compress 5-30x, repeated cells
#: perhaps 100x; a bomb 1000x
MAX_RATIO = 200
RATIO_CHECK_BYTES = 16 << 20
#: distinct strings openpyxl would hold in memory (declared by ``<sst uniqueCount=…>``), and the
#: uncompressed size of that part, which bounds the count when the declaration is missing or lies
MAX_SHARED_STRINGS = 5_000_000
MAX_SHARED_STRINGS_BYTES = 256 << 20
#: cells a sheet's ``<dimension ref="A1:XFD1048576"/>`` may declare (checked for parts over
#: RATIO_CHECK_BYTES only: a small sheet with a wrong dimension is harmless)
MAX_SHEET_CELLS = 200_000_000

_HEAD_BYTES = 4096
_COUNT = re.compile(rb"<(?:\w+:)?sst\b[^>]*?\b(?:uniqueCount|count)=\"(\d+)\"")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?\"")


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with archive.open(info) as part:
        return part.read(_HEAD_BYTES)


def _mib(size: int) -> str:
    return f"{size / (1 << 20):,.0f} MiB"


def sheet_size(head: bytes) -> tuple[int, int] | None:
    """(rows, columns) a sheet's ``<dimension>`` declares, or None when it has none."""
    found = _DIMENSION.search(head)
    if not found:
        return None
    first_col, first_row, last_col, last_row = found.groups()
    if last_col is None:
        return 1, 1
    rows = int(last_row) - int(first_row) + 1
    columns = _column_number(last_col) - _column_number(first_col) + 1
    return max(rows, 1), max(columns, 1)


def check_workbook(source: str) -> None:
    """Raise an InputError when the workbook exceeds a limit; otherwise openpyxl may parse it."""

    def refuse(what: str) -> InputError:
        return InputError(f"refused before parsing: {what} (a decompression bomb, or too large to scan)", source=source)

    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: openpyxl's loader gives the usual "corrupt workbook" line
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise refuse(f"the archive has {len(parts):,} parts, more than the {MAX_PARTS:,} limit")
        total = sum(info.file_size for info in parts)
        if total > MAX_TOTAL_BYTES:
            raise refuse(f"its parts inflate to {_mib(total)}, more than the {_mib(MAX_TOTAL_BYTES)} limit")
        for info in parts:
            name = info.filename.lower()
            if name.endswith("sharedstrings.xml"):
                _check_shared_strings(archive, info, refuse)
            elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                _check_sheet(archive, info, refuse)
            if info.file_size > MAX_PART_BYTES:
                raise refuse(f"part {info.filename} inflates to {_mib(info.file_size)}, over {_mib(MAX_PART_BYTES)}")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_CHECK_BYTES and ratio > MAX_RATIO:
                raise refuse(f"part {info.filename} inflates {ratio:,.0f} times, more than {MAX_RATIO} times")


def _check_shared_strings(archive: zipfile.ZipFile, info: zipfile.ZipInfo, refuse) -> None:
    counts = [int(n) for n in _COUNT.findall(_head(archive, info))]
    if counts and max(counts) > MAX_SHARED_STRINGS:
        raise refuse(f"it declares {max(counts):,} shared strings, more than the {MAX_SHARED_STRINGS:,} limit")
    if info.file_size > MAX_SHARED_STRINGS_BYTES:
        raise refuse(
            f"the shared-string table inflates to {_mib(info.file_size)}, over {_mib(MAX_SHARED_STRINGS_BYTES)}"
        )


def _check_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, refuse) -> None:
    """Writers sometimes declare a wrong ``<dimension>``: only a large part is held to it."""
    if info.file_size <= RATIO_CHECK_BYTES:
        return
    size = sheet_size(_head(archive, info))
    if size is None:
        return
    rows, columns = size
    if rows * columns > MAX_SHEET_CELLS:
        raise refuse(f"a sheet declares {rows:,} × {columns:,} cells, more than the {MAX_SHEET_CELLS:,} limit")
