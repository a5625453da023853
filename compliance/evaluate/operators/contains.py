"""``contains``: a list fact holds the value, or a string fact has it as a substring."""

NAME = "contains"


def holds(value, expected, context) -> bool:
    if isinstance(value, str):
        return isinstance(expected, str) and expected in value
    if isinstance(value, list | tuple | set | frozenset):
        return expected in value
    return False
