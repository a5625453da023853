"""Properties of the cross-border route decision (compliance/evaluate/cross_border.py).

Monotonicity: more individuals, sensitive PI, important data or CIIO status never make the required
route weaker. Evidence: removing a piece of evidence (the route's or exemption's ref, a validity date, a declared
volume, a processor fact) never turns a failing flow into a passing one.
"""

from __future__ import annotations

import dataclasses
import datetime

from hypothesis import given
from hypothesis import strategies as st

from compliance.evaluate.cross_border import ROUTES, FlowFacts, Processor, Thresholds, decide, is_abroad

AS_OF = datetime.date(2026, 1, 1)
EXEMPTIONS = [
    None,
    "contract_necessity",
    "hr_management",
    "emergency",
    "small_volume",
    "no_personal_or_important",
    "transit",
    "ftz_negative_list",
]
MECHANISMS = [None, "standard_contract", "certification", "security_assessment", "exempt"]
# volumes around every threshold, plus small and huge ones
VOLUMES = st.one_of(
    st.none(),
    st.sampled_from([0, 1, 9_999, 10_000, 99_999, 100_000, 999_999, 1_000_000]),
    st.integers(min_value=0, max_value=3_000_000),
)
DATES = st.one_of(st.none(), st.dates(min_value=datetime.date(2025, 6, 1), max_value=datetime.date(2026, 6, 1)))

processors = st.builds(
    Processor, ciio=st.sampled_from([None, True, False]), individuals=VOLUMES, sensitive_individuals=VOLUMES
)
flows = st.builds(
    FlowFacts,
    recipient_type=st.sampled_from(["internal", "third_party", "cross_border", "public_release"]),
    access=st.sampled_from([None, "transfer", "remote_access"]),
    destination=st.sampled_from([None, "CN", "CN-SH", "SG", "HK", "US", "CN-TW"]),
    personal=st.booleans(),
    sensitive=st.booleans(),
    important=st.booleans(),
    core=st.booleans(),
    individuals=VOLUMES,
    sensitive_individuals=VOLUMES,
    mechanism=st.sampled_from(MECHANISMS),
    ref=st.sampled_from([None, "REF-1"]),
    valid_until=DATES,
    exemption=st.sampled_from(EXEMPTIONS),
    domestic_identifiers=st.sampled_from([(), ("CN_RESIDENT_ID",)]),
    as_of=st.just(AS_OF),
)


def _strength(flow: FlowFacts, processor: Processor) -> int:
    return ROUTES.index(decide(flow, processor).required_route)


def _passes(flow: FlowFacts, processor: Processor) -> bool:
    decision = decide(flow, processor)
    return decision.route_satisfied and decision.exemption_holds is not False


def _grow(value: int | None, extra: int) -> int | None:
    return None if value is None else value + extra


@given(flows, processors, st.integers(min_value=0, max_value=2_000_000))
def test_more_individuals_never_weaken_the_route(flow, processor, extra):
    more = dataclasses.replace(flow, individuals=_grow(flow.individuals, extra))
    assert _strength(more, processor) >= _strength(flow, processor)
    busier = dataclasses.replace(processor, individuals=_grow(processor.individuals, extra))
    assert _strength(flow, busier) >= _strength(flow, processor)
    sensitive = dataclasses.replace(processor, sensitive_individuals=_grow(processor.sensitive_individuals, extra))
    assert _strength(flow, sensitive) >= _strength(flow, processor)


@given(flows, processors)
def test_an_unknown_volume_is_never_weaker_than_a_known_one(flow, processor):
    unknown = dataclasses.replace(flow, individuals=None)
    assert _strength(unknown, processor) >= _strength(flow, processor)
    assert _strength(flow, dataclasses.replace(processor, individuals=None)) >= _strength(flow, processor)


@given(flows, processors)
def test_sensitive_pi_never_weakens_the_route(flow, processor):
    plain = dataclasses.replace(flow, sensitive=False)
    assert _strength(dataclasses.replace(flow, sensitive=True), processor) >= _strength(plain, processor)


@given(flows, processors)
def test_important_or_core_data_never_weaken_the_route(flow, processor):
    for field in ("important", "core"):
        assert _strength(dataclasses.replace(flow, **{field: True}), processor) >= _strength(
            dataclasses.replace(flow, **{field: False}), processor
        )


@given(flows, processors)
def test_ciio_status_never_weakens_the_route(flow, processor):
    non_ciio = _strength(flow, dataclasses.replace(processor, ciio=False))
    assert _strength(flow, dataclasses.replace(processor, ciio=True)) >= non_ciio
    assert _strength(flow, dataclasses.replace(processor, ciio=None)) >= non_ciio  # unknown fails closed


@given(flows, processors)
def test_removing_evidence_never_turns_a_failing_flow_into_a_passing_one(flow, processor):
    if _passes(flow, processor):
        return
    # evidence: references, validity dates, declared volumes, a remote accessor's location; the claims
    # themselves (mechanism, exemption) are what the evidence supports, not evidence
    stripped = [
        dataclasses.replace(flow, ref=None),
        dataclasses.replace(flow, valid_until=None),
        dataclasses.replace(flow, individuals=None),
        dataclasses.replace(flow, destination=None) if flow.access == "remote_access" else flow,
    ]
    for weaker in stripped:
        assert not _passes(weaker, processor)
    for absent in ("ciio", "individuals", "sensitive_individuals"):
        assert not _passes(flow, dataclasses.replace(processor, **{absent: None}))


@given(flows, processors)
def test_a_flow_inside_mainland_china_needs_no_route(flow, processor):
    domestic = dataclasses.replace(flow, destination="CN", recipient_type="third_party")
    decision = decide(domestic, processor)
    assert not decision.cross_border and decision.required_route == "none" and decision.route_satisfied


@given(flows, processors)
def test_a_destination_abroad_is_always_cross_border(flow, processor):
    for destination in ("SG", "HK", "CN-MO"):
        assert is_abroad(destination)
        assert decide(dataclasses.replace(flow, destination=destination), processor).cross_border


def test_thresholds_come_from_the_pack_settings():
    limits = Thresholds.from_settings({"cross_border": {"small_volume": 50, "assessment_individuals": 500}})
    assert limits == Thresholds(small_volume=50, assessment_individuals=500, assessment_sensitive=10_000)
    flow = FlowFacts(destination="SG", personal=True, individuals=60, as_of=AS_OF)
    non_ciio = Processor(ciio=False, individuals=0, sensitive_individuals=0)
    assert decide(flow, non_ciio, limits).required_route == "standard_contract_or_certification"
    assert decide(flow, non_ciio).required_route == "none"
