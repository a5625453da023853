"""Condition operators, one small module each, found by this registry (no hand-kept list).

Each module defines ``NAME`` (the YAML key) and ``holds(value, expected, context) -> bool``. The
engine calls an operator only when the fact is present (not missing): a leaf over a missing fact is
false, except ``exists: false``. ``context`` gives level comparisons their pack order.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from functools import cache
from typing import Any

Operator = Callable[[Any, Any, Any], bool]


@cache
def operators() -> dict[str, Operator]:
    found: dict[str, Operator] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found[module.NAME] = module.holds
    return found
