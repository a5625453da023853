"""A rich progress bar on an interactive terminal; silent when piped or under CI=true."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..redact import shown


def wanted() -> bool:
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("1", "true", "yes")


@contextmanager
def scan_progress():
    """Yields a callback ``(asset_id, rows_done, rows_total)`` or None when progress is not shown."""
    if not wanted():
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        tasks: dict[str, int] = {}

        def update(asset: str, done: int, total: int | None) -> None:
            if asset not in tasks:  # the asset id names a file: masked, no terminal codes, no markup
                tasks[asset] = bar.add_task(escape(shown(asset)), total=total)
            bar.update(tasks[asset], completed=done, total=max(total or 0, done) or None)

        yield update
