"""Chinese place names, full (``杭州市``) and short (``杭州``), shared by the name and address checks.

``cn_divisions.txt`` lists the official names of GB/T 2260 divisions; people write most of them
without the type word (``杭州``, ``西湖``, ``三江`` for ``三江侗族自治县``). The short forms are derived
here at load time so the data file stays a plain copy of its source.
"""

from __future__ import annotations

import re
from functools import cache

from . import _data

_ETHNIC_TAIL = re.compile(r"(?:[^族]{1,3}族)+")


@cache
def _type_words() -> tuple[str, ...]:
    """Division type words (市, 自治县, 特别行政区 ...), longest first."""
    return tuple(sorted(_data.by_kind("cn_address_words.txt", "admin"), key=len, reverse=True))


def short_forms(name: str) -> set[str]:
    """``三江侗族自治县`` → {``三江``}; ``沈北新区`` → {``沈北``, ``沈北新``}.

    Stems under two characters are dropped: ``夏县`` has no short form.
    """
    out = set()
    for word in _type_words():
        if name.endswith(word) and len(name) - len(word) >= 2:
            stem = name[: -len(word)]
            ethnic = next((k for k in range(2, len(stem)) if _ETHNIC_TAIL.fullmatch(stem, k)), None)
            out.add(stem[:ethnic] if ethnic else stem)
    return out


@cache
def provinces() -> frozenset[str]:
    """Provincial-level names, official and short (``浙江省``, ``浙江``, ``内蒙古``)."""
    return _data.words("cn_provinces.txt")


@cache
def divisions() -> frozenset[str]:
    """Official names of all divisions (province, prefecture, county levels)."""
    return _data.words("cn_divisions.txt") | provinces()


@cache
def all_place_names() -> frozenset[str]:
    """Official and short names: values that are a place, never a person."""
    full = divisions()
    return full.union(*map(short_forms, full))
