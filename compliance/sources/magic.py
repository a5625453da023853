"""What a file really is, from its first bytes, so a wrong extension gives a clear message.

A PNG named ``.csv`` or a CSV named ``.parquet`` should fail with "file is a PNG image, not CSV",
not with a parser's complaint about line 1.
"""

from __future__ import annotations

from ..errors import InputError

PARQUET = "a Parquet file"
ZIP = "a zip archive (an .xlsx workbook is one)"
SQLITE = "a SQLite database"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PAR1", PARQUET),
    (b"PK\x03\x04", ZIP),
    (b"PK\x05\x06", ZIP),
    (b"SQLite format 3\x00", SQLITE),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.xls/.doc)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x7fELF", "an executable"),
)

# what each format must look like; text formats must look like none of the above
EXPECTED = {"parquet": PARQUET, "xlsx": ZIP, "sqlite": SQLITE}
LABELS = {
    "csv": "CSV",
    "tsv": "TSV",
    "json": "JSON",
    "jsonl": "JSON Lines",
    "parquet": "Parquet",
    "xlsx": "an .xlsx workbook",
    "sqlite": "a SQLite database",
}


def sniff(head: bytes) -> str | None:
    """A human name for a recognised binary format, or None (text, or unknown)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def check_content(source: str, head: bytes, fmt: str) -> None:
    """Raise when the content contradicts the extension's format."""
    kind = sniff(head)
    expected = EXPECTED.get(fmt)
    if kind == expected:
        return
    label = LABELS[fmt]
    if kind is not None:
        raise InputError(f"file is {kind}, not {label}", source=source)
    if expected is not None:
        raise InputError(f"file is not {label} (its first bytes do not match; is the extension wrong?)", source=source)
