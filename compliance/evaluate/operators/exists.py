"""``exists``: true when the fact is present and not null or empty; ``exists: false`` the opposite.

The engine routes missing facts here too: a missing fact does not exist.
"""

from . import _values

NAME = "exists"


def holds(value, expected, context) -> bool:
    return _values.present(value) == bool(expected)
