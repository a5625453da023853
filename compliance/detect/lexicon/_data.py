"""Read the lexicon's word lists once, from inside the package.

The lists are plain UTF-8 text shipped as package data (``setup.cfg``: ``compliance.detect.lexicon =
*.txt``) and read through ``importlib.resources``, so they work from a source checkout, an
installed wheel or a zip. Each file starts with a ``#`` comment block naming its source and
licence; ``#`` lines and blank lines are skipped. Every loader is cached: a file is parsed once
per process and the detectors only do set look-ups afterwards.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ...errors import UsageError


@cache
def lines(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of ``name`` as tuples of whitespace-separated fields, comments dropped."""
    try:
        text = (resources.files(__package__) / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"lexicon file {name} is missing or unreadable ({exc.__class__.__name__}); reinstall the package"
        ) from exc
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(tuple(line.split()))
    return tuple(rows)


@cache
def words(name: str, *, upper: bool = False) -> frozenset[str]:
    """Every field of every entry of ``name`` (variants included), optionally upper-cased."""
    return frozenset(f.upper() if upper else f for row in lines(name) for f in row)


@cache
def phrases(name: str, *, skip_first: bool = False, upper: bool = False) -> frozenset[str]:
    """Multi-word entries (``us_states.txt``: ``NY New York``) joined back with single spaces."""
    out = set()
    for row in lines(name):
        fields = row[1:] if skip_first else row
        if fields:
            text = " ".join(fields)
            out.add(text.upper() if upper else text)
    return frozenset(out)


@cache
def by_kind(name: str, kind: str) -> frozenset[str]:
    """Words of a ``word kind`` file (``cn_address_words.txt``) that have the given kind."""
    return frozenset(row[0] for row in lines(name) if len(row) == 2 and row[1] == kind)
