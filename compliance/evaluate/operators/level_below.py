"""``level_below``: the fact's classification level is below the value (pack order, 就高从严)."""

NAME = "level_below"


def holds(value, expected, context) -> bool:
    order = context.level_order
    return value in order and expected in order and order.below(value, expected)
