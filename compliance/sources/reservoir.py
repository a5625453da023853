"""A seeded reservoir sample over a stream of batches, in bounded memory.

Used where a format can only be read front to back (xlsx, JSON arrays) and for files small enough
that reading them whole is cheaper than seeking. Every row gets a seeded random key; the ``n`` rows
with the smallest keys are kept, so each row is equally likely and the same seed gives the same rows.
At most about ``2 n`` rows are held at any time; the result keeps file order.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

import pyarrow as pa
import pyarrow.compute as pc

from .convert import conform

_KEY, _ROW = "\x00key", "\x00row"


class Reservoir:
    def __init__(self, n: int, seed: int) -> None:
        self.n = max(n, 0)
        self.rows_seen = 0
        self._rng = random.Random(seed)
        self._parts: list[pa.Table] = []
        self._held = 0
        self._limit = 2.0  # keys are < 1: every row qualifies until the reservoir is full

    def add(self, batch: pa.RecordBatch | pa.Table) -> None:
        rows, first = batch.num_rows, self.rows_seen
        self.rows_seen += rows
        if not rows or not self.n:
            return
        keys = [self._rng.random() for _ in range(rows)]
        chosen = [i for i, key in enumerate(keys) if key < self._limit]
        if not chosen:
            return
        table = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else batch
        part = table.take(chosen)
        part = part.append_column(_KEY, pa.array([keys[i] for i in chosen], pa.float64()))
        part = part.append_column(_ROW, pa.array([first + i for i in chosen], pa.int64()))
        self._parts.append(part)
        self._held += len(chosen)
        if self._held >= 2 * self.n:
            self._compact()

    def extend(self, batches: Iterable[pa.RecordBatch]) -> None:
        for batch in batches:
            self.add(batch)

    def _compact(self) -> None:
        table = pa.concat_tables(self._parts, promote_options="default")
        if table.num_rows > self.n:
            keep = pc.select_k_unstable(table, k=self.n, sort_keys=[(_KEY, "ascending")])
            table = table.take(keep)
            self._limit = pc.max(table.column(_KEY)).as_py()
        self._parts, self._held = [table], table.num_rows

    def result(self, columns: Sequence[str]) -> pa.Table:
        """The sample in file order, as exactly ``columns`` (all ``pa.string()``)."""
        if not self._parts:
            return conform(pa.table({}), columns)
        self._compact()
        table = self._parts[0].sort_by(_ROW)
        return conform(table, columns)
