"""Which entries of a directory walk ``.gitignore`` ignores, asked of git itself.

``git check-ignore`` applies every rule git applies: nested ``.gitignore`` files, negations,
``.git/info/exclude`` and the user's ``core.excludesFile``; a tracked file is never ignored. A
re-implementation (or a pattern library fed each ``.gitignore`` by hand) would differ from git at
the edges, and the question a user asks is "does git ignore it". The walk asks once per folder level
(one process for all the entries of that depth), never once per file.

Outside a git work tree, or without a ``git`` executable, nothing is ignored: when in doubt the walk
scans more, not less.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
from collections.abc import Iterable

log = logging.getLogger(__name__)

_TIMEOUT = 60


@functools.cache
def _git() -> str | None:
    return shutil.which("git")


def _run(args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess | None:
    git = _git()
    if git is None:
        return None
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    try:
        return subprocess.run([git, *args], input=data, capture_output=True, timeout=_TIMEOUT, env=env, check=False)
    except (OSError, subprocess.SubprocessError):
        log.debug("git %s failed", args[:3], exc_info=True)
        return None


def work_tree(folder: str) -> str | None:
    """The top folder of the git work tree holding ``folder`` (a real path), or None."""
    done = _run(["-C", folder, "rev-parse", "--show-toplevel"])
    if done is None or done.returncode != 0:
        return None
    top = done.stdout.decode("utf-8", "surrogateescape").strip()
    return os.path.realpath(top) if top else None


def is_repository_root(folder: str) -> bool:
    """A folder with its own ``.git`` (a nested repository or a submodule): its own rules apply inside."""
    return os.path.lexists(os.path.join(folder, ".git"))


def ignored(top: str, relative: Iterable[str]) -> set[str]:
    """The paths among ``relative`` (relative to the work tree ``top``, ``/``-separated) git ignores."""
    wanted = [p for p in relative if p and not p.startswith("../")]
    if not wanted:
        return set()
    data = b"\0".join(p.encode("utf-8", "surrogateescape") for p in wanted) + b"\0"
    done = _run(["-C", top, "check-ignore", "-z", "--stdin"], data)
    if done is None or done.returncode not in (0, 1):  # 1: none ignored; 128: git could not tell
        if done is not None:
            log.debug("git check-ignore exited %s: %s", done.returncode, done.stderr[:200])
        return set()
    return {p.decode("utf-8", "surrogateescape") for p in done.stdout.split(b"\0") if p}
