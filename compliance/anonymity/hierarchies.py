"""Built-in generalisation hierarchies, applied to a column's distinct values (never row by row).

Level 0 is the value itself and the last level is ``*`` (the value suppressed). Every level maps each
value of the level below to exactly one value (a tree), so generalising never splits a class:

==============  ==========================================================================
kind            levels
==============  ==========================================================================
date            value → month (YYYY-MM) → year → 5-year band (1985-1989) → *
age             value → 5-year band (20-24) → 10-year band (20-29) → 20-year band → *
region_code     GB/T 2260 code → city (PPCC00) → province (PP0000) → *
address         Chinese address → county → city → province (GB/T 2260 names) → *
postal_code     6 digits → 4-digit prefix (1000**) → 2-digit prefix (10****) → *
number          value → range of width w → 10w → 100w → *  (w: a power of ten, span/100)
category        value → *
==============  ==========================================================================

A value a level cannot read (a date that does not parse, an address naming no division) becomes ``*``
at every level above 0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import UsageError
from . import regions

STAR = "*"

LEVELS: dict[str, tuple[str, ...]] = {
    "date": ("value", "month", "year", "5-year band", "*"),
    "age": ("value", "5-year band", "10-year band", "20-year band", "*"),
    "region_code": ("value", "city", "province", "*"),
    "address": ("value", "county", "city", "province", "*"),
    "postal_code": ("value", "4-digit prefix", "2-digit prefix", "*"),
    "number": ("value", "range w", "range 10w", "range 100w", "*"),
    "category": ("value", "*"),
}
KINDS = tuple(LEVELS)

_AGE_HEADER = re.compile(r"(?i)(^|[^a-z])age([^a-z]|$)|年龄|岁")
_POSTAL_HEADER = re.compile(r"(?i)post|zip|邮编|邮政")
_DATE = r"^(?P<year>\d{4})[-/.]?(?P<month>\d{2})[-/.]?(?P<day>\d{2})"


def _text(values: pa.Array) -> pa.Array:
    return values if pa.types.is_string(values.type) else pc.cast(values, pa.string())


def _stars(values: pa.Array) -> pa.Array:
    return pa.array(np.full(len(values), STAR, dtype=object), type=pa.string())


def _or_star(values: pa.Array) -> pa.Array:
    return pc.fill_null(values, STAR)


def _numbers(values: pa.Array) -> pa.Array:
    """Float values; null where a value is not a number."""
    if pa.types.is_integer(values.type) or pa.types.is_floating(values.type):
        return pc.cast(values, pa.float64())
    text = pc.utf8_trim_whitespace(_text(values))
    ok = pc.match_substring_regex(text, r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
    return pc.cast(pc.if_else(ok, text, None), pa.float64())


def _bands(numbers: pa.Array, width: float) -> pa.Array:
    low = pc.multiply(pc.floor(pc.divide(numbers, width)), width)
    if float(width).is_integer():
        low_i = pc.cast(low, pa.int64())
        high_i = pc.subtract(low_i, -int(width) + 1)  # inclusive upper bound
        return pc.binary_join_element_wise(pc.cast(low_i, pa.string()), pc.cast(high_i, pa.string()), "-")
    high = pc.add(low, width)
    return pc.binary_join_element_wise(
        pc.binary_join_element_wise("[", pc.cast(low, pa.string()), ""),
        pc.binary_join_element_wise(pc.cast(high, pa.string()), ")", ""),
        ", ",
    )


def _date(values: pa.Array, level: int) -> pa.Array:
    if pa.types.is_date(values.type) or pa.types.is_timestamp(values.type):
        values = pc.strftime(values, "%Y-%m-%d")
    parts = pc.extract_regex(_text(values), _DATE)
    year, month = pc.struct_field(parts, "year"), pc.struct_field(parts, "month")
    if level == 1:
        out = pc.binary_join_element_wise(year, month, "-")
    elif level == 2:
        out = year
    else:
        out = _bands(pc.cast(year, pa.float64()), 5)
    return _or_star(out)


def _prefix(values: pa.Array, keep: int, width: int, fill: str) -> pa.Array:
    text = pc.utf8_trim_whitespace(_text(values))
    ok = pc.match_substring_regex(text, rf"^\d{{{width}}}$")
    cut = pc.binary_join_element_wise(pc.utf8_slice_codeunits(text, 0, keep), fill * (width - keep), "")
    return _or_star(pc.if_else(ok, cut, None))


def _address(values: pa.Array, level: int) -> pa.Array:
    parts = pc.extract_regex(_text(values), regions.address_pattern())
    province, city, county = (pc.struct_field(parts, n) for n in ("province", "city", "county"))
    if level == 1:
        out = pc.binary_join_element_wise(province, city, county, "")
        named = pc.not_equal(county, "")
    elif level == 2:
        out = pc.binary_join_element_wise(province, city, "")
        # a municipality (北京市朝阳区) has no city level: its province stands for it
        named = pc.or_(pc.not_equal(city, ""), pc.and_(pc.not_equal(province, ""), pc.not_equal(county, "")))
    else:
        out, named = province, pc.not_equal(province, "")
    return _or_star(pc.if_else(named, out, None))


@dataclass(frozen=True)
class Hierarchy:
    kind: str
    width: float = 1.0  # numbers: width of the first range

    @property
    def height(self) -> int:
        return len(LEVELS[self.kind]) - 1

    def label(self, level: int) -> str:
        label = LEVELS[self.kind][level]
        if self.kind == "number" and "w" in label:
            factor = {"range w": 1, "range 10w": 10, "range 100w": 100}[label]
            return f"range of {_fmt(self.width * factor)}"
        return label

    def generalise(self, values: pa.Array, level: int) -> pa.Array:
        """The values at ``level`` (strings; nulls stay null below the top)."""
        if level == 0:
            return values
        if level >= self.height:
            return _stars(values)
        apply: Callable[[], pa.Array] = {
            "date": lambda: _date(values, level),
            "age": lambda: _or_star(_bands(_numbers(values), (5, 10, 20)[level - 1])),
            "region_code": lambda: _prefix(values, (4, 2)[level - 1], 6, "0"),
            "postal_code": lambda: _prefix(values, (4, 2)[level - 1], 6, "*"),
            "address": lambda: _address(values, level),
            "number": lambda: _or_star(_bands(_numbers(values), self.width * 10 ** (level - 1))),
        }[self.kind]
        out = apply()
        return pc.if_else(pc.is_null(values), pa.scalar(None, pa.string()), out)


def _fmt(width: float) -> str:
    return str(int(width)) if float(width).is_integer() else f"{width:g}"


def infer(name: str, values: pa.Array) -> Hierarchy:
    """The hierarchy for a column from its header and its distinct values."""
    present = pc.drop_null(values)
    if len(present) == 0:
        return Hierarchy("category")
    if pa.types.is_date(values.type) or pa.types.is_timestamp(values.type):
        return Hierarchy("date")
    text = pc.utf8_trim_whitespace(_text(present))

    def share(pattern: str) -> float:
        return pc.mean(pc.match_substring_regex(text, pattern).cast(pa.int8())).as_py() or 0.0

    numbers = _numbers(present)
    numeric = numbers.null_count == 0
    if numeric and _AGE_HEADER.search(name) and pc.min(numbers).as_py() >= 0 and pc.max(numbers).as_py() <= 150:
        return Hierarchy("age")
    if share(_DATE + r"([ T].*)?$") >= 0.95:
        return Hierarchy("date")
    if share(r"^\d{6}$") >= 0.95:
        known = pc.mean(pc.is_in(text, value_set=pa.array(sorted(regions.codes()))).cast(pa.int8())).as_py()
        if known >= 0.9 and not _POSTAL_HEADER.search(name):
            return Hierarchy("region_code")
        if _POSTAL_HEADER.search(name) or known < 0.9:
            return Hierarchy("postal_code")
    if numeric:
        span = pc.max(numbers).as_py() - pc.min(numbers).as_py()
        width = 10.0 ** math.floor(math.log10(span / 100)) if span > 0 else 1.0
        return Hierarchy("number", max(width, 1.0) if pc.all(pc.equal(pc.floor(numbers), numbers)).as_py() else width)
    parts = pc.extract_regex(text, regions.address_pattern())
    named = pc.not_equal(pc.struct_field(parts, "province"), "")
    named = pc.or_(named, pc.not_equal(pc.struct_field(parts, "city"), ""))
    if (pc.mean(named.cast(pa.int8())).as_py() or 0.0) >= 0.8:
        return Hierarchy("address")
    return Hierarchy("category")


def parse_kind(text: str) -> tuple[str, Hierarchy]:
    """``COLUMN=KIND`` from the command line."""
    column, sep, kind = text.rpartition("=")
    if not sep or not column or kind not in KINDS:
        raise UsageError(f"--hierarchy {text!r}: expected COLUMN=KIND with KIND one of {', '.join(KINDS)}")
    return column, Hierarchy(kind)


@dataclass
class Levels:
    """One column's hierarchy applied to its distinct values: for each level, a map from the column's
    codes to generalised codes, the generalised values, and the level's information loss."""

    hierarchy: Hierarchy
    maps: list[np.ndarray]
    values: list[pa.Array]
    loss: list[float]


def build_levels(hierarchy: Hierarchy, values: pa.Array, counts: np.ndarray) -> Levels:
    """Precompute every level. Loss (Iyengar's LM) of a level: mean over records of
    ``(distinct original values under the record's generalised value - 1) / (distinct values - 1)``."""
    maps, outs, losses = [], [], []
    distinct = len(values)
    total = max(int(counts.sum()), 1)
    for level in range(hierarchy.height + 1):
        general = hierarchy.generalise(values, level)
        encoded = pc.dictionary_encode(general, null_encoding="encode")
        mapping = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
        leaves = np.bincount(mapping, minlength=len(encoded.dictionary))
        loss = 0.0 if distinct <= 1 else float((counts * (leaves[mapping] - 1)).sum()) / (distinct - 1) / total
        maps.append(mapping)
        outs.append(encoded.dictionary)
        losses.append(loss)
    return Levels(hierarchy, maps, outs, losses)
