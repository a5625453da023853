"""Each flow's decision as the report shows it: the cross-border route, the important/core-data
exceptions that applied, and the rules the flow violates (``assets[].flows[].decision``).

Every manifest-written string that reaches the report (flow id, destination) passes the masking gate.
"""

from __future__ import annotations

from typing import Any

from ..redact import safe_name, safe_optional
from ..report.model import FlowDecision, Violation
from .cross_border import RouteDecision

#: environments in which raw data stays in its domain (PLAN-2025 Task (五), DCS-ID-004)
CONTROLLED = ("privacy_computing", "sandbox", "aggregate_api")


def _notes(flow: dict[str, Any], decision: RouteDecision, settings: dict[str, Any]) -> tuple[str, ...]:
    facts = decision.facts
    notes: list[str] = []
    outside = flow.get("recipient_type") != "internal" or decision.cross_border
    if facts["core"] and outside:
        banned = (settings.get("core_data") or {}).get("ban_publication_and_export", True)
        if flow.get("recipient_type") == "public_release" or decision.cross_border:
            notes.append(
                "DSL Art 21: core data published or exported"
                + (" (banned by pack setting core_data.ban_publication_and_export)" if banned else " (approval needed)")
            )
        notes.append(
            "DSL Art 21: providing core data needs a risk assessment, a contract or statutory duty, and an approval"
        )
    if facts["important"] and outside:
        if flow.get("statutory_duty_ref"):
            notes.append("NDSMR Art 31: provided under a statutory duty, no prior risk assessment needed")
        elif flow.get("risk_assessment_ref"):
            notes.append("NDSMR Art 31: prior risk assessment needed, and recorded")
        else:
            notes.append("NDSMR Art 31: prior risk assessment needed, none recorded (flow.risk_assessment_ref)")
        if not flow.get("statutory_duty_ref") and flow.get("environment") not in CONTROLLED:
            notes.append("PLAN-2025 Task (五) (policy, not law): raw important data should stay in its domain")
    if decision.cross_border and decision.required_route == "none" and decision.exemption_holds:
        notes.append("XB-2024 Art 10: notice, separate consent (PIPL Art 39) and the PIA (PIPL Art 55(4)) still apply")
    return tuple(notes)


def flow_decision(
    flow: dict[str, Any], decision: RouteDecision, violations: list[Violation], settings: dict[str, Any]
) -> FlowDecision:
    flow_id = str(flow.get("id"))
    failed = tuple(sorted({v.rule for v in violations if v.flow == flow_id and v.suppression is None}))
    facts = dict(decision.facts)
    facts["destination"] = safe_optional(facts.get("destination"))
    return FlowDecision(
        flow=safe_name(flow_id),
        recipient_type=flow.get("recipient_type"),
        cross_border=decision.cross_border,
        trigger=safe_optional(decision.trigger),
        required_route=decision.required_route,
        declared_route=decision.declared_route,
        exemption=decision.exemption,
        exemption_holds=decision.exemption_holds,
        exemption_problem=decision.exemption_problem,
        route_satisfied=decision.route_satisfied,
        route_problem=decision.route_problem,
        expired=decision.expired,
        article=decision.articles[0],
        articles=decision.articles,
        reason=decision.reason,
        facts=facts,
        thresholds=dict(decision.thresholds),
        would_change=decision.would_change,
        notes=_notes(flow, decision, settings),
        failed_rules=failed,
    )
