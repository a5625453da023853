"""``gte``: the fact >= the value (numbers, or ISO dates)."""

from . import _values

NAME = "gte"


def holds(value, expected, context) -> bool:
    pair = _values.comparable(value, expected)
    return pair is not None and pair[0] >= pair[1]
