"""From command-line PATH arguments (files, directories, globs) to the files to scan.

Nothing is dropped silently: every path that will not be scanned comes back with a reason, so the
CLI can report it and the gate can fail closed. A file named on the command line must be scannable
(an unsupported type is an error). Directory walks are recursive, sorted and deterministic, and skip,
reporting each as skipped (counted, not an error): hidden entries (``.git``, ``.DS_Store``, not
entered), what ``.gitignore`` ignores (asked of git, ``gitignore.py``), ``--exclude`` matches and
files of unsupported types (README, images).
Symbolic links are followed, by directory walks and globs (``**``) alike, but every folder and file
is identified by its device and inode and visited once however many paths reach it (a link loop
under a glob reaches the same file dozens of times). FIFOs, sockets and devices are reported,
never opened.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..filekind import not_regular
from . import gitignore
from .compressed import ARCHIVE, COMPRESSIONS
from .globbing import glob_paths, path_matches

#: the PATH argument that reads standard input (``--stdin-format`` says what it holds)
STDIN = "-"

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
    """The format a path's extension names (``data.csv.gz``: the inner ``csv``; ``x.zip``: ``zip``),
    or None when unsupported."""
    ext = extension(path)
    if ext == ARCHIVE:
        return "zip"
    if ext in COMPRESSIONS:
        return SUPPORTED_EXTENSIONS.get(extension(path[: -len(ext)]))
    return SUPPORTED_EXTENSIONS.get(ext)


def unsupported_reason(path: str) -> str:
    ext = extension(path) or "no extension"
    if ext in COMPRESSIONS:
        ext = (extension(path[: -len(ext)]) or "no extension") + ext
    supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
    packed = ", ".join(sorted([*COMPRESSIONS, ARCHIVE]))
    return f"unsupported file type '{ext}' (supported: {supported}; also compressed or archived: {packed})"


@dataclass(frozen=True)
class Skip:
    """An entry a directory walk leaves out on purpose: reported and counted, never an error."""

    path: str
    kind: str  # one of SKIP_KINDS
    reason: str


#: why a walk leaves an entry out: a name starting with a dot, ``.gitignore``, ``--exclude``, a file
#: type no reader supports (README, images)
SKIP_KINDS = ("hidden", "ignored", "excluded", "unsupported")


@dataclass
class Expansion:
    """What PATH arguments turn into: files to scan, inputs that cannot be scanned (errors) and
    entries a walk skipped (counted, not errors)."""

    files: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)


def excluded_by(path: str, patterns: Sequence[str], top: str | None = None) -> str | None:
    """The first ``--exclude`` pattern matching ``path``: a pattern without ``/`` matches a file or
    folder name anywhere; one with ``/`` (``**`` allowed) the path as given or relative to ``top``."""
    if not patterns:
        return None
    spellings = {os.path.normpath(path).replace(os.sep, "/")}
    if top is not None:
        spellings.add(os.path.relpath(path, top).replace(os.sep, "/"))
    name = os.path.basename(os.path.normpath(path))
    for pattern in patterns:
        clean = pattern.replace(os.sep, "/").rstrip("/")
        if "/" not in clean:
            if fnmatch.fnmatchcase(name, clean):
                return pattern
            continue
        wanted = tuple(p for p in clean.removeprefix("./").split("/") if p)
        if any(path_matches(tuple(s.split("/")), wanted) for s in spellings):
            return pattern
    return None


def _walk(top: str, out: Expansion, exclude: Sequence[str]) -> list[str]:
    """Files under ``top`` in a stable order (a folder's files, then its sub-folders, sorted).

    Skipped: hidden entries (not entered), what git ignores (asked of git one folder level at a time,
    ``gitignore.py``), ``--exclude`` matches. Each real folder is entered once (links, loops)."""
    visited: set[object] = set()
    listing: dict[str, tuple[list[str], list[str]]] = {}
    real_top = os.path.realpath(top)
    level = [(top, real_top, gitignore.work_tree(real_top))]
    while level:
        candidates = []  # (folder, path, git work tree, relative to it, is a folder)
        for folder, real, tree in level:
            listing[folder] = ([], [])
            here = _identity(folder)
            if here in visited:  # a link back to a folder already walked (a loop, or two links to one folder)
                continue
            visited.add(here)
            try:
                with os.scandir(folder) as scan:
                    entries = sorted(scan, key=lambda e: e.name)
            except OSError as exc:
                out.rejected.append((folder, f"cannot list directory: {exc.strerror or exc}"))
                continue
            for entry in entries:
                path = entry.name if folder in (".", "./") else os.path.join(folder, entry.name)  # `scan .`: data/x.csv
                if entry.name.startswith("."):
                    out.skipped.append(Skip(path, "hidden", "hidden, not scanned"))
                    continue
                pattern = excluded_by(path, exclude, top)
                if pattern is not None:
                    out.skipped.append(Skip(path, "excluded", f"excluded by --exclude {pattern}"))
                    continue
                try:
                    is_dir = entry.is_dir()  # follows links, as the walk does
                except OSError:
                    is_dir = False
                relative = os.path.relpath(os.path.join(real, entry.name), tree).replace(os.sep, "/") if tree else ""
                candidates.append((folder, path, tree, relative, is_dir))
        ignored: set[tuple[str, str]] = set()
        for tree in {c[2] for c in candidates if c[2]}:
            found = gitignore.ignored(tree, [c[3] for c in candidates if c[2] == tree])
            ignored.update((tree, r) for r in found)
        level = []
        for folder, path, tree, relative, is_dir in candidates:
            if tree and (tree, relative) in ignored:
                out.skipped.append(Skip(path, "ignored", "ignored by .gitignore"))
            elif is_dir:
                listing[folder][1].append(path)
                real = os.path.realpath(path)
                inner = gitignore.work_tree(real) if gitignore.is_repository_root(real) else tree
                level.append((path, real, inner))
            else:
                listing[folder][0].append(path)

    found: list[str] = []

    def emit(folder: str) -> None:
        files, folders = listing.get(folder, ([], []))
        found.extend(files)
        for sub in folders:
            emit(sub)

    emit(top)
    return found


def _identity(path: str) -> object:
    """The real file behind ``path`` (device and inode), so each is visited once however it is reached."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return os.path.normpath(path)
    return (info.st_dev, info.st_ino)


def expand_inputs(paths: Iterable[str], exclude: Sequence[str] = ()) -> Expansion:
    """Files to scan in a stable order, what cannot be scanned and why, and what a walk skipped.

    A file named on the command line must be scannable (unsupported: an error); a directory walk
    skips hidden entries, what ``.gitignore`` ignores, ``--exclude`` matches and unsupported files,
    and reports them as skipped."""
    out = Expansion()
    seen: set[object] = set()

    def add(path: str, walked: bool) -> None:
        key = _identity(path)
        if key in seen:  # the same file again: through a symbolic link, a glob or a repeated argument
            return
        seen.add(key)
        problem = not_regular(path)  # a FIFO, socket or device: never opened (a FIFO would block)
        if problem:
            out.rejected.append((path, problem))
        elif format_of(path):
            out.files.append(path)
        elif walked:
            out.skipped.append(Skip(path, "unsupported", unsupported_reason(path)))
        else:
            out.rejected.append((path, unsupported_reason(path)))

    def named(path: str) -> None:
        pattern = excluded_by(path, exclude)
        if pattern is not None:
            out.skipped.append(Skip(path, "excluded", f"excluded by --exclude {pattern}"))
        elif os.path.isdir(path):
            for found in _walk(path, out, exclude):
                add(found, walked=True)
        else:
            add(path, walked=False)

    for path in paths:
        if path == STDIN:
            if STDIN not in out.files:  # standard input can be read once
                out.files.append(path)
        elif os.path.isdir(path) or os.path.lexists(path):
            named(path)  # unreadable files fail later in open_tables, with the OS's reason
        elif glob.has_magic(path):
            matches = glob_paths(path)
            if not matches:
                out.rejected.append((path, "no files match this pattern"))
            for match in matches:
                named(match)
        else:
            out.rejected.append((path, "no such file or directory"))
    return out


def expand_paths(paths: Iterable[str], exclude: Sequence[str] = ()) -> tuple[list[str], list[tuple[str, str]]]:
    """(supported files in a stable order, [(path, reason)] for everything that cannot be scanned);
    what a walk skips is left out (see :func:`expand_inputs`)."""
    out = expand_inputs(paths, exclude)
    return out.files, out.rejected
