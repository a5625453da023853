"""Apply a pack's rules to one asset: violated when ``when`` holds and ``require`` does not.

Asset rules run once; flow rules once per flow of the manifest (or per ``--flow`` given without a
manifest). A violation names the facts its ``require`` needed but did not find (the evidence the data
officer must supply), and rules whose ``require`` is about columns (direct identifiers, undeclared
categories) give one violation per column, so fingerprints follow the column.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from ..policy.describe import reference_label
from ..policy.model import MINORS_CATEGORY, Pack, Rule
from ..report.model import RuleInfo, Violation
from .conditions import fact_paths, holds
from .facts import MISSING, Facts, asset_facts
from .fingerprint import fingerprint
from .route_facts import with_route

EVIDENCE_NAMESPACES = ("manifest.", "flow.")
COLUMN_FACTS = (
    "asset.direct_identifiers",
    "asset.quasi_identifiers",
    "asset.undeclared_categories",
    "asset.anonymity.pseudonym_columns",
)


@dataclass(frozen=True)
class Context:
    level_order: Any


def rule_info(rule: Rule, pack: Pack, lang: str = "en") -> RuleInfo:
    return RuleInfo(
        id=rule.id,
        title=rule.title.get(lang),
        severity=rule.severity,
        description=rule.description.get(lang) if rule.description else "",
        references=tuple(reference_label(pack, r.document, r.article, lang) for r in rule.references),
        remediation=rule.remediation.get(lang),
        tags=rule.tags,
        pack=rule.pack,
    )


def _missing(rule: Rule, facts: Facts) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for path in fact_paths(rule.require):
        if path.startswith(EVIDENCE_NAMESPACES) and facts.get(path) is MISSING:
            seen[path] = None
        elif path.startswith("xb."):  # the route decision names the evidence it lacked
            missing = facts.get("xb.missing")
            seen.update(dict.fromkeys(missing if missing is not MISSING else ()))
    return tuple(seen)


def _columns(rule: Rule, facts: Facts, scan) -> list[str | None]:
    """The columns a violation is about, when its requirement reads a per-column fact."""
    read = set(fact_paths(rule.require))
    columns: list[str] = []
    for path in COLUMN_FACTS:
        if path not in read:
            continue
        value = facts.get(path)
        if value is MISSING:
            continue
        if path == "asset.undeclared_categories":
            columns += [c.name for c in scan.columns if c.category in value]
            if MINORS_CATEGORY in value:  # inferred from birth dates in the resident-ID column
                columns += [c.name for c in scan.columns if c.primary == "CN_RESIDENT_ID"]
        else:
            columns += list(value)
    return list(dict.fromkeys(columns)) or [None]


def _message(rule: Rule, lang: str, column: str | None, flow: dict | None, missing: tuple[str, ...]) -> str:
    parts = [rule.title.get(lang)]
    if flow is not None:
        label = "流向" if lang == "zh" else "flow"
        parts.append(f"{label} '{flow.get('id')}' ({flow.get('recipient_type', '?')})")
    if column is not None:
        parts.append(("列" if lang == "zh" else "column") + f" '{column}'")
    if missing:
        parts.append(("缺少证明材料: " if lang == "zh" else "evidence missing: ") + ", ".join(missing))
    return "; ".join(parts)


def _route_note(rule: Rule, facts: Facts) -> str:
    """For a rule about the cross-border route: the required route, its deciding article and the problem."""
    if not any(path.startswith("xb.") for path in fact_paths(rule.require)):
        return ""
    note = facts.get("xb.note")
    return f"; {note}" if isinstance(note, str) and note else ""


def rule_views(pack: Pack, scan, manifest=None, flows=None, processor=None, as_of=None) -> tuple[Facts, list]:
    """The asset's facts and, per flow, (flow, the facts flow rules read, its route decision)."""
    derived = {"processor": processor or {}}
    facts = Facts(asset_facts(scan, pack, manifest), pack.settings, manifest.data if manifest else None, None, derived)
    if flows is None:
        flows = [dict(f.data) for f in manifest.flows] if manifest else []
    day = as_of or datetime.date.today()
    return facts, [(f, *with_route(facts, f, pack.level_order, processor, day)) for f in flows]


def flow_routes(
    pack: Pack,
    scan,
    manifest=None,
    flows: list[dict[str, Any]] | None = None,
    *,
    processor: dict[str, Any] | None = None,
    as_of: datetime.date | None = None,
) -> list[tuple[dict[str, Any], Any]]:
    """(flow, cross-border route decision) for each flow, as the rules saw them."""
    return [(flow, decision) for flow, _, decision in rule_views(pack, scan, manifest, flows, processor, as_of)[1]]


def evaluate_asset(
    pack: Pack,
    scan,
    manifest=None,
    flows: list[dict[str, Any]] | None = None,
    lang: str = "en",
    *,
    processor: dict[str, Any] | None = None,
    as_of: datetime.date | None = None,
) -> tuple[list[Violation], list[str]]:
    """(violations, ids of the rules evaluated) for one scanned asset.

    ``processor`` is the project file's ``processor`` (the ``processor.*`` facts; absent: unknown, which
    fails closed); ``as_of`` dates route expiry (default today)."""
    facts, routed = rule_views(pack, scan, manifest, flows, processor, as_of)
    context = Context(pack.level_order)
    views = [(flow, view) for flow, view, _ in routed]
    violations: list[Violation] = []
    for rule in pack.enabled_rules:
        targets = [(None, facts)] if rule.scope != "flow" else views
        for flow, view in targets:
            if not holds(rule.when, view, context) or holds(rule.require, view, context):
                continue
            missing = _missing(rule, view)
            flow_id = str(flow.get("id")) if flow is not None else None
            for column in _columns(rule, view, scan):
                violations.append(
                    Violation(
                        rule=rule.id,
                        severity=rule.severity,
                        title=rule.title.get(lang),
                        message=_message(rule, lang, column, flow, missing) + _route_note(rule, view),
                        references=tuple(f"{r.document} {r.article}".strip() for r in rule.references),
                        remediation=rule.remediation.get(lang),
                        fingerprint=fingerprint(scan.id, rule.id, flow_id, column),
                        column=column,
                        flow=flow_id,
                        missing=missing,
                    )
                )
    violations.sort(key=lambda v: (v.rule, v.flow or "", v.column or ""))
    return violations, [rule.id for rule in pack.enabled_rules]
