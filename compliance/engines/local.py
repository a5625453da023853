"""The local engine: the kernel on this machine's cores.

Columns of a batch are tallied on a small thread pool (pyarrow and numpy release the GIL for most of
the work); while one batch is tallied the next is read on a background thread, so reading (pyarrow's
CSV parser) and tallying use both cores. Each batch's :class:`~compliance.engines.kernel.Tally` is
merged into the running one: memory stays bounded by the batch size.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pyarrow as pa

from .kernel import Plan, Tally, merge, tally_batch

#: columns are independent, and pyarrow and numpy release the GIL for most of the work
WORKERS = max(1, min(4, os.cpu_count() or 1))


@contextlib.contextmanager
def column_map():
    """A ``map`` that runs a batch's column steps on a thread pool (plain ``map`` on one core)."""
    if WORKERS == 1:
        yield map
        return
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        yield pool.map


def tally_one(data: pa.Table, plan: Plan) -> Tally:
    """The kernel over one batch (a decision sample), its columns on threads."""
    if data.num_columns < 2:
        return tally_batch(data, plan)
    with column_map() as map_:
        return tally_batch(data, plan, map_)


def prefetched(items: Iterator, depth: int = 1) -> Iterator:
    """Produce the next item on a background thread while the caller works on the current one.

    At most ``depth`` extra items are held, so memory stays bounded. A reader error is re-raised in
    the caller's thread.
    """
    done = object()
    slots: queue.Queue = queue.Queue(maxsize=depth)

    def produce() -> None:
        try:
            for item in items:
                slots.put((True, item))
        except BaseException as err:  # handed to the consumer
            slots.put((False, err))
        slots.put((True, done))

    threading.Thread(target=produce, daemon=True).start()
    while True:
        ok, item = slots.get()
        if not ok:
            raise item
        if item is done:
            return
        yield item


def regrouped(batches: Iterable[pa.RecordBatch], rows: int) -> Iterator[pa.Table]:
    """Readers yield batches of any size; vectorised work pays off on large ones (bounded by ``rows``)."""
    pending: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        if pending and batch.schema != pending[0].schema:  # the table gained a column
            yield pa.Table.from_batches(pending)
            pending, count = [], 0
        pending.append(batch)
        count += batch.num_rows
        if count >= rows:
            yield pa.Table.from_batches(pending)
            pending, count = [], 0
    if pending:
        yield pa.Table.from_batches(pending)


class LocalEngine:
    """Reads with the project's own readers (``compliance/sources``) and tallies on threads."""

    name = "local"

    def full_pass(self, table, plan: Plan, batch_rows: int, held=None, on_batch=None) -> Tally:
        """Every row of ``table`` (or the batches already ``held``) through the kernel, merged.
        ``on_batch(rows so far)`` is called after each batch (progress)."""
        stream = held if held is not None else prefetched(regrouped(table.batches(batch_rows), batch_rows))
        total = Tally()
        with column_map() as map_:
            for batch in stream:
                total = merge(total, tally_batch(batch, plan, map_))
                if on_batch is not None:
                    on_batch(total.rows)
        return total


__all__ = ["WORKERS", "LocalEngine", "column_map", "prefetched", "regrouped", "tally_one"]
