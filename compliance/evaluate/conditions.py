"""Evaluate a declarative condition (all / any / not / leaf) over facts; no eval, no exec."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .facts import MISSING, Facts
from .operators import operators

LOGICAL = ("all", "any", "not")


def _operator(leaf: dict[str, Any]) -> tuple[str, Any]:
    return next((key, value) for key, value in leaf.items() if key != "fact")


def holds(condition: dict[str, Any] | None, facts: Facts, context) -> bool:
    """True when the condition holds; ``None`` (no ``when``) always holds."""
    if condition is None:
        return True
    if "all" in condition:
        return all(holds(c, facts, context) for c in condition["all"])
    if "any" in condition:
        return any(holds(c, facts, context) for c in condition["any"])
    if "not" in condition:
        return not holds(condition["not"], facts, context)
    name, expected = _operator(condition)
    if isinstance(expected, dict) and "ref" in expected:
        expected = facts.get(expected["ref"])
        if expected is MISSING:
            return False
    value = facts.get(condition["fact"])
    if value is MISSING:
        return name == "exists" and expected is False
    return operators()[name](value, expected, context)


def fact_paths(condition: dict[str, Any] | None) -> Iterator[str]:
    """Every fact a condition reads, refs included, in order."""
    if not condition:
        return
    for key in ("all", "any"):
        for child in condition.get(key) or []:
            yield from fact_paths(child)
    if "not" in condition:
        yield from fact_paths(condition["not"])
    if "fact" in condition:
        yield condition["fact"]
        _, expected = _operator(condition)
        if isinstance(expected, dict) and "ref" in expected:
            yield expected["ref"]


def operator_names(condition: dict[str, Any] | None) -> Iterator[str]:
    if not condition:
        return
    for key in ("all", "any"):
        for child in condition.get(key) or []:
            yield from operator_names(child)
    if "not" in condition:
        yield from operator_names(condition["not"])
    if "fact" in condition:
        yield _operator(condition)[0]
