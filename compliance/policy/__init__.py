"""Policy packs: load, validate and inspect (public entry points)."""

from .loader import DEFAULT_PACK, load_pack, resolve_pack_path
from .model import SEVERITIES, Category, Pack, Reference, Rule, Text

__all__ = [
    "DEFAULT_PACK",
    "SEVERITIES",
    "Category",
    "Pack",
    "Reference",
    "Rule",
    "Text",
    "load_pack",
    "resolve_pack_path",
]
