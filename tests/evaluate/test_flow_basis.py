"""Per-flow basis, purpose and recipient role (compliance/evaluate/flow_basis.py; PIPL Arts 6, 13, 20, 21, 23).

Unit checks of the derived flow facts, and the evidence property over the rules that read them: removing
a piece of evidence (a consent record, a purpose declared under a basis, a notice, an agreement, a PIA, a
statutory-duty reference, an Art 24 safeguard) never turns a failing flow or asset into a passing one.
"""

from __future__ import annotations

import copy
import datetime
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.evaluate import evaluate_asset
from compliance.evaluate.flow_basis import consent_needed, flow_view
from compliance.manifest.model import Flow, Manifest
from compliance.policy import load_pack
from compliance.scanner import ScanOptions, scan_paths

DATA = Path(__file__).resolve().parents[1] / "rules" / "_data"
AS_OF = datetime.date(2026, 1, 1)
#: the rules of per-flow basis and purpose, recipient roles, publication, PIA, automated decisions,
#: minors and the legal hold
RULES = {
    "DCS-PI-003",
    "DCS-PI-004",
    "DCS-PI-006",
    "DCS-PI-008",
    "DCS-PI-009",
    "DCS-PI-010",
    "DCS-PI-011",
    "DCS-SPI-002",
    "DCS-SPI-003",
    "DCS-AD-001",
    "DCS-AD-002",
    "DCS-MIN-001",
    "DCS-GOV-005",
    "DCS-GOV-006",
}


def test_flow_inherits_the_assets_basis_and_the_default_role():
    view = flow_view({"id": "f", "recipient_type": "third_party"}, {"legal_basis": ["contract"]})
    assert view["legal_basis"] == ["contract"]
    assert view["recipient_role"] == "independent_processor"
    assert "basis_purposes" not in view
    assert view["consent_needed"] is True  # a basis without declared purposes covers nothing


def test_flow_basis_wins_over_the_assets():
    manifest = {"legal_basis": ["consent"], "contract": {"purposes": ["delivery"]}}
    view = flow_view({"id": "f", "purpose": "delivery", "legal_basis": ["contract"]}, manifest)
    assert view["legal_basis"] == ["contract"] and view["basis_purposes"] == ["delivery"]
    assert view["consent_needed"] is False


def test_sales_contract_does_not_cover_the_ad_network():
    manifest = {"legal_basis": ["contract"], "contract": {"purposes": ["delivery"]}}
    assert consent_needed(["contract"], "delivery", manifest) is False
    assert consent_needed(["contract"], "advertising", manifest) is True
    assert consent_needed(["contract"], None, manifest) is True
    assert consent_needed(None, "delivery", manifest) is True
    assert consent_needed(["consent"], "delivery", manifest) is True


def test_a_provision_the_law_obliges_rests_on_the_statutory_duty():
    manifest = {"legal_basis": ["consent"]}
    view = flow_view({"id": "f", "purpose": "aml_report", "statutory_duty_ref": "AML Law Art 35"}, manifest)
    assert view["legal_basis"] == ["consent", "legal_duty"]
    assert view["consent_needed"] is False
    assert flow_view({"id": "f", "purpose": "aml_report"}, manifest)["consent_needed"] is True


def test_purposes_are_the_union_over_the_flows_bases():
    manifest = {"consent": {"purposes": ["ads"]}, "contract": {"purposes": ["delivery"]}}
    view = flow_view({"id": "f", "purpose": "ads", "legal_basis": ["contract", "consent"]}, manifest)
    assert view["basis_purposes"] == ["ads", "delivery"] or view["basis_purposes"] == ["delivery", "ads"]
    assert view["consent_needed"] is True  # only consent covers "ads"


# ------------------------------------------------------------------------------- evidence property


@cache
def _pack():
    return load_pack()


@cache
def _scan(name: str):
    (scan,) = scan_paths([str(DATA / name)], _pack(), ScanOptions(as_of=AS_OF))
    assert scan.error is None
    return scan


BASES = ["consent", "contract", "hr_management", "legal_duty"]
PURPOSES = ["delivery", "advertising", "payroll", "archiving", "aml_reporting"]
REF = st.sampled_from(["REF-1", "REF-2"])
purposes = st.lists(st.sampled_from(PURPOSES), unique=True, max_size=3)
maybe = st.booleans()

