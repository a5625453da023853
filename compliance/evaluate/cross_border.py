"""The cross-border route of one flow (PIPL Arts 38-40; XB-2024 Arts 2-9), as a pure decision.

From the processor's facts (CIIO status, what it already exported since 1 January), the flow's data
(personal, sensitive, important, core; how many individuals) and what the flow claims (a route with its
reference and expiry, or a statutory exemption with its ground), :func:`decide` computes the route the
law requires and whether the declared one meets it. Absent facts fail closed: an unknown CIIO status is
treated as CIIO, an unknown volume as above every threshold, and each absent fact that would change the
route is named in :attr:`RouteDecision.would_change`.

Volumes are counted per category, as XB-2024 words them: ordinary PI (不含敏感个人信息) against the
100,000 / 1,000,000 thresholds, sensitive PI against 10,000 (and any sensitive PI at all leaves the
Art 5(4) small-volume exemption). Remote access from abroad is export (CAC application guidance); a
destination outside mainland China (Hong Kong, Macao and Taiwan included) makes any flow cross-border.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

NONE = "none"
CONTRACT_OR_CERTIFICATION = "standard_contract_or_certification"
SECURITY_ASSESSMENT = "security_assessment"
ROUTES = (NONE, CONTRACT_OR_CERTIFICATION, SECURITY_ASSESSMENT)
#: how strong each declared mechanism is, on the scale of ROUTES
MECHANISM_STRENGTH = {"standard_contract": 1, "certification": 1, "security_assessment": 2}
#: routes that expire (XB-2024 Art 9: an assessment result is valid 3 years; certificates have a term):
#: without ``valid_until`` they cannot be shown valid on the as-of date, so they fail closed
EXPIRING = ("security_assessment", "certification")

EXEMPTION_ARTICLES = {
    "no_personal_or_important": "XB-2024 Art 3",
    "transit": "XB-2024 Art 4",
    "contract_necessity": "XB-2024 Art 5(1)",
    "hr_management": "XB-2024 Art 5(2)",
    "emergency": "XB-2024 Art 5(3)",
    "small_volume": "XB-2024 Art 5(4)",
    "ftz_negative_list": "XB-2024 Art 6",
}
#: mainland subdivisions use ISO 3166-2 codes CN-xx; these three are outside mainland China
_OUTSIDE_MAINLAND = {"CN-HK", "CN-MO", "CN-TW"}


@dataclass(frozen=True)
class Thresholds:
    """XB-2024 volumes (pack settings ``settings.cross_border``)."""

    small_volume: int = 100_000  # Art 5(4) exempt below; Art 8 from here
    assessment_individuals: int = 1_000_000  # Art 7(2)
    assessment_sensitive: int = 10_000  # Art 7(2); below it (and above 0) Art 8

    @classmethod
    def from_settings(cls, settings: dict[str, Any] | None) -> Thresholds:
        found = (settings or {}).get("cross_border") or {}
        return cls(
            **{
                k: int(found[k])
                for k in ("small_volume", "assessment_individuals", "assessment_sensitive")
                if k in found
            }
        )

    def as_dict(self) -> dict[str, int]:
        return {
            "small_volume": self.small_volume,
            "assessment_individuals": self.assessment_individuals,
            "assessment_sensitive": self.assessment_sensitive,
        }


@dataclass(frozen=True)
class Processor:
    """``compliance.yaml`` ``processor``: None means the fact was not given."""

    ciio: bool | None = None
    individuals: int | None = None  # exported_this_year.individuals
    sensitive_individuals: int | None = None  # exported_this_year.sensitive_individuals

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Processor:
        data = data or {}
        exported = data.get("exported_this_year") or {}
        if not isinstance(exported, dict):  # `from_ledger` not resolved (compliance.ledger.exports): unknown
            exported = {}
        return cls(data.get("ciio"), exported.get("individuals"), exported.get("sensitive_individuals"))


@dataclass(frozen=True)
class FlowFacts:
    """What one flow carries and claims."""

    recipient_type: str | None = None
    access: str | None = None  # transfer | remote_access
    destination: str | None = None
    personal: bool = False
    sensitive: bool = False
    important: bool = False
    core: bool = False
    individuals: int | None = None  # this flow's individuals (None: unknown)
    sensitive_individuals: int | None = None  # of them, with sensitive PI (None: all of them)
    mechanism: str | None = None
    ref: str | None = None
    valid_until: datetime.date | None = None
    exemption: str | None = None
    domestic_identifiers: tuple[str, ...] = ()  # mainland-issued identifiers found (Art 4 transit)
    as_of: datetime.date = field(default_factory=datetime.date.today)


@dataclass(frozen=True)
class RouteDecision:
    cross_border: bool
    trigger: str | None  # why it is cross-border
    required_route: str
    articles: tuple[str, ...]  # the deciding articles
    reason: str
    declared_route: str | None
    exemption: str | None
    exemption_holds: bool | None  # None: no exemption claimed
    exemption_problem: str | None
    route_satisfied: bool
    route_problem: str | None
    expired: bool
    missing: tuple[str, ...]  # evidence the flow must supply
    would_change: tuple[str, ...]  # absent facts that decided the route (fail closed)
    facts: dict[str, Any]
    thresholds: dict[str, int]


def is_abroad(destination: str | None) -> bool | None:
    """True outside mainland China, False inside, None when not given."""
    if destination is None or not str(destination).strip():
        return None
    code = str(destination).strip().upper()
    if code in _OUTSIDE_MAINLAND:
        return True
    return not (code == "CN" or code.startswith("CN-"))


def cross_border_trigger(flow: FlowFacts) -> tuple[str | None, tuple[str, ...]]:
    """(why the flow leaves mainland China or None, absent facts that would change that)."""
    abroad = is_abroad(flow.destination)
    if abroad:
        return f"destination {str(flow.destination).strip().upper()} is outside mainland China", ()
    if flow.access == "remote_access" and abroad is None:
        return "remote access with no destination given (treated as access from abroad)", ("flow.destination",)
    if flow.recipient_type == "cross_border":
        return "recipient_type cross_border", ()
    return None, ()


def _exemption_problem(flow: FlowFacts, processor: Processor, total: int | None, limits: Thresholds) -> str | None:
    """Why the claimed exemption does not hold, or None when its conditions do."""
    name = flow.exemption
    if name is None:
        return "mechanism 'exempt' names no exemption (set cross_border.exemption and its ground in cross_border.ref)"
    if not flow.ref:
        return f"exemption {name} states no ground (cross_border.ref)"
    if flow.core or flow.important:
        return f"no exemption covers important or core data ({EXEMPTION_ARTICLES[name]}; XB-2024 Art 7)"
    if name == "no_personal_or_important" and flow.personal:
        return "the flow carries personal information (XB-2024 Art 3 covers data with no PI and no important data)"
    if name == "transit" and flow.domestic_identifiers:
        found = ", ".join(flow.domestic_identifiers)
        return f"mainland identifiers found ({found}): not PI collected abroad (XB-2024 Art 4)"
    if name == "small_volume":
        if processor.ciio is not False:
            state = "unknown (processor.ciio not given)" if processor.ciio is None else "a CIIO"
            return f"the processor is {state}: XB-2024 Art 5(4) is for non-CIIO processors only"
        if flow.sensitive:
            return "the flow carries sensitive personal information (XB-2024 Art 5(4) excludes it)"
        if total is None:
            return "the year's volume is unknown (processor.exported_this_year.individuals or the flow's individuals)"
        if total >= limits.small_volume:
            return f"{total:,} individuals this year is not fewer than {limits.small_volume:,} (XB-2024 Art 5(4))"
    return None


def _volume(processor: Processor, flow_count: int | None, total: int | None) -> str:
    before = "unknown" if processor.individuals is None else f"{processor.individuals:,}"
    here = "unknown" if flow_count is None else f"{flow_count:,}"
    shown = "unknown" if total is None else f"{total:,}"
    return f"{shown} individuals this year ({before} exported before + {here} in this flow)"


def _computed_route(
    flow: FlowFacts, processor: Processor, total: int | None, total_sensitive: int | None, limits: Thresholds
) -> tuple[str, tuple[str, ...], str]:
    """(required route, deciding articles, reason) without any exemption."""
    if flow.core or flow.important:
        kind = "core" if flow.core else "important"
        return (
            SECURITY_ASSESSMENT,
            ("XB-2024 Art 7", "NDSMR Art 37", "DSL Art 31"),
            f"{kind} data: any export needs a CAC security assessment, whatever the volume, and no exemption covers it",
        )
    if processor.ciio is not False:
        who = "CIIO status unknown (processor.ciio), treated as a CIIO" if processor.ciio is None else "a CIIO"
        return (
            SECURITY_ASSESSMENT,
            ("XB-2024 Art 7(1)", "PIPL Art 40"),
            f"{who}: any personal information it exports needs a CAC security assessment, whatever the volume",
        )
    volume = _volume(processor, flow.individuals, total)
    sensitive = ""
    if flow.sensitive:
        shown = "unknown" if total_sensitive is None else f"{total_sensitive:,}"
        sensitive = f"; sensitive PI of {shown} individuals this year"
    prefix = f"non-CIIO; {volume}{sensitive}"
    if total is None or total >= limits.assessment_individuals:
        why = (
            "volume unknown, taken as above every threshold"
            if total is None
            else (f">= {limits.assessment_individuals:,}")
        )
        return SECURITY_ASSESSMENT, ("XB-2024 Art 7(2)", "PIPL Art 40"), f"{prefix}: {why}"
    if flow.sensitive and (total_sensitive is None or total_sensitive >= limits.assessment_sensitive):
        why = (
            "sensitive volume unknown"
            if total_sensitive is None
            else (f"sensitive PI of >= {limits.assessment_sensitive:,} individuals")
        )
        return SECURITY_ASSESSMENT, ("XB-2024 Art 7(2)", "PIPL Art 40"), f"{prefix}: {why}"
    if flow.sensitive:
        why = f"sensitive PI below {limits.assessment_sensitive:,} individuals (any sensitive PI leaves Art 5(4))"
        return CONTRACT_OR_CERTIFICATION, ("XB-2024 Art 8", "PIPL Art 38"), f"{prefix}: {why}"
    if total >= limits.small_volume:
        why = f"from {limits.small_volume:,} to below {limits.assessment_individuals:,}"
        return CONTRACT_OR_CERTIFICATION, ("XB-2024 Art 8", "PIPL Art 38"), f"{prefix}: {why}"
    why = f"no sensitive PI and fewer than {limits.small_volume:,}: exempt by law"
    return NONE, ("XB-2024 Art 5(4)",), f"{prefix}: {why}"


def _route_problem(flow: FlowFacts, required: str) -> tuple[str | None, tuple[str, ...], bool]:
    """(why the declared route falls short or None, missing evidence, expired)."""
    if required == NONE:
        return None, (), False
    mechanism = flow.mechanism if flow.mechanism in MECHANISM_STRENGTH else None
    if mechanism is None:
        return (
            f"no transfer route declared ({required} required)",
            ("flow.cross_border.mechanism", "flow.cross_border.ref"),
            False,
        )
    if MECHANISM_STRENGTH[mechanism] < ROUTES.index(required):
        return f"{mechanism} is weaker than the required {required}", (), False
    if not flow.ref:
        return (
            f"{mechanism} cites no approval, certificate or filing (cross_border.ref)",
            ("flow.cross_border.ref",),
            False,
        )
    if flow.valid_until is None and mechanism in EXPIRING:
        return (
            f"{mechanism} has no validity date (cross_border.valid_until), so it cannot be shown valid",
            ("flow.cross_border.valid_until",),
            False,
        )
    if flow.valid_until is not None and flow.valid_until < flow.as_of:
        return f"{mechanism} expired on {flow.valid_until.isoformat()} (as of {flow.as_of.isoformat()})", (), True
    return None, (), False


def _claim_missing(flow: FlowFacts) -> tuple[str, ...]:
    """The exemption's name and ground, when the claim lacks them."""
    found = [] if flow.exemption else ["flow.cross_border.exemption"]
    return (*found, *([] if flow.ref else ["flow.cross_border.ref"]))


