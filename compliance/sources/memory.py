"""An in-memory table (a pyarrow Table or a pandas DataFrame) as a scanner ``Table``, for the library API.

The scanner only needs ``sample`` and ``batches`` of text columns: both come from the Arrow table
itself (values cast to ``pa.string()``, as every reader delivers them); the sample is the same seeded
reservoir the streaming readers use, so a file and the same data in memory are sampled alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from ..errors import InputError
from .convert import flat_columns, text_batch
from .table import DEFAULT_BATCH_ROWS, Table


def arrow_table(data: Any) -> pa.Table:
    """``data`` as a pyarrow Table: a Table as it is, a RecordBatch, or a pandas DataFrame (index dropped)."""
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    if type(data).__module__.startswith("pandas") and hasattr(data, "columns"):
        frame = data.rename(columns=str)
        return pa.Table.from_pandas(frame, preserve_index=False)
    raise InputError(f"cannot scan a {type(data).__name__}: pass a pyarrow Table or a pandas DataFrame")


class MemoryTable(Table):
    """A table held in memory; ``source`` names it in reports (no file is read)."""

    def __init__(self, data: Any, name: str = "<memory>") -> None:
        self._data = arrow_table(data)
        super().__init__(source=name, table=None, format="arrow", columns=flat_columns(self._data.schema))
        self._count_exact(self._data.num_rows)

    def batches(self, batch_rows: int = DEFAULT_BATCH_ROWS) -> Iterator[pa.RecordBatch]:
        for batch in self._data.to_batches(max_chunksize=batch_rows):
            yield text_batch(batch, self.columns)

    def sample(self, n: int, seed: int) -> pa.Table:
        return self._reservoir_sample(n, seed)
