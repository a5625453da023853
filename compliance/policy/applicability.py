"""Which rules of a pack can apply to a flow of a given recipient type (``compliance rules list --flow``).

A rule's ``when`` is evaluated three-valued with only ``flow.recipient_type`` known: a leaf over that
fact is decided, every other leaf is unknown (it depends on the data and the manifest). A rule applies
unless its ``when`` is certainly false for that type: flow rules whose ``when`` excludes the type (a
``public_release`` rule for a ``third_party`` flow) are left out; asset rules run on every scanned asset,
whatever its flows, so they always apply. This is the set a ``scan --flow TYPE`` can report, not a
guess at which of them will fire.
"""

from __future__ import annotations

from typing import Any

from .model import Pack, Rule

RECIPIENT_FACT = "flow.recipient_type"


def _leaf(condition: dict[str, Any], known: dict[str, Any], context) -> bool | None:
    from ..evaluate.operators import operators  # the engine's own operators, so both read a leaf alike

    path = condition.get("fact")
    if path not in known:
        return None
    name, expected = next((k, v) for k, v in condition.items() if k != "fact")
    if isinstance(expected, dict) and "ref" in expected:
        if expected["ref"] not in known:
            return None
        expected = known[expected["ref"]]
    if name == "exists":
        return bool(expected) is (known[path] is not None)
    return bool(operators()[name](known[path], expected, context))


def may_hold(condition: dict[str, Any] | None, known: dict[str, Any], context=None) -> bool | None:
    """True / False when ``known`` facts decide the condition, None when it depends on other facts."""
    if condition is None:
        return True
    if "all" in condition:
        results = [may_hold(c, known, context) for c in condition["all"]]
        return False if False in results else (True if all(r is True for r in results) else None)
    if "any" in condition:
        results = [may_hold(c, known, context) for c in condition["any"]]
        return True if True in results else (False if all(r is False for r in results) else None)
    if "not" in condition:
        inner = may_hold(condition["not"], known, context)
        return None if inner is None else not inner
    return _leaf(condition, known, context)


def applies_to_flow(rule: Rule, recipient_type: str, pack: Pack) -> bool:
    """Whether ``rule`` can be evaluated, and fire, for a flow of ``recipient_type``."""
    if rule.scope != "flow":
        return True
    from ..evaluate.engine import Context

    return may_hold(rule.when, {RECIPIENT_FACT: recipient_type}, Context(pack.level_order)) is not False


def rules_for(pack: Pack, recipient_type: str | None = None) -> list[Rule]:
    """The pack's enabled rules, in pack order; with ``recipient_type``, those that apply to such a flow."""
    rules = pack.enabled_rules
    return [r for r in rules if recipient_type is None or applies_to_flow(r, recipient_type, pack)]