flows = st.fixed_dictionaries(
    {
        "recipient_type": st.sampled_from(["internal", "third_party", "public_release", "data_exchange"]),
    },
    optional={
        "purpose": st.sampled_from(PURPOSES),
        "legal_basis": st.lists(st.sampled_from(BASES), unique=True, min_size=1, max_size=2),
        "recipient_role": st.sampled_from(["independent_processor", "entrusted_processor", "joint_processor"]),
        "contract_ref": REF,
        "pia_ref": REF,
        "notice_ref": REF,
        "statutory_duty_ref": REF,
    },
)
manifests = st.fixed_dictionaries(
    {"flows": st.lists(flows, min_size=1, max_size=3)},
    optional={
        "legal_basis": st.lists(st.sampled_from(BASES), unique=True, min_size=1, max_size=2),
        "consent": st.fixed_dictionaries(
            {},
            optional={
                "purposes": purposes,
                "guardian": maybe,
                "separate": st.fixed_dictionaries({}, optional={"provision": maybe, "publication": maybe}),
            },
        ),
        "contract": st.fixed_dictionaries({}, optional={"purposes": purposes}),
        "hr_management": st.fixed_dictionaries({}, optional={"purposes": purposes}),
        "legal_duty": st.fixed_dictionaries({}, optional={"purposes": purposes}),
        "pia_ref": REF,
        "notice_ref": REF,
        "automated_decision": maybe,
        "automated_decision_controls": st.fixed_dictionaries(
            {},
            optional={
                "transparency_ref": REF,
                "fair_treatment": maybe,
                "non_personalised_option": maybe,
                "explanation_channel": REF,
            },
        ),
        "retention": st.fixed_dictionaries(
            {"period": st.just("P5Y")}, optional={"purpose_fulfilled": maybe, "legal_hold_ref": REF}
        ),
        "categories": st.sampled_from([["personal"], ["minors_personal"]]),
    },
)
#: evidence: fields whose presence can only satisfy a requirement (exception claims such as a legal
#: hold, and the facts that decide what applies -- bases, roles, recipient types -- are not evidence)
EVIDENCE = [
    ("consent", "purposes"),
    ("consent", "guardian"),
    ("consent", "separate", "provision"),
    ("consent", "separate", "publication"),
    ("contract", "purposes"),
    ("hr_management", "purposes"),
    ("legal_duty", "purposes"),
    ("pia_ref",),
    ("notice_ref",),
    ("automated_decision_controls", "transparency_ref"),
    ("automated_decision_controls", "fair_treatment"),
    ("automated_decision_controls", "non_personalised_option"),
    ("automated_decision_controls", "explanation_channel"),
]
FLOW_EVIDENCE = ["contract_ref", "pia_ref", "notice_ref", "statutory_duty_ref"]


def _manifest(data: dict) -> Manifest:
    data = copy.deepcopy(data)
    for index, flow in enumerate(data["flows"]):
        flow["id"] = f"f{index}"
    data.update({"id": "asset", "source": "data.csv"})
    return Manifest(
        id="asset",
        path="asset.yaml",
        data=data,
        flows=tuple(Flow(f["id"], f) for f in data["flows"]),
        categories=tuple(data.get("categories") or ()),
    )


def _failing(data: dict, dataset: str) -> set[tuple[str, str]]:
    """(rule, flow id or "asset") of every violation of RULES: per rule, which is stronger than per flow
    (evidence is only ever read to satisfy a requirement, or to decide that consent is not needed)."""
    violations, _ = evaluate_asset(_pack(), _scan(dataset), _manifest(data))
    return {(v.rule, v.flow or "asset") for v in violations if v.rule in RULES}


def _remove(data: dict, path: tuple[str, ...]) -> bool:
    node = data
    for part in path[:-1]:
        node = node.get(part)
        if not isinstance(node, dict):
            return False
    return node.pop(path[-1], None) is not None


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manifests, st.sampled_from(["customers.csv", "cardholders.csv"]))
def test_removing_evidence_never_turns_a_failing_flow_into_a_passing_one(data, dataset):
    before = _failing(data, dataset)
    removals = [("manifest", p) for p in EVIDENCE] + [
        ("flow", (i, key)) for i, flow in enumerate(data["flows"]) for key in FLOW_EVIDENCE if key in flow
    ]
    for where, path in removals:  # every piece of evidence, one at a time
        weaker = copy.deepcopy(data)
        if where == "manifest":
            if not _remove(weaker, path):
                continue
        else:
            del weaker["flows"][path[0]][path[1]]
        after = _failing(weaker, dataset)
        assert before <= after, f"removing {path} made {sorted(before - after)} pass"
