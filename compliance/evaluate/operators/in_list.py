"""``in``: the fact is one of the listed values (a list fact: all of its items are)."""

NAME = "in"


def holds(value, expected, context) -> bool:
    if not isinstance(expected, list | tuple | set | frozenset):
        return False
    if isinstance(value, list | tuple):
        return all(item in expected for item in value)
    return value in expected
