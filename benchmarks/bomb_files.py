"""Hostile inputs for the hardening benchmark and tests: xlsx decompression bombs and wide CSV files.

The workbooks are minimal but valid .xlsx packages written part by part with ``zipfile``, their
large parts streamed through the compressor in chunks, so a part that inflates to gigabytes costs a
few seconds and a few megabytes on disk, never the inflated size in memory or on disk.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="{ref}"/><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"
_SMALL_SHEET = '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>'
CHUNK = 1 << 20


def _streamed(archive: zipfile.ZipFile, name: str, head: str, body: bytes, repeats: int, tail: str) -> None:
    """A part of ``head + body * repeats + tail``, compressed chunk by chunk."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED  # a bare ZipInfo would be stored uncompressed
    with archive.open(info, "w", force_zip64=True) as part:
        part.write(head.encode())
        per_chunk = max(1, CHUNK // len(body))
        block = body * per_chunk
        full, rest = divmod(repeats, per_chunk)
        for _ in range(full):
            part.write(block)
        part.write(body * rest)
        part.write(tail.encode())


def _workbook(path: Path, sheet_parts, strings_parts) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        sheet_parts(archive)
        strings_parts(archive)
    return path


def _small_strings(archive: zipfile.ZipFile) -> None:
    archive.writestr(
        "xl/sharedStrings.xml",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
        "<si><t>phone</t></si><si><t>13812345678</t></si></sst>",
    )


def _small_sheet(archive: zipfile.ZipFile) -> None:
    archive.writestr("xl/worksheets/sheet1.xml", _SHEET_START.format(ref="A1:A2") + _SMALL_SHEET + _SHEET_END)


def small_workbook(path: Path) -> Path:
    """A valid two-cell workbook (header ``phone``, one mobile number): the control case."""
    return _workbook(path, _small_sheet, _small_strings)


def shared_strings_bomb(path: Path, strings: int = 78_000_000, declare: bool = True) -> Path:
    """A shared-string table of ``strings`` one-character strings (78 M: about 3 MB on disk, 1.3 GB
    inflated); ``declare=False`` leaves out the count, so only the part's size can tell."""
    counts = f' count="{strings}" uniqueCount="{strings}"' if declare else ""
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"{counts}>'
    )

    def strings_part(archive):
        _streamed(archive, "xl/sharedStrings.xml", head, b"<si><t>x</t></si>", strings, "</sst>")

    return _workbook(path, _small_sheet, strings_part)


def declared_strings_bomb(path: Path, strings: int = 78_000_000) -> Path:
    """Declares ``strings`` shared strings but holds two: refused on the declaration alone."""
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings}" '
        f'uniqueCount="{strings}">'
    )

    def strings_part(archive):
        archive.writestr("xl/sharedStrings.xml", head + "<si><t>phone</t></si><si><t>x</t></si></sst>")

    return _workbook(path, _small_sheet, strings_part)


def sheet_bomb(path: Path, inflated_bytes: int = 3 << 30) -> Path:
    """A sheet whose XML inflates to about ``inflated_bytes`` (3 GiB: a few MB on disk) of one row repeated."""
    row = b'<row><c t="s"><v>1</v></c></row>'

    def sheet_part(archive):
        head = _SHEET_START.format(ref="A1:A100000000") + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        _streamed(archive, "xl/worksheets/sheet1.xml", head, row, inflated_bytes // len(row), _SHEET_END)

    return _workbook(path, sheet_part, _small_strings)


def wide_csv(path: Path, columns: int = 10_000, rows: int = 1_000, seed: int = 0) -> Path:
    """A wide table: mostly numeric codes, amounts, flags and dates, a few personal columns (names,
    mobiles) among them, as survey exports and feature matrices look."""
    rng = random.Random(seed)
    kinds = ("code", "amount", "flag", "date", "category", "code", "amount", "score")
    header = []
    for i in range(columns):
        header.append("mobile" if i % 997 == 5 else ("name" if i % 997 == 6 else f"{kinds[i % len(kinds)]}_{i}"))
    surnames, given = "王李张刘陈杨黄赵吴周", "伟芳娜敏静丽强磊军洋"

    def cell(name: str) -> str:
        kind = name.split("_")[0]
        if kind == "mobile":
            return f"13{rng.randint(0, 9)}{rng.randint(0, 99_999_999):08d}"
        if kind == "name":
            return rng.choice(surnames) + rng.choice(given) + rng.choice(given)
        if kind == "code":
            return f"{rng.randint(0, 99999):05d}"
        if kind == "amount":
            return f"{rng.uniform(0, 10_000):.2f}"
        if kind == "flag":
            return rng.choice(("Y", "N"))
        if kind == "date":
            return f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if kind == "category":
            return rng.choice(("A", "B", "C", "D"))
        return str(rng.randint(0, 100))

    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(header) + "\n")
        for _ in range(rows):
            handle.write(",".join(cell(name) for name in header) + "\n")
    return path
