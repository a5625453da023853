"""``not_equals``: the fact differs from the value."""

NAME = "not_equals"


def holds(value, expected, context) -> bool:
    return value != expected
