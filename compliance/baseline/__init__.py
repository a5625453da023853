"""Baselines: accept today's violations so CI can gate on new ones only.

``create(report)`` gives the document (``schemas/baseline.schema.json``, version 1), ``write`` stores it,
``load(path)`` validates it (upgrading older versions through ``upgrades/``) and ``apply(report,
baseline)`` suppresses matching violations and returns the stale entries.
"""

from .apply import apply
from .model import CURRENT_VERSION, DEFAULT_FILE, Baseline, BaselineEntry
from .store import create, document, dumps, load, write

__all__ = [
    "CURRENT_VERSION",
    "DEFAULT_FILE",
    "Baseline",
    "BaselineEntry",
    "apply",
    "create",
    "document",
    "dumps",
    "load",
    "write",
]
