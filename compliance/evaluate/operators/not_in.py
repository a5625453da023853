"""``not_in``: the fact is none of the listed values."""

NAME = "not_in"


def holds(value, expected, context) -> bool:
    if not isinstance(expected, list | tuple | set | frozenset):
        return False
    if isinstance(value, list | tuple):
        return not any(item in expected for item in value)
    return value not in expected
