"""``contains_any``: a list fact holds at least one of the listed values."""

NAME = "contains_any"


def holds(value, expected, context) -> bool:
    if not isinstance(value, list | tuple | set | frozenset) or not isinstance(expected, list | tuple):
        return False
    return any(item in value for item in expected)
