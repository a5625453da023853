"""The pack's rules a run did not evaluate, and why (JSON ``rules_skipped``, one line in text/markdown).

Reasons (``reason``, a stable word; ``detail`` says it in English):

* ``skip_rule`` / ``only_rule``: switched off for this run by ``--skip-rule`` / ``--only-rule``;
* ``disabled``: switched off in the pack or the project file (``detail``: its ``disabled_reason``);
* ``not_applicable``: enabled, but no asset gave it anything to check: no asset was evaluated (no manifest
  and no ``--flow``, or nothing could be read), or a flow rule where no evaluated asset has a flow.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..policy.model import Pack

#: reasons in the order reports list them
REASONS = ("skip_rule", "only_rule", "disabled", "not_applicable")
_SWITCHED_OFF = {"switched off by --skip-rule": "skip_rule", "switched off by --only-rule": "only_rule"}


@dataclass(frozen=True)
class SkippedRule:
    rule: str
    reason: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "reason": self.reason, "detail": self.detail}


def _not_applicable(rule, evaluated: list, with_flows: bool, read: bool) -> str | None:
    if not any(rule.id in a.evaluated_rules for a in evaluated):
        return "no manifest and no --flow" if read else "no asset could be evaluated"
    if rule.scope == "flow" and not with_flows:
        return "no evaluated asset has a flow"
    return None


def skipped_rules(pack: Pack, assets: list) -> list[SkippedRule]:
    """Every rule of ``pack`` not evaluated on ``assets`` (``AssetReport``s), by reason, then by id."""
    evaluated = [a for a in assets if a.evaluated_rules]
    with_flows = any(a.flows for a in evaluated)
    read = any(not a.scan.error and a.scan.level is not None for a in assets)
    out = []
    for rule in pack.rules:
        if not rule.enabled:
            reason = _SWITCHED_OFF.get(rule.disabled_reason or "", "disabled")
            detail = rule.disabled_reason or "disabled in the pack"
        else:
            reason, detail = "not_applicable", _not_applicable(rule, evaluated, with_flows, read)
            if detail is None:
                continue
        out.append(SkippedRule(rule.id, reason, detail))
    return sorted(out, key=lambda s: (REASONS.index(s.reason), s.rule))


def by_reason(skipped: list[SkippedRule]) -> dict[str, list[str]]:
    """Rule ids per reason, reasons in :data:`REASONS` order, empty reasons left out."""
    groups: dict[str, list[str]] = {}
    for s in skipped:
        groups.setdefault(s.reason, []).append(s.rule)
    return groups
