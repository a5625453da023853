"""``level_at_least``: the fact's classification level is at or above the value (pack order)."""

NAME = "level_at_least"


def holds(value, expected, context) -> bool:
    order = context.level_order
    return value in order and expected in order and order.at_least(value, expected)
