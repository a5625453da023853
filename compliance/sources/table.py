"""The one object every reader returns: a table of text columns read in bounded batches.

Readers subclass :class:`Table` and implement :meth:`Table.sample` and :meth:`Table.batches`; the
detect stage only ever sees ``pa.string()`` columns named by :attr:`Table.columns`, whatever the
file format was. Readers whose columns are only discovered while reading (JSON, JSON Lines, xlsx
cells beyond the header) append to :attr:`Table.columns` in place; a batch always carries every
column known when it is yielded, so later batches may have more columns than earlier ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyarrow as pa

from .convert import conform
from .reservoir import Reservoir

DEFAULT_BATCH_ROWS = 65536


@dataclass(eq=False)
class Table:
    """One table of one source file (a CSV file, an xlsx sheet, a SQLite table...)."""

    source: str  # the file path as given
    table: str | None  # sheet / SQLite table name, None for single-table files
    format: str  # "csv", "tsv", "json", "jsonl", "parquet", "xlsx", "sqlite"
    columns: list[str]  # unique, in file order; dotted paths for nested data
    rows_total: int | None = None  # exact or estimated row count (refined by sample()/batches())
    rows_total_exact: bool = False
    encoding: str | None = None  # text formats only

    def sample(self, n: int, seed: int) -> pa.Table:
        """At most ``n`` rows spread over the whole input, the same rows for the same seed."""
        raise NotImplementedError

    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        """Every row, in file order, in batches of at most ``batch_rows`` rows."""
        raise NotImplementedError

    # helpers shared by the readers -------------------------------------------------------------
    def _count_exact(self, rows: int) -> None:
        self.rows_total, self.rows_total_exact = rows, True

    def _estimate(self, rows: int | None) -> None:
        if not self.rows_total_exact:
            self.rows_total = rows

    def _conform(self, data: pa.Table | pa.RecordBatch) -> pa.Table:
        return conform(data, self.columns)

    def _empty(self) -> pa.Table:
        return conform(pa.table({}), self.columns)

    def _batched(self, rows: Iterable, build: Callable, batch_rows: int) -> Iterator[pa.RecordBatch]:
        """Group rows into batches built by ``build(rows, columns)``; the count becomes exact at the end."""
        buffer: list = []
        count = 0
        for row in rows:
            buffer.append(row)
            count += 1
            if len(buffer) >= batch_rows:
                yield build(buffer, self.columns)
                buffer = []
        if buffer:
            yield build(buffer, self.columns)
        self._count_exact(count)

    def _reservoir_sample(self, n: int, seed: int) -> pa.Table:
        """A seeded reservoir over one streaming pass, for formats without random access."""
        if n <= 0:
            return self._empty()
        reservoir = Reservoir(n, seed)
        reservoir.extend(self.batches(4096))
        return reservoir.result(self.columns)


def rebatch(batches: Iterator[pa.RecordBatch], batch_rows: int) -> Iterator[pa.RecordBatch]:
    """Split oversized batches so that none has more than ``batch_rows`` rows."""
    if batch_rows < 1:
        raise ValueError("batch_rows must be at least 1")
    for batch in batches:
        for start in range(0, batch.num_rows, batch_rows):
            yield batch.slice(start, batch_rows)
