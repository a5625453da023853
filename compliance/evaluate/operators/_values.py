"""Helpers shared by operators: presence and ordered comparison of numbers and ISO dates."""

from __future__ import annotations

import datetime
from typing import Any


def present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def comparable(value: Any, expected: Any) -> tuple[Any, Any] | None:
    """Both numbers, or both dates (ISO strings allowed); None when they cannot be ordered."""
    if isinstance(value, bool) or isinstance(expected, bool):
        return None
    if isinstance(value, int | float) and isinstance(expected, int | float):
        return value, expected
    a, b = _date(value), _date(expected)
    return (a, b) if a is not None and b is not None else None


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
