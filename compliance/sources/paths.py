"""From command-line PATH arguments (files, directories, globs) to the files to scan.

Nothing is dropped silently: every path that will not be scanned comes back with a reason, so the
CLI can report it and the gate can fail closed. Directory walks are recursive, sorted and
deterministic; hidden entries (``.git``, ``.DS_Store``) are not entered but are reported once each.
Symbolic links are followed, by directory walks and globs (``**``) alike, but every folder and file
is identified by its device and inode and visited once however many paths reach it (a link loop
under a glob reaches the same file dozens of times). FIFOs, sockets and devices are reported,
never opened.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable

from ..filekind import not_regular
from .globbing import glob_paths

SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".xlsx": "xlsx",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
    ".db": "sqlite",
}


def extension(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def format_of(path: str) -> str | None:
    """The format a path's extension names, or None when unsupported."""
    return SUPPORTED_EXTENSIONS.get(extension(path))


def unsupported_reason(path: str) -> str:
    ext = extension(path) or "no extension"
    supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
    return f"unsupported file type '{ext}' (supported: {supported})"


def _walk(top: str, rejected: list[tuple[str, str]]) -> list[str]:
    found: list[str] = []

    def on_error(exc: OSError) -> None:
        rejected.append((exc.filename or top, f"cannot list directory: {exc.strerror or exc}"))

    visited: set[object] = set()
    for root, dirs, files in os.walk(top, onerror=on_error, followlinks=True):
        here = _identity(root)
        if here in visited:  # a link back to a folder already walked (a loop, or two links to one folder)
            dirs[:] = []
            continue
        visited.add(here)
        hidden = sorted(name for name in dirs + files if name.startswith("."))
        rejected.extend((os.path.join(root, name), "hidden, not scanned") for name in hidden)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
    return found


def _identity(path: str) -> object:
    """The real file behind ``path`` (device and inode), so each is visited once however it is reached."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return os.path.normpath(path)
    return (info.st_dev, info.st_ino)


def expand_paths(paths: Iterable[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """(supported files in a stable order, [(path, reason)] for everything that will not be scanned)."""
    files: list[str] = []
    rejected: list[tuple[str, str]] = []
    seen: set[object] = set()

    def add(path: str) -> None:
        key = _identity(path)
        if key in seen:  # the same file again: through a symbolic link, a glob or a repeated argument
            return
        seen.add(key)
        problem = not_regular(path)  # a FIFO, socket or device: never opened (a FIFO would block)
        if problem:
            rejected.append((path, problem))
        elif format_of(path):
            files.append(path)
        else:
            rejected.append((path, unsupported_reason(path)))

    for path in paths:
        if os.path.isdir(path):
            for found in _walk(path, rejected):
                add(found)
        elif os.path.lexists(path):
            add(path)  # unreadable files fail later in open_tables, with the OS's reason
        elif glob.has_magic(path):
            matches = glob_paths(path)
            if not matches:
                rejected.append((path, "no files match this pattern"))
            for match in matches:
                for found in _walk(match, rejected) if os.path.isdir(match) else [match]:
                    add(found)
        else:
            rejected.append((path, "no such file or directory"))
    return files, rejected
