"""Third-party warnings and log records pass the masking gate before they reach stderr.

Why: libraries quote the data they choke on. openpyxl warns "Cell A2 is marked as a date but the
serial value 13812345678 is outside the limits for dates"; pyarrow, ijson and Presidio log similar
lines. Without ``--debug`` every ``warnings.warn`` and every log record of level WARNING or above
(also those a library sends to its own stderr handler, as spaCy does) is collected while a command
runs and printed at the end, one line per place it came from, through the gate (``redact.safe_name``,
then every remaining run of 7 or more digits masked as well, since a library quotes a value without
saying what it is). With ``--debug`` they go through unchanged.
"""

from __future__ import annotations

import logging
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import click

from ..detect.masking import mask
from ..redact import shown

#: a quoted number long enough to be an identifier the detectors do not know (a bank account)
_LONG_NUMBER = re.compile(r"(?<![0-9])[0-9]{7,}(?![0-9])")


def masked_line(text: str) -> str:
    """One line of a library message, masked: detected entities by their rule, long numbers too."""
    masked = shown(" ".join(text.split()))
    return _LONG_NUMBER.sub(lambda m: mask(m.group()), masked)


class _Collect(logging.Handler):
    """Log records of WARNING and above, keyed by where they were logged."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.found: list[tuple[tuple, str]] = []
        self.seen: set[logging.LogRecord] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if record in self.seen:  # also reached through a library's own stderr handler
            return
        self.seen.add(record)
        try:
            message = record.getMessage()
        except Exception:  # a library's bad format string must not end the command
            message = str(record.msg)
        where = (record.name, record.pathname, record.lineno)
        self.found.append((where, f"{record.name} {record.levelname.lower()}: {message}"))


def _lines(found: list[tuple[tuple, str]]) -> list[str]:
    """One masked line per place a message came from (a warning per cell is one line), with a count."""
    first: dict[tuple, str] = {}
    count: dict[tuple, int] = {}
    for where, message in found:
        first.setdefault(where, message)
        count[where] = count.get(where, 0) + 1
    out = []
    for where, message in first.items():
        more = f" (and {count[where] - 1} more like it)" if count[where] > 1 else ""
        out.append(masked_line(message) + more)
    return out


@contextmanager
def masked_library_output(debug: bool) -> Iterator[None]:
    """Collect warnings and WARNING+ log records while the body runs; print them masked after it."""
    if debug:
        yield
        return
    handler = _Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    stream_emit = logging.StreamHandler.emit

    def emit(self: logging.StreamHandler, record: logging.LogRecord) -> None:
        """Libraries' own stderr handlers (spaCy's, weasel's) print through the gate too."""
        if getattr(self, "stream", None) in (sys.stderr, sys.__stderr__):
            if record.levelno >= handler.level:
                handler.handle(record)
            return
        stream_emit(self, record)

    logging.StreamHandler.emit = emit  # type: ignore[method-assign]
    with warnings.catch_warnings(record=True) as caught:  # the filters in force stay as they are
        try:
            yield
        finally:
            root.removeHandler(handler)
            logging.StreamHandler.emit = stream_emit  # type: ignore[method-assign]
            found = [((w.category, w.filename, w.lineno), f"{w.category.__name__}: {w.message}") for w in caught]
            for line in _lines(found + handler.found):
                click.echo(f"warning: {line}", err=True)
