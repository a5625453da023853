"""Glob patterns whose ``**`` never loops: each real folder is entered once.

``glob.glob(..., recursive=True)`` follows symbolic links to folders under ``**``. One link back
to a parent makes it list the same file once per level until the system's link limit (41 times);
three such links make the work grow as 3 to the 40th power, which is a hang. Patterns with ``**``
are therefore matched here, component by component (``fnmatch`` rules, hidden names only matched by
a pattern that starts with a dot, as glob does), over one walk that enters each real folder, by
device and inode, once. Patterns without ``**`` are bounded in depth and stay with ``glob``.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from functools import cache


def _real(path: str) -> tuple[int, int] | str:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return os.path.normpath(path)
    return (info.st_dev, info.st_ino)


def _matches(parts: tuple[str, ...], patterns: tuple[str, ...]) -> bool:
    @cache
    def match(i: int, j: int) -> bool:
        if j == len(patterns):
            return i == len(parts)
        if patterns[j] == "**":
            return any(match(k, j + 1) for k in range(i, len(parts) + 1) if all(_visible(p) for p in parts[i:k]))
        if i == len(parts):
            return False
        name, pattern = parts[i], patterns[j]
        if name.startswith(".") and not pattern.startswith("."):
            return False
        return fnmatch.fnmatchcase(name, pattern) and match(i + 1, j + 1)

    return match(0, 0)


def path_matches(parts: tuple[str, ...], patterns: tuple[str, ...]) -> bool:
    """Whether the path ``parts`` matches the pattern ``patterns`` component by component (``**`` any depth)."""
    return _matches(parts, patterns)


def _folder_spellings(parts: tuple[str, ...], patterns: tuple[str, ...]) -> list:
    """How glob spells a matching folder: ``d/sub/`` when a final ``**`` matches nothing after it,
    ``d/sub`` when the pattern matches the folder's own name (both, when both hold)."""
    if patterns and patterns[-1] == "**":
        spellings = [(*parts, "")] if _matches(parts, patterns[:-1]) else []
        rest = patterns[:-1]
        if any(_matches(parts[:i], rest) and all(map(_visible, parts[i:])) for i in range(len(parts))):
            spellings.append(parts)
        return spellings
    return [parts] if _matches(parts, patterns) else []


def _visible(name: str) -> bool:
    return not name.startswith(".")


def glob_paths(pattern: str, root_dir: str | os.PathLike | None = None) -> list[str]:
    """Sorted paths matching ``pattern`` (relative to ``root_dir`` when given and the pattern is relative),
    spelled like ``glob.glob``'s; folders reached twice through links are walked only once."""
    if "**" not in pattern:
        return sorted(glob.glob(pattern, root_dir=root_dir, recursive=True))
    components = pattern.replace(os.sep, "/").split("/")
    fixed: list[str] = []
    for part in components:
        if glob.has_magic(part):
            break
        fixed.append(part)
    patterns = tuple(p for p in components[len(fixed) :] if p != "")
    start = "/".join(fixed) if fixed else ""
    if pattern.startswith("/") and not start:
        start = "/"
    base = os.path.join(root_dir, start) if root_dir is not None and not os.path.isabs(start) else start
    top = base or "."
    if not os.path.isdir(top):
        return []
    found: list[str] = []
    visited: set[object] = set()
    for root, dirs, files in os.walk(top, followlinks=True):
        here = _real(root)
        if here in visited:
            dirs[:] = []
            continue
        visited.add(here)
        dirs.sort()
        relative = os.path.relpath(root, top)
        parts = () if relative == "." else tuple(relative.split(os.sep))
        if parts:
            found.extend(_folder_spellings(parts, patterns))
        found.extend((*parts, name) for name in files if _matches((*parts, name), patterns))
        dirs[:] = [d for d in dirs if _visible(d) or any(p.startswith(".") for p in patterns)]
    if all(p == "**" for p in patterns) and start:  # ``data/**`` also names ``data/`` itself
        found.append(())
    return sorted(dict.fromkeys(_join(start, parts) for parts in found))


def _join(start: str, parts: tuple[str, ...]) -> str:
    if not parts:
        return start.rstrip("/") + "/"
    return os.path.join(start, *parts) if start else os.path.join(*parts)
