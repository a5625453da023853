"""Share of records that belong to minors (PIPL Art 28/31: under 14), from resident-ID birth dates.

Values reaching here were already validated as resident IDs (checksum and a real date), so the
birth date is read column-wise: characters 7-14 (YYYYMMDD) of the 18-character form, or 19YYMMDD
from characters 7-12 of the legacy 15-character form.
"""

from __future__ import annotations

import datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def birth_dates(values: pa.Array) -> pa.Array:
    """Birth dates (date32, null where unreadable) of valid resident IDs."""
    length = pc.utf8_length(values)
    long_form = pc.utf8_slice_codeunits(values, 6, 14)
    short_form = pc.binary_join_element_wise("19", pc.utf8_slice_codeunits(values, 6, 12), "")
    text = pc.if_else(pc.equal(length, 15), short_form, long_form)
    return pc.cast(pc.strptime(text, format="%Y%m%d", unit="s", error_is_null=True), pa.date32())


def _cutoff(as_of: datetime.date, years: int) -> datetime.date:
    """People born after this date are younger than ``years`` on ``as_of``."""
    try:
        return as_of.replace(year=as_of.year - years)
    except ValueError:  # 29 February
        return as_of.replace(year=as_of.year - years, day=28)


class MinorsCounter:
    """Counts records with a valid resident ID, and those whose holder is under ``minors_age``."""

    def __init__(self, as_of: datetime.date, minors_age: int) -> None:
        self.cutoff = _cutoff(as_of, minors_age)
        self.with_id = 0
        self.minors = 0

    def add(self, values: pa.Array, counts: np.ndarray) -> None:
        births = birth_dates(values)
        known = pc.is_valid(births).to_numpy(zero_copy_only=False)
        young = pc.fill_null(pc.greater(births, pa.scalar(self.cutoff, pa.date32())), False)
        self.with_id += int(counts[known].sum())
        self.minors += int(counts[young.to_numpy(zero_copy_only=False)].sum())

    def merge(self, other: MinorsCounter) -> MinorsCounter:
        """Both inputs' counts (the same reference date and age): sums, so any order gives the same."""
        out = MinorsCounter.__new__(MinorsCounter)
        out.cutoff, out.with_id, out.minors = self.cutoff, self.with_id + other.with_id, self.minors + other.minors
        return out
