"""Compressed and archived inputs (``.gz``, ``.bz2``, ``.xz``, ``.zst``, ``.zip``) and standard input.

Every reader samples by seeking (a CSV's spread windows, a Parquet footer, SQLite pages), which a
compressed stream cannot do. So the stream is inflated once, in 1 MiB chunks, into a private
temporary folder, and the ordinary reader opens the plain file: memory stays bounded exactly as for
a plain file, and the temporary copy is bounded by the limits below (checked while inflating, and
for ``.zip`` first from the central directory). The copy is removed when its tables are dropped.

Decompression: gzip, bzip2 and zstd through pyarrow's ``CompressedInputStream`` (C codecs already
installed with pyarrow, no new dependency); xz through the standard library's ``lzma`` (pyarrow has
no xz codec).

``.zip``: each supported member is a table (``export.zip#orders.csv``; an xlsx or SQLite member's
tables are ``export.zip#book.xlsx/Sheet1``). Member names are never used as paths on disk (the
copy is ``member-<n><ext>``), so a member named ``../../etc/passwd`` cannot write anywhere (zip
slip). Folders, hidden members (``__MACOSX/``, ``.DS_Store``) and unsupported types are skipped
and reported like a directory walk's; an archive inside an archive is not opened.

Every name shown (the archive, its members) is data and passes the masking gate with the report.
"""

from __future__ import annotations

import lzma
import os
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from typing import BinaryIO

import pyarrow as pa

from ..errors import InputError

#: file endings of single compressed streams → codec
COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
ARCHIVE = ".zip"
#: what the first bytes of a compressed stream look like (standard input is sniffed)
MAGIC = {b"\x1f\x8b": "gzip", b"BZh": "bz2", b"\xfd7zXZ\x00": "xz", b"\x28\xb5\x2f\xfd": "zstd"}
LABELS = {"gzip": "gzip", "bz2": "bzip2", "xz": "xz", "zstd": "zstd", "zip": "zip"}

#: inflated bytes of one input (a stream, or all members of a zip together)
MAX_TOTAL_BYTES = 4 << 30
#: inflation of an input past RATIO_CHECK_BYTES: CSV and JSON compress 5-30x, very repetitive
#: columns perhaps 200x; a decompression bomb thousands of times
MAX_RATIO = 1000
RATIO_CHECK_BYTES = 16 << 20
#: members of one zip archive
MAX_MEMBERS = 10_000
CHUNK_BYTES = 1 << 20


def compression_of(path: str) -> str | None:
    """The codec a file name's last ending names (``data.csv.gz``: gzip), or None."""
    return COMPRESSIONS.get(os.path.splitext(path)[1].lower())


def inner_name(path: str) -> str:
    """The name without its compression ending: ``data.csv.gz`` → ``data.csv``."""
    return os.path.splitext(path)[0] if compression_of(path) else path


