"""Tally many columns at once: small columns share each regex call, so wide tables stay fast.

A regex call through ``pyarrow.compute`` costs about a tenth of a millisecond before it looks at a
single value (RE2 compiles the pattern on every call), and a column of a sampled batch meets some
twenty patterns. For a table of 16 columns that is nothing; for 10,000 columns of 1,000 sampled
rows it was most of a 42-second scan. Here the distinct values of small columns are concatenated
(up to ``GROUP_VALUES`` values), every pattern runs once over the concatenation, and each column's
slice of the matches is handed to :func:`~compliance.detect.tally.tally_column` as ``masks``. A match
is a property of the value alone, so every tally is exactly what the per-column calls produce.

The per-column steps are shared too: the distinct values of small columns are found together
(``distinct_group.py``), and a group of columns that look for the same detectors is tallied as one
array (each detector's candidates validated in one call, the counts split per column with
``numpy.bincount``); only columns with a hit get per-column work (examples, fact sinks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .detectors import ValueDetector
from .distinct_group import distinct_many
from .tally import (
    NUMERIC,
    PROSE,
    PROSE_MIN_CHARS,
    ColumnTally,
    ValueSink,
    _bools,
    _tally_embedded,
    claim_values,
    distinct_values,
    embedded_pattern,
    tally_column,
)

#: distinct values tallied together (one regex call per pattern for all of them)
GROUP_VALUES = 1 << 16
#: a column with at least this many distinct values pays for its own calls anyway: tallied alone
ALONE_VALUES = 1 << 12
#: cells whose distinct values are found in one pass (distinct_group.py); a column of at least
#: ``ALONE_CELLS`` cells (a --full batch) finds its own
GROUP_CELLS = 1 << 20
ALONE_CELLS = 1 << 15
#: up to this many values, each pattern runs over all of them (``_masks``): compiling fewer patterns
#: beats scanning fewer values
DIRECT_VALUES = 1 << 14


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


def _counted_only(job: ColumnJob) -> bool:
    return not job.detectors and not job.embedded


def _prepared(job: ColumnJob):
    if _counted_only(job):
        _alone(job)  # only counts values: no regex at all
        return None
    return job, distinct_values(job.array, job.tally)


def _prepared_many(jobs: list[ColumnJob]) -> list:
    """(job, distinct values) of small columns, found in one pass over all their cells."""
    if len(jobs) == 1:
        return [_prepared(jobs[0])]
    distinct = distinct_many([job.array for job in jobs], [job.tally for job in jobs])
    return list(zip(jobs, distinct, strict=True))


def _run_group(group: list) -> None:
    if len(group) == 1:
        job, distinct = group[0]
        _alone(job, distinct)
        return
    job = group[0][0]
    patterns = job.patterns()
    values = pa.concat_arrays([distinct[0] for _, distinct in group])
    masks = _masks(values, patterns, {d.anchored for d in job.detectors})
    _tally_together(group, values, masks)


def _tally_together(group: list, values: pa.Array, masks: dict[str, np.ndarray]) -> None:
    """``tally_column`` of every job of ``group`` (same detectors, embedded detectors and shape) over
    the concatenation of their distinct values: one validation call per detector for all of them."""
    jobs = [job for job, _ in group]
    first = jobs[0]
    sizes = [len(distinct[0]) for _, distinct in group]
    counts = np.concatenate([distinct[1] for _, distinct in group])
    owner = np.repeat(np.arange(len(jobs)), sizes)
    starts = np.concatenate([[0], np.cumsum(sizes)]).tolist()

    def per_column(where: np.ndarray, weights: np.ndarray = counts) -> list[int]:
        return np.bincount(owner[where], weights=weights[where], minlength=len(jobs)).astype(np.int64).tolist()

    everything = np.ones(len(values), dtype=bool)
    for job, number in zip(jobs, per_column(everything), strict=True):
        job.tally.non_null += number
    if first.shape:
        long_enough = _bools(pc.greater_equal(pc.utf8_length(values), PROSE_MIN_CHARS))
        prose, bare = per_column(masks[PROSE] & long_enough), per_column(masks[NUMERIC])
        for job, in_prose, in_digits in zip(jobs, prose, bare, strict=True):
            job.tally.prose += in_prose
            job.tally.bare_digits += in_digits
    claimed = np.zeros(len(values), dtype=bool)

    def matching(pattern: str) -> np.ndarray:
        return np.flatnonzero(masks[pattern] & ~claimed)

    for detector, hit, valid in claim_values(values, first.detectors, claimed, matching):
        _record(detector, jobs, owner[hit], valid, counts[hit])
    if first.embedded:
        combined = embedded_pattern(first.embedded)
        searched = masks[combined] & ~claimed
        for column in np.unique(owner[searched]).tolist():
            job, distinct = group[column]
            start, end = starts[column], starts[column + 1]
            local = {combined: masks[combined][start:end]}
            _tally_embedded(distinct[0], distinct[1], claimed[start:end], job.tally, job.embedded, job.sink, local)


def _record(detector: ValueDetector, jobs: list[ColumnJob], owners, valid: pa.Array, weights: np.ndarray) -> None:
    """What ``tally_column`` records for one detector's valid values, split per column (``owners``
    ascending: each column's values are one run, in the column's order)."""
    plausible = None if detector.masked or detector.plausible is None else detector.plausible(valid)
    sinking = not detector.masked and any(jobs[c].sink is not None for c in np.unique(owners).tolist())
    passed = (detector.canonical(valid) if detector.canonical else valid) if sinking else None
    columns, firsts = np.unique(owners, return_index=True)
    ends = np.append(firsts[1:], len(owners))
    for column, start, end in zip(columns.tolist(), firsts.tolist(), ends.tolist(), strict=True):
        job = jobs[column]
        entry = job.tally.get(detector.entity)
        share = weights[start:end]
        if detector.masked:
            entry.masked += int(share.sum())
        else:
            entry.full += int(share.sum())
            if plausible is not None:
                entry.plausible += int(share[plausible[start:end]].sum())
        hashes = None
        if passed is not None and job.sink is not None:
            hashes = job.sink(detector.entity, passed.slice(start, end - start), share)
        entry.add_examples(valid.slice(start, end - start), detector.entity, hashes)


def _alternation(patterns: list[str]) -> str:
    return patterns[0] if len(patterns) == 1 else "|".join(f"(?:{p})" for p in patterns)


def _masks(values: pa.Array, patterns: list[str], anchored: set[str]) -> dict[str, np.ndarray]:
    """Each pattern's matches over ``values``.

    RE2 compiles a pattern on every call, and a detector's pattern may take milliseconds to compile
    (the name pattern's Unicode classes), so up to ``DIRECT_VALUES`` values, where compiling costs
    more than scanning, every pattern runs once over all of them. Over more (a wide table's sample,
    where most values match nothing), the detectors' whole-value patterns first go through one
    alternation of them all (one RE2 pass instead of twenty); the values it matches are then split
    between halves of the patterns (``_known_matches``), since a value that matches an alternation
    matches one of its parts and a value no pattern matches matches none of them."""
    whole = [p for p in patterns if p in anchored]
    masks = {p: _bools(pc.match_substring_regex(values, p)) for p in patterns if p not in anchored}
    if len(values) <= DIRECT_VALUES:
        masks.update({p: _bools(pc.match_substring_regex(values, p)) for p in whole})
        return masks
    for pattern in whole:
        masks[pattern] = np.zeros(len(values), dtype=bool)
    candidates = np.flatnonzero(_bools(pc.match_substring_regex(values, _alternation(whole)))) if whole else []
    if len(candidates):
        subset = values.take(pa.array(candidates)) if len(candidates) < len(values) else values
        _known_matches(subset, candidates, whole, masks)
    return masks


def _known_matches(values: pa.Array, where: np.ndarray, patterns: list[str], masks: dict[str, np.ndarray]) -> None:
    """Set ``masks[p][where[i]]`` for every pattern ``p`` that ``values[i]`` matches, knowing that each
    value matches the alternation of ``patterns``: a lone pattern needs no call; otherwise the first
    half's alternation runs over all of them, the second half's only over those the first matched
    (the others must match the second half)."""
    if not len(where):
        return
    if len(patterns) == 1:
        masks[patterns[0]][where] = True
        return
    first, second = patterns[: len(patterns) // 2], patterns[len(patterns) // 2 :]
    in_first = _bools(pc.match_substring_regex(values, _alternation(first)))
    both = np.zeros(len(where), dtype=bool)
    if in_first.any():
        chosen = values.filter(pa.array(in_first)) if not in_first.all() else values
        _known_matches(chosen, where[in_first], first, masks)
        both[in_first] = _bools(pc.match_substring_regex(chosen, _alternation(second)))
    in_second = ~in_first | both
    chosen = values.filter(pa.array(in_second)) if not in_second.all() else values
    _known_matches(chosen, where[in_second], second, masks)


def _alike(job: ColumnJob) -> tuple:
    """Jobs tallied as one array must look for the same things."""
    return tuple(map(id, job.detectors)), tuple(map(id, job.embedded)), job.shape


def _groups(prepared: Iterable) -> list[list]:
    groups: list[list] = []
    pending: dict[tuple, tuple[list, int]] = {}
    for item in prepared:
        if item is None:
            continue
        count = len(item[1][0])
        if count >= ALONE_VALUES:
            groups.append([item])
            continue
        key = _alike(item[0])
        members, size = pending.get(key, ([], 0))
        members.append(item)
        size += count
        if size >= GROUP_VALUES:
            groups.append(members)
            members, size = [], 0
        pending[key] = (members, size)
    groups.extend(members for members, _ in pending.values() if members)
    return groups


def _cell_chunks(jobs: list[ColumnJob]) -> list[list[ColumnJob]]:
    """Small columns in runs of up to ``GROUP_CELLS`` cells; large ones alone."""
    chunks: list[list[ColumnJob]] = []
    pending: list[ColumnJob] = []
    size = 0
    for job in jobs:
        cells = len(job.array)
        if cells >= ALONE_CELLS:
            chunks.append([job])
            continue
        pending.append(job)
        size += cells
        if size >= GROUP_CELLS:
            chunks.append(pending)
            pending, size = [], 0
    if pending:
        chunks.append(pending)
    return chunks


def _first_step(chunk: list[ColumnJob]) -> list:
    """A chunk's distinct values; a column alone with many of them is tallied at once (no wait for
    the other columns: nothing is shared with them), the others are returned for grouping."""
    if len(chunk) > 1 or _counted_only(chunk[0]):
        return _prepared_many(chunk)
    item = _prepared(chunk[0])
    if len(item[1][0]) >= ALONE_VALUES:
        _alone(*item)
        return []
    return [item]


def _cost(chunk: list[ColumnJob]) -> int:
    """A rough cost of a chunk's work (bytes x patterns), to start the longest first."""
    return sum(job.array.nbytes * (1 + len(job.detectors) + len(job.embedded)) for job in chunk)


def tally_columns(jobs: list[ColumnJob], map_: Callable = map) -> None:
    """Tally every job; ``map_`` may run the steps on a thread pool (each step's columns are independent).

    Chunks start longest first, so that on a thread pool the last to finish is a short one."""
    counted = [[job] for job in jobs if _counted_only(job)]  # only counts values: no regex at all
    chunks = sorted(_cell_chunks([job for job in jobs if not _counted_only(job)]), key=_cost, reverse=True)
    prepared = [item for found in map_(_first_step, chunks + counted) for item in found if item is not None]
    list(map_(_run_group, sorted(_groups(prepared), key=lambda group: _cost([job for job, _ in group]), reverse=True)))


__all__ = ["ALONE_CELLS", "ALONE_VALUES", "GROUP_CELLS", "GROUP_VALUES", "ColumnJob", "tally_columns"]
