"""From an asset's facts and one flow to the cross-border decision and the ``xb.*`` facts rules read.

The decision itself is :mod:`.cross_border` (pure); this module only gathers its inputs: personal in
law (de-identified data is still PI, anonymised data is not), sensitive PI (minors included), the
grade, and the flow's individuals: the largest of the scan's distinct-individuals estimate and the
manifest's or flow's declared ``individuals`` (the more it can be, the stricter).
"""

from __future__ import annotations

import datetime
from typing import Any

from .cross_border import FlowFacts, Processor, RouteDecision, Thresholds, decide
from .facts import MISSING, Facts

#: identifiers only issued in mainland China: PI with them was not all collected abroad (XB-2024 Art 4)
DEFAULT_DOMESTIC_ENTITIES = ("CN_RESIDENT_ID", "CN_MOBILE")


def _value(facts: Facts, path: str) -> Any:
    value = facts.get(path)
    return None if value is MISSING else value


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _level_at_least(facts: Facts, order, level: str) -> bool:
    if level not in order:
        return False
    found = (_value(facts, "asset.level.detected"), _value(facts, "asset.level.declared"))
    return any(v in order and order.at_least(v, level) for v in found if v)


def _count(*values: Any) -> int | None:
    known = [int(v) for v in values if isinstance(v, int) and not isinstance(v, bool)]
    return max(known) if known else None


def flow_facts(facts: Facts, order, as_of: datetime.date) -> FlowFacts:
    """The decision's inputs for the flow ``facts`` is viewed with (``facts.with_flow``)."""
    state = _value(facts, "manifest.state")
    anonymised = state == "anonymized"
    personal = not anonymised and (bool(_value(facts, "asset.personal")) or state == "deidentified")
    sensitive = not anonymised and (bool(_value(facts, "asset.sensitive")) or bool(_value(facts, "asset.minors")))
    settings = (facts.settings or {}).get("cross_border") or {}
    domestic = settings.get("transit_domestic_entities", DEFAULT_DOMESTIC_ENTITIES)
    entities = _value(facts, "asset.entities") or []
    return FlowFacts(
        recipient_type=_value(facts, "flow.recipient_type"),
        access=_value(facts, "flow.access"),
        destination=_value(facts, "flow.destination"),
        personal=personal,
        sensitive=sensitive,
        important=_level_at_least(facts, order, "important"),
        core=_level_at_least(facts, order, "core"),
        individuals=_count(
            _value(facts, "asset.distinct_individuals"),
            _value(facts, "manifest.individuals"),
            _value(facts, "flow.individuals"),
        ),
        sensitive_individuals=_count(
            _value(facts, "manifest.sensitive_individuals"), _value(facts, "flow.sensitive_individuals")
        ),
        mechanism=_value(facts, "flow.cross_border.mechanism"),
        ref=_value(facts, "flow.cross_border.ref"),
        valid_until=_date(_value(facts, "flow.cross_border.valid_until")),
        exemption=_value(facts, "flow.cross_border.exemption"),
        domestic_identifiers=tuple(e for e in domestic if e in entities),
        as_of=as_of,
    )


def route_decision(facts: Facts, order, processor: dict[str, Any] | None, as_of: datetime.date) -> RouteDecision:
    return decide(
        flow_facts(facts, order, as_of), Processor.from_dict(processor), Thresholds.from_settings(facts.settings)
    )


def xb_facts(decision: RouteDecision) -> dict[str, Any]:
    """The ``xb.*`` facts (docs/policy-format.md) of one flow's decision."""
    return {
        "cross_border": decision.cross_border,
        "personal": decision.facts["personal"],
        "sensitive": decision.facts["sensitive"],
        "important": decision.facts["important"],
        "core": decision.facts["core"],
        "required_route": decision.required_route,
        "route_satisfied": decision.route_satisfied,
        "exemption_claimed": decision.exemption_holds is not None,
        "exemption_holds": decision.exemption_holds,
        "expired": decision.expired,
        "missing": list(decision.missing),
        "note": _note(decision),
    }


def _note(decision: RouteDecision) -> str:
    """What a route violation says: the required route with its deciding article, and what falls short."""
    parts = [f"required route: {decision.required_route} ({decision.articles[0]}): {decision.reason}"]
    parts += [p for p in (decision.exemption_problem, decision.route_problem) if p]
    return "; ".join(parts)


def with_route(
    facts: Facts, flow: dict[str, Any], order, processor: dict[str, Any] | None, as_of: datetime.date
) -> tuple[Facts, RouteDecision]:
    """The flow's view of ``facts`` with its ``xb.*`` facts, and the decision they come from."""
    view = facts.with_flow(flow)
    decision = route_decision(view, order, processor, as_of)
    return facts.with_flow(flow, {"xb": xb_facts(decision)}), decision
