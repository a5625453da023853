"""Which character encoding a text file uses, and where it breaks.

Detection order (an explicit ``--encoding`` skips all of it): a byte-order mark (UTF-8, UTF-16
LE/BE); UTF-16 without a BOM, recognised by NUL bytes in every other position (ASCII text in UTF-16);
strict UTF-8 over the head of the file and a few probes spread through it, up to its last bytes (a
GBK export often starts with an ASCII header); otherwise GB18030, the superset of GBK and GB2312 that
Chinese spreadsheet tools write, unless GB18030 fits even worse: a UTF-8 file with one bad byte is
reported as UTF-8 with that byte's offset, not as a GB18030 file that fails at its first character.

Byte offsets in error messages count from the start of the file, BOM included.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import InputError, UsageError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SCAN_CHUNK = 1 << 20


@dataclass(frozen=True)
class TextEncoding:
    """How to decode a file: ``codec`` applies to the bytes after ``bom``."""

    name: str  # what Table.encoding reports: utf-8, utf-8-sig, utf-16-le, gb18030...
    codec: str  # Python codec name for the data after the BOM
    bom: bytes = b""

    @property
    def newline(self) -> bytes:
        return "\n".encode(self.codec)

    @property
    def unit(self) -> int:
        """Bytes per code unit: line starts are aligned to it (2 for UTF-16)."""
        return len(self.newline)

    @property
    def arrow_codec(self) -> str:
        """The name pyarrow.csv needs: "utf8" is its native fast path, anything else is transcoded."""
        return "utf8" if self.codec == "utf-8" else self.codec


def _with_bom(codec: str, bom: bytes) -> TextEncoding:
    name = "utf-8-sig" if codec == "utf-8" and bom else codec
    return TextEncoding(name=name, codec=codec, bom=bom)


def _explicit(head: bytes, encoding: str) -> TextEncoding:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise UsageError(f"unknown encoding '{encoding}'") from None
    if not getattr(info, "_is_text_encoding", True):
        raise UsageError(f"'{encoding}' is not a text encoding")
    codec = info.name
    family = {"utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}.get(codec, codec)
    for bom, bom_codec in _BOMS:
        if head.startswith(bom) and bom_codec.startswith(family):
            return _with_bom(bom_codec, bom)  # a BOM is never data, and it settles the byte order
    if family in ("utf-16", "utf-32"):
        return TextEncoding(name=f"{family}-le", codec=f"{family}-le")
    return TextEncoding(name=family, codec=family)


def _utf16_without_bom(head: bytes) -> str | None:
    sample = head[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nul = sample[0 : pairs * 2 : 2].count(0)
    odd_nul = sample[1 : pairs * 2 : 2].count(0)
    if odd_nul > 0.3 * pairs and even_nul < 0.05 * pairs:
        return "utf-16-le"
    if even_nul > 0.3 * pairs and odd_nul < 0.05 * pairs:
        return "utf-16-be"
    return None


def _error_count(block: bytes, codec: str, *, mid_file: bool, final: bool, cap: int = 32) -> int:
    """Undecodable sequences in ``block``; a probe may start or end inside a character, so those don't count."""
    errors, start = 0, 0
    while errors < cap:
        try:
            codecs.getincrementaldecoder(codec)("strict").decode(block[start:], final=final)
        except UnicodeDecodeError as exc:
            if not (mid_file and start + exc.start < 4):
                errors += 1
            start += max(exc.end, exc.start + 1)
            continue
        return errors
    return errors


def detect_encoding(
    head: bytes, *, at_eof: bool, explicit: str | None = None, probes: Sequence[bytes] = ()
) -> TextEncoding:
    """The encoding of a file from its first bytes (``head``) and optional mid-file ``probes``."""
    if explicit:
        return _explicit(head, explicit)
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return _with_bom(codec, bom)
    utf16 = _utf16_without_bom(head)
    if utf16:
        return TextEncoding(name=utf16, codec=utf16)
    blocks = [(head, False, at_eof), *((probe, True, False) for probe in probes)]
    utf8 = sum(_error_count(b, "utf-8", mid_file=m, final=f) for b, m, f in blocks)
    if utf8 and sum(_error_count(b, "gb18030", mid_file=m, final=f) for b, m, f in blocks) < utf8:
        return TextEncoding(name="gb18030", codec="gb18030")
    # clean UTF-8 (ASCII included), or broken either way but less so as UTF-8: the error names the byte
    return TextEncoding(name="utf-8", codec="utf-8")


def looks_binary(head: bytes, encoding: TextEncoding) -> bool:
    """NUL bytes in a file that is not UTF-16/32, or mostly control bytes: not a text table."""
    if encoding.unit > 1 or not head:
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head[:4096] if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    return control > 0.05 * min(len(head), 4096)


def first_invalid_offset(fh: BinaryIO, encoding: TextEncoding, start: int | None = None) -> int | None:
    """Absolute offset of the first byte that ``encoding`` cannot decode, or None (error path only)."""
    position = len(encoding.bom) if start is None else start
    fh.seek(position)
    decoder = codecs.getincrementaldecoder(encoding.codec)("strict")
    while True:
        chunk = fh.read(_SCAN_CHUNK)
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            return position - pending + exc.start
        if not chunk:
            return None
        position += len(chunk)


def invalid_bytes_error(source: str, encoding: TextEncoding, offset: int | None) -> InputError:
    where = f"at byte offset {offset}" if offset is not None else "somewhere in the file"
    return InputError(
        f"invalid bytes for encoding {encoding.name} {where}; pass --encoding if the file uses another one",
        source=source,
    )


def decode_block(data: bytes, encoding: TextEncoding, offset: int, source: str) -> str:
    """Decode a block of whole lines that starts at absolute ``offset``; bad bytes name their offset."""
    try:
        return data.decode(encoding.codec)
    except UnicodeDecodeError as exc:
        raise invalid_bytes_error(source, encoding, offset + exc.start) from None
