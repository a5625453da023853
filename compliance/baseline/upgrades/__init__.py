"""Baseline format upgrades: one module per step, ``vN_to_vM.py`` with ``M == N + 1``.

Steps are found by module name (a new format version is one new module, no list to keep in sync), and
:func:`upgrade` chains them, so a baseline written by any older release still loads. Each module
documents the format it reads and defines ``upgrade(data) -> data`` returning the next version's
document; the caller validates the result against ``schemas/baseline.schema.json``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache
from types import ModuleType
from typing import Any

from ...errors import ConfigError

_STEP = re.compile(r"^v(\d+)_to_v(\d+)$")


@cache
def steps() -> dict[int, ModuleType]:
    """Version a step reads → its module."""
    found: dict[int, ModuleType] = {}
    for info in pkgutil.iter_modules(__path__):
        match = _STEP.match(info.name)
        if match is None:
            continue
        old, new = int(match.group(1)), int(match.group(2))
        if new != old + 1:
            raise RuntimeError(f"baseline upgrade {info.name}: a step must go from vN to vN+1")
        found[old] = importlib.import_module(f"{__name__}.{info.name}")
    return found


def upgrade(data: Any, version: int, target: int, path: str) -> Any:
    """``data`` (format ``version``) brought to format ``target`` one step at a time."""
    while version < target:
        step = steps().get(version)
        if step is None:
            raise ConfigError(f"{path}: baseline format version {version} cannot be upgraded (no upgrade step)")
        data = step.upgrade(data)
        version += 1
    return data
