"""Parquet through pyarrow.parquet: structs become dotted columns, every value becomes text.

The row count comes exactly from the footer. A sample picks seeded row numbers over the whole file
and reads only the row groups that hold them, each streamed in small batches and left as soon as
its last chosen row has passed, so memory is bounded by one row group's pages, not the file.
Timestamps become ISO 8601 (``2024-01-31T08:00:00``), lists and maps their JSON text, binary
values their UTF-8 text or null (see convert).
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import InputError
from .convert import flat_columns, text_batch, unique_names
from .table import DEFAULT_BATCH_ROWS, Table

_SAMPLE_BATCH = 8192


_BAD_FOOTER = "corrupt Parquet file: its footer (schema and row groups) cannot be read"


def _open(source: str) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(source)
    except OSError as exc:
        if exc.errno is not None:
            raise InputError(f"cannot read file: {exc.strerror or exc}", source=source) from None
        raise InputError(_BAD_FOOTER, source=source) from None
    except pa.ArrowException:
        raise InputError(_BAD_FOOTER, source=source) from None


@dataclass(eq=False)
class ParquetTable(Table):
    def _corrupt(self, group: int | None) -> InputError:
        where = f" in row group {group}" if group is not None else ""
        return InputError(f"corrupt Parquet data{where}: a page cannot be decoded", source=self.source)

    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        with _open(self.source) as pf:
            for group in range(pf.num_row_groups):
                try:
                    for batch in pf.iter_batches(batch_size=batch_rows, row_groups=[group]):
                        yield text_batch(batch, self.columns)
                except (pa.ArrowException, OSError):
                    raise self._corrupt(group) from None

    def sample(self, n: int, seed: int) -> pa.Table:
        if n <= 0:
            return self._empty()
        if n >= self.rows_total:
            return self._conform(pa.Table.from_batches(list(self.batches()), schema=self._schema()))
        chosen = sorted(random.Random(seed).sample(range(self.rows_total), n))
        parts: list[pa.RecordBatch] = []
        with _open(self.source) as pf:
            starts = list(itertools.accumulate(pf.metadata.row_group(g).num_rows for g in range(pf.num_row_groups)))
            starts = [0, *starts[:-1]]
            by_group: dict[int, list[int]] = {}
            for row in chosen:
                group = bisect.bisect_right(starts, row) - 1
                by_group.setdefault(group, []).append(row - starts[group])
            for group, rows in by_group.items():
                parts.extend(self._rows_of_group(pf, group, rows))
        return self._conform(pa.Table.from_batches(parts, schema=self._schema()))

    def _rows_of_group(self, pf: pq.ParquetFile, group: int, rows: list[int]) -> Iterator[pa.RecordBatch]:
        offset, wanted = 0, iter(rows)
        pending = next(wanted, None)
        try:
            for batch in pf.iter_batches(batch_size=_SAMPLE_BATCH, row_groups=[group]):
                picks = []
                while pending is not None and pending < offset + batch.num_rows:
                    picks.append(pending - offset)
                    pending = next(wanted, None)
                if picks:
                    yield text_batch(batch.take(pa.array(picks)), self.columns)
                if pending is None:
                    return
                offset += batch.num_rows
        except (pa.ArrowException, OSError):
            raise self._corrupt(group) from None

    def _schema(self) -> pa.Schema:
        return pa.schema([(name, pa.string()) for name in self.columns])


def open_parquet(source: str, fmt: str, encoding: str | None) -> list[Table]:
    with _open(source) as pf:
        schema, rows = pf.schema_arrow, pf.metadata.num_rows
    if rows == 0:
        raise InputError("no data rows (the Parquet file holds 0 rows)", source=source)
    columns = unique_names(flat_columns(schema))
    table = ParquetTable(source=source, table=None, format=fmt, columns=columns)
    table._count_exact(rows)
    return [table]
