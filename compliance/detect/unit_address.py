"""Chinese unit addresses: ``6号院10号楼2门2531``, ``3栋2单元501室``, ``阳光小区5幢1单元302``.

Exports from property, delivery and HR systems often hold only the part of an address below the
road: compound, building, entrance, floor and room. On its own that names one household within a
compound (a LOCATION), but it has no division or road for the lexicon's address check to anchor on.

Shape: an optional estate name (Han characters ending in 小区, 花园, 苑 ...), then at least two
number + unit-word parts (``6号院`` ``10号楼`` ``2门``), then optionally a room number (``2531``,
``501室``). Numbers are ASCII digits (values are NFKC-normalised first), a letter or Chinese
numerals. One part alone (``3号``, ``2楼``) is not enough: too many other things are numbered so.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .vectorised import matches, string_array, strip

_NUM = "(?:[0-9]{1,5}|[A-Za-z]|[一二三四五六七八九十百两零〇]{1,4})"
_UNIT = "(?:号院|号楼|号门|号|栋|幢|座|单元|门|楼|层|室|户|期|排)"
_ESTATE = "(?:小区|花园|家园|苑|园|公寓|大厦|社区|新村|里|庄|村)"
_ROOM = "(?:[0-9]{1,6}[A-Za-z]?(?:室|号|房)?)"
#: RE2 and Python ``re`` read this pattern the same way (no look-around, ASCII classes)
_HAN = "[\u3400-\u9fff]"  # the characters themselves: RE2 has no \\u escape
UNIT_ADDRESS = rf"^(?:{_HAN}{{1,12}}{_ESTATE})?(?:{_NUM}{_UNIT}[-－]?){{2,6}}{_ROOM}?$"
_UNIT_ADDRESS = re.compile(UNIT_ADDRESS)
#: a cheap necessary condition, for the LOCATION prefilter
UNIT_ADDRESS_HINT = rf"{_NUM}{_UNIT}[-－]?{_NUM}{_UNIT}"
MAX_LEN = 60


def is_unit_address(value: str) -> bool:
    text = value.strip()
    return len(text) <= MAX_LEN and _UNIT_ADDRESS.match(text) is not None


def unit_address_mask(values: pa.Array) -> np.ndarray:
    """``is_unit_address`` of every value (one RE2 match; the length bound over code points)."""
    values = strip(string_array(values))
    short = pc.fill_null(pc.less_equal(pc.utf8_length(values), MAX_LEN), False).to_numpy(zero_copy_only=False)
    return matches(values, UNIT_ADDRESS) & short