def _plus(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def decide(flow: FlowFacts, processor: Processor, limits: Thresholds | None = None) -> RouteDecision:
    limits = limits or Thresholds()
    trigger, unknown = cross_border_trigger(flow)
    sensitive_here = (
        (flow.sensitive_individuals if flow.sensitive_individuals is not None else flow.individuals)
        if flow.sensitive
        else 0
    )
    total = _plus(processor.individuals, flow.individuals)
    total_sensitive = _plus(processor.sensitive_individuals, sensitive_here) if flow.sensitive else None
    facts = {
        "recipient_type": flow.recipient_type,
        "access": flow.access,
        "destination": flow.destination,
        "personal": flow.personal,
        "sensitive": flow.sensitive,
        "important": flow.important,
        "core": flow.core,
        "ciio": processor.ciio,
        "flow_individuals": flow.individuals,
        "flow_sensitive_individuals": sensitive_here if flow.sensitive else 0,
        "exported_this_year_individuals": processor.individuals,
        "exported_this_year_sensitive_individuals": processor.sensitive_individuals,
        "individuals_this_year": total,
        "sensitive_individuals_this_year": total_sensitive if flow.sensitive else None,
    }
    base = {
        "declared_route": flow.mechanism,
        "exemption": flow.exemption,
        "facts": facts,
        "thresholds": limits.as_dict(),
    }
    if trigger is None:
        return RouteDecision(
            False, None, NONE, ("PIPL Art 38",), "stays in mainland China: no cross-border route",
            exemption_holds=None, exemption_problem=None, route_satisfied=True, route_problem=None, expired=False,
            missing=(), would_change=unknown, **base,
        )  # fmt: skip
    claimed = flow.exemption is not None or flow.mechanism == "exempt"
    problem = _exemption_problem(flow, processor, total, limits) if claimed else None
    if not (flow.personal or flow.important or flow.core):
        return RouteDecision(
            True, trigger, NONE, ("XB-2024 Art 3", "PIPL Art 38"), "no personal information and no important data",
            exemption_holds=(problem is None) if claimed else None, exemption_problem=problem,
            route_satisfied=True, route_problem=None, expired=False,
            missing=_claim_missing(flow) if problem else (), would_change=unknown, **base,
        )  # fmt: skip
    if claimed and problem is None:
        article = EXEMPTION_ARTICLES[flow.exemption]
        return RouteDecision(
            True, trigger, NONE, (article, "XB-2024 Art 10", "PIPL Art 39"),
            f"exempt under {article} ({flow.exemption}); notice, separate consent and the PIA still apply",
            exemption_holds=True, exemption_problem=None, route_satisfied=True, route_problem=None, expired=False,
            missing=(), would_change=unknown, **base,
        )  # fmt: skip
    required, articles, reason = _computed_route(flow, processor, total, total_sensitive, limits)
    route_problem, missing, expired = _route_problem(flow, required)
    if claimed:
        missing = tuple(dict.fromkeys((*_claim_missing(flow), *missing)))
    unknown = list(unknown)
    if not (flow.core or flow.important) and processor.ciio is not True:
        if processor.ciio is None:
            unknown.append("processor.ciio")
        if processor.individuals is None:
            unknown.append("processor.exported_this_year.individuals")
        if flow.individuals is None:
            unknown.append("individuals")
        if flow.sensitive and processor.sensitive_individuals is None:
            unknown.append("processor.exported_this_year.sensitive_individuals")
    return RouteDecision(
        True, trigger, required, articles, reason,
        exemption_holds=False if claimed else None, exemption_problem=problem,
        route_satisfied=route_problem is None, route_problem=route_problem, expired=expired,
        missing=missing, would_change=tuple(unknown), **base,
    )  # fmt: skip
