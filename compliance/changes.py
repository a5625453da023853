"""Files changed since a git ref, for ``compliance scan --since REF`` (fast pull-request checks).

"Changed" is what a pull request changes plus what is not committed yet: ``git diff REF...HEAD``
(since the merge base, so commits on the target branch do not count), the working tree and index
against ``HEAD``, and untracked files. Paths come back absolute and resolved, to compare with the
manifests' and datasets' own paths. Every git problem (not a repository, unknown ref, shallow clone
without the merge base, git missing) is one clear UsageError: the gate never passes on a guess.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import ComplianceError, UsageError
from .manifest import is_url

TIMEOUT = 120


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=TIMEOUT, check=False)
    except FileNotFoundError:
        raise UsageError("--since needs git, and git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"--since: 'git {args[0]}' did not finish within {TIMEOUT} s") from None


def _first_line(raw: bytes) -> str:
    lines = raw.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else "no message"


def _names(raw: bytes, top: Path) -> set[Path]:
    return {(top / name).resolve() for name in raw.decode("utf-8", "surrogateescape").split("\0") if name}


def changed_files(ref: str, cwd: str | Path = ".") -> set[Path]:
    """Absolute paths changed since ``ref`` (committed since the merge base, staged, unstaged, untracked)."""
    where = Path(cwd).resolve()
    if not ref or ref.startswith("-"):
        raise UsageError(f"--since: '{ref}' is not a git ref")
    top = _git(["rev-parse", "--show-toplevel"], where)
    if top.returncode != 0:
        raise UsageError(f"--since needs a git repository, and {where} is not inside one")
    root = Path(top.stdout.decode("utf-8", "surrogateescape").strip())
    if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], where).returncode != 0:
        raise UsageError(f"--since: unknown git ref '{ref}' (fetch it first, e.g. git fetch origin {ref})")
    found: set[Path] = set()
    for args in (
        ["diff", "--name-only", "-z", "--no-renames", f"{ref}...HEAD"],
        ["diff", "--name-only", "-z", "--no-renames", "HEAD"],
        ["ls-files", "--others", "--exclude-standard", "-z"],
    ):
        done = _git(args, root)
        if done.returncode != 0:
            hint = " (a shallow clone? fetch the full history, e.g. fetch-depth: 0)" if "..." in args[-1] else ""
            raise UsageError(f"--since: git {' '.join(args[:2])} failed: {_first_line(done.stderr)}{hint}")
        found |= _names(done.stdout, root)
    return found


def touches(path: str | Path, changed: set[Path]) -> bool:
    """``path`` (a file, or a folder holding files) is among ``changed``."""
    target = Path(path).resolve()
    return target in changed or any(c.is_relative_to(target) for c in changed)


def manifest_changed(manifest, changed: set[Path]) -> bool:
    """A manifest counts as changed when it or its source data changed; a source that cannot be
    resolved (a glob matching nothing) counts as changed, so that the scan reports it."""
    if touches(manifest.path, changed):
        return True
    try:
        sources = manifest.source_paths()
    except ComplianceError:
        return True
    return any(not is_url(source) and touches(source, changed) for source in sources)
