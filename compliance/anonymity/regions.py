"""GB/T 2260 division codes and names for region hierarchies: county → city (prefecture) → province.

Codes and names come from python-stdnum's ``stdnum/cn/loc.dat`` (an installed dependency, the same
source as the lexicon's ``cn_divisions.txt``); province short forms from the lexicon's
``cn_provinces.txt``. A code ``PPCCXX`` has its city at ``PPCC00`` and its province at ``PP0000``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from ..detect.lexicon import _data
from ..detect.lexicon._places import short_forms

_ENTRY = re.compile(r'^(\s*)(\d{2,4})\s+(?:province|county)="(?:\[[^\]]*\])?([^"]+)"')
_NOT_A_CITY = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


@cache
def divisions() -> dict[str, str]:
    """Six-digit code → official name (former codes included: old IDs keep them)."""
    text = (resources.files("stdnum") / "cn" / "loc.dat").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    province = None
    for line in text.splitlines():
        match = _ENTRY.match(line)
        if not match:
            continue
        indent, code, name = match.groups()
        if not indent:
            province = code
            names[f"{code}0000"] = name
        elif province is not None:
            names.setdefault(f"{province}{code}", name)
    return names


@cache
def codes() -> frozenset[str]:
    return frozenset(divisions())


def _alternation(names) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


@cache
def address_pattern() -> str:
    """RE2 pattern splitting a Chinese address into province, city and county prefixes."""
    provinces = set()
    for row in _data.lines("cn_provinces.txt"):
        provinces.update(row)
    cities, counties, short = set(), set(), set()
    for code, name in divisions().items():
        if code.endswith("0000") or name in _NOT_A_CITY:
            continue
        (cities if code.endswith("00") else counties).add(name)
        if code.endswith("00"):
            short.update(s for s in short_forms(name) if len(s) >= 2)
    # a city's short form that begins a county name (朝阳 of 朝阳市 and 朝阳区) would cut the county
    cities |= {s for s in short if not any(c.startswith(s) for c in counties)}
    return (
        f"^(?P<province>(?:{_alternation(provinces)})?)(?P<city>(?:{_alternation(cities)})?)"
        f"(?P<county>(?:{_alternation(counties)})?)"
    )
