"""What kind of file a path is, from ``os.stat`` alone: never open what is not a regular file.

Opening a FIFO for reading blocks until a writer appears (forever, in CI); a socket cannot be
opened; a device such as ``/dev/zero`` or ``/dev/urandom`` never ends. Datasets and configuration
files are regular files, so everything else is refused with one clear line before it is opened.
"""

from __future__ import annotations

import os
import stat

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def kind_of(mode: int) -> str | None:
    """A human name for a non-regular file mode, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_regular(path: str | os.PathLike) -> str | None:
    """Why ``path`` cannot be read as a file (``is a named pipe (FIFO), not a regular file``), or None.

    None also for a directory (callers walk it or say so in their own words) and when ``stat`` fails
    (the caller's own open then reports the operating system's reason). Symbolic links are followed.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    kind = None if stat.S_ISDIR(mode) else kind_of(mode)
    return None if kind is None else f"is {kind}, not a regular file (not opened)"
