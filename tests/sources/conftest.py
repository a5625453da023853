"""Shared helpers for the sources tests (the ``kit`` fixture) and the sampling-path switches.

Every file a test reads is written by the test itself, in ``tmp_path``.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

import pytest

from compliance.errors import InputError
from compliance.sources import textfile


def write_csv(path: Path, rows: Sequence[Sequence[object]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding=encoding) as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return path


def cells(table) -> list[dict]:
    """Every row of a Table through batches(), as dicts."""
    return [row for batch in table.batches() for row in batch.to_pylist()]


def input_error(call, *args, **kwargs) -> str:
    """Run ``call`` (consuming a returned generator); it must raise a one-line InputError."""
    with pytest.raises(InputError) as info:
        result = call(*args, **kwargs)
        if hasattr(result, "__next__"):
            list(result)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return message


@pytest.fixture
def kit() -> SimpleNamespace:
    return SimpleNamespace(write_csv=write_csv, cells=cells, input_error=input_error)


@pytest.fixture
def seeking(monkeypatch):
    """Make every text file 'large', so sample() takes the seek-and-window path."""
    monkeypatch.setattr(textfile, "FULL_READ_BELOW_BYTES", 0)


@pytest.fixture
def no_seeking(monkeypatch):
    """Make every text file 'small', so sample() reads it whole through the reservoir."""
    monkeypatch.setattr(textfile, "FULL_READ_BELOW_BYTES", 1 << 40)
