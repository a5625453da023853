"""Regular-expression pieces written once and used by both engines: Python ``re`` and RE2.

The scalar checks run Python ``re``; the column masks run the same rules through RE2 (inside
``pyarrow.compute``). Where the two engines differ (``\\s`` and ``\\d`` are Unicode in Python and
ASCII in RE2, RE2 has no look-around), the shared pieces spell the character sets out, so that a
pattern means the same in both. ``to_re2`` only rewrites escapes: ``\\u4e00`` → ``\\x{4e00}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Ranges = tuple[tuple[int, int], ...]

#: exactly the characters for which ``str.isspace()`` is true (what ``str.split()``/``strip()`` use)
SPACE = r"[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
#: the Han ranges the lexicon treats as Chinese characters (CJK Extension A and the URO)
HAN_RANGES: Ranges = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")


def py_class(ranges: Ranges) -> str:
    """A Python character class of code-point ranges (Basic Multilingual Plane)."""
    return "[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + "]"


def re2_class(ranges: Ranges, minus: str = "") -> str:
    """An RE2 character class of code-point ranges, without the characters of ``minus``."""
    out, removed = [], sorted(ord(c) for c in minus)
    for low, high in ranges:
        for cut in (c for c in removed if low <= c <= high):
            if low < cut:
                out.append((low, cut - 1))
            low = cut + 1
        if low <= high:
            out.append((low, high))
    return "[" + "".join(f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in out) + "]"


HAN = py_class(HAN_RANGES)


def to_re2(pattern: str) -> str:
    """The RE2 spelling of a pattern written with Python ``\\uXXXX``/``\\xXX`` escapes."""
    return _ESCAPE.sub(lambda m: "\\x{" + (m.group(1) or m.group(2)) + "}", pattern)


def alternation(words: Iterable[str]) -> str:
    """Words as an alternation, longest first, so both engines prefer the longest word at a position."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
