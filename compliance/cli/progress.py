"""A rich progress bar on stderr when stderr is a terminal (stdout may be a pipe or a file); silent under
CI=true, with ``--quiet``, or when stderr is not a terminal.

Each asset's line shows the rows done of its total (``~`` when the total is an estimate: a text file's
row count guessed from its size until the full pass has counted it), the rate in rows per second, the
time left and the time spent; a sampled scan's line is the asset while its sample is read, then the
sample's rows. ``NO_COLOR`` and ``--no-color`` leave colour out.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.text import Text

from ..redact import shown


def wanted(quiet: bool = False) -> bool:
    stderr = sys.stderr
    on_terminal = stderr is not None and hasattr(stderr, "isatty") and stderr.isatty()
    return not quiet and on_terminal and os.environ.get("CI", "").lower() not in ("1", "true", "yes")


def rows_text(done: int, total: float | None, estimated: bool) -> str:
    """``1,200/~50,000 rows``: the total marked when it is an estimate."""
    if total is None:
        return f"{done:,} rows"
    return f"{done:,}/{'~' if estimated else ''}{int(total):,} rows"


def rate_text(speed: float | None) -> str:
    return "" if speed is None else f"{speed:,.0f} rows/s"


class RowsColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(rows_text(int(task.completed), task.total, task.fields.get("estimated", False)))


class RateColumn(ProgressColumn):
    """Rows per second: rich's windowed speed, else the average so far (a pass shorter than the window)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if speed is None and task.elapsed and task.completed:
            speed = task.completed / task.elapsed
        return Text(rate_text(speed), style="progress.data.speed")


@contextmanager
def scan_progress(quiet: bool = False, no_color: bool = False):
    """Yields a callback ``(asset_id, rows_done, rows_total, total_exact=True)`` or None when progress
    is not shown."""
    if not wanted(quiet):
        yield None
        return
    console = Console(stderr=True, no_color=True if no_color else None)  # None: rich reads NO_COLOR itself
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        RowsColumn(),
        RateColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(compact=True),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        tasks: dict[str, int] = {}

        def update(asset: str, done: int, total: int | None, exact: bool = True) -> None:
            if asset not in tasks:  # the asset id names a file: masked, no terminal codes, no markup
                tasks[asset] = bar.add_task(escape(shown(asset)), total=total)
            estimated = total is not None and not exact
            bar.update(tasks[asset], completed=done, total=max(total or 0, done) or None, estimated=estimated)

        yield update
