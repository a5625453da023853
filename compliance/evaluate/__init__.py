"""Evaluate a pack's rules over a scanned asset and its manifest (public entry points)."""

from .engine import evaluate_asset, rule_info
from .fingerprint import fingerprint

__all__ = ["evaluate_asset", "fingerprint", "rule_info"]