class Workspace:
    """A private temporary folder for the inflated copies of one input, removed with its last table."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="compliance-")
        self.count = 0

    def new_file(self, ext: str) -> str:
        self.count += 1
        return os.path.join(self._folder.name, f"member-{self.count}{ext}")


def _refuse(source: str, what: str) -> InputError:
    return InputError(f"refused while decompressing: {what}", source=source)


def _copy(source: str, read: Callable[[int], bytes], target: str, budget: int, packed: int | None) -> int:
    """Copy ``read`` into ``target`` chunk by chunk within ``budget`` bytes and MAX_RATIO of ``packed``."""
    written = 0
    with open(target, "wb") as out:
        while True:
            chunk = read(CHUNK_BYTES)
            if not chunk:
                return written
            written += len(chunk)
            if written > budget:
                raise _refuse(source, f"more than {MAX_TOTAL_BYTES >> 30} GiB inflated (the limit)")
            if packed and written > RATIO_CHECK_BYTES and written > packed * MAX_RATIO:
                raise _refuse(source, f"inflates more than {MAX_RATIO}x (a decompression bomb?)")
            out.write(chunk)


def _stream(path: str, codec: str) -> BinaryIO:
    if codec == "xz":
        return lzma.open(path, "rb")
    return pa.CompressedInputStream(pa.OSFile(path, "r"), codec)


def inflate(path: str, codec: str, target: str, source: str | None = None) -> int:
    """Inflate the compressed file ``path`` into ``target``; corrupt data is one InputError line."""
    shown = source or path
    try:
        packed = os.path.getsize(path)
        with _stream(path, codec) as stream:
            return _copy(shown, stream.read, target, MAX_TOTAL_BYTES, packed)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError("cannot read file: no such file", source=shown) from None
    except (OSError, EOFError, lzma.LZMAError, pa.ArrowException, ValueError) as exc:
        if isinstance(exc, PermissionError):
            raise InputError(f"cannot read file: {exc.strerror or exc}", source=shown) from None
        problem = f"corrupt {LABELS[codec]} data (is the file truncated or not really {LABELS[codec]}?)"
        raise InputError(problem, source=shown) from None


def sniff_codec(head: bytes) -> str | None:
    return next((codec for magic, codec in MAGIC.items() if head.startswith(magic)), None)


def spool_stdin(target: str, stream: BinaryIO | None = None) -> int:
    """Standard input into ``target`` (at most MAX_TOTAL_BYTES): it cannot be read twice or seeked."""
    stream = stream or sys.stdin.buffer
    return _copy("<stdin>", stream.read, target, MAX_TOTAL_BYTES, None)


# --- zip -------------------------------------------------------------------------------------------


def _hidden(name: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in name.split("/") if part)


def _escapes(name: str) -> bool:
    """A member path that would leave the folder it is extracted to (zip slip): ``..`` or absolute."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")


def check_archive(archive: zipfile.ZipFile, source: str) -> None:
    """Refuse from the central directory alone: too many members, or declared sizes over the limits."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        problem = f"refused before decompressing: {len(members):,} members (limit {MAX_MEMBERS:,})"
        raise InputError(problem, source=source)
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        raise InputError(
            f"refused before decompressing: members declare {total / (1 << 30):,.1f} GiB "
            f"(limit {MAX_TOTAL_BYTES >> 30} GiB)",
            source=source,
        )
    for m in members:
        if m.file_size > RATIO_CHECK_BYTES and m.file_size > max(m.compress_size, 1) * MAX_RATIO:
            raise InputError(
                f"refused before decompressing: member {m.filename!r} inflates more than {MAX_RATIO}x",
                source=source,
            )


def zip_members(
    path: str, workspace: Workspace, supported: Callable[[str], str | None]
) -> Iterator[tuple[str, str | None, tuple[str, str] | None]]:
    """(member name, its inflated copy or None, (skip kind, reason) or None) for each file member.

    ``supported`` gives a member's format from its name (None: unsupported). The declared sizes are
    checked first; the inflation is counted again while copying (a directory can lie)."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise InputError("cannot read file: no such file", source=path) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError("corrupt zip archive (is the file truncated or not really .zip?)", source=path) from None
    with archive:
        check_archive(archive, path)
        budget = MAX_TOTAL_BYTES
        for member in sorted(archive.infolist(), key=lambda m: m.filename):
            name = member.filename
            if member.is_dir():
                continue
            if _escapes(name):
                yield name, None, ("unsupported", "member path leaves the archive (zip slip), not scanned")
                continue
            if _hidden(name):
                yield name, None, ("hidden", "hidden, not scanned")
                continue
            if compression_of(name) or name.lower().endswith(ARCHIVE):
                yield name, None, ("unsupported", "an archive inside an archive is not opened")
                continue
            if supported(name) is None:
                yield name, None, ("unsupported", "unsupported file type")
                continue
            target = workspace.new_file(os.path.splitext(name)[1].lower())
            try:
                with archive.open(member) as stream:
                    written = _copy(f"{path}: member {name!r}", stream.read, target, budget, member.compress_size)
            except InputError:
                raise
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
                problem = "it is encrypted" if "encrypt" in str(exc).lower() else "corrupt data"
                raise InputError(f"member {name!r} cannot be decompressed ({problem})", source=path) from None
            budget -= written
            yield name, target, None
