"""Where the shipped policy packs and JSON Schemas live.

An installed distribution carries them inside the package (``compliance/policies``,
``compliance/schemas``, mapped from the top-level folders by setup.cfg); a source checkout keeps
them at the repository root. Both layouts are supported so tests and development runs need no install.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .errors import UsageError

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The directory ``policies`` or ``schemas``, installed or in the checkout."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise UsageError(f"the '{name}' folder is missing from this installation of dataflow-compliance")


def policies_dir() -> Path:
    return data_dir("policies")


def builtin_pack_paths() -> dict[str, Path]:
    """Built-in pack id (the file stem) → path, for the packs at the top of ``policies/``."""
    return {p.stem: p for p in sorted(policies_dir().glob("*.yaml"))}


@cache
def load_schema(name: str) -> dict:
    """A JSON Schema from ``schemas/`` by file name, e.g. ``policy-pack.schema.json``."""
    path = data_dir("schemas") / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"schema {name} is missing from this installation") from None
