"""``--skip-rule`` / ``--only-rule``: a pack with some of its rules switched off for one run.

The rules stay in the pack, disabled with the reason, so waivers and baselines that name them still
resolve (and ``pack.rule`` still finds aliases), while the engine, which evaluates only enabled rules,
and the report's rule list leave them out. An id that is not a rule of the pack is a usage error: a
misspelt ``--skip-rule`` must not silently skip nothing, nor a misspelt ``--only-rule`` run nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ..errors import UsageError
from .model import Pack


def _resolved(pack: Pack, ids: Iterable[str], option: str) -> set[str]:
    found: set[str] = set()
    unknown: list[str] = []
    for given in ids:
        rule = pack.rule(given.strip().upper())
        if rule is None:
            unknown.append(given)
        else:
            found.add(rule.id)
    if unknown:
        names = ", ".join(f"'{u}'" for u in unknown)
        raise UsageError(f"{option}: no rule {names} in pack {pack.id} (see: compliance rules list)")
    return found


def select_rules(pack: Pack, skip: Iterable[str] = (), only: Iterable[str] = ()) -> Pack:
    """``pack`` with the ``skip`` rules, and with ``only`` every other rule, disabled (ids or aliases)."""
    skipped = _resolved(pack, skip, "--skip-rule")
    kept = _resolved(pack, only, "--only-rule")
    if not skipped and not kept:
        return pack
    rules = []
    for rule in pack.rules:
        off = rule.id in skipped or (bool(kept) and rule.id not in kept)
        if off and rule.enabled:
            reason = "--skip-rule" if rule.id in skipped else "--only-rule"
            rule = dataclasses.replace(rule, enabled=False, disabled_reason=f"switched off by {reason}")
        rules.append(rule)
    return dataclasses.replace(pack, rules=tuple(rules), _rule_index={})
