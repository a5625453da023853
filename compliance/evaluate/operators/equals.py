"""``equals``: the fact equals the value."""

NAME = "equals"


def holds(value, expected, context) -> bool:
    return value == expected
