"""Tally many columns at once: small columns share each regex call, so wide tables stay fast.

A regex call through ``pyarrow.compute`` costs about a tenth of a millisecond before it looks at a
single value (RE2 compiles the pattern on every call), and a column of a sampled batch meets some
twenty patterns. For a table of 16 columns that is nothing; for 10,000 columns of 1,000 sampled
rows it was most of a 42-second scan. Here the distinct values of small columns are concatenated
(up to ``GROUP_VALUES`` values), every pattern runs once over the concatenation, and each column's
slice of the matches is handed to :func:`~compliance.detect.tally.tally_column` as ``masks``. A match
is a property of the value alone, so every tally is exactly what the per-column calls produce.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .detectors import ValueDetector
from .tally import NUMERIC, PROSE, ColumnTally, ValueSink, _bools, distinct_values, embedded_pattern, tally_column

#: distinct values tallied together (one regex call per pattern for all of them)
GROUP_VALUES = 1 << 16
#: a column with at least this many distinct values pays for its own calls anyway: tallied alone
ALONE_VALUES = 1 << 12


@dataclass
class ColumnJob:
    array: pa.Array
    tally: ColumnTally
    detectors: list[ValueDetector]
    embedded: list[ValueDetector]
    sink: ValueSink | None
    shape: bool

    def patterns(self) -> list[str]:
        found = [d.anchored for d in self.detectors]
        if self.shape:
            found += [PROSE, NUMERIC]
        if self.embedded:
            found.append(embedded_pattern(self.embedded))
        return found


def _alone(job: ColumnJob, distinct=None) -> None:
    tally_column(
        job.array, job.tally, job.detectors, embedded=job.embedded, sink=job.sink, shape=job.shape, distinct=distinct
    )


def _prepared(job: ColumnJob):
    if not job.detectors and not job.embedded:
        _alone(job)  # only counts values: no regex at all
        return None
    return job, distinct_values(job.array, job.tally)


def _run_group(group: list) -> None:
    if len(group) == 1:
        job, distinct = group[0]
        _alone(job, distinct)
        return
    patterns = list(dict.fromkeys(p for job, _ in group for p in job.patterns()))
    values = pa.concat_arrays([distinct[0] for _, distinct in group])
    masks = _masks(values, patterns, {d.anchored for job, _ in group for d in job.detectors})
    start = 0
    for job, distinct in group:
        end = start + len(distinct[0])
        tally_column(
            job.array,
            job.tally,
            job.detectors,
            embedded=job.embedded,
            sink=job.sink,
            shape=job.shape,
            distinct=distinct,
            masks={p: m[start:end] for p, m in masks.items()},
        )
        start = end


def _masks(values: pa.Array, patterns: list[str], anchored: set[str]) -> dict[str, np.ndarray]:
    """Each pattern's matches over ``values``. The detectors' whole-value patterns first go through
    one alternation of them all (one RE2 pass instead of twenty): each then only runs over the values
    the alternation matched, since a value no pattern matches matches none of them."""
    whole = [p for p in patterns if p in anchored]
    masks = {p: _bools(pc.match_substring_regex(values, p)) for p in patterns if p not in anchored}
    if not whole:
        return masks
    candidates = np.flatnonzero(_bools(pc.match_substring_regex(values, "|".join(f"(?:{p})" for p in whole))))
    subset = values.take(pa.array(candidates)) if len(candidates) < len(values) else values
    for pattern in whole:
        mask = np.zeros(len(values), dtype=bool)
        if len(candidates):
            mask[candidates] = _bools(pc.match_substring_regex(subset, pattern))
        masks[pattern] = mask
    return masks


def _groups(prepared: Iterable) -> list[list]:
    groups: list[list] = []
    pending: list = []
    size = 0
    for item in prepared:
        if item is None:
            continue
        count = len(item[1][0])
        if count >= ALONE_VALUES:
            groups.append([item])
            continue
        pending.append(item)
        size += count
        if size >= GROUP_VALUES:
            groups.append(pending)
            pending, size = [], 0
    if pending:
        groups.append(pending)
    return groups


def tally_columns(jobs: list[ColumnJob], map_: Callable = map) -> None:
    """Tally every job; ``map_`` may run the steps on a thread pool (each step's columns are independent)."""
    prepared = list(map_(_prepared, jobs))
    list(map_(_run_group, _groups(prepared)))


__all__ = ["ALONE_VALUES", "GROUP_VALUES", "ColumnJob", "tally_columns"]
